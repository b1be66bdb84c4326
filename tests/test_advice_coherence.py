"""advice.coherence: one rule for a path, one for what a person holds (recommend and audit share it)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from advice_fixtures import GUIDE_SEVEN, ONE_DIRECTION, mini_catalog
from certwise.advice.coherence import (
    COLLECTING_BELOW,
    COLLECTING_MIN,
    PathCoherence,
    holdings_coherence,
    path_coherence,
    story_order,
)


def test_story_order_is_by_date_then_level_then_id_whatever_the_input_order():
    mini = mini_catalog()
    ids = ["aws-ml-engineer-associate", "google-ai-essentials", "aws-cloud-practitioner"]
    assert story_order(ids, mini) == ["aws-cloud-practitioner", "google-ai-essentials", "aws-ml-engineer-associate"]
    assert story_order(reversed(ids), mini) == story_order(ids, mini)
    earned = {"aws-ml-engineer-associate": date(2024, 1, 1)}
    assert story_order(ids, mini, earned)[0] == "aws-ml-engineer-associate"  # dated first, in date order
    assert story_order(["not-there", "aws-cloud-practitioner", "aws-cloud-practitioner"], mini) == [
        "aws-cloud-practitioner"]


def test_holdings_coherence_does_not_depend_on_the_order_given():
    mini = mini_catalog()
    ids = ["databricks-ml-professional", "google-ai-essentials", "aws-cloud-practitioner", "azure-ai-engineer"]
    assert holdings_coherence(ids, mini) == holdings_coherence(list(reversed(ids)), mini)


def test_one_direction_is_coherent_and_scattered_platforms_are_collecting():
    mini = mini_catalog()
    good = holdings_coherence(["aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"], mini)
    assert good.score >= 90 and not good.collecting and good.count == 3
    scattered = holdings_coherence(["google-ai-essentials", "aws-cloud-practitioner", "databricks-ml-professional",
                                    "deeplearningai-tensorflow", "azure-ai-apps-agents-developer"], mini)
    assert scattered.collecting and scattered.score < COLLECTING_BELOW


def test_the_guides_anecdote_on_the_real_catalog(catalog):
    seven = holdings_coherence(GUIDE_SEVEN, catalog)
    assert seven.count == 7 and seven.collecting
    one = holdings_coherence(ONE_DIRECTION, catalog)
    assert not one.collecting and one.score >= 90


def test_uncatalogued_credentials_dilute_and_count():
    mini = mini_catalog()
    two = ["aws-cloud-practitioner", "aws-ai-practitioner"]
    alone = holdings_coherence(two, mini)
    plain = holdings_coherence(two, mini, uncatalogued=1)
    mill = holdings_coherence(two, mini, mill_like=1)
    assert alone.score > plain.score > mill.score
    assert mill.count == 3 and not mill.collecting  # three are a few, not a collection
    assert holdings_coherence(two, mini, mill_like=2).collecting  # four, half of them mill output
    assert holdings_coherence([], mini, mill_like=COLLECTING_MIN).score == 0


def test_a_path_in_order():
    mini = mini_catalog()
    rising = path_coherence(["aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"], mini)
    falling = path_coherence(["aws-ml-engineer-associate", "aws-ai-practitioner", "aws-cloud-practitioner"], mini)
    assert rising > falling
    assert path_coherence([], mini) == 100 == path_coherence(["google-ml-engineer"], mini)


MINI_IDS = sorted(c.id for c in mini_catalog())


@settings(max_examples=150, deadline=None)
@given(path=st.lists(st.sampled_from([*MINI_IDS, "not-in-the-catalog"]), max_size=6),
       nxt=st.sampled_from([*MINI_IDS, "not-in-the-catalog"]))
def test_path_coherence_one_step_at_a_time_is_the_same_number(path, nxt):
    mini = mini_catalog()
    links: dict[tuple[str, str], float] = {}
    so_far = PathCoherence(path, mini, links)
    assert so_far.score() == path_coherence(path, mini)
    assert so_far.with_next(nxt) == path_coherence([*path, nxt], mini)
    assert PathCoherence(path, mini, links).with_next(nxt) == path_coherence([*path, nxt], mini)  # links kept
