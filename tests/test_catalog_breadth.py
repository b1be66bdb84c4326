"""The catalog people ask about in late 2026: exam versions, the credentials they name, closed
programmes shown but never recommended, and the new records placed where they fit."""

from __future__ import annotations

from datetime import date

import pytest

from certwise.advice.profile import Profile
from certwise.advice.recommend import recommend
from certwise.catalog.quality import catalog_audit
from certwise.catalog.search import search

TODAY = date(2026, 12, 1)


def test_the_catalog_is_broad_and_clean(catalog):
    assert len(catalog) >= 71
    report = catalog_audit(catalog, TODAY)
    bad = [(r["id"], r["denylisted"], r["quote_misses_credential"]) for r in report["records"]
           if r["denylisted"] or r["quote_misses_credential"]]
    assert report["ok"] and bad == []


@pytest.mark.parametrize("query,expected", [
    ("machine learning specialization", "deeplearningai-ml-specialization"),
    ("deep learning specialization", "deeplearningai-deep-learning-specialization"),
    ("SecAI+", "comptia-secai-plus"),
    ("CY0-001", "comptia-secai-plus"),
    ("AI-200", "azure-ai-cloud-developer"),
    ("AB-730", "microsoft-ai-business-professional"),
    ("AB-731", "microsoft-ai-transformation-leader"),
    ("AB-100", "microsoft-agentic-ai-business-solutions-architect"),
    ("GH-300", "github-copilot"),
    ("claude certified architect", "anthropic-claude-certified-architect-foundations"),
    ("openai certification", "openai-ai-foundations"),
    ("agentforce specialist", "salesforce-agentforce-specialist"),
    ("oci ai foundations", "oracle-oci-ai-foundations"),
    ("oci generative ai professional", "oracle-oci-genai-professional"),
    ("PMI-CPMAI", "pmi-cpmai"),
    ("AAIA", "isaca-aaia"),
    ("AAISM", "isaca-aaism"),
    ("snowpro gen ai", "snowflake-snowpro-genai"),
    ("watsonx generative ai engineer", "ibm-watsonx-genai-engineer"),
    ("NCP-AIN", "nvidia-ncp-ain"),
    ("MLA-C02", "aws-ml-engineer-associate"),
    ("MLA-C01", "aws-ml-engineer-associate"),
    ("AI-901", "azure-ai-fundamentals"),
    ("google skills", "google-cloud-skills-boost"),
])
def test_each_credential_people_ask_about_is_found(catalog, query, expected):
    hits = search(catalog, query, limit=3)
    assert hits and hits[0][0].id == expected, [c.id for c, _ in hits]


def test_show_names_the_exam_version_in_force_and_its_dates(cli):
    j = cli("show", "aws-ml-engineer-associate", "--as-of", "2026-12-01", "--json").json()
    assert j["exam_version"]["code"] == "MLA-C02" and j["exam_version"]["beta_from"] == "2026-09-29"
    assert j["exam_version"]["in_beta"] and j["status"] == "beta"
    assert {"MLA-C01", "MLA-C02"} <= {v["code"] for v in j["versions"]}
    assert next(v for v in j["versions"] if v["code"] == "MLA-C01")["last_day"] == "2026-09-28"
    text = cli("show", "MLA-C02", "--as-of", "2026-12-01").out
    assert "MLA-C02" in text and "beta from 2026-09-29" in text
    before = cli("show", "aws-ml-engineer-associate", "--as-of", "2026-06-01", "--json").json()
    assert before["exam_version"]["code"] == "MLA-C01" and before["next_exam_version"]["code"] == "MLA-C02"


def test_closed_credentials_are_shown_as_such_and_never_recommended(catalog, cli):
    closed = [c for c in catalog if c.access != "public"]
    assert {c.provider for c in closed} >= {"Anthropic", "OpenAI"}
    j = cli("show", "anthropic-claude-certified-architect-foundations", "--json").json()
    assert "Not open to individuals" in j["access_note"]
    for profile in (Profile(role="developer", goal="generative-ai", years_experience=4),
                    Profile(role="career-changer"), Profile(role="leader", goal="ai-literacy")):
        picks = {r["id"] for r in recommend(profile, catalog, TODAY, limit=50)["recommendations"]}
        assert not picks & {c.id for c in closed}


def _top(profile: Profile, catalog, n: int = 3) -> list[str]:
    return [r["id"] for r in recommend(profile, catalog, TODAY, limit=n)["recommendations"]]


def test_governance_people_get_governance_credentials(catalog):
    top = _top(Profile(role="leader", goal="ai-governance", years_experience=10), catalog, 5)
    assert {"iapp-aigp", "isaca-aaism", "comptia-secai-plus"} & set(top)


def test_platform_people_get_their_platforms_credential_first(catalog):
    assert _top(Profile(role="developer", platforms=("salesforce",), goal="generative-ai", years_experience=3),
                catalog)[0] == "salesforce-agentforce-specialist"
    assert _top(Profile(role="data-professional", platforms=("snowflake",), goal="generative-ai",
                        years_experience=5), catalog)[0] == "snowflake-snowpro-genai"


def test_a_zero_budget_is_honoured(catalog):
    r = recommend(Profile(role="career-changer", budget_usd=0), catalog, TODAY)
    recs = r["recommendations"]
    assert "oracle-oci-ai-foundations" in [x["id"] for x in recs]  # the free foundations exam
    for x in recs:
        c = catalog.get(x["id"])
        assert c.cost.is_free or c.cost.financial_aid  # free only, or an aid route the source documents
        assert x["over_budget"] is (not c.cost.is_free)
        if not c.cost.is_free:
            assert x["budget_note"].startswith("Free only with financial aid")
    assert any(w["code"] == "over-budget" for w in r["warnings"])


def test_a_requirement_of_one_of_several_credentials_gates_the_exam(catalog):
    ab100 = "microsoft-agentic-ai-business-solutions-architect"
    dev = dict(role="developer", cloud="azure", cloud_experience="some", years_experience=6, goal="generative-ai")
    assert ab100 not in {r["id"] for r in recommend(Profile(**dev), catalog, TODAY, limit=50)["recommendations"]}
    held = Profile(**dev, held=("azure-ai-engineer",))
    assert ab100 in {r["id"] for r in recommend(held, catalog, TODAY, limit=50)["recommendations"]}


def test_the_readme_states_the_catalog_as_it_is(catalog):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"**{len(catalog)} credentials**" in readme
    assert sum(c.provider == "NVIDIA" for c in catalog) == 11 and "NVIDIA (11 exams" in readme


def test_recommend_warns_when_the_exam_changes_version_before_you_would_sit_it(cli):
    flags = ["--role", "developer", "--cloud", "aws", "--cloud-experience", "some", "--years", "4", "--goal",
             "ml-engineering", "--json"]
    before = cli("recommend", *flags, "--as-of", "2026-09-01").json()
    msg = next(w["message"] for w in before["warnings"] if w["code"] == "exam-version-change")
    assert "MLA-C01" in msg and "MLA-C02" in msg
    after = cli("recommend", *flags, "--as-of", "2026-12-01").json()
    assert "exam-version-change" not in {w["code"] for w in after["warnings"]}
