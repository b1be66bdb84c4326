"""Charts drawn on the server as SVG: the catalog's cost against study time, and what one
credential costs over three years.

Pure functions of plain data to markup, like :mod:`certwise.web.svg`: presentation attributes
only (the CSP allows no inline CSS), a ``<title>`` and ``<desc>``, every user-visible string
escaped, sizes from a ``viewBox`` so the page scales them to its column. Each point of the
catalog chart is a link named in words (its ``<title>``); the pages put the same facts in words
beside each chart.

>>> pts = [{"id": "x", "name": "<b>X</b>", "provider": "P", "level": "associate", "status": "active",
...         "hours": {"low": 10, "high": 20}, "hours_estimated": False, "cost": {"low": 100, "high": 100},
...         "href": "/credentials/x"}]
>>> svg = cost_time_chart(pts)
>>> "&lt;b&gt;X&lt;/b&gt;" in svg and "<b>" not in svg, svg.count("<a ")
(True, 1)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from certwise.catalog.labels import level_name
from certwise.words import and_list, hours, low_high, usd, usd_amount

# Okabe–Ito colours (told apart by colour-blind readers), each level with its own shape as well.
LEVEL_MARKS: dict[str, tuple[str, str]] = {
    "foundational": ("#009E73", "circle"),
    "associate": ("#0072B2", "square"),
    "professional": ("#D55E00", "triangle"),
    "specialty": ("#CC79A7", "diamond"),
    "program": ("#E69F00", "down"),
}
OTHER_MARK = ("#555555", "circle")
HOUR_TICKS = (0, 10, 25, 50, 100, 200, 300, 500, 1000, 2000)
COST_TICKS = (0, 50, 100, 250, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000)
FONT = "system-ui, sans-serif"

# The two layouts a page offers: wide for a desktop column, narrow for a phone (text stays legible).
LAYOUTS: dict[str, dict[str, float]] = {
    "wide": {"width": 960, "plot_h": 430, "font": 13, "left": 84, "r": 6.5, "gap_x": 44},
    "narrow": {"width": 360, "plot_h": 380, "font": 11.5, "left": 70, "r": 5.5, "gap_x": 34},
}


def _e(s: Any) -> str:
    return str(escape(str(s)))


def _f(x: float) -> str:
    return f"{x:.1f}"


def _mid(r: Any) -> float:
    lh = low_high(r)
    return 0.0 if lh is None else (lh[0] + lh[1]) / 2


def _top(values: Sequence[float], ticks: Sequence[int]) -> float:
    """The axis end: the first tick at or above the largest value (or the value itself, past the ticks)."""
    hi = max([*values, 1.0])
    for t in ticks:
        if t >= hi:
            return float(t)
    return hi


def _sqrt_scale(top: float, a: float, b: float) -> Callable[[float], float]:
    """Value → pixel on a square-root scale: cheap and short ones spread out, zero still on the axis."""
    return lambda v: a + (b - a) * math.sqrt(max(v, 0.0) / top)


def _ticks(ticks: Sequence[int], top: float, scale: Callable[[float], float], gap: float) -> list[int]:
    """The ticks up to ``top`` whose labels do not crowd each other (the top one is always kept)."""
    kept: list[int] = []
    for t in reversed([t for t in ticks if t <= top]):
        if not kept or abs(scale(kept[-1]) - scale(t)) >= gap:
            kept.append(t)
    return sorted(kept)


def _mark(shape: str, x: float, y: float, r: float, colour: str, hollow: bool, extra: str = "") -> str:
    fill = "#ffffff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="{2 if hollow else 1}" {extra}'.rstrip()
    if shape == "square":
        s = r * 0.9
        return f'<rect x="{_f(x - s)}" y="{_f(y - s)}" width="{_f(2 * s)}" height="{_f(2 * s)}" {paint}/>'
    if shape in ("triangle", "down", "diamond"):
        k = 1.2 * r
        pts: tuple[tuple[float, float], ...]
        if shape == "triangle":
            pts = ((x, y - k), (x + k, y + k * 0.8), (x - k, y + k * 0.8))
        elif shape == "down":
            pts = ((x, y + k), (x + k, y - k * 0.8), (x - k, y - k * 0.8))
        else:
            pts = ((x, y - k), (x + k, y), (x, y + k), (x - k, y))
        return f'<polygon points="{" ".join(f"{_f(a)},{_f(b)}" for a, b in pts)}" {paint}/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" {paint}/>'


def point_name(p: dict[str, Any]) -> str:
    """A point's accessible name, in words: what it is, what it costs, how long it takes."""
    study = hours(p["hours"])
    study += " of study (a typical range for its level: no source states it)" if p.get("hours_estimated") else " of study"
    bits = [f"{usd(p['cost'])} over 3 years", study, level_name(p["level"])]
    if p.get("status") == "retired":
        bits.append("retired")
    return f"{p['name']} ({p['provider']}): " + "; ".join(bits)


def _legend(levels: list[str], hollow: bool, retired: bool, lay: dict[str, float], y0: float) -> tuple[str, float]:
    """Legend entries packed into rows that fit the width; returns the markup and its height."""
    entries: list[tuple[str, str]] = []
    for lv in levels:
        colour, shape = LEVEL_MARKS.get(lv, OTHER_MARK)
        entries.append((_mark(shape, 0, 0, lay["r"], colour, False), level_name(lv)))
    if hollow:
        entries.append((_mark("circle", 0, 0, lay["r"], "#555555", True), "Hollow: study time estimated"))
    if retired:
        entries.append((_mark("circle", 0, 0, lay["r"], "#555555", False, 'opacity="0.4"'), "Faded: retired"))
    font, r = lay["font"], lay["r"]
    row_h = font + 9
    out = ['<g class="chart-legend">']
    x, row = 8.0, 0
    for mark, text in entries:
        w = 2 * r + 6 + len(text) * font * 0.6 + 22  # a generous width per character: no clipping
        if x > 8 and x + w > lay["width"]:
            x, row = 8.0, row + 1
        y = y0 + row * row_h + row_h / 2
        out.append(f'<g transform="translate({_f(x + r)},{_f(y)})">{mark}</g>')
        out.append(f'<text x="{_f(x + 2 * r + 6)}" y="{_f(y + font * 0.35)}" font-size="{font}" '
                   f'font-family="{FONT}" fill="#111111">{_e(text)}</text>')
        x += w
    out.append("</g>")
    return "".join(out), (row + 1) * row_h


@functools.cache
def _rings(step: float) -> tuple[tuple[float, float], ...]:
    """Offsets to try, nearest first: the spot itself, then rings of marks around it."""
    out = [(0.0, 0.0)]
    for ring in range(1, 7):
        n = 6 * ring
        out += [(ring * step * math.cos(2 * math.pi * i / n), ring * step * math.sin(2 * math.pi * i / n))
                for i in range(n)]
    return tuple(out)


def _spread(points: list[tuple[float, float, dict[str, Any]]], step: float,
            box: tuple[float, float, float, float]) -> list[tuple[float, float, dict[str, Any]]]:
    """A mark that would cover another moves to the nearest free spot around its own inside ``box``
    (x0, y0, x1, y1), so each stays a target of its own and close to its value. Deterministic: the
    input order decides."""
    placed: list[tuple[float, float, dict[str, Any]]] = []
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}  # placed marks by cell, to check neighbours only
    near = (step * 0.95) ** 2

    def free(x: float, y: float) -> bool:
        cx, cy = int(x // step), int(y // step)
        return all((x - a) ** 2 + (y - b) ** 2 >= near
                   for i in (-1, 0, 1) for j in (-1, 0, 1) for a, b in grid.get((cx + i, cy + j), ()))

    for x, y, p in points:
        nx, ny = x, y
        for dx, dy in _rings(step):
            if box[0] <= x + dx <= box[2] and box[1] <= y + dy <= box[3] and free(x + dx, y + dy):
                nx, ny = x + dx, y + dy
                break
        placed.append((nx, ny, p))
        grid.setdefault((int(nx // step), int(ny // step)), []).append((nx, ny))
    return placed


def cost_time_chart(points: list[dict[str, Any]], *, layout: str = "wide", id_prefix: str = "ctc",
                    title: str = "Cost over 3 years against study time") -> Markup:
    """A scatter of credentials: study time across (hours), cost over three years up (US dollars).

    Each point: ``id``, ``name``, ``provider``, ``level``, ``status``, ``hours`` and ``cost`` as
    ``{"low", "high"}`` (drawn at the middle of the range), ``hours_estimated`` (drawn hollow)
    and ``href``. Both axes use a square-root scale with labelled ticks, so the many short, cheap
    courses do not pile up at zero. Callers say in words when there is nothing to draw.
    """
    lay = LAYOUTS[layout]
    font, r = lay["font"], lay["r"]
    levels = [lv for lv in LEVEL_MARKS if any(p["level"] == lv for p in points)]
    levels += sorted({p["level"] for p in points} - set(LEVEL_MARKS))
    legend, legend_h = _legend(levels, any(p.get("hours_estimated") for p in points),
                               any(p.get("status") == "retired" for p in points), lay, 4)
    top = 4 + legend_h + 14
    left, right, bottom = lay["left"], lay["width"] - 16, top + lay["plot_h"]
    height = bottom + font * 3.4
    h_top = _top([_mid(p["hours"]) for p in points], HOUR_TICKS)
    c_top = _top([_mid(p["cost"]) for p in points], COST_TICKS)
    sx = _sqrt_scale(h_top, left + r + 2, right - r)
    sy = _sqrt_scale(c_top, bottom - r - 2, top + r)
    desc = (f"{len(points)} credentials. Across: study time in hours; up: cost over three years in US dollars "
            "(the price to earn it plus the renewals due in three years). Each mark sits at the middle of its "
            "ranges; both scales are stretched near zero so short, cheap courses stay apart. Colour and shape "
            "give the level; a hollow mark means no source states the study time.")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lay["width"]} {_f(height)}" width="100%" '
        f'role="group" aria-labelledby="{id_prefix}-t {id_prefix}-d" class="cost-chart" data-layout="{layout}">',
        f'<title id="{id_prefix}-t">{_e(title)}</title><desc id="{id_prefix}-d">{_e(desc)}</desc>',
        f'<rect x="0" y="0" width="{lay["width"]}" height="{_f(height)}" fill="#ffffff"/>',
        legend,
        f'<g font-family="{FONT}" font-size="{font}" fill="#333333">',
    ]
    for t in _ticks(COST_TICKS, c_top, sy, font + 5):
        y = sy(t)
        out.append(f'<line x1="{left}" x2="{right}" y1="{_f(y)}" y2="{_f(y)}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{left - 6}" y="{_f(y + font * 0.35)}" text-anchor="end">{_e(usd_amount(t))}</text>')
    for t in _ticks(HOUR_TICKS, h_top, sx, lay["gap_x"]):
        x = sx(t)
        out.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{top}" y2="{bottom}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{_f(x)}" y="{_f(bottom + font + 4)}" text-anchor="middle">{t} h</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#555555"/>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#555555"/>')
    out.append(f'<text x="{_f((left + right) / 2)}" y="{_f(bottom + font * 2.7)}" text-anchor="middle" '
               f'font-weight="600" fill="#111111">Study time (hours)</text>')
    cy = (top + bottom) / 2
    out.append(f'<text x="{_f(font)}" y="{_f(cy)}" transform="rotate(-90 {_f(font)} {_f(cy)})" text-anchor="middle" '
               f'font-weight="600" fill="#111111">Cost over 3 years (US dollars)</text>')
    out.append("</g>")
    placed = _spread([(sx(_mid(p["hours"])), sy(_mid(p["cost"])), p) for p in points], 2 * r + 1.5,
                     (left + r, top + r, right, bottom - r))
    placed.sort(key=lambda t: (t[2].get("status") != "retired", -t[1]))  # retired underneath
    out.append('<g class="chart-points">')
    for x, y, p in placed:
        colour, shape = LEVEL_MARKS.get(p["level"], OTHER_MARK)
        faded = ' opacity="0.4"' if p.get("status") == "retired" else ""
        mark = _mark(shape, x, y, r, colour, bool(p.get("hours_estimated")), 'class="mark"')
        out.append(f'<a href="{_e(p["href"])}" class="chart-point" data-id="{_e(p["id"])}"{faded}>'
                   f'<title>{_e(point_name(p))}</title>{mark}</a>')
    out.append("</g></svg>")
    return Markup("".join(out))


# --- one credential's three years ---------------------------------------------------------------

def cost_rows(three: dict[str, Any]) -> list[dict[str, Any]]:
    """The engine's three-year cost as rows to draw: to earn it, each renewal, the total."""
    rows: list[dict[str, Any]] = [{"part": "earn", "label": "To earn it", "usd": three.get("initial_usd"),
                                   "none": "price not stated"}]
    merged: list[tuple[list[Any], dict[str, Any]]] = []  # renewals that read alike, one row ("Years 1, 2 and 3")
    for b in three.get("renewals", []):
        if merged and merged[-1][1]["how"] == b["how"] and merged[-1][1].get("cost_usd") == b.get("cost_usd"):
            merged[-1][0].append(b["year"])
        else:
            merged.append(([b["year"]], b))
    for years, b in merged:
        when = f"Year {years[0]}" if len(years) == 1 else f"Years {and_list([str(y) for y in years])}"
        cannot = b["how"].startswith("cannot be renewed")  # the engine's words for a renewal past retirement
        rows.append({"part": "renewal", "label": f"{when}: {b['how']}", "usd": b.get("cost_usd"),
                     "none": "not in the total" if cannot else "price not stated"})
    rows.append({"part": "total", "label": f"In all over {three.get('horizon_years', 3)} years",
                 "usd": three.get("total_usd"), "none": "price not stated"})
    return rows


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


PART_COLOURS = {"earn": "#0072B2", "renewal": "#56B4E9", "total": "#333333"}


def three_year_chart(three: dict[str, Any], *, name: str, id_prefix: str = "c3y") -> Markup | None:
    """Bars for what a credential costs over three years (``advice.money.three_year_cost``'s dict).

    A range is drawn solid to its low end and pale to its high end. None when there is nothing
    truthful to draw (no stated price, or nothing to pay at all): the page says so in words.
    """
    total = low_high(three.get("total_usd"))
    if total is None or total[1] <= 0:
        return None
    width, font, bar_h, value_w = 420, 14, 16, 112
    scale = (width - value_w - 4) / total[1]
    y = 6.0
    body: list[str] = []
    for row in cost_rows(three):
        lh = low_high(row["usd"])
        weight = "700" if row["part"] == "total" else "400"
        if row["part"] == "total":
            body.append(f'<line x1="0" x2="{width}" y1="{_f(y)}" y2="{_f(y)}" stroke="#999999"/>')
            y += 6
        for line in _wrap(row["label"], 52):
            y += font + 2
            body.append(f'<text x="0" y="{_f(y)}" font-weight="{weight}">{_e(line)}</text>')
        y += 5
        colour = PART_COLOURS[row["part"]]
        if lh is None:
            body.append(f'<text x="0" y="{_f(y + bar_h - 3)}" fill="#555555" data-part="{row["part"]}">'
                        f'{_e(row["none"])}</text>')
        else:
            lo_w, hi_w = lh[0] * scale, lh[1] * scale
            attrs = f'data-part="{row["part"]}" data-usd-low="{lh[0]:g}" data-usd-high="{lh[1]:g}"'
            body.append(f'<g class="cost-bar" {attrs}>')
            body.append(f'<rect x="0" y="{_f(y)}" width="{_f(max(lo_w, 1.5))}" height="{bar_h}" fill="{colour}"/>')
            if hi_w > lo_w:
                body.append(f'<rect x="{_f(lo_w)}" y="{_f(y)}" width="{_f(hi_w - lo_w)}" height="{bar_h}" '
                            f'fill="{colour}" fill-opacity="0.35"/>')
            body.append(f'<text x="{_f(max(hi_w, 1.5) + 6)}" y="{_f(y + bar_h - 3)}" font-weight="{weight}">'
                        f'{_e(usd(lh))}</text></g>')
        y += bar_h + 6
    height = y + 4
    desc = "; ".join(f"{row['label']}: {usd(row['usd'], none=row['none'])}" for row in cost_rows(three)) + "."
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {_f(height)}" width="100%" role="img" '
        f'aria-labelledby="{id_prefix}-t {id_prefix}-d" class="three-year-chart">'
        f'<title id="{id_prefix}-t">{_e(f"What {name} costs over three years")}</title>'
        f'<desc id="{id_prefix}-d">{_e(desc)}</desc>'
        f'<g font-family="{FONT}" font-size="{font}" fill="#111111">{"".join(body)}</g></svg>'
    )
