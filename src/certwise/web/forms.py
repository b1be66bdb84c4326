"""Reading user input for the pages and the API: catalog filters and the profile.

Each parser returns values plus error lines in plain words (Fava's ``(value, errors)``),
so a page can show the errors next to the form and the API can answer 400 with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certwise.catalog.model import DOMAINS, ECOSYSTEMS
from certwise.catalog.views import SORTS, STATUSES, Filters

LEVELS = ("foundational", "associate", "professional", "specialty", "program")
KINDS = ("certification-exam", "professional-certificate", "university-program", "learning-path")

# The profile of SPEC.md §3 (kept here only to draw the questionnaire; validation is the engine's).
ROLES = ("career-changer", "student", "developer", "data-professional", "ml-practitioner", "non-technical",
         "researcher", "leader")
GOALS = ("ai-literacy", "first-ai-role", "ml-engineering", "generative-ai", "deep-learning", "data-to-ai",
         "research", "leadership")
CLOUDS = ("none", "aws", "gcp", "azure")
CLOUD_EXPERIENCE = ("none", "some", "extensive")
PLATFORMS = ("databricks", "spark", "nvidia", "tensorflow", "pytorch")
PROFILE_FIELDS = ("role", "years_experience", "cloud", "cloud_experience", "platforms", "goal", "budget_usd",
                  "hours_per_week", "months", "held")
LIST_FIELDS = ("platforms", "held")


def _choices(get: Callable[[str], list[str]], name: str, allowed: tuple[str, ...], errors: list[str]) -> list[str]:
    vals = get(name)
    bad = [v for v in vals if v not in allowed]
    for v in bad:
        errors.append(f"{name} '{v}' is not one of: {', '.join(allowed)}.")
    return [v for v in vals if v in allowed]


def parse_filters(get: Callable[[str], list[str]]) -> tuple[Filters, str, list[str]]:
    """Catalog filters from query parameters (each read with ``get(name) -> list``)."""
    errors: list[str] = []
    tiers = []
    for t in get("tier"):
        if t in {"1", "2", "3", "4"}:
            tiers.append(int(t))
        else:
            errors.append(f"tier '{t}' is not a tier; use 1, 2, 3 or 4.")
    max_cost = None
    mc = get("max_cost")
    if mc:
        try:
            max_cost = float(mc[-1])
            if max_cost < 0:
                raise ValueError
        except ValueError:
            errors.append(f"max_cost '{mc[-1]}' must be a number of US dollars, 0 or more.")
            max_cost = None
    free_vals = get("free")
    free = bool(free_vals) and free_vals[-1].lower() in ("1", "true", "yes", "on")
    sort_vals = get("sort")
    sort = sort_vals[-1] if sort_vals else "tier"
    if sort not in SORTS:
        errors.append(f"sort '{sort}' is not one of: {', '.join(SORTS)}.")
        sort = "tier"
    text = " ".join(get("q")).strip() or None
    f = Filters(
        provider=get("provider"),
        ecosystem=_choices(get, "ecosystem", ECOSYSTEMS, errors),
        tier=tiers,
        level=_choices(get, "level", LEVELS, errors),
        domain=_choices(get, "domain", DOMAINS, errors),
        kind=_choices(get, "kind", KINDS, errors),
        status=_choices(get, "status", STATUSES, errors),
        group=get("group"),
        max_cost=max_cost,
        free=free,
        text=text,
    )
    return f, sort, errors


def profile_mapping(get: Callable[[str], list[str]]) -> dict[str, Any]:
    """The profile fields present in a query string, as the engine's ``profile_from`` takes them.

    Empty answers are left out so the engine's defaults apply; list fields may repeat.
    """
    out: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        vals = get(name)
        if not vals:
            continue
        if name in LIST_FIELDS:
            out[name] = vals
        else:
            out[name] = vals[-1]
    return out
