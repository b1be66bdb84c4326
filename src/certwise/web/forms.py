"""Reading user input for the pages and the API: catalog filters and the profile.

Each parser returns values plus error lines in plain words (Fava's ``(value, errors)``),
so a page can show the errors next to the form and the API can answer 400 with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from certwise import profile_spec as spec
from certwise.advice.profile import ProfileError, profile_from
from certwise.catalog.browse import KINDS, LEVELS, parse_filters
from certwise.catalog.load import Catalog
from certwise.catalog.search import suggest

__all__ = ["CATALOG_FILTER_WORDS", "KINDS", "LEVELS", "parse_filters"]  # catalog filters are read by catalog.browse, shared with the CLI

PROFILE_FIELDS = spec.FIELDS

# The catalog filters as the catalog page's form labels them (its messages use these words).
CATALOG_FILTER_WORDS = {
    "provider": "Provider", "ecosystem": "Cloud or platform", "level": "Level", "domain": "Topic", "kind": "Kind",
    "status": "Status", "max_cost": "Most you'd pay (USD)", "sort": "Sort by", "tier": "Guide tier",
}


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


# --- the questionnaire's steps and the problems with its answers -------------------------------

# The steps of the questionnaire, in order, and the profile fields each one asks (start.html
# follows this order; tests/test_web_wizard.py checks that it does).
STEPS: tuple[tuple[str, ...], ...] = (
    ("role",), ("years_experience",), ("goal", "motive"), ("cloud", "cloud_experience"), ("budget_usd",),
    ("hours_per_week", "months"), ("held", "platforms"),
)
RADIOS = ("role", "goal", "cloud", "budget_usd")  # asked with radio buttons (ids name-1, name-2 …)
MAX_SHOWN = 5  # unknown held credentials named one by one; the rest are counted


def step_of(name: str) -> int:
    """The step (1-based) that asks the field ``name``."""
    return next(i for i, names in enumerate(STEPS, 1) if name in names)


def anchor(name: str) -> str:
    """The id of the element a link to the field ``name`` points at (its first radio or checkbox)."""
    if name in RADIOS:
        return f"{name}-1"
    if name == "platforms":
        return f"platforms-{spec.field(name).values[0]}"
    return name


@dataclass(frozen=True)
class Problem:
    """One answer the questionnaire cannot take: ``text`` for the list at the top (the question,
    then what to do), ``detail`` for beside the field, ``field`` and ``anchor`` to link to it."""

    field: str | None
    text: str
    detail: str

    @property
    def step(self) -> int:
        return step_of(self.field) if self.field else 0

    @property
    def anchor(self) -> str:
        return anchor(self.field) if self.field else ""


def quoted(v: Any, limit: int = 40) -> str:
    """An answer as typed, inside quotation marks: one line, at most ``limit`` characters.

    >>> quoted("abc"), quoted("x" * 50)[-3:]
    ('“abc”', 'x…”')
    """
    s = " ".join("".join(ch if ch.isprintable() else " " for ch in str(v)).split())
    return f"“{s if len(s) <= limit else s[:limit] + '…'}”"


def _problem(f: spec.FieldSpec, detail: str) -> Problem:
    return Problem(f.name, f"{f.question} — {detail}.", detail[:1].upper() + detail[1:] + ".")


def _items(v: Any) -> list[str]:
    vals = [v] if isinstance(v, str) else list(v)
    return [x.strip() for s in vals for x in str(s).split(",") if x.strip()]


def _rejected(name: str, v: Any) -> bool:
    try:
        profile_from({name: v})
    except ProfileError:
        return True
    return False


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _unknown_held(items: Iterable[str], cat: Catalog) -> list[Problem]:
    f = spec.field("held")
    unknown = list(dict.fromkeys(h for h in items if cat.resolve(h) is None))
    out = []
    for h in unknown[:MAX_SHOWN]:
        near = [cat.get(i).name for i in suggest(cat, h)]
        mean = f" (did you mean {_or_list(near)}?)" if near else ""
        out.append(_problem(f, f"we don't know {quoted(h)}{mean}: {f.fix}"))
    if len(unknown) > MAX_SHOWN:
        out.append(_problem(f, f"and {len(unknown) - MAX_SHOWN} more we don't know: {f.fix}"))
    return out


def check_answers(raw: dict[str, Any], cat: Catalog) -> tuple[dict[str, Any], list[Problem]]:
    """Every answer checked on its own: (the good ones normalised, one Problem per bad one).

    The engine's own rules judge each answer (:func:`certwise.advice.profile.profile_from`), so the
    page and the engine agree; the problems are worded by the question asked (:mod:`certwise.profile_spec`),
    in the questionnaire's order. Held credentials stay as typed (they are shown again as typed).
    """
    good: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in (n for names in STEPS for n in names):
        if name not in raw:
            continue
        f, v = spec.field(name), raw[name]
        if f.kind == "ids":
            problems.extend(_unknown_held(_items(v), cat))
        elif f.kind == "choices":
            bad = [x for x in _items(v) if _rejected(name, [x])]
            if bad:
                problems.append(_problem(f, f"{', '.join(quoted(x) for x in bad[:MAX_SHOWN])} "
                                            f"{'is' if len(bad) == 1 else 'are'} not on the list: {f.fix}"))
            else:
                good[name] = list(profile_from({name: v}).to_json()[name])
        elif not _rejected(name, v):
            good[name] = profile_from({name: v}).to_json()[name]
        elif f.kind == "choice":
            problems.append(_problem(f, f"{quoted(v)} is not one of the answers: {f.fix}"))
        else:
            problems.append(_problem(f, f"you wrote {quoted(v)}: {f.fix}"))
    return good, problems


def values_again(raw: dict[str, Any], good: dict[str, Any]) -> dict[str, Any]:
    """What the questionnaire shows after problems: good answers as understood, typed answers
    (years, held credentials) as typed so they can be corrected, a bad pick back at its default."""
    return form_values(good, {k: v for k, v in raw.items() if spec.field(k).kind in ("whole", "ids")})


def wizard_context(values: dict[str, Any], problems: list[Problem] | None = None) -> dict[str, Any]:
    """All the questionnaire page needs: its questions and answers, the values shown, and the
    problems (listed at the top, each also beside its field; the first one's step is opened)."""
    problems = problems or []
    field_errors: dict[str, str] = {}
    for p in problems:
        if p.field:
            field_errors[p.field] = f"{field_errors[p.field]} {p.detail}" if p.field in field_errors else p.detail
    return {
        **questionnaire(),
        "v": values,
        "problems": problems,
        "field_errors": field_errors,
        "open_step": next((p.step for p in problems if p.step), 0),
        "number_limits": {"years_experience": number_limits("years_experience")},
        "fixes": {f.name: f.fix for f in spec.PROFILE_SPEC},
    }


def number_limits(name: str) -> dict[str, str]:
    """The HTML constraints of a number question (``min``, ``max``, ``step``), from the profile spec."""
    f = spec.field(name)
    out = {"step": "1" if f.kind == "whole" else "any"}
    if f.minimum is not None and not f.exclusive_minimum:  # HTML has no "above": the server says it
        out["min"] = _num_text(f.minimum)
    if f.maximum is not None:
        out["max"] = _num_text(f.maximum)
    return out
