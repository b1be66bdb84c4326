"""The roadmap of the landscape: providers across, levels up, coloured by main domain.

The picture is laid out for the column it must fit (a :class:`RoadmapLayout`): providers that
do not fit side by side go into another band below, each band with its own provider
headings and level rows, so nothing hides behind a scrollbar. ``WIDE`` fits the desktop
content column (1,120 px), ``MEDIUM`` a tablet's (768 px screens and up); ``NARROW`` fits a
390 px phone: one provider per band, two boxes side by side, level names above their row.
The legend wraps to the same width.

>>> svg = roadmap_svg([{"id": "x", "name": "<b>X</b>", "provider": "P", "level": "associate",
...                     "domains": ["mlops"], "status": "active"}])
>>> "&lt;b&gt;X&lt;/b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from certwise.catalog.labels import cap_domain, status_word
from certwise.web.svg_kit import (
    DEFAULT_COLOR,
    DOMAIN_COLORS,
    FONT,
    LEVEL_NAMES,
    LEVEL_ROWS,
    RETIRED_FILL,
    domain_color,
    esc,
    main_domain,
    short_name,
    status_tag,
    text_lines,
    text_width,
    wrap,
)


@dataclass(frozen=True)
class RoadmapLayout:
    """How the roadmap fills a column ``width`` px wide."""

    name: str  # "wide" / "narrow": part of the drawing's element ids and class
    width: float  # the drawing's width: the content column it must fit
    label_w: float  # level names at the left of each row; 0 puts them above the row
    min_col_w: float  # the narrowest a provider column may be
    min_box_w: float  # the narrowest a box may be (a wide column holds boxes side by side)


WIDE = RoadmapLayout("wide", 1120, 104, 150, 132)
MEDIUM = RoadmapLayout("medium", 736, 104, 150, 132)
NARROW = RoadmapLayout("narrow", 358, 0, 300, 140)

BOX_H, GAP, PAD = 58, 8, 10
BOX_FONT = 10.5
LEGEND_FONT = 11
BAND_GAP = 14

_UNIVERSITY = re.compile(r"universit|college|\bmit\b|harvard|stanford|institute of technology", re.I)


def provider_column(provider: str, counts: dict[str, int]) -> str:
    """The roadmap column for a provider: the provider itself, its family ("Kaggle (Google)" →
    Google), "Universities", or "Other providers" for one-off issuers (keeps the picture printable).

    >>> provider_column("Kaggle (Google)", {})
    'Google'
    >>> provider_column("MIT Professional Education", {})
    'Universities'
    """
    if provider.startswith("Google") or "(Google)" in provider:
        return "Google"
    if _UNIVERSITY.search(provider):
        return "Universities"
    if counts.get(provider, 0) <= 1:
        return "Other providers"
    return provider


def _column_order(creds: list[dict[str, Any]]) -> list[str]:
    best: dict[str, tuple[int, int, str]] = {}
    for c in creds:
        col = c["_column"]
        late = 1 if col in ("Universities", "Other providers") else 0
        key = (late, c.get("tier") or 9, col.lower())
        best[col] = min(best.get(col, key), key)
    return sorted(best, key=lambda p: best[p])


def legend_entries(creds: list[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    """(words, fill, dashed) for each legend entry: the colour of each main domain drawn, then
    retired if any is, so the legend lists what the picture shows and nothing else."""
    live = [c for c in creds if c["status"] != "retired"]
    used = {main_domain(c) for c in live}
    out = [(cap_domain(dom), color, False) for dom, color in DOMAIN_COLORS.items() if dom in used]
    if any(dom not in DOMAIN_COLORS for dom in used):
        out.append(("Other topics", DEFAULT_COLOR, False))
    if len(live) < len(creds):
        out.append(("Retired (dashed)", RETIRED_FILL, True))
    return out


def roadmap_svg(creds: list[dict[str, Any]], *, as_of: date | None = None, link: str = "/credentials/{id}",
                layout: RoadmapLayout = WIDE) -> Markup:
    """The whole landscape, laid out to fit ``layout.width``.

    ``creds`` are credential summaries (``certwise.catalog.browse.credential_summary``).
    """
    counts: dict[str, int] = defaultdict(int)
    for c in creds:
        counts[c["provider"]] += 1
    creds = [{**c, "_column": provider_column(c["provider"], counts)} for c in creds]
    providers = _column_order(creds) or [""]
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in creds:
        lvl = c["level"] if c["level"] in LEVEL_ROWS else "professional"
        cells[(c["_column"], lvl)].append(c)
    for v in cells.values():
        v.sort(key=lambda c: (c["status"] == "retired", c["name"].lower()))

    g = _Grid(layout, len(providers))
    bands = [providers[i:i + g.cols] for i in range(0, len(providers), g.cols)]
    body: list[str] = []
    y = 0.0
    for band in bands:
        y = g.band(body, band, cells, y, link)
        y += BAND_GAP
    legend, legend_h = _legend(legend_entries(creds), layout.width, y + 4)
    body.append(legend)
    width, height = layout.width, math.ceil(y + 4 + legend_h)

    n = len(creds)
    retired = sum(1 for c in creds if c["status"] == "retired")
    title = "Roadmap of AI certifications" + (f" as of {as_of.isoformat()}" if as_of else "")
    desc = (f"{n} credentials from {len(counts)} providers, arranged by provider (columns) and level "
            f"(rows, foundational at the bottom, specialty at the top), coloured by main domain; "
            f"{retired} retired ones are drawn with a dashed border and marked RETIRED.")
    ident = "roadmap" if layout is WIDE else f"roadmap-{layout.name}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height}" width="{width:g}" '
        f'height="{height}" role="group" aria-labelledby="{ident}-title {ident}-desc" '
        f'class="roadmap-svg roadmap-{layout.name}">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{width:g}" height="{height}" fill="#ffffff"/>',
        *body,
        "</svg>",
    ]
    return Markup("".join(out))


class _Grid:
    """Column and box sizes for a layout and a number of provider columns."""

    def __init__(self, layout: RoadmapLayout, n_columns: int) -> None:
        self.layout = layout
        self.left = layout.label_w or 8.0
        avail = layout.width - self.left - 8
        fit = max(1, int(avail // layout.min_col_w))
        n_bands = math.ceil(n_columns / fit)
        self.cols = math.ceil(n_columns / n_bands)  # balanced bands: 12 → 6 + 6, 9 → 5 + 4
        self.col_w = avail / self.cols
        inner = self.col_w - 8
        self.per_row = max(1, int((inner + GAP) // (layout.min_box_w + GAP)))
        self.box_w = (inner - GAP * (self.per_row - 1)) / self.per_row
        self.chars = max(12, int((self.box_w - 12) / (BOX_FONT * 0.56)))
        self.top_labels = layout.label_w == 0

    def band(self, out: list[str], band: list[str], cells: dict[tuple[str, str], list[dict[str, Any]]],
             y: float, link: str) -> float:
        """Draw one band of provider columns from ``y``; the y below it."""
        w = self.layout.width
        head_h = 30.0 if self.top_labels else 44.0
        out.append(f'<rect x="0" y="{y:.1f}" width="{w:g}" height="{head_h:g}" fill="#eef2f8"/>')
        for i, p in enumerate(band):
            if self.top_labels:
                out.append(text_lines(8, y + 20, [p], 14, "bold", cls="rm-provider"))
            else:
                x = self.left + i * self.col_w + self.col_w / 2
                chars = max(8, int((self.col_w - 8) / (12 * 0.62)))
                out.append(text_lines(x, y + 18, wrap(p, chars, 2), 12, "bold", anchor="middle", line_h=15,
                                      cls="rm-provider"))
        y += head_h
        rows = [lvl for lvl in LEVEL_ROWS if any((p, lvl) in cells for p in band)]
        for k, lvl in enumerate(reversed(rows)):
            stacked = max(math.ceil(len(cells.get((p, lvl), [])) / self.per_row) for p in band)
            top = 20.0 if self.top_labels else 0.0
            h = top + stacked * (BOX_H + GAP) - GAP + 2 * PAD
            out.append(f'<rect x="0" y="{y:.1f}" width="{w:g}" height="{h:.1f}" fill="{"#f7f7f7" if k % 2 else "#ffffff"}"/>')
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{w:g}" y2="{y:.1f}" stroke="#bbbbbb" stroke-width="1"/>')
            if self.top_labels:
                out.append(text_lines(8, y + 16, [LEVEL_NAMES[lvl]], 11.5, "bold", fill="#333333"))
            else:
                out.append(text_lines(8, y + PAD + 14, wrap(LEVEL_NAMES[lvl], 13, 2), 12, "bold", line_h=15))
            for i, p in enumerate(band):
                for j, c in enumerate(cells.get((p, lvl), [])):
                    bx = self.left + i * self.col_w + 4 + (j % self.per_row) * (self.box_w + GAP)
                    by = y + top + PAD + (j // self.per_row) * (BOX_H + GAP)
                    out.append(_box(c, bx, by, self.box_w, self.chars, link))
            y += h
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{w:g}" y2="{y:.1f}" stroke="#bbbbbb" stroke-width="1"/>')
        return y


def _box(c: dict[str, Any], x: float, y: float, w: float, chars: int, link: str) -> str:
    status = c["status"]
    retired = status == "retired"
    h = BOX_H
    color = RETIRED_FILL if retired else domain_color(main_domain(c))
    stroke = "#777777" if retired else "#333333"
    dash = ' stroke-dasharray="5 3"' if retired else ""
    name = short_name(c["name"], c["provider"]) if c.get("_column", c["provider"]) == c["provider"] else c["name"]
    lines = wrap(name, chars, 3 if status == "active" else 2)
    tip = f"{c['name']} — {c['provider']}, {LEVEL_NAMES.get(c['level'], c['level'])}, {status_word(status).lower()}"
    href = link.format(id=c["id"])
    parts = [
        f'<a href="{esc(href)}" class="rm-box" data-id="{esc(c["id"])}" aria-label="{esc(tip)}">',
        f"<title>{esc(tip)}</title>",
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h}" rx="5" fill="{color}" stroke="{stroke}" '
        f'stroke-width="1.2"{dash}/>',
        text_lines(x + 6, y + 15, lines, BOX_FONT, fill="#555555" if retired else "#111111", line_h=12.5),
        status_tag(status, x + w - 6, y + h - 6),
    ]
    if retired:
        parts.append(f'<line x1="{x + 4:.1f}" y1="{y + h - 9:.1f}" x2="{x + w * 0.45:.1f}" y2="{y + h - 9:.1f}" '
                     'stroke="#777777" stroke-width="1"/>')
    parts.append("</a>")
    return "".join(parts)


def _legend(entries: list[tuple[str, str, bool]], width: float, y: float) -> tuple[str, float]:
    """The legend, wrapped into as many columns as fit ``width``; (markup, its height)."""
    entry_w = 20 + max((text_width(t, LEGEND_FONT) for t, _, _ in entries), default=40) + 14
    cols = max(1, int((width - 16) // entry_w))
    col_w = (width - 16) / cols
    out = [text_lines(8, y + 12, ["Colour = main domain"], LEGEND_FONT, "bold", cls="rm-legend-head")]
    for k, (words, color, dashed) in enumerate(entries):
        lx = 8 + (k % cols) * col_w
        ly = y + 22 + (k // cols) * 20
        dash = ' stroke-dasharray="3 2"' if dashed else ""
        out.append(f'<g class="rm-legend-entry"><rect x="{lx:.1f}" y="{ly:.1f}" width="14" height="14" fill="{color}" '
                   f'stroke="#333333" stroke-width="0.8"{dash}/>'
                   f'<text x="{lx + 20:.1f}" y="{ly + 11:.1f}" font-size="{LEGEND_FONT}" fill="#111111" '
                   f'font-family="{FONT}">{esc(words)}</text></g>')
    rows = math.ceil(len(entries) / cols)
    return "".join(out), 22 + rows * 20 + 8
