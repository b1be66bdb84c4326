"""Reading user input for the pages and the API: catalog filters and the profile.

Each parser returns values plus error lines in plain words (Fava's ``(value, errors)``),
so a page can show the errors next to the form and the API can answer 400 with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certwise.catalog.browse import KINDS, LEVELS, parse_filters

__all__ = ["KINDS", "LEVELS", "parse_filters"]  # catalog filters are read by catalog.browse, shared with the CLI

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


# --- the questionnaire's wording --------------------------------------------------------------

ROLE_CHOICES = [
    ("career-changer", "I'm changing careers into tech or AI", ""),
    ("student", "I'm a student", ""),
    ("non-technical", "Manager, product person, designer or marketer", "you work with AI but won't build models"),
    ("developer", "Developer or engineer", ""),
    ("data-professional", "Data analyst or data engineer", ""),
    ("ml-practitioner", "Data scientist or ML engineer", ""),
    ("researcher", "Researcher or academic", ""),
    ("leader", "Leader or executive", ""),
]
GOAL_CHOICES = [
    ("ai-literacy", "Understand AI and use it well in my job", "fast and cheap"),
    ("first-ai-role", "Get my first job in AI", ""),
    ("ml-engineering", "Build and deploy machine-learning systems", ""),
    ("generative-ai", "Build generative-AI applications", "LLMs, agents"),
    ("deep-learning", "Specialise in deep learning", ""),
    ("data-to-ai", "Move from data work into AI", ""),
    ("research", "Research", ""),
    ("leadership", "Lead AI work or move into senior roles", ""),
]
CLOUD_CHOICES = [
    ("none", "None, or not sure", ""),
    ("aws", "AWS (Amazon Web Services)", ""),
    ("gcp", "Google Cloud", ""),
    ("azure", "Microsoft Azure", ""),
]
CLOUD_EXPERIENCE_CHOICES = [("none", "None yet"), ("some", "Some"), ("extensive", "A lot")]
BUDGET_CHOICES = [
    ("", "No set limit", ""),
    ("0", "Free options only", ""),
    ("100", "Up to $100", ""),
    ("300", "Up to $300", ""),
    ("1000", "Up to $1,000", ""),
    ("5000", "Up to $5,000", "university programs cost more"),
]
HOURS_CHOICES = [("2", "About 2 hours"), ("5", "About 5 hours"), ("10", "About 10 hours"),
                 ("15", "About 15 hours"), ("20", "20 hours or more")]
MONTH_CHOICES = [("", "No deadline"), ("1", "Within a month"), ("3", "Within 3 months"), ("6", "Within 6 months"),
                 ("12", "Within a year")]
PLATFORM_CHOICES = [("databricks", "Databricks"), ("spark", "Spark"), ("nvidia", "NVIDIA GPUs"),
                    ("tensorflow", "TensorFlow"), ("pytorch", "PyTorch")]


def _num_text(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def form_values(profile: dict[str, Any] | None, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the questionnaire shows as chosen: the normalised profile, else the raw answers."""
    p = dict(profile or {})
    raw = raw or {}
    held = p.get("held", raw.get("held", []))
    held_list = held if isinstance(held, list | tuple) else [held]
    return {
        "role": p.get("role", raw.get("role", "career-changer")),
        "years_experience": p.get("years_experience", raw.get("years_experience", 0)),
        "cloud": p.get("cloud", raw.get("cloud", "none")),
        "cloud_experience": p.get("cloud_experience", raw.get("cloud_experience", "none")),
        "goal": p.get("goal", raw.get("goal", "first-ai-role")),
        "budget_usd": _num_text(p["budget_usd"]) if "budget_usd" in p else raw.get("budget_usd", ""),
        "hours_per_week": _num_text(p.get("hours_per_week", raw.get("hours_per_week", 5))),
        "months": _num_text(p["months"]) if "months" in p else raw.get("months", ""),
        "platforms": list(p.get("platforms", raw.get("platforms", []))),
        "held_text": ", ".join(str(h) for h in held_list),
    }


def questionnaire() -> dict[str, Any]:
    return {
        "roles": ROLE_CHOICES,
        "goals": GOAL_CHOICES,
        "clouds": CLOUD_CHOICES,
        "cloud_experience": CLOUD_EXPERIENCE_CHOICES,
        "budgets": BUDGET_CHOICES,
        "hours_options": HOURS_CHOICES,
        "month_options": MONTH_CHOICES,
        "platforms": PLATFORM_CHOICES,
    }


def profile_query(profile: dict[str, Any]) -> list[tuple[str, str]]:
    """The normalised profile as query pairs (the shareable link); empty values left out."""
    pairs: list[tuple[str, str]] = []
    for name in PROFILE_FIELDS:
        v = profile.get(name)
        if v is None or v == [] or v == ():
            continue
        if isinstance(v, list | tuple):
            pairs.extend((name, str(x)) for x in v)
        else:
            pairs.append((name, _num_text(v)))
    return pairs
