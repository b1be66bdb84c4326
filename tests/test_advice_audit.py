"""advice.audit: coherence, story, each warning code (and when it stays quiet), what next."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advice_fixtures import GUIDE_SEVEN, ONE_DIRECTION
from certwise.advice.audit import Holding, audit
from certwise.advice.coherence import COLLECTING_BELOW, holdings_coherence
from certwise.catalog.load import Catalog
from certwise.catalog.model import EXAMPLE, FACT_FIELDS, Credential

AS_OF = date(2026, 11, 25)


def cred(id: str, ecosystem: str = "aws", level: str = "associate", domains=("ml-engineering",),
         validity: float | None = 3, window: int | None = None, **over: Any) -> Credential:
    d: dict[str, Any] = {
        **EXAMPLE, "id": id, "name": over.pop("name", id.replace("-", " ").title()),
        "provider": over.pop("provider", {"aws": "Amazon Web Services", "gcp": "Google Cloud"}.get(ecosystem, ecosystem.title())),
        "ecosystem": ecosystem, "level": level, "domains": list(domains),
        "renewal": {"validity_years": validity, "method": "retake" if validity else "none", "window_days": window},
    }
    d.update(over)
    d["sources"] = [{"url": "https://example.org", "supports": list(FACT_FIELDS), "verified": "2026-11-24"}]
    return Credential.model_validate(d)


CAT = Catalog([
    cred("aws-found", level="foundational", domains=("cloud-fundamentals",), aliases=["AWS Found Exam"]),
    cred("aws-assoc", domains=("ml-engineering", "mlops"), recommended_before=["aws-found"], window=60),
    cred("aws-pro", level="professional", domains=("ml-engineering", "generative-ai"),
         recommended_before=["aws-assoc"]),
    cred("aws-old", level="specialty", domains=("ml-engineering", "mlops"),
         lifecycle={"retired": "2026-03-31", "successors": ["aws-assoc"]}),
    cred("gcp-found", ecosystem="gcp", level="foundational", domains=("cloud-fundamentals",)),
    cred("gcp-pro", ecosystem="gcp", level="professional", domains=("ml-engineering", "mlops")),
    cred("azure-x", ecosystem="azure", level="foundational", domains=("ai-literacy",), validity=None),
    cred("nvidia-x", ecosystem="nvidia", domains=("infrastructure",)),
    cred("databricks-x", ecosystem="databricks", level="professional", domains=("data-engineering",)),
    cred("neutral-lit", ecosystem="vendor-neutral", level="foundational", domains=("ai-literacy",), validity=None,
         provider="Coursera"),
])


def held(ident: str, earned: date | None = None, expires: date | None = None) -> Holding:
    return Holding(id=ident, name=ident, earned=earned, expires=expires)


def mill(name: str = "AI Certified Professional", issuer: str = "Global AI Academy") -> Holding:
    return Holding(id=None, name=name, issuer=issuer, earned=date(2026, 5, 1))


def codes(r: dict[str, Any]) -> list[str]:
    return [w["code"] for w in r["warnings"]]


def test_shape_follows_the_spec():
    r = audit([held("aws-found")], CAT, AS_OF)
    assert set(r) >= {"coherence", "story", "warnings", "expired", "expiring", "unrecognized", "redundant", "next"}
    assert 0 <= r["coherence"] <= 100 and isinstance(r["story"], str) and r["story"]
    assert r["as_of"] == "2026-11-25"


# --- expired ----------------------------------------------------------------------------------


def test_expired_by_the_providers_rule():
    r = audit([held("aws-assoc", earned=date(2023, 6, 1))], CAT, AS_OF)  # 3 years → 2026-06-01
    assert codes(r) == ["expired"]
    (e,) = r["expired"]
    assert e["id"] == "aws-assoc" and e["expires"] == "2026-06-01" and e["renewable"] is True
    assert r["held"][0]["expires_basis"] == "provider-rule"
    assert "renew" in r["warnings"][0]["message"]


def test_given_expiry_wins_over_the_rule_and_the_day_itself_is_not_expired():
    r = audit([held("aws-assoc", earned=date(2023, 6, 1), expires=AS_OF)], CAT, AS_OF, soon_days=0)
    assert r["expired"] == [] and [x["id"] for x in r["expiring"]] == ["aws-assoc"]
    r = audit([held("aws-assoc", expires=AS_OF - timedelta(days=1))], CAT, AS_OF)
    assert codes(r) == ["expired"]


def test_never_expiring_and_unknown_dates_are_not_expired():
    r = audit([held("azure-x", earned=date(2000, 1, 1)), held("aws-found")], CAT, AS_OF)
    assert "expired" not in codes(r) and "expiring-soon" not in codes(r)
    basis = {h["id"]: h["expires_basis"] for h in r["held"]}
    assert basis == {"azure-x": "never", "aws-found": "unknown"}


def test_expired_retired_credential_points_to_its_successor_or_lets_it_go():
    r = audit([held("aws-old", earned=date(2022, 1, 1))], CAT, AS_OF)
    (e,) = r["expired"]
    assert e["renewable"] is False and e["successors"] == ["aws-assoc"]
    assert "aws-assoc" in r["warnings"][0]["message"]
    r = audit([held("aws-old", earned=date(2022, 1, 1)), held("aws-assoc", earned=date(2026, 5, 1))], CAT, AS_OF)
    msg = next(w["message"] for w in r["warnings"] if w["code"] == "expired")
    assert "let it go" in msg


# --- expiring-soon ----------------------------------------------------------------------------


def test_expiring_soon_within_the_window_only():
    earned = date(2024, 1, 1)  # expires 2027-01-01: 37 days after AS_OF
    r = audit([held("aws-assoc", earned=earned)], CAT, AS_OF)
    assert codes(r) == ["expiring-soon"]
    (x,) = r["expiring"]
    assert x["days_left"] == 37 and x["renewal_window_start"] == "2026-11-02"
    assert "window opened" in r["warnings"][0]["message"]
    assert audit([held("aws-assoc", earned=earned)], CAT, AS_OF, soon_days=36)["warnings"] == []
    assert codes(audit([held("aws-assoc", earned=earned)], CAT, AS_OF, soon_days=37)) == ["expiring-soon"]


def test_current_credential_far_from_expiry_is_quiet():
    r = audit([held("aws-assoc", earned=date(2026, 1, 1))], CAT, AS_OF)
    assert r["warnings"] == [] and r["expired"] == [] and r["expiring"] == []
    assert r["held"][0]["state"] == "valid"


# --- unrecognized -----------------------------------------------------------------------------


def test_uncatalogued_mill_is_unrecognized():
    r = audit([mill()], CAT, AS_OF)
    assert codes(r) == ["unrecognized"]
    (u,) = r["unrecognized"]
    assert u["verdict"] == "skip" and u["mill_like"]
    assert {f["code"] for f in u["red_flags"]} >= {"generic-title", "unrecognized-issuer"}
    assert "certificate-mill" in r["warnings"][0]["message"]
    assert r["coherence"] == 0


def test_uncatalogued_but_specific_from_known_issuer_is_unrecognized_but_not_a_mill():
    r = audit([Holding(id=None, name="Vertex AI Pipelines Skill Badge", issuer="Google Cloud")], CAT, AS_OF)
    (u,) = r["unrecognized"]
    assert not u["mill_like"] and u["verdict"] != "skip"
    assert "certificate-mill" not in r["warnings"][0]["message"]


def test_catalogued_credentials_are_not_unrecognized_even_by_name_or_alias():
    r = audit([held("aws-found"), Holding(id=None, name="AWS Found Exam", issuer="AWS")], CAT, AS_OF)
    assert r["unrecognized"] == [] and "unrecognized" not in codes(r)
    assert [h["id"] for h in r["held"]] == ["aws-found"]  # the alias resolved, and merged


def test_full_description_goes_through_worth_evaluate_description(monkeypatch):
    seen: list[dict[str, Any]] = []

    def evaluate_description(desc, catalog, as_of):
        seen.append(desc)
        return {"verdict": "situational", "red_flags": [{"code": "no-hands-on", "message": "no labs"}]}

    import certwise.advice.holdings as holdings

    monkeypatch.setattr(holdings, "evaluate_description", evaluate_description)
    h = Holding(id=None, name="Robots", issuer="Acme", url="https://acme.example/b",
                details={"price_usd": 20, "hours": 3, "assessment": "project"})
    r = audit([h], CAT, AS_OF)
    assert seen == [{"name": "Robots", "issuer": "Acme", "url": "https://acme.example/b", "price_usd": 20,
                     "hours": 3, "assessment": "project"}]
    (u,) = r["unrecognized"]
    assert u["verdict"] == "situational" and u["basis"] == "full-description" and not u["mill_like"]


def test_real_worth_judges_a_full_description():
    h = Holding(id=None, name="AI Certified Professional", issuer="Global AI Academy",
                details={"price_usd": 499, "hours": 4, "assessment": "quiz", "hands_on": False})
    (u,) = audit([h], CAT, AS_OF)["unrecognized"]
    assert u["basis"] == "full-description" and u["verdict"] == "skip"
    assert {"generic-title", "unrecognized-issuer", "quiz-only"} <= {f["code"] for f in u["red_flags"]}


def test_name_and_issuer_only_does_not_invent_a_missing_assessment():
    (u,) = audit([Holding(id=None, name="Robots in Practice", issuer="Acme")], CAT, AS_OF)["unrecognized"]
    assert u["basis"] == "name-and-issuer"
    assert {f["code"] for f in u["red_flags"]} == {"unrecognized-issuer"}  # not quiz-only: we don't know


# --- redundant --------------------------------------------------------------------------------


def test_same_level_and_domains_on_two_platforms_is_redundant():
    r = audit([held("aws-found"), held("gcp-found")], CAT, AS_OF)
    assert codes(r) == ["redundant"]
    (x,) = r["redundant"]
    assert set(x["ids"]) == {"aws-found", "gcp-found"} and x["keep"] in x["ids"]


def test_superseded_and_its_successor_are_redundant_keep_the_successor():
    r = audit([held("aws-old", earned=date(2025, 1, 1)), held("aws-assoc", earned=date(2026, 6, 1))], CAT, AS_OF)
    (x,) = r["redundant"]
    assert x["ids"] == ["aws-old", "aws-assoc"] and x["keep"] == "aws-assoc"
    assert "superseded" not in codes(r)  # you hold the successor already


def test_different_levels_or_domains_are_not_redundant():
    r = audit([held("aws-found"), held("aws-assoc"), held("gcp-pro"), held("aws-pro")], CAT, AS_OF)
    assert r["redundant"] == [] and "redundant" not in codes(r)


def test_retired_but_valid_credential_is_superseded():
    r = audit([held("aws-old", earned=date(2025, 6, 1))], CAT, AS_OF)
    assert codes(r) == ["superseded"]
    assert r["next"][0] == "aws-assoc"  # its successor keeps the story current


# --- collecting and the story -----------------------------------------------------------------


def test_seven_badges_that_tell_no_story():
    seven = [held("aws-found"), held("azure-x"), held("nvidia-x"), held("databricks-x"), mill(),
             mill("Certified ChatGPT Prompt Expert", "PromptMasters Institute"),
             mill("Generative AI Master", "AI Skills Hub")]
    r = audit(seven, CAT, AS_OF)
    assert r["coherence"] < COLLECTING_BELOW
    assert codes(r)[0] == "collecting"
    assert "unrecognized" in codes(r)
    assert r["story"].startswith("Seven badges that tell no story")
    assert "quality over quantity" in r["story"]


def test_many_recognised_but_scattered_is_still_collecting():
    r = audit([held(i) for i in ("aws-found", "azure-x", "nvidia-x", "databricks-x", "gcp-pro")], CAT, AS_OF)
    assert "collecting" in codes(r) and r["story"].startswith("Five badges that tell no story")


def test_coherent_path_is_not_collecting_and_says_so():
    r = audit([held("aws-found", earned=date(2024, 1, 1)), held("aws-assoc", earned=date(2025, 1, 1)),
               held("aws-pro", earned=date(2026, 1, 1)), held("neutral-lit", earned=date(2026, 2, 1))], CAT, AS_OF)
    assert "collecting" not in codes(r)
    assert r["coherence"] >= 70
    assert r["story"].startswith("A coherent story: AWS credentials")
    assert "rising from foundational to professional" in r["story"]


def test_few_credentials_are_never_collecting():
    r = audit([held("aws-found"), held("nvidia-x"), held("databricks-x")], CAT, AS_OF)
    assert "collecting" not in codes(r)


def test_no_holdings():
    r = audit([], CAT, AS_OF)
    assert r["coherence"] == 0 and r["warnings"] == [] and r["story"].startswith("No credentials yet")


def test_mills_dilute_coherence():
    alone = audit([held("aws-found"), held("aws-assoc")], CAT, AS_OF)["coherence"]
    diluted = audit([held("aws-found"), held("aws-assoc"), mill()], CAT, AS_OF)["coherence"]
    assert diluted < alone


# --- next -------------------------------------------------------------------------------------


def test_next_is_the_next_level_on_the_dominant_path():
    r = audit([held("aws-found"), held("aws-assoc")], CAT, AS_OF)
    assert r["next"][0] == "aws-pro"
    assert "next level" in r["next_steps"][0]["why"]


def test_next_never_offers_what_you_hold_or_what_is_retired():
    r = audit([held(c.id) for c in CAT if c.id != "aws-pro"], CAT, AS_OF)
    assert not set(r["next"]) & {c.id for c in CAT if c.id != "aws-pro"}
    assert "aws-old" not in r["next"]


def test_duplicates_merge_keeping_the_latest_renewal():
    r = audit([held("aws-assoc", earned=date(2020, 1, 1)), held("aws-assoc", earned=date(2026, 1, 1))], CAT, AS_OF)
    assert len(r["held"]) == 1 and r["held"][0]["earned"] == "2026-01-01" and r["expired"] == []


# --- holdings from other sources --------------------------------------------------------------


def test_holding_from_dict_badge_and_entry():
    h = Holding.from_obj({"id": "aws-found", "name": "AWS Found", "issuer": "AWS", "earned": "2025-01-02",
                          "expires": None, "source": "import"})
    assert h.earned == date(2025, 1, 2) and h.source == "import"
    from certwise.interop.openbadges import Badge

    b = Badge(id=None, name="Robots", issuer="Acme", earned=date(2025, 1, 2), expires=None, file="b.json",
              format="ob2", credential_url="https://x")
    hb = Holding.from_obj(b)
    assert (hb.name, hb.issuer, hb.source, hb.url) == ("Robots", "Acme", "badge", "https://x")
    from datetime import datetime

    from certwise.store import Entry

    e = Entry(entry_id="e1", id="aws-found", name="AWS Found", issuer="AWS", state="held", earned=date(2025, 3, 1),
              expires=date(2028, 3, 1), credential_url=None, source="manual", created=datetime(2026, 11, 25))
    he = Holding.from_obj(e)
    assert he.id == "aws-found" and he.expires == date(2028, 3, 1)


def test_holding_dates_accept_datetimes_and_reject_nonsense():
    from datetime import datetime

    assert Holding.from_obj({"id": None, "name": "x", "earned": datetime(2025, 1, 2, 3, 4)}).earned == date(2025, 1, 2)
    assert Holding.from_obj({"id": None, "name": "x", "earned": "2025-01-02T10:00:00Z"}).earned == date(2025, 1, 2)
    with pytest.raises(ValueError, match="not a date"):
        Holding.from_obj({"id": None, "name": "x", "expires": "soon"})


# --- the real catalog -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    from certwise.catalog.load import DATA_DIR, load_catalog

    return load_catalog(DATA_DIR)[0]


def test_real_seven_badges(real):
    ids = ["aws-cloud-practitioner", "azure-ai-fundamentals", "google-ai-essentials", "nvidia-nca-genl"]
    seven = [Holding(id=i, name=i, earned=date(2026, 1, 1) + timedelta(days=30 * n)) for n, i in enumerate(ids)]
    seven += [mill(), mill("Certified ChatGPT Prompt Expert", "PromptMasters Institute"),
              mill("Generative AI Master", "AI Skills Hub")]
    r = audit(seven, real, AS_OF)
    assert r["story"].startswith("Seven badges that tell no story, collected within a year")
    assert codes(r)[0] == "collecting"


def test_real_aws_path_points_to_the_professional(real):
    r = audit([Holding(id=i, name=i) for i in ("aws-cloud-practitioner", "aws-ai-practitioner",
                                                "aws-ml-engineer-associate")], real, AS_OF)
    assert r["coherence"] >= 70 and "collecting" not in codes(r)
    assert r["next"][0] == "aws-genai-developer"


def test_real_guide_anecdote_is_collecting_and_one_direction_is_not(real):
    earned = [date(2026, 1, 5) + timedelta(days=45 * n) for n in range(len(GUIDE_SEVEN))]  # within a year
    r = audit([Holding(id=i, name=i, earned=d) for i, d in zip(GUIDE_SEVEN, earned, strict=True)], real, AS_OF)
    assert codes(r)[0] == "collecting" and r["coherence"] < COLLECTING_BELOW
    assert r["story"].startswith("Seven badges that tell no story, collected within a year")
    r = audit([Holding(id=i, name=i) for i in ONE_DIRECTION], real, AS_OF)
    assert "collecting" not in codes(r) and r["coherence"] >= 90
    assert r["story"].startswith("A coherent story: AWS credentials")


def test_real_audit_and_recommend_give_the_same_coherence_for_the_same_holdings(real):
    from certwise.advice.profile import Profile
    from certwise.advice.recommend import recommend

    for held_ids in (GUIDE_SEVEN, ONE_DIRECTION, GUIDE_SEVEN[:4], ("aws-cloud-practitioner", "nvidia-nca-genl")):
        a = audit([Holding(id=i, name=i) for i in held_ids], real, AS_OF)
        assert a["coherence"] == holdings_coherence(held_ids, real).score
        rec = recommend(Profile(role="developer", held=held_ids), real, AS_OF)
        warned = [w["message"] for w in rec["warnings"] if w["code"] == "collecting"]
        assert bool(warned) == ("collecting" in codes(a))
        if warned:
            assert f"(coherence {a['coherence']}/100)" in warned[0]


def test_real_holder_of_retired_specialty_is_pointed_to_its_successor(real):
    r = audit([Holding(id="MLS-C01", name="x", earned=date(2025, 1, 10))], real, AS_OF)
    assert r["held"][0]["id"] == "aws-ml-specialty"
    assert "superseded" in codes(r)
    assert r["next"][0] in real.get("aws-ml-specialty").lifecycle.successors


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.tuples(st.sampled_from(CAT.ids()),
                             st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2026, 11, 25)))), max_size=8),
    mills=st.integers(min_value=0, max_value=3),
    soon=st.integers(min_value=0, max_value=400),
)
def test_audit_properties(picks, mills, soon):
    hs = [held(i, earned=d) for i, d in picks] + [mill(f"AI Expert {n}", f"Issuer {n}") for n in range(mills)]
    r = audit(hs, CAT, AS_OF, soon_days=soon)
    assert r == audit(hs, CAT, AS_OF, soon_days=soon)  # deterministic
    assert 0 <= r["coherence"] <= 100
    exp = {e["id"] for e in r["expired"]}
    assert not exp & {e["id"] for e in r["expiring"]}
    assert all(date.fromisoformat(e["expires"]) < AS_OF for e in r["expired"])
    assert all(0 <= e["days_left"] <= soon for e in r["expiring"])
    held_ids = {i for i, _ in picks}
    assert not set(r["next"]) & held_ids
    assert all(CAT.get(i).is_live(AS_OF) for i in r["next"])
    assert {w["code"] for w in r["warnings"]} <= {"collecting", "expired", "expiring-soon", "unrecognized",
                                                   "redundant", "superseded"}
