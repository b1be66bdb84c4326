"""stack: the guide's stacks, a generative-AI stack, one for a profile, and coherence."""

from __future__ import annotations

import pytest

from advice_fixtures import NOV, mini_catalog
from certwise.advice.coherence import path_coherence as coherence
from certwise.advice.profile import Profile
from certwise.advice.stacks import STACK_NAMES, named_stack, stack_for_profile
from certwise.catalog.model import LEVEL_RANK


@pytest.fixture(scope="module")
def mini():
    return mini_catalog()


def step_ids(s):
    return [st["id"] for st in s["steps"] if "id" in st]


@pytest.mark.parametrize("name", STACK_NAMES)
def test_named_stacks_have_the_spec_shape(catalog, name):
    s = named_stack(name, catalog, NOV)
    assert set(s) >= {"name", "steps", "total_cost_usd", "total_months", "coherence"}
    assert s["steps"] and all(("id" in st or "label" in st) and st["why"] for st in s["steps"])
    assert 0 <= s["coherence"] <= 100
    assert s["total_cost_usd"]["low"] <= s["total_cost_usd"]["high"]
    assert s["total_months"]["low"] <= s["total_months"]["high"]
    for sid in step_ids(s):
        assert catalog.get(sid).is_live(NOV), sid


def test_ml_engineer_stack_follows_the_guide(catalog):
    s = named_stack("ml-engineer", catalog, NOV)
    labels = [st.get("label") or st["id"] for st in s["steps"]]
    assert labels[0].startswith("Python fundamentals")
    if "ibm-ai-engineering" in catalog and "google-ml-engineer" in catalog:
        assert labels[1:3] == ["ibm-ai-engineering", "google-ml-engineer"]
    assert labels[3].startswith("Specialized certification")


def test_ai_product_stack_follows_the_guide(catalog):
    s = named_stack("ai-product", catalog, NOV)
    if "google-ai-essentials" in catalog and "aws-cloud-practitioner" in catalog:
        assert step_ids(s)[:2] == ["google-ai-essentials", "aws-cloud-practitioner"]
    assert s["steps"][-1].get("optional") is True


def test_retired_steps_are_replaced_by_successors(mini):
    s = named_stack("data-to-ai", mini, NOV)  # its alternatives include aws-ml-specialty, retired
    for st in s["steps"]:
        assert "aws-ml-specialty" not in st.get("alternatives", [])
    assert "aws-ml-engineer-associate" in s["steps"][2].get("alternatives", [])


def test_held_credentials_are_skipped(mini):
    s = named_stack("ml-engineer", mini, NOV, held=("ibm-ai-engineering",))
    assert "ibm-ai-engineering" not in step_ids(s)
    assert s["skipped_held"] == ["ibm-ai-engineering"]
    full = named_stack("ml-engineer", mini, NOV)
    assert s["total_cost_usd"]["low"] < full["total_cost_usd"]["low"]


def test_unknown_stack_name():
    with pytest.raises(KeyError, match="unknown stack 'x'"):
        named_stack("x", mini_catalog(), NOV)


def test_stack_for_a_profile_is_ordered_rising_and_skips_held(mini):
    p = Profile(role="developer", cloud="aws", cloud_experience="none", years_experience=4, goal="ml-engineering",
                held=("aws-cloud-practitioner",))
    s = stack_for_profile(p, mini, NOV)
    got = step_ids(s)
    assert got and "aws-cloud-practitioner" not in got
    ranks = [LEVEL_RANK[mini.get(i).level.value] for i in got]
    assert ranks == sorted(ranks)
    for i, sid in enumerate(got):  # prerequisites and recommended-before come first
        for dep in mini.get(sid).recommended_before:
            if dep in got:
                assert got.index(dep) < i


def test_recommend_stack_continues_after_the_first_pick(mini):
    from certwise.advice.recommend import recommend

    p = Profile()
    r = recommend(p, mini, NOV)
    assert r["recommendations"][0]["id"] not in r["stack"]
    assert set(r["stack"]) <= {c.id for c in mini}


def test_coherence(mini):
    one_story = coherence(["aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"], mini)
    scattered = coherence(["google-ai-essentials", "aws-cloud-practitioner", "databricks-ml-professional",
                           "azure-ai-apps-agents-developer"], mini)
    falling = coherence(["aws-ml-engineer-associate", "aws-ai-practitioner", "aws-cloud-practitioner"], mini)
    assert one_story > falling > scattered
    assert one_story >= 90 and scattered < 65
    assert coherence(["google-ml-engineer"], mini) == 100
    assert coherence(["not-a-credential", "google-ml-engineer"], mini) == 100


def test_a_profile_stack_adds_no_same_level_duplicate(mini):
    from certwise.advice.recommend import recommend

    r = recommend(Profile(role="leader", goal="ai-literacy", years_experience=10), mini, NOV)
    assert r["recommendations"][0]["id"] == "google-ai-essentials"
    assert "aws-ai-practitioner" not in r["stack"]  # the same ground at the same level


def test_a_profile_stack_does_not_dilute_a_one_platform_story(catalog):
    if "aws-ml-engineer-associate" not in catalog:
        pytest.skip("record not there yet")
    p = Profile(role="ml-practitioner", cloud="aws", cloud_experience="some", years_experience=4,
                goal="ml-engineering", hours_per_week=10)
    s = stack_for_profile(p, catalog, NOV)
    assert step_ids(s)[0] == "aws-ml-engineer-associate"
    assert {catalog.get(i).ecosystem for i in step_ids(s)} == {"aws"}
    assert s["coherence"] >= 90
