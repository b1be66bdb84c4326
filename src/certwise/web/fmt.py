"""Jinja filters that turn the engine's JSON into plain words (money, hours, dates, labels)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

LABELS = {
    "career-changer": "Career changer",
    "student": "Student",
    "developer": "Developer or engineer",
    "data-professional": "Data professional (analyst, data engineer …)",
    "ml-practitioner": "ML practitioner (data scientist, ML engineer)",
    "non-technical": "Non-technical (manager, product, design, marketing)",
    "researcher": "Researcher",
    "leader": "Leader or executive",
    "ai-literacy": "Understand AI and use it well at work",
    "first-ai-role": "Get my first AI job",
    "ml-engineering": "Build and deploy ML systems",
    "generative-ai": "Build generative AI applications",
    "deep-learning": "Specialise in deep learning",
    "data-to-ai": "Move from data work into AI",
    "research": "Research",
    "leadership": "Lead AI work (senior / leadership roles)",
    "aws": "AWS (Amazon Web Services)",
    "gcp": "Google Cloud",
    "azure": "Microsoft Azure",
    "none": "None / not sure",
    "vendor-neutral": "Vendor-neutral",
    "databricks": "Databricks",
    "nvidia": "NVIDIA",
    "certification-exam": "Certification exam",
    "professional-certificate": "Professional certificate (course series)",
    "university-program": "University program",
    "learning-path": "Free learning path",
    "worth-it": "Worth it",
    "situational": "Depends on your situation",
    "skip": "Skip it",
}


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


def _n(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def _lohi(r: Any) -> tuple[float, float] | None:
    if r is None:
        return None
    if isinstance(r, dict):
        lo: Any = r.get("low")
        hi: Any = r.get("high")
        if lo is None and hi is None:
            return None
        if lo is None:
            lo = hi
        if hi is None:
            hi = lo
        return float(lo), float(hi)
    if isinstance(r, int | float):
        return float(r), float(r)
    return float(r.low), float(r.high)


def usd(r: Any) -> str:
    """``{"low": 150, "high": 300}`` → "$150–$300"; zero → "Free"."""
    lh = _lohi(r)
    if lh is None:
        return "—"
    lo, hi = lh
    if hi == 0:
        return "Free"
    if lo == hi:
        return f"${_n(lo)}"
    return f"${_n(lo)}–${_n(hi)}"


def hours(r: Any) -> str:
    lh = _lohi(r)
    if lh is None:
        return "—"
    lo, hi = lh
    unit = "hour" if hi == 1 else "hours"
    return f"{_n(lo)} {unit}" if lo == hi else f"{_n(lo)}–{_n(hi)} {unit}"


def pace(r: Any, hours_per_week: Any) -> str:
    """Prep hours at a weekly pace, in weeks or months: "4–8 weeks at 10 h/week"."""
    lh = _lohi(r)
    try:
        hpw = float(hours_per_week)
    except (TypeError, ValueError):
        hpw = 0
    if lh is None or hpw <= 0:
        return "—"
    lo, hi = (math.ceil(lh[0] / hpw), math.ceil(lh[1] / hpw))
    lo, hi = max(lo, 1), max(hi, 1)
    if hi > 12:
        mlo, mhi = max(1, round(lo / 4.33)), max(1, round(hi / 4.33))
        span = f"{mlo} months" if mlo == mhi else f"{mlo}–{mhi} months"
    else:
        span = (f"{lo} week" + ("s" if lo > 1 else "")) if lo == hi else f"{lo}–{hi} weeks"
    return f"{span} at {_n(hpw)} h/week"


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
    lh = _lohi(r)
    if lh is None:
        return "—"
    lo, hi = lh
    return f"{_n(lo)}%" if lo == hi else f"{_n(lo)}–{_n(hi)}%"


DOMAIN_LABELS = {
    "ml-engineering": "ML engineering",
    "mlops": "MLOps",
    "generative-ai": "Generative AI",
    "deep-learning": "Deep learning",
    "computer-vision": "Computer vision",
    "nlp": "NLP",
    "data-engineering": "Data engineering",
    "data-science": "Data science",
    "ai-literacy": "AI literacy",
    "ai-governance": "AI governance",
    "infrastructure": "AI infrastructure",
    "cloud-fundamentals": "Cloud fundamentals",
    "ai-applications": "AI applications",
    "product-management": "Product management",
}


def domain_label(value: Any) -> str:
    return DOMAIN_LABELS.get(str(value), label(value))


STATUS_WORDS = {
    "active": "Active",
    "beta": "Beta",
    "retiring": "Retiring",
    "retired": "Retired",
    "upcoming": "Not yet open",
}


def status_word(s: Any) -> str:
    return STATUS_WORDS.get(str(s), str(s))


def code_spans(text: Any) -> Markup:
    """Escape ``text``, then show `backticked` commands as <code>.

    >>> str(code_spans("run `certwise plan` <now>"))
    'run <code>certwise plan</code> &lt;now&gt;'
    """
    import re

    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(escape(str(text)))))


def install(env: Environment) -> None:
    env.filters.update(
        label=label,
        domain_label=domain_label,
        short_label=short_label,
        usd=usd,
        hours=hours,
        pace=pace,
        nicedate=nicedate,
        pct=pct,
        status_word=status_word,
        code_spans=code_spans,
    )
