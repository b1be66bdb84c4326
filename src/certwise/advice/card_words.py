"""Words on recommend's cards that depend only on a credential (and the goal), worded once and kept:
the same few prices, hours, goals and salary figures recur on every card of every answer."""

from __future__ import annotations

from functools import lru_cache

from certwise.advice.scoring import GOAL_DOMAINS
from certwise.catalog.labels import domain_name
from certwise.catalog.model import Range
from certwise.profile_spec import phrase
from certwise.words import and_list, pct, span

__all__ = ["TIER_REASONS", "dollars", "hours", "serves_goal", "higher_pay", "range_json"]

TIER_REASONS = {1: "Tier 1 in the guide — cloud provider certifications are \"the gold standard\".",
                2: "Tier 2 in the guide — platform programs that are \"still respected in the industry\".",
                3: "Tier 3 in the guide — an emerging specialization that future-proofs your skills.",
                4: "Tier 4 in the guide — a university program, for when prestige matters."}


@lru_cache(maxsize=4096)
def dollars(r: Range) -> str:
    """A price range in words ("$150–$300"), kept: the same few ranges are worded on every card."""
    return span(r, prefix="$")


@lru_cache(maxsize=4096)
def serves_goal(goal: str, domains: tuple[str, ...]) -> str:
    """The goal reason for a credential covering ``domains`` ("" when none serves the goal), kept."""
    covered = [d for d in domains if GOAL_DOMAINS[goal].get(d, 0) >= 0.5]
    return f"Serves your goal ({phrase('goal', goal)}): covers {and_list([domain_name(d) for d in covered])}." \
        if covered else ""


@lru_cache(maxsize=4096)
def higher_pay(uplift: Range, basis: str) -> str:
    """The salary reason ("Holders report about 20% higher pay (survey figure)."), kept."""
    return f"Holders report about {pct(uplift)} higher pay ({basis.split('(')[0].strip()} figure)."


@lru_cache(maxsize=4096)
def hours(r: Range) -> str:
    """Preparation hours in words ("80–160"), kept likewise."""
    return span(r)


def range_json(r: Range) -> dict[str, float]:
    """``r.as_dict()`` (a new dict each time: the caller may change it), from the kept one."""
    return dict(_range_json(r))


@lru_cache(maxsize=4096)
def _range_json(r: Range) -> dict[str, float]:
    return r.as_dict()
