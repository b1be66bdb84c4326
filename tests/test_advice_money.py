"""Cost over three years under each provider's renewal rule, and ROI only where a source gives a figure."""

from __future__ import annotations

import pytest

from advice_fixtures import JAN, NOV, cred, mini_catalog
from certwise.advice.money import roi, three_year_cost


@pytest.fixture(scope="module")
def mini():
    return mini_catalog()


def test_aws_retake_every_three_years_with_a_50pct_voucher(mini):
    t = three_year_cost(mini.get("aws-ml-engineer-associate"), NOV)
    assert t["renewals"] == [{"year": 3, "cost_usd": {"low": 75, "high": 75},
                              "how": "retake the current exam with a 50% discount voucher"}]
    assert t["total_usd"] == {"low": 225, "high": 225}


def test_microsoft_free_yearly_online_renewal(mini):
    t = three_year_cost(mini.get("azure-ai-apps-agents-developer"), NOV)
    assert [r["year"] for r in t["renewals"]] == [1, 2, 3]
    assert all(r["cost_usd"] == {"low": 0, "high": 0} for r in t["renewals"])
    assert t["total_usd"] == {"low": 165, "high": 165}


def test_google_cloud_every_two_years(mini):
    t = three_year_cost(mini.get("google-ml-engineer"), NOV)
    assert [r["year"] for r in t["renewals"]] == [2]
    assert t["total_usd"] == {"low": 400, "high": 400}


def test_fundamentals_and_programs_that_never_expire(mini):
    t = three_year_cost(mini.get("ibm-ai-engineering"), NOV)
    assert t["renewals"] == [] and t["total_usd"] == {"low": 150, "high": 300}
    assert "does not expire" in t["rule"]


def test_a_retiring_exam_cannot_be_renewed_after_it_retires(mini):
    t = three_year_cost(mini.get("aws-ml-specialty"), JAN)
    assert t["renewals"][0]["cost_usd"] is None and "cannot be renewed" in t["renewals"][0]["how"]
    assert t["total_usd"] == {"low": 300, "high": 300}


def test_explicit_renewal_fee():
    c = cred("fee-cert", renewal={"validity_years": 1, "method": "continuing-education", "cost_usd": 50})
    assert three_year_cost(c, NOV)["total_usd"] == {"low": 250, "high": 250}


def test_roi_with_the_guides_figure(mini):
    r = roi(mini.get("google-ml-engineer"), 100_000, NOV)
    assert r["uplift_pct"] == {"low": 25, "high": 25}
    assert r["uplift_usd_per_year"] == {"low": 25000, "high": 25000}
    assert r["payback_months"]["low"] == pytest.approx(200 / (25000 / 12), abs=0.05)
    assert "self-reported" in r["caveat"]
    assert r["source"] is not None


def test_roi_payback_is_a_range_when_costs_vary():
    c = cred("ranged", cost={"usd": {"low": 100, "high": 400}, "basis": "exam"},
             salary_uplift={"pct": {"low": 10, "high": 20}, "basis": "self-reported survey"})
    r = roi(c, 60_000, NOV)
    assert r["payback_months"] == {"low": 0.1, "high": 0.8}  # 100 / (12000/12) .. 400 / (6000/12)


def test_no_source_no_figure(mini):
    r = roi(mini.get("ibm-ai-engineering"), 80_000, NOV)
    assert r["uplift_pct"] is None and r["uplift_usd_per_year"] is None and r["payback_months"] is None
    assert r["source"] is None and "does not invent" in r["caveat"]


@pytest.mark.parametrize("salary", [0, -1, float("inf")])
def test_bad_salary(mini, salary):
    with pytest.raises(ValueError, match="^salary must be"):
        roi(mini.get("google-ml-engineer"), salary, NOV)


def test_real_catalog_salary_figures_are_the_guides(catalog):
    for cid, pct in (("google-ml-engineer", 25), ("aws-ml-specialty", 20)):
        if cid in catalog:
            r = roi(catalog.get(cid), 100_000, NOV)
            assert r["uplift_pct"] == {"low": pct, "high": pct}
            assert "self-reported" in r["caveat"]
