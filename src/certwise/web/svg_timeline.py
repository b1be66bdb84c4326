"""The plan's timeline: one bar per credential from study start to exam, its milestones, the exam.

Drawn for the column it must fit (:class:`TimelineLayout`): ``WIDE`` puts names at the left of
their bars (desktop), ``NARROW`` puts each name above its bar so the whole plan fits a 390 px
phone. :func:`timeline_pictures` gives the page both; its stylesheet shows the one that fits.
The legend lists exactly the marks drawn (each mark and its legend entry carry ``data-mark``).

>>> plan = {"items": [{"id": "x", "name": "X", "study_start": "2026-12-07", "exam_date": "2027-03-01",
...                    "milestones": [{"week": 2, "topic": "Build", "project": "A bot"}]}]}
>>> svg = timeline_svg(plan)
>>> 'data-mark="square"' in svg and 'data-mark="dot"' not in svg
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from certwise.web.svg_kit import DOMAIN_COLORS, FONT, esc, text_lines, text_width, wrap


@dataclass(frozen=True)
class TimelineLayout:
    """How the timeline fills a column ``width`` px wide."""

    name: str  # "wide" / "narrow": part of the drawing's element ids and class
    width: float
    label_w: float  # names at the left of their bars; 0 puts each name above its bar


WIDE = TimelineLayout("wide", 920, 230)
NARROW = TimelineLayout("narrow", 358, 0)

HEAD_H = 42
RIGHT_PAD = 34  # room for the last month's label right of its line
MONTH_FONT = 11
LEGEND_FONT = 10.5
BAR_COLORS = list(DOMAIN_COLORS.values())


def _d(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _month_starts(start: date, end: date) -> list[date]:
    d = date(start.year, start.month, 1)
    out = []
    while d <= end:
        if d >= start:
            out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


@dataclass(frozen=True)
class _Row:
    """What one credential's row says, the same in every layout: worked out once for both drawings."""

    name: str
    start: date
    exam: date
    finish: str  # "Exam" / "Finish"
    start_days: int  # days from the plan's first day
    exam_days: int
    bar_tip: str  # escaped, as are the tips below
    marks: tuple[tuple[str, int, str], ...]  # the milestones drawn: (kind, days from the plan's first day, tip)
    exam_tip: str
    exam_label: str


@dataclass(frozen=True)
class _Plan:
    start: date
    end: date
    span: int
    rows: tuple[_Row, ...]
    desc: str  # escaped
    drawn: frozenset[str]  # the kinds of mark drawn
    finishes: frozenset[str]
    months: tuple[tuple[date, int, str], ...]  # each month's first day in the plan, days from its start, its name


def timeline_pictures(plan: dict[str, Any], names: dict[str, str] | None = None, *,
                      title: str = "Study plan timeline") -> Markup:
    """The timeline as a page shows it: the wide and the narrow drawing side by side in the
    markup (the stylesheet shows the one that fits the screen); empty without dated items."""
    facts = _facts(plan, names or {})
    if facts is None:
        return Markup("")
    wide, narrow = _draw(facts, title, WIDE), _draw(facts, title, NARROW)
    return Markup(f'<div class="timeline-pictures">{wide}{narrow}</div>')


def timeline_svg(plan: dict[str, Any], names: dict[str, str] | None = None, *, title: str = "Study plan timeline",
                 layout: TimelineLayout = WIDE) -> Markup:
    """A Gantt-style picture of a dated plan: one bar per credential from study start to exam,
    milestones as dots (squares for those with a project), the exam as a diamond."""
    facts = _facts(plan, names or {})
    return Markup("") if facts is None else _draw(facts, title, layout)


def _facts(plan: dict[str, Any], names: dict[str, str]) -> _Plan | None:
    """The plan's dated items as rows to draw (None if none has both dates)."""
    dated = []
    for it in plan.get("items", []):
        s, e = _d(it.get("study_start")), _d(it.get("exam_date"))
        if s and e:
            dated.append((it, s, e))
    if not dated:
        return None
    start = min(s for _, s, _ in dated)
    end = max(e for _, _, e in dated)
    end = max(end, start + timedelta(days=28)) + timedelta(days=7)
    rows = []
    drawn: set[str] = {"bar", "diamond"}
    finishes: set[str] = set()
    desc_bits = []
    for it, s, e in dated:
        nm = str(it.get("name") or names.get(it["id"], it["id"]))
        finish = "Exam" if it.get("finish", "exam") == "exam" else "Finish"
        finishes.add(finish.lower())
        marks = []
        for ms in it.get("milestones", []) or []:
            try:
                wk = int(ms.get("week", 0))
            except (TypeError, ValueError):
                continue
            md = s + timedelta(days=7 * max(0, wk - 1))
            if md > e:
                continue
            project = ms.get("project")
            tip = f"Week {wk}: {ms.get('topic', '')}" + (f" — project: {project}" if project else "")
            kind = "square" if project else "dot"
            marks.append((kind, (md - start).days, esc(tip)))
            drawn.add(kind)
        rows.append(_Row(nm, s, e, finish, (s - start).days, (e - start).days,
                         esc(f"{nm}: study {s.isoformat()} to {e.isoformat()}"), tuple(marks),
                         esc(f"{finish}: {e.isoformat()}"), f"{finish} {e.day} {e:%b}"))
        desc_bits.append(f"{it.get('name') or names.get(it['id'], it['id'])}: study from {it['study_start']}, "
                         f"exam on {it['exam_date']}")
    months = tuple((m, (m - start).days, f"{m:%b}") for m in _month_starts(start, end))
    return _Plan(start, end, (end - start).days or 1, tuple(rows), esc("; ".join(desc_bits)), frozenset(drawn),
                 frozenset(finishes), months)


def _draw(facts: _Plan, title: str, layout: TimelineLayout) -> Markup:
    width = layout.width
    x0 = layout.label_w + 8 if layout.label_w else 10.0
    chart_w = width - RIGHT_PAD - x0
    span = facts.span

    body: list[str] = []
    y = float(HEAD_H)
    for i, row in enumerate(facts.rows):
        y = _row(body, row, i, y, x0, chart_w, span, layout)
    grid_bottom = y
    legend, legend_h = _legend(facts.drawn, facts.finishes, width, y + 8)
    height = math.ceil(y + 8 + legend_h)

    head = _months(facts, x0, chart_w, grid_bottom)
    ident = f"tl-{layout.name}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height}" width="{width:g}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="timeline-svg timeline-{layout.name}">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{facts.desc}.</desc>',
        f'<rect x="0" y="0" width="{width:g}" height="{height}" fill="#ffffff"/>',
        head, *body, legend, "</svg>",
    ]
    return Markup("".join(out))


def _months(facts: _Plan, x0: float, chart_w: float, bottom: float) -> str:
    """The years, a line at each month's start and its label (thinned out to fit)."""
    start, end, span = facts.start, facts.end, facts.span
    years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    out = [text_lines(8, 12, [years], MONTH_FONT, "bold", fill="#333333")]
    months = facts.months
    step = max(1, math.ceil(len(months) / max(1, int(chart_w // 32))))
    year = start.year
    for k, (m, days, name) in enumerate(months):
        x = x0 + chart_w * days / span
        out.append(f'<line x1="{x:.1f}" y1="{HEAD_H - 6}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#dddddd" stroke-width="1"/>')
        if k % step == 0:
            if m.year != year:  # a new year above its first label, so labels never collide
                year = m.year
                out.append(text_lines(x + 3, HEAD_H - 20, [f"{m:%Y}", name], MONTH_FONT, fill="#333333",
                                      line_h=12, cls="tl-month"))
            else:
                out.append(text_lines(x + 3, HEAD_H - 8, [name], MONTH_FONT, fill="#333333", cls="tl-month"))
    return "".join(out)


def _row(out: list[str], row: _Row, i: int, y: float, x0: float, chart_w: float, span: int,
         layout: TimelineLayout) -> float:
    """One credential's row from ``y``: its name, bar, milestones and exam; the y below it."""
    if layout.label_w:
        out.append(text_lines(8, y + 19, wrap(row.name, int(layout.label_w / (11.5 * 0.62)), 2), 11.5, "bold",
                              line_h=13, cls="tl-name"))
        bar_y = y + 10
        row_h = 46.0
    else:
        lines = wrap(row.name, int((layout.width - 16) / (12 * 0.62)), 2)
        out.append(text_lines(8, y + 14, lines, 12, "bold", line_h=14, cls="tl-name"))
        bar_y = y + 14 * len(lines) + 6
        row_h = bar_y - y + 18 + 22
    x1, x2 = x0 + chart_w * row.start_days / span, x0 + chart_w * row.exam_days / span
    out.append(f'<rect class="tl-mark" data-mark="bar" x="{x1:.1f}" y="{bar_y:.1f}" width="{max(2.0, x2 - x1):.1f}" '
               f'height="18" rx="3" fill="{BAR_COLORS[i % len(BAR_COLORS)]}" stroke="#333333" stroke-width="1">'
               f"<title>{row.bar_tip}</title></rect>")
    mid = bar_y + 9
    for kind, days, tip in row.marks:
        out.append(_mark(kind, x0 + chart_w * days / span, mid, tip))
    out.append(_mark("diamond", x2, mid, row.exam_tip))
    label = row.exam_label
    lw = text_width(label, 10)
    lx = min(max(x2 - lw / 2, 4.0), layout.width - lw - 4)
    out.append(text_lines(lx, bar_y + 18 + 14, [label], 10, fill="#333333", cls="tl-exam-label"))
    return y + row_h


def _mark(kind: str, x: float, y: float, tip: str = "", cls: str = "tl-mark") -> str:
    """A milestone, project or exam mark centred on (x, y); the legend draws the same shapes."""
    title = f"<title>{tip}</title>" if tip else ""
    attrs = f'class="{cls}" data-mark="{kind}"'
    if kind == "square":
        return f'<rect {attrs} x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="#111111">{title}</rect>'
    if kind == "dot":
        return f'<circle {attrs} cx="{x:.1f}" cy="{y:.1f}" r="2.8" fill="#111111">{title}</circle>'
    if kind == "diamond":
        return (f'<path {attrs} d="M {x:.1f} {y - 8:.1f} l 8 8 l -8 8 l -8 -8 z" fill="#ffffff" stroke="#111111" '
                f'stroke-width="1.5">{title}</path>')
    return (f'<rect {attrs} x="{x - 10:.1f}" y="{y - 6:.1f}" width="20" height="12" rx="2" fill="{BAR_COLORS[0]}" '
            f'stroke="#333333" stroke-width="1">{title}</rect>')  # bar


def _legend(drawn: frozenset[str], finishes: frozenset[str], width: float, y: float) -> tuple[str, float]:
    """One entry per mark drawn, flowing onto a new line where the width ends; (markup, height)."""
    finish = "exam" if finishes == {"exam"} else "finish" if finishes == {"finish"} else "exam or finish"
    words = {"bar": "study time", "dot": "weekly milestone", "square": "milestone with a project to build",
             "diamond": finish}
    out: list[str] = []
    x, line = 8.0, 0
    for kind in ("bar", "dot", "square", "diamond"):
        if kind not in drawn:
            continue
        w = 28 + text_width(words[kind], LEGEND_FONT) + 14
        if x + w > width - 4 and x > 8:
            x, line = 8.0, line + 1
        ly = y + 8 + line * 20
        out.append(f'<g class="tl-legend-entry" data-mark="{kind}">'
                   f"{_mark(kind, x + 10, ly, cls='tl-legend-mark')}"
                   f'<text x="{x + 24:.1f}" y="{ly + 4:.1f}" font-size="{LEGEND_FONT}" fill="#333333" '
                   f'font-family="{FONT}">{esc(words[kind])}</text></g>')
        x += w
    return "".join(out), 8 + (line + 1) * 20
