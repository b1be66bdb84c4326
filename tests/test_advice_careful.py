"""Advice a careful advisor would sign, as users meet it (CLI JSON and the API): a free-only budget,
seniority, one story about what you hold, the next rung, "no certificate" as an answer, and
reasons that read as advice."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from certwise.web.app import create_app

DAY = "2026-12-01"


@pytest.fixture
def api(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://")) as c:
        yield c


def both(cli, api, flags: list[str], body: dict) -> list[dict]:
    out = cli("recommend", *flags, "--as-of", DAY, "--json")
    assert out.code == 0, out.err
    resp = api.post("/api/v1/recommend", json={**body, "as_of": DAY})
    assert resp.status_code == 200, resp.text
    assert out.json() == resp.json()
    return [out.json(), resp.json()]


def test_a_free_only_budget_marks_every_paid_pick(cli, api, catalog):
    for r in both(cli, api, ["--role", "career-changer", "--budget", "0"], {"role": "career-changer", "budget_usd": 0}):
        top = r["recommendations"][0]
        c = catalog.get(top["id"])
        assert c.cost.is_free or (c.cost.financial_aid and "Free only with financial aid" in top["budget_note"])
        assert all(x["over_budget"] == (not catalog.get(x["id"]).cost.is_free) for x in r["recommendations"])
        assert any(w["code"] == "over-budget" for w in r["warnings"])


def test_seniors_who_build_are_not_sent_to_foundations(cli, api, catalog):
    senior = {"role": "ml-practitioner", "years_experience": 11, "goal": "leadership"}
    for r in both(cli, api, ["--role", "ml-practitioner", "--years", "11", "--goal", "leadership"], senior):
        levels = [x["level"] for x in r["recommendations"][:5]]
        assert "foundational" not in levels
        assert r["before_you_certify"]["code"] == "track-record"
    held = cli("recommend", "--role", "ml-practitioner", "--years", "11", "--goal", "leadership", "--held",
               "aws-ml-engineer-associate", "--as-of", DAY, "--json").json()
    assert all(catalog.get(i).level.value != "foundational" for i in held["stack"])


def test_literacy_in_a_new_field_is_the_one_reason_a_senior_gets_foundations(cli):
    r = cli("recommend", "--role", "ml-practitioner", "--years", "11", "--goal", "ai-literacy", "--as-of", DAY,
            "--json").json()
    top = r["recommendations"][0]
    assert top["level"] == "foundational" and any("literacy in a field new to you" in x for x in top["reasons"])


@pytest.mark.parametrize("flags,code", [
    (["--role", "developer", "--years", "6", "--goal", "ml-engineering"], "projects-first"),
    (["--role", "student", "--goal", "first-ai-role"], "internship-first"),
    (["--role", "leader", "--years", "15", "--goal", "leadership"], "track-record"),
])
def test_no_certificate_is_said_first_when_it_is_the_better_lever(cli, flags, code):
    r = cli("recommend", *flags, "--as-of", DAY, "--json").json()
    assert r["before_you_certify"]["code"] == code and r["recommendations"]  # said first, still listed
    text = cli("recommend", *flags, "--as-of", DAY).out
    assert text.index("First:") < text.index("Top pick")


def test_a_newcomer_hears_no_such_thing(cli):
    r = cli("recommend", "--role", "career-changer", "--as-of", DAY, "--json").json()
    assert r["before_you_certify"] is None


def test_credentials_aimed_at_someone_else_are_flagged(cli):
    r = cli("recommend", "--role", "developer", "--years", "4", "--goal", "generative-ai", "--limit", "50",
            "--as-of", DAY, "--json").json()
    notes = {x["id"]: x.get("fit_note") for x in r["recommendations"]}
    assert any(n and "work with AI rather than build it" in n for n in notes.values())
    assert all("prestige" in notes[i] for i in ("stanford-ai-programs", "mit-ml-ai-certificate") if i in notes)


def test_the_guides_seven_certificates_are_collecting_in_recommend_and_audit(cli):
    seven = ["google-ai-essentials", "aws-cloud-practitioner", "azure-fundamentals", "nvidia-nca-genl",
             "ibm-ai-engineering", "databricks-ml-associate", "google-genai-leader"]
    held = [a for h in seven for a in ("--held", h)]
    rec = cli("recommend", *held, "--as-of", DAY, "--json").json()
    aud = cli("audit", *held, "--as-of", DAY, "--json").json()
    coll = next(w for w in rec["warnings"] if w["code"] == "collecting")
    assert any(w["code"] == "collecting" for w in aud["warnings"])
    assert f"coherence {aud['coherence']}/100" in coll["message"]  # the same figure in both


def test_the_next_step_after_two_foundations_is_an_associate(cli, api):
    r = cli("audit", "--held", "aws-cloud-practitioner", "--held", "aws-ai-practitioner", "--as-of", DAY,
            "--json").json()
    assert r["next"][0] == "aws-ml-engineer-associate"
    a = api.post("/api/v1/audit", json={"held": ["aws-cloud-practitioner", "aws-ai-practitioner"], "as_of": DAY})
    assert a.json()["next"] == r["next"]


def test_reasons_read_as_advice(cli, catalog):
    texts = []
    for flags in (["--role", "developer", "--cloud", "aws", "--years", "4"], ["--role", "career-changer", "--budget", "0"],
                  ["--cloud", "azure", "--role", "developer", "--cloud-experience", "some", "--years", "4"]):
        r = cli("recommend", *flags, "--as-of", DAY, "--json").json()
        texts += [x for rec in r["recommendations"] for x in rec["reasons"]] + [w["message"] for w in r["warnings"]]
    for ident in ("aws-ml-specialty", "azure-ai-engineer"):
        texts += cli("evaluate", ident, "--as-of", DAY, "--json").json()["reasons"]
    ids = {c.id for c in catalog}
    for t in texts:
        assert not re.search(r"\b\d+\.0\b", t), t  # "2 years", not "2.0 years"
        assert not re.search(r"\b\d+\.0%", t), t
        assert not any(re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", t) for i in ids), t  # names, not ids
