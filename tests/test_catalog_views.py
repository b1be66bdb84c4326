"""Catalog answers for credentials whose price no source states (e.g. imported CTDL records)."""

from __future__ import annotations

from datetime import date

from certwise.catalog.browse import Filters, credential_summary, list_credentials
from certwise.catalog.load import Catalog
from certwise.catalog.model import EXAMPLE, Credential

TODAY = date(2026, 11, 24)


def _unknown_cost() -> Credential:
    return Credential.model_validate({**EXAMPLE, "id": "mystery-cert", "name": "Mystery Certification",
                                      "cost": {"usd": {"low": 0, "high": 0}, "basis": "exam", "unknown": True}})


def test_unknown_cost_is_not_free_and_not_cheap():
    c = _unknown_cost()
    assert not c.cost.is_free
    s = credential_summary(c, TODAY)
    assert s["cost_usd"] is None and s["free"] is False
    cat = Catalog([c, Credential.model_validate(EXAMPLE)])
    assert [x["id"] for x in list_credentials(cat, TODAY, Filters(max_cost=150))["credentials"]] == ["example-cert"]
    assert list_credentials(cat, TODAY, Filters(free=True))["count"] == 0


def test_unknown_cost_is_never_a_free_recommendation():
    from certwise.advice.profile import profile_from
    from certwise.advice.recommend import recommend

    exam = {"minutes": 90, "proctored": True}
    sources = [{**EXAMPLE["sources"][0], "supports": ["cost", "prep", "renewal", "url", "exam"]}]
    mystery = Credential.model_validate({**EXAMPLE, "id": "mystery-cert", "name": "Mystery Certification",
                                         "exam": exam, "sources": sources,
                                         "cost": {"usd": {"low": 0, "high": 0}, "basis": "exam", "unknown": True}})
    free = Credential.model_validate({**EXAMPLE, "id": "free-cert", "name": "Free Certification", "exam": exam,
                                      "sources": sources, "cost": {"usd": {"low": 0, "high": 0}, "basis": "free"}})
    ids = [r["id"] for r in recommend(profile_from({"budget_usd": 0}), Catalog([mystery, free]), TODAY)["recommendations"]]
    assert "free-cert" in ids
    assert "mystery-cert" not in ids
