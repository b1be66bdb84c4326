"""Numbers, money, ranges and lists in plain words: the one home for how certwise writes them.

Every face (the engine's reasons, the CLI, the pages) formats through these, so "$150–$300",
"2 years" and "50%" read the same everywhere.

>>> usd({"low": 150, "high": 300}), usd({"low": 0, "high": 0}), usd(None)
('$150–$300', 'Free', 'price not stated')
>>> num(2.0), num(1234.5), years(2.0), years(1), pct(50.0)
('2', '1,234.5', '2 years', '1 year', '50%')
>>> and_list(["AWS", "Azure", "Google Cloud"]), count(7, "certification")
('AWS, Azure and Google Cloud', 'seven certifications')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve")


def num(x: float) -> str:
    """A number without a needless ``.0``, with thousands separators: 2.0 → "2", 1234.5 → "1,234.5"."""
    x = float(x)
    if x.is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}" if abs(x) >= 10 else f"{x:,.2f}".rstrip("0").rstrip(".")


def low_high(r: Any) -> tuple[float, float] | None:
    """``(low, high)`` from a ``{"low", "high"}`` dict, a Range, or one number; None for None."""
    if r is None:
        return None
    if isinstance(r, int | float):
        return float(r), float(r)
    if isinstance(r, tuple):
        return float(r[0]), float(r[1])
    if isinstance(r, dict):
        lo, hi = r.get("low"), r.get("high")
        if lo is None and hi is None:
            return None
        lo = hi if lo is None else lo
        hi = lo if hi is None else hi
        return float(lo), float(hi)  # type: ignore[arg-type]
    return float(r.low), float(r.high)


def span(r: Any, unit: str = "", *, prefix: str = "", none: str = "—") -> str:
    """A range in words: "80–160 h", "$150–$300" (with ``prefix="$"``), "4 weeks"."""
    lh = low_high(r)
    if lh is None:
        return none
    lo, hi = lh
    body = f"{prefix}{num(lo)}" if lo == hi else f"{prefix}{num(lo)}–{prefix}{num(hi)}"
    return f"{body} {unit}" if unit else body


def usd_amount(x: float) -> str:
    """One amount: 1200 → "$1,200"."""
    return f"${num(round(float(x), 2))}"


def usd(r: Any, *, none: str = "price not stated") -> str:
    """A cost range: "$150–$300"; 0 → "Free"; None (no source states a price) → ``none``."""
    lh = low_high(r)
    if lh is None:
        return none
    if lh[1] == 0:
        return "Free"
    return span(lh, prefix="$")


def hours(r: Any, *, none: str = "—") -> str:
    """Study hours: "80–160 hours", "1 hour"."""
    lh = low_high(r)
    if lh is None:
        return none
    return span(lh, "hour" if lh[1] == 1 else "hours")


def pct(r: Any, *, none: str = "—") -> str:
    """A percentage or a range of them: "50%", "20–25%"."""
    lh = low_high(r)
    if lh is None:
        return none
    lo, hi = lh
    return f"{num(lo)}%" if lo == hi else f"{num(lo)}–{num(hi)}%"


def years(x: float) -> str:
    """2.0 → "2 years", 1 → "1 year", 1.5 → "1.5 years"."""
    return f"{num(x)} year" + ("" if float(x) == 1 else "s")


def plural(n: float, noun: str, many: str | None = None) -> str:
    """ "1 week", "3 weeks" (digits)."""
    return f"{num(n)} {noun if n == 1 else (many or noun + 's')}"


def count(n: int, noun: str, many: str | None = None) -> str:
    """ "seven certifications", "one credential", "13 badges" (words up to twelve)."""
    word = _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)
    return f"{word} {noun if n == 1 else (many or noun + 's')}"


def and_list(words: Sequence[str], conj: str = "and") -> str:
    """ "A", "A and B", "A, B and C"."""
    items = [w for w in words if w]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def cap(s: str) -> str:
    """The first letter upper-case, the rest untouched."""
    return s[:1].upper() + s[1:]
