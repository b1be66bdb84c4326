"""advice.plan: sequence, study weeks, milestones, exam and renewal dates, validation."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certwise.advice.plan import TOPICS, PlanError, add_years, make_plan, stage_for, study_hours
from certwise.catalog.load import Catalog
from certwise.catalog.model import EXAMPLE, FACT_FIELDS, Credential

START = date(2027, 1, 4)  # a Monday


def cred(id: str = "example-cert", **over: Any) -> Credential:
    d: dict[str, Any] = {**EXAMPLE, "id": id, "name": over.pop("name", id.replace("-", " ").title())}
    d.update(over)
    d["sources"] = [{"url": "https://example.org", "supports": list(FACT_FIELDS), "verified": "2026-11-24"}]
    return Credential.model_validate(d)


def hours(low: float, high: float) -> dict[str, Any]:
    return {"hours": {"low": low, "high": high}}


# --- one credential ---------------------------------------------------------------------------


def test_single_item_has_the_spec_shape():
    p = make_plan([cred(prep=hours(10, 20))], START, 5)
    assert set(p) >= {"start", "end", "items", "total_cost_usd", "hours_per_week"}
    (it,) = p["items"]
    assert set(it) >= {"id", "name", "study_start", "study_weeks", "exam_date", "renewal_due",
                       "renewal_window_start", "cost_usd", "milestones"}
    assert p["start"] == it["study_start"] == "2027-01-04"
    assert it["study_weeks"] == 4  # 20 h (early career: top of the range) at 5 h/week
    assert it["exam_date"] == "2027-02-01" == p["end"]
    assert it["renewal_due"] == "2029-02-01"  # validity 2 years from the exam
    assert it["renewal_window_start"] is None
    assert p["total_cost_usd"] == {"low": 100, "high": 100}
    assert all(set(m) >= {"week", "topic", "project"} for m in it["milestones"])


def test_study_weeks_round_up_and_are_at_least_one():
    assert make_plan([cred(prep=hours(10, 21))], START, 5)["items"][0]["study_weeks"] == 5
    assert make_plan([cred(prep=hours(1, 1))], START, 40)["items"][0]["study_weeks"] == 1


@pytest.mark.parametrize(("years", "stage", "expected_hours"), [(0, "early", 160), (2, "early", 160),
                                                                (3, "mid", 120), (7, "mid", 120),
                                                                (8, "senior", 80), (20, "senior", 80)])
def test_experience_adjusts_study_hours_and_is_stated(years, stage, expected_hours):
    c = cred(prep=hours(80, 160))
    assert stage_for(years) == stage
    assert study_hours(c, years) == expected_hours
    p = make_plan([c], START, 10, years)
    assert p["stage"] == stage and p["years_experience"] == years
    assert p["items"][0]["study_hours"] == expected_hours
    assert p["items"][0]["study_weeks"] == math.ceil(expected_hours / 10)
    assert "early career" in p["adjustment"] and "senior" in p["adjustment"]


def test_renewal_window_from_window_days():
    c = cred(renewal={"validity_years": 3, "method": "discounted-retake", "window_days": 60})
    it = make_plan([c], START, 5)["items"][0]
    due = date.fromisoformat(it["renewal_due"])
    assert due == add_years(date.fromisoformat(it["exam_date"]), 3)
    assert date.fromisoformat(it["renewal_window_start"]) == due - timedelta(days=60)


@pytest.mark.parametrize("renewal", [{"validity_years": None, "method": "none"},
                                     {"method": "not-applicable"}])
def test_never_expires_means_no_renewal(renewal):
    it = make_plan([cred(renewal=renewal)], START, 5)["items"][0]
    assert it["renewal_due"] is None and it["renewal_window_start"] is None


def test_add_years_clamps_leap_day_and_takes_fractions():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2026, 1, 31), 1.5) == date(2027, 7, 31)


# --- several credentials -----------------------------------------------------------------------


def test_prerequisites_come_first_whatever_the_order_given():
    base = cred("base-cert", level="foundational")
    adv = cred("adv-cert", level="associate", prerequisites=["base-cert"])
    p = make_plan([adv, base], START, 5)
    assert [i["id"] for i in p["items"]] == ["base-cert", "adv-cert"]


def test_recommended_before_beats_level_and_level_beats_order_given():
    pro = cred("pro-cert", level="professional")
    fnd = cred("fnd-cert", level="foundational")
    assoc = cred("assoc-cert", level="associate", recommended_before=["pro-cert"])
    ids = [i["id"] for i in make_plan([pro, assoc, fnd], START, 5)["items"]]
    assert ids == ["fnd-cert", "pro-cert", "assoc-cert"]


def test_items_follow_each_other_with_a_week_to_make_it_count():
    a, b = cred("a-cert", level="foundational"), cred("b-cert", level="associate")
    p = make_plan([a, b], START, 5)
    first, second = p["items"]
    assert date.fromisoformat(second["study_start"]) == date.fromisoformat(first["exam_date"]) + timedelta(weeks=1)
    assert p["end"] == second["exam_date"]
    assert p["total_cost_usd"] == {"low": 200, "high": 200}


def test_duplicates_are_planned_once():
    c = cred()
    assert len(make_plan([c, c], START, 5)["items"]) == 1


def test_missing_prerequisite_is_warned_unless_held_or_planned():
    adv = cred("adv-cert", prerequisites=["base-cert"])
    w = make_plan([adv], START, 5)["warnings"]
    assert [x["code"] for x in w] == ["missing-prerequisite"]
    assert "base-cert" in w[0]["message"]
    assert make_plan([adv], START, 5, held=["base-cert"])["warnings"] == []


# --- milestones -------------------------------------------------------------------------------


def test_every_topic_of_every_domain_gets_a_project_when_time_allows():
    c = cred(domains=["ml-engineering", "generative-ai"], ecosystem="aws", prep=hours(200, 200))
    ms = make_plan([c], START, 5)["items"][0]["milestones"]
    builds = [m for m in ms if m["kind"] == "build"]
    expected = [t for t, _ in TOPICS["ml-engineering"]] + [t for t, _ in TOPICS["generative-ai"]]
    assert [m["topic"] for m in builds] == expected  # domain by domain, in learning order
    assert all(m["project"] and "{" not in m["project"] for m in builds)
    assert any("SageMaker" in m["project"] for m in builds)  # the ecosystem's own services
    assert any("Bedrock" in m["project"] for m in builds)


def test_milestones_fit_the_weeks_and_end_with_review_and_make_it_count():
    c = cred(domains=["ml-engineering", "mlops", "generative-ai"], prep=hours(30, 30))
    it = make_plan([c], START, 10)["items"][0]  # 3 weeks for 11 topics
    weeks = it["study_weeks"]
    ms = it["milestones"]
    assert [m["week"] for m in ms] == sorted(m["week"] for m in ms)
    assert all(1 <= m["week"] <= weeks + 1 for m in ms)
    builds = [m for m in ms if m["kind"] == "build"]
    assert len(builds) == weeks - 1  # one topic a week; the last week is review
    assert {m["topic"] for m in builds} <= {t for d in ("ml-engineering", "mlops", "generative-ai") for t, _ in TOPICS[d]}
    assert ms[-2]["kind"] == "review" and ms[-2]["week"] == weeks
    assert ms[-1]["kind"] == "after" and "LinkedIn" in ms[-1]["project"]
    assert any(m["kind"] == "share" for m in ms)  # document what you learn


def test_one_week_plan_still_builds_something():
    it = make_plan([cred(prep=hours(2, 2))], START, 10)["items"][0]
    kinds = [m["kind"] for m in it["milestones"]]
    assert it["study_weeks"] == 1 and kinds.count("build") == 1 and "review" in kinds


def test_every_domain_has_topics():
    from certwise.catalog.model import DOMAINS

    assert set(TOPICS) == set(DOMAINS)
    assert all(len(v) >= 2 for v in TOPICS.values())


def test_program_without_exam_finishes_instead():
    c = cred(kind="professional-certificate", exam=None, renewal={"method": "not-applicable"})
    it = make_plan([c], START, 5)["items"][0]
    assert it["finish"] == "completion"
    assert it["milestones"][-2]["topic"].startswith("Capstone")


# --- validation and lifecycle -----------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, -0.5, float("nan"), float("inf"), 169])
def test_hours_per_week_must_be_positive_and_possible(bad):
    with pytest.raises(PlanError, match="hours per week"):
        make_plan([cred()], START, bad)


def test_empty_list_and_negative_experience_are_refused():
    with pytest.raises(PlanError, match="at least one"):
        make_plan([], START, 5)
    with pytest.raises(PlanError, match="experience"):
        make_plan([cred()], START, 5, -1)


def test_retired_on_start_names_the_successor():
    new = cred("new-cert", name="New Cert")
    old = cred("old-cert", lifecycle={"retired": "2026-03-31", "successors": ["new-cert"]})
    with pytest.raises(PlanError) as e:
        make_plan([old], date(2026, 3, 31), 5, catalog=Catalog([new, old]))
    msg = str(e.value)
    assert "\n" not in msg and "Old Cert" in msg and "2026-03-31" in msg
    assert "new-cert (New Cert)" in msg
    # the day before it retires it can still be planned (with a warning)
    p = make_plan([old], date(2026, 3, 30), 5, catalog=Catalog([new, old]))
    assert [w["code"] for w in p["warnings"]] == ["retiring"]


def test_retired_without_successor_says_what_to_do():
    old = cred("old-cert", lifecycle={"retired": "2024-05-01"})
    with pytest.raises(PlanError, match="choose another credential"):
        make_plan([old], START, 5)


def test_retiring_before_the_exam_says_how_many_hours_would_do():
    c = cred(prep=hours(100, 100), lifecycle={"retired": "2027-03-01", "successors": ["next-cert"]})
    p = make_plan([c], START, 5)  # 20 weeks: exam in May, after it retires
    (w,) = p["warnings"]
    assert w["code"] == "retiring" and "2027-03-01" in w["message"]
    assert "hours a week" in w["message"] and "next-cert" in w["message"]


def test_upcoming_credential_waits_for_launch():
    c = cred(lifecycle={"launched": "2027-06-01"}, prep=hours(10, 10))
    p = make_plan([c], START, 5)
    assert p["items"][0]["exam_date"] == "2027-06-01"
    assert "upcoming" in [w["code"] for w in p["warnings"]]


def test_cramming_is_warned_against_the_guides_months():
    c = cred(prep={"hours": {"low": 80, "high": 160}, "months": {"low": 2, "high": 4}})
    assert [w["code"] for w in make_plan([c], START, 40)["warnings"]] == ["cramming"]
    assert make_plan([c], START, 10)["warnings"] == []


def test_absurdly_long_plan_is_refused_not_crashed():
    c = cred(prep=hours(5000, 5000))
    with pytest.raises(PlanError, match="9999"):
        make_plan([c], date(9990, 1, 1), 0.01)


# --- the real catalog -------------------------------------------------------------------------


def _real() -> Catalog:
    from certwise.catalog.load import DATA_DIR, load_catalog

    return load_catalog(DATA_DIR)[0]


def test_real_pmle_plan_renews_by_googles_rule():
    cat = _real()
    c = cat.get("google-ml-engineer")
    it = make_plan([c], date(2026, 12, 1), 10, 4, cat)["items"][0]
    assert it["renewal_due"] == add_years(date.fromisoformat(it["exam_date"]), c.renewal.validity_years or 0).isoformat()
    assert it["cost_usd"] == c.cost.usd.as_dict()


def test_real_retired_aws_ml_specialty_points_to_its_successor():
    cat = _real()
    c = cat.get("aws-ml-specialty")
    with pytest.raises(PlanError) as e:
        make_plan([c], date(2026, 11, 25), 5, catalog=cat)
    assert "retired" in str(e.value)
    assert any(s in str(e.value) for s in c.lifecycle.successors)


# --- properties -------------------------------------------------------------------------------

_creds = st.builds(
    lambda lo, extra, validity, window, level: cred(
        prep=hours(lo, lo + extra), level=level,
        renewal={"validity_years": validity, "method": "retake" if validity else "none",
                 "window_days": window if validity else None},
    ),
    st.floats(min_value=0, max_value=400, allow_nan=False),
    st.floats(min_value=0, max_value=400, allow_nan=False),
    st.one_of(st.none(), st.sampled_from([1, 2, 3, 1.5])),
    st.one_of(st.none(), st.integers(min_value=0, max_value=180)),
    st.sampled_from(["foundational", "associate", "professional", "specialty"]),
)


@settings(max_examples=60, deadline=None)
@given(
    c=_creds,
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    hpw=st.floats(min_value=0.25, max_value=168, allow_nan=False),
    years=st.integers(min_value=0, max_value=40),
)
def test_plan_properties(c, start, hpw, years):
    p = make_plan([c], start, hpw, years)
    assert p == make_plan([c], start, hpw, years)  # deterministic
    it = p["items"][0]
    exam = date.fromisoformat(it["exam_date"])
    assert it["study_weeks"] >= 1
    assert exam > start
    assert exam >= date.fromisoformat(it["study_start"]) + timedelta(weeks=it["study_weeks"])
    if it["renewal_due"]:
        due = date.fromisoformat(it["renewal_due"])
        assert due > exam
        if it["renewal_window_start"]:
            assert exam <= date.fromisoformat(it["renewal_window_start"]) <= due
    assert all(1 <= m["week"] <= it["study_weeks"] + 1 for m in it["milestones"])
    assert any(m["kind"] == "build" for m in it["milestones"])


@settings(max_examples=30, deadline=None)
@given(cs=st.lists(_creds, min_size=2, max_size=4), hpw=st.floats(min_value=1, max_value=40))
def test_sequenced_items_never_overlap(cs, hpw):
    cs = [c.model_copy(update={"id": f"c-{i}"}) for i, c in enumerate(cs)]
    items = make_plan(cs, START, hpw)["items"]
    assert len(items) == len(cs)
    for a, b in zip(items, items[1:], strict=False):
        assert date.fromisoformat(b["study_start"]) > date.fromisoformat(a["exam_date"])


# --- unrealistic input and exam versions (the plan warns; it still plans) -------------------------

def _versioned(**kw):
    from certwise.catalog.model import EXAMPLE, Credential

    rec = {**EXAMPLE, "id": "versioned-cert", "name": "Versioned Certification", "level": "associate",
           "versions": [{"code": "VC-C01", "available_from": "2024-10-08", "last_day": "2027-02-28"},
                        {"code": "VC-C02", "beta_from": "2027-03-01", "available_from": "2027-06-01",
                         "changes": "adds agents"}], **kw}
    rec["sources"] = [{**EXAMPLE["sources"][0], "supports": [*EXAMPLE["sources"][0]["supports"], "versions"]}]
    return Credential.model_validate(rec)


def _codes(plan):
    return {w["code"] for w in plan["warnings"]}


def test_a_plan_whose_exam_date_falls_after_a_version_change_says_which_exam_you_sit():
    from certwise.advice.plan import make_plan

    c = _versioned()
    plan = make_plan([c], date(2027, 2, 1), 4, as_of=date(2027, 2, 1))
    (item,) = plan["items"]
    assert item["exam_version"] == "VC-C02" and "exam-version-change" in _codes(plan)
    msg = next(w["message"] for w in plan["warnings"] if w["code"] == "exam-version-change")
    assert "VC-C01" in msg and "you will sit VC-C02 in its beta" in msg
    calm = make_plan([c], date(2026, 1, 5), 10, as_of=date(2026, 1, 5))
    assert calm["items"][0]["exam_version"] == "VC-C01" and "exam-version-change" not in _codes(calm)
    assert c.status(date(2027, 4, 1)) == "beta" and c.status(date(2027, 7, 1)) == "active"


def test_a_plan_warns_about_a_past_start_too_many_hours_and_no_experience():
    from certwise.advice.plan import make_plan
    from certwise.catalog.model import EXAMPLE, Credential

    pro = Credential.model_validate({**EXAMPLE, "id": "pro-cert", "name": "Pro Certification", "level": "professional"})
    plan = make_plan([pro], date(2026, 1, 5), 70, 0, as_of=date(2026, 3, 1))
    assert {"start-in-past", "unrealistic-hours", "starting-too-advanced"} <= _codes(plan)
    assert plan["as_of"] == "2026-03-01"
    fine = make_plan([pro], date(2026, 3, 2), 8, 5, as_of=date(2026, 3, 1))
    assert not {"start-in-past", "unrealistic-hours", "starting-too-advanced"} & _codes(fine)
