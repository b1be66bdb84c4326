"""Reading user input for the pages and the API: catalog filters and the profile.

Each parser returns values plus error lines in plain words (Fava's ``(value, errors)``),
so a page can show the errors next to the form and the API can answer 400 with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certwise import profile_spec as spec
from certwise.catalog.browse import KINDS, LEVELS, parse_filters

__all__ = ["KINDS", "LEVELS", "parse_filters"]  # catalog filters are read by catalog.browse, shared with the CLI

PROFILE_FIELDS = spec.FIELDS


def profile_mapping(get: Callable[[str], list[str]]) -> dict[str, Any]:
    """The profile fields present in a query string, as the engine's ``profile_from`` takes them.

    Empty answers are left out so the engine's defaults apply; list fields may repeat.
    """
    out: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        vals = get(name)
        if not vals:
            continue
        if spec.field(name).is_list:
            out[name] = vals
        else:
            out[name] = vals[-1]
    return out


def _num_text(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def form_values(profile: dict[str, Any] | None, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the questionnaire shows as chosen: the normalised profile, else the raw answers, else the defaults."""
    p = dict(profile or {})
    raw = raw or {}
    out: dict[str, Any] = {}
    for f in spec.PROFILE_SPEC:
        if f.name in p:
            v = p[f.name]
        elif f.name in raw:
            v = raw[f.name]
        else:
            v = f.default
        if f.kind == "choices":
            out[f.name] = list(v or [])
        elif f.kind == "ids":
            held = v if isinstance(v, list | tuple) else [v]
            out["held_text"] = ", ".join(str(h) for h in held if h)
        elif f.kind == "number" and f.name in p:
            out[f.name] = _num_text(v)
        elif f.kind == "number":
            out[f.name] = _num_text(v) if not isinstance(v, str) else v
        else:
            out[f.name] = v
    return out


def _answers(name: str) -> list[tuple[str, str, str]]:
    return [(c.value, c.answer, c.hint) for c in spec.field(name).choices]


def questionnaire() -> dict[str, Any]:
    """The questionnaire's questions and answers, from the profile spec."""
    return {
        "questions": {f.name: f.question for f in spec.PROFILE_SPEC},
        "roles": _answers("role"),
        "goals": _answers("goal"),
        "motives": _answers("motive"),
        "clouds": _answers("cloud"),
        "cloud_experience": [(v, a) for v, a, _ in _answers("cloud_experience")],
        "budgets": [(x.value, x.label, x.hint) for x in spec.field("budget_usd").presets],
        "hours_options": [(x.value, x.label) for x in spec.field("hours_per_week").presets],
        "month_options": [(x.value, x.label) for x in spec.field("months").presets],
        "platforms": [(v, a) for v, a, _ in _answers("platforms")],
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
