"""The guide's FAQ answered from the data: the answers follow the date."""

from __future__ import annotations

from datetime import date

from certwise.advice.faq import faq

GUIDE = date(2026, 1, 9)
TODAY = date(2026, 11, 24)


def _by_id(catalog, as_of):
    return {q["id"]: q for q in faq(catalog, as_of)}


def test_six_questions_of_the_guide(catalog):
    qs = faq(catalog, TODAY)
    assert [q["id"] for q in qs] == ["worth-the-money", "which-first", "degree", "how-long", "best-free", "outdated"]
    assert all(q["question"].endswith("?") and q["answer"] for q in qs)


def test_outdated_follows_the_calendar(catalog):
    then, now = _by_id(catalog, GUIDE)["outdated"], _by_id(catalog, TODAY)["outdated"]
    assert "aws-ml-specialty" in then["ids"] and "Retiring soon" in then["answer"]
    assert "AWS Certified Machine Learning – Specialty retired on 2026-03-31" in now["answer"]
    assert catalog.get("aws-ml-engineer-associate").name in now["answer"]  # by name


def test_which_first_never_names_a_retired_credential(catalog):
    for as_of in (GUIDE, TODAY):
        ids = _by_id(catalog, as_of)["which-first"]["ids"]
        assert ids and all(catalog.get(i).is_live(as_of) for i in ids)
    assert "ibm-ai-engineering" in _by_id(catalog, TODAY)["which-first"]["ids"]


def test_salary_figures_are_the_sourced_ones(catalog):
    q = _by_id(catalog, TODAY)["worth-the-money"]
    assert set(q["ids"]) == {c.id for c in catalog if c.salary_uplift}
    assert "25%" in q["answer"] and "20%" in q["answer"] and "self-reported" in q["answer"]


def test_how_long_uses_the_records(catalog):
    a = _by_id(catalog, TODAY)["how-long"]["answer"]
    assert "Google AI Essentials: 5–10 hours" in a and "3–6 months" in a


def test_cli_and_web(cli):
    r = cli("faq", "--as-of", "2026-11-24", "--json")
    assert r.code == 0 and len(r.json()["questions"]) == 6
    assert "Do I need a degree" in cli("faq").out
    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    with TestClient(create_app()) as client:
        page = client.get("/faq?as_of=2026-11-24")
    assert page.status_code == 200
    assert "Will AI certifications become outdated quickly?" in page.text
    assert 'href="/credentials/aws-ml-specialty"' in page.text
