"""advice.ladder: one "next level" rule, climbing one rung at a time (audit and the pages use it)."""

from __future__ import annotations

from advice_fixtures import NOV, ONE_DIRECTION, mini_catalog
from certwise.advice.audit import Holding, audit
from certwise.advice.ladder import dominant_path, next_rung
from certwise.catalog.model import LEVEL_RANK

FOUNDATIONS = ("aws-cloud-practitioner", "aws-ai-practitioner")


def ids(steps):
    return [s["id"] for s in steps]


def test_after_cloud_and_ai_practitioner_comes_an_associate_not_the_professional(catalog):
    steps = next_rung(FOUNDATIONS, catalog, NOV)
    assert steps[0]["id"] == "aws-ml-engineer-associate"
    assert "next level" in steps[0]["why"] and "(associate)" in steps[0]["why"]
    assert "builds on AWS Certified AI Practitioner and AWS Certified Cloud Practitioner" in steps[0]["why"]
    if "aws-genai-developer" in ids(steps):  # a leap may follow, never lead
        assert ids(steps).index("aws-genai-developer") > ids(steps).index("aws-ml-engineer-associate")


def test_the_rung_is_the_lowest_level_above_yours(catalog):
    for held in (FOUNDATIONS, ONE_DIRECTION, ("google-cloud-digital-leader",), ("azure-fundamentals",)):
        creds = [catalog.get(i) for i in held]
        level = dominant_path(creds, NOV).level
        first = catalog.get(next_rung(held, catalog, NOV)[0]["id"])
        above = [LEVEL_RANK[c.level.value] for c in catalog if c.is_live(NOV) and c.kind.value != "learning-path"
                 and c.ecosystem == first.ecosystem and LEVEL_RANK[c.level.value] > level]
        assert LEVEL_RANK[first.level.value] == min(above), held


def test_after_the_associate_the_professional(catalog):
    assert next_rung(ONE_DIRECTION, catalog, NOV)[0]["id"] == "aws-genai-developer"


def test_audit_next_steps_are_next_rung(catalog):
    for held in (FOUNDATIONS, ONE_DIRECTION, ("aws-ml-specialty",), ()):
        r = audit([Holding(id=i, name=i) for i in held], catalog, NOV)
        assert r["next_steps"] == next_rung(held, catalog, NOV)
    r = audit([Holding(id=i, name=i) for i in FOUNDATIONS], catalog, NOV)
    assert r["next"][0] == "aws-ml-engineer-associate" and r["story"].endswith(
        f"Next: {catalog.get('aws-ml-engineer-associate').name}.")


def test_order_given_and_aliases_do_not_matter():
    mini = mini_catalog()
    assert next_rung(FOUNDATIONS, mini, NOV) == next_rung(tuple(reversed(FOUNDATIONS)), mini, NOV)
    assert next_rung(["not-a-credential", *FOUNDATIONS], mini, NOV) == next_rung(FOUNDATIONS, mini, NOV)
    assert ids(next_rung(FOUNDATIONS, mini, NOV))[0] == "aws-ml-engineer-associate"


def test_nothing_held_starts_with_the_guides_picks_and_retired_ones_point_to_successors():
    mini = mini_catalog()
    assert ids(next_rung([], mini, NOV)) == ["ibm-ai-engineering", "google-ai-essentials"]
    first = next_rung(["aws-ml-specialty"], mini, NOV)[0]
    assert first["id"] == "aws-ml-engineer-associate" and "successor" in first["why"]
