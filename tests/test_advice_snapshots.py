"""Snapshots of recommend's JSON for representative profiles on the real catalog.

A change in advice shows up as a diff here, to be reviewed. To accept a deliberate change:
``CERTWISE_UPDATE_SNAPSHOTS=1 pytest tests/test_advice_snapshots.py`` and review the git diff.
A missing snapshot is written on the first run.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from certwise.advice.profile import Profile
from certwise.advice.recommend import recommend
from certwise.advice.stacks import named_stack

SNAPSHOTS = Path(__file__).parent / "snapshots"
TODAY = date(2026, 11, 24)
GUIDE = date(2026, 1, 9)

PROFILES = {
    "complete-beginner": (Profile(), GUIDE),
    "aws-ml-engineer-guide-date": (Profile(role="ml-practitioner", cloud="aws", cloud_experience="some",
                                           years_experience=4, goal="ml-engineering", hours_per_week=10), GUIDE),
    "aws-ml-engineer-today": (Profile(role="ml-practitioner", cloud="aws", cloud_experience="some",
                                      years_experience=4, goal="ml-engineering", hours_per_week=10), TODAY),
    "azure-developer-today": (Profile(role="developer", cloud="azure", cloud_experience="some",
                                      years_experience=4), TODAY),
    "manager-ai-literacy": (Profile(role="leader", goal="ai-literacy", years_experience=10, months=1), TODAY),
    "zero-budget-changer": (Profile(role="career-changer", budget_usd=0, hours_per_week=6), TODAY),
    "aws-newcomer-cramming": (Profile(role="developer", cloud="aws", cloud_experience="none", years_experience=3,
                                      goal="generative-ai", budget_usd=150, months=1, hours_per_week=1), TODAY),
    "collector": (Profile(role="data-professional", years_experience=5,
                          held=("google-ai-essentials", "aws-cloud-practitioner", "databricks-data-engineer-associate",
                                "nvidia-nca-genl", "azure-fundamentals")), TODAY),
}


def _check(name: str, obj: object) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("CERTWISE_UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"recommend output for '{name}' changed; review it and run with "
                              "CERTWISE_UPDATE_SNAPSHOTS=1 to accept")


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_recommend_snapshot(catalog, name):
    profile, as_of = PROFILES[name]
    missing = [h for h in profile.held if h not in catalog]
    if missing:
        pytest.skip(f"catalog records not there yet: {missing}")
    _check(f"recommend-{name}", recommend(profile, catalog, as_of))


@pytest.mark.parametrize("name", ["ml-engineer", "ai-product", "data-to-ai", "generative-ai"])
def test_named_stack_snapshot(catalog, name):
    _check(f"stack-{name}", named_stack(name, catalog, TODAY))
