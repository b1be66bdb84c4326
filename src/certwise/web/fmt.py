"""Jinja filters that turn the engine's JSON into plain words (money, hours, dates, labels)."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from certwise import words
from certwise.catalog.labels import DOMAIN_NAMES, KIND_NAMES, cap_domain, status_word
from certwise.constants import WEEKS_PER_MONTH
from certwise.profile_spec import PROFILE_SPEC


def _labels() -> dict[str, str]:
    """Codes in words: the profile's choices (from its spec), the catalog's kinds, the verdicts."""
    out: dict[str, str] = {}
    for f in reversed(PROFILE_SPEC):  # earlier fields win where a value repeats ("none")
        out.update({c.value: c.label for c in f.choices})
    out.update({"vendor-neutral": "Vendor-neutral", "databricks": "Databricks", "nvidia": "NVIDIA"})
    out.update(KIND_NAMES)
    out.update({"worth-it": "Worth it", "situational": "Depends on your situation", "skip": "Skip it"})
    return out


LABELS = _labels()


def label(value: Any) -> str:
    """A known code in words (``ml-practitioner`` → "ML practitioner …"); else de-hyphenated."""
    if value is None:
        return "—"
    s = str(value)
    if s in LABELS:
        return LABELS[s]
    return s.replace("-", " ").replace("_", " ").capitalize() if s.islower() else s


def short_label(value: Any) -> str:
    s = label(value)
    return s.split(" (")[0]


def usd(r: Any) -> str:
    """``{"low": 150, "high": 300}`` → "$150–$300"; zero → "Free"; nothing → "—"."""
    return words.usd(r, none="—")


def hours(r: Any) -> str:
    return words.hours(r)


MAX_PACE_WEEKS = 52 * 100


def pace(r: Any, hours_per_week: Any) -> str:
    """Prep hours at a weekly pace, in weeks or months: "4–8 weeks at 10 h/week"."""
    lh = words.low_high(r)
    try:
        hpw = float(hours_per_week)
    except (TypeError, ValueError):
        hpw = 0
    if lh is None or hpw <= 0:
        return "—"
    if lh[1] / hpw > MAX_PACE_WEEKS:  # a pace like 1e-320 h/week: weeks past any calendar (or infinite)
        return f"more than {MAX_PACE_WEEKS // 52} years at that pace"
    lo, hi = (math.ceil(lh[0] / hpw), math.ceil(lh[1] / hpw))
    lo, hi = max(lo, 1), max(hi, 1)
    if hi > 12:
        mlo, mhi = max(1, round(lo / WEEKS_PER_MONTH)), max(1, round(hi / WEEKS_PER_MONTH))
        span = f"{mlo} months" if mlo == mhi else f"{mlo}–{mhi} months"
    else:
        span = (f"{lo} week" + ("s" if lo > 1 else "")) if lo == hi else f"{lo}–{hi} weeks"
    return f"{span} at {words.num(hpw)} h/week"


def nicedate(d: Any) -> str:
    """2026-11-25 → "25 Nov 2026"."""
    if d in (None, ""):
        return "—"
    if isinstance(d, str):
        try:
            d = date.fromisoformat(d[:10])
        except ValueError:
            return d
    if isinstance(d, date):
        return f"{d.day} {d:%b %Y}"
    return str(d)


def pct(r: Any) -> str:
    return words.pct(r)


DOMAIN_LABELS = {d: cap_domain(d) for d in DOMAIN_NAMES}


def label_field(name: Any) -> str:
    """A profile field by the question the forms ask: ``goal`` → "What do you want from it?"."""
    from_spec = {f.name: f.question for f in PROFILE_SPEC}
    return f"“{from_spec.get(str(name), str(name))}”"


def domain_label(value: Any) -> str:
    return cap_domain(str(value))


def code_spans(text: Any) -> Markup:
    """Escape ``text``, then show `backticked` commands as <code>.

    >>> str(code_spans("run `certwise plan` <now>"))
    'run <code>certwise plan</code> &lt;now&gt;'
    """

    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(escape(str(text)))))


def midsentence(text: Any) -> str:
    """A label put inside a sentence: its first word in lower case, unless that word is a name or
    an acronym ("AI", "AWS", "ML engineer" stay as they are).

    >>> midsentence("Understand AI and use it well at work"), midsentence("ML engineer"), midsentence("AI ethics")
    ('understand AI and use it well at work', 'ML engineer', 'AI ethics')
    """
    s = str(text)
    first = s.split(" ", 1)[0]
    if any(ch.isupper() for ch in first[1:]):
        return s
    return s[:1].lower() + s[1:]


def install(env: Environment) -> None:
    env.filters.update(
        label=label,
        domain_label=domain_label,
        label_field=label_field,
        short_label=short_label,
        usd=usd,
        hours=hours,
        pace=pace,
        nicedate=nicedate,
        pct=pct,
        status_word=status_word,
        code_spans=code_spans,
        midsentence=midsentence,
    )
