"""Pictures drawn on the server as SVG: the roadmap of the landscape and plan timelines.

Both are plain SVG with presentation attributes only (no inline CSS, so the CSP needs no
``unsafe-inline``), black text on light fills so they print well, a ``<title>`` and ``<desc>``
for screen readers, and every user-visible string escaped. Pages put a text version beside
each picture.

>>> svg = roadmap_svg([{"id": "x", "name": "<b>X</b>", "provider": "P", "level": "associate",
...                     "domains": ["mlops"], "status": "active"}])
>>> "&lt;b&gt;X&lt;/b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from certwise.web.fmt import DOMAIN_LABELS

# One light fill per domain (ColorBrewer Set3 and Pastel, readable with black text and in print).
DOMAIN_COLORS: dict[str, str] = {
    "ml-engineering": "#8dd3c7",
    "mlops": "#bebada",
    "generative-ai": "#fb8072",
    "deep-learning": "#80b1d3",
    "computer-vision": "#fdb462",
    "nlp": "#b3de69",
    "data-engineering": "#fccde5",
    "data-science": "#d9d9d9",
    "ai-literacy": "#ffffb3",
    "ai-governance": "#ccebc5",
    "infrastructure": "#ffed6f",
    "cloud-fundamentals": "#bc80bd",
    "ai-applications": "#f4a582",
    "product-management": "#c7e9f1",
}
DEFAULT_COLOR = "#eeeeee"

# Bottom to top: foundational first, specialty last.
LEVEL_ROWS = ("foundational", "associate", "program", "professional", "specialty")
LEVEL_NAMES = {
    "foundational": "Foundational",
    "associate": "Associate",
    "program": "Program / certificate",
    "professional": "Professional",
    "specialty": "Specialty",
}

_CERTIFIED = re.compile(
    r"^(?:AWS|Microsoft|Google Cloud|Google|NVIDIA|Databricks|IBM)?[- ]?Certified"
    r"(?: (?:Associate|Professional))?\s*[:–—-]?\s*",
)


def domain_color(domain: str | None) -> str:
    return DOMAIN_COLORS.get(domain or "", DEFAULT_COLOR)


def _e(s: Any) -> str:
    return str(escape(str(s)))


def short_name(name: str, provider: str = "") -> str:
    """Drop the provider's prefix so the box shows what differs ("Machine Learning – Specialty").

    >>> short_name("Microsoft Certified – Azure AI Engineer Associate", "Microsoft")
    'Azure AI Engineer Associate'
    >>> short_name("NVIDIA-Certified Associate: Generative AI LLMs (NCA-GENL)", "NVIDIA")
    'Generative AI LLMs (NCA-GENL)'
    """
    n = _CERTIFIED.sub("", name, count=1)
    if len(n) < 4:
        n = name
    for prefix in (provider + " ", "Google Cloud ", "Databricks "):
        if prefix.strip() and n.startswith(prefix) and len(n) > len(prefix) + 3:
            n = n[len(prefix):]
            break
    return n


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` characters, at most ``max_lines`` (… when cut)."""
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        if len(w) > width:
            w = w[: width - 1] + "…"
        if not cur:
            cur = w
        elif len(cur) + 1 + len(w) <= width:
            cur += " " + w
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return lines


def _text_lines(x: float, y: float, lines: list[str], size: float, weight: str = "normal",
                fill: str = "#111111", anchor: str = "start", line_h: float | None = None) -> str:
    lh = line_h or size * 1.2
    out = [f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
           f'text-anchor="{anchor}" font-family="system-ui, sans-serif">']
    for i, line in enumerate(lines):
        out.append(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else lh:.1f}">{_e(line)}</tspan>')
    out.append("</text>")
    return "".join(out)


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


def roadmap_svg(creds: list[dict[str, Any]], *, as_of: date | None = None, link: str = "/credentials/{id}") -> Markup:
    """The whole landscape: providers across, levels up, coloured by domain, retired marked.

    ``creds`` are credential summaries (``certwise.catalog.browse.credential_summary``).
    """
    counts: dict[str, int] = defaultdict(int)
    for c in creds:
        counts[c["provider"]] += 1
    creds = [{**c, "_column": provider_column(c["provider"], counts)} for c in creds]
    providers = _column_order(creds)
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in creds:
        lvl = c["level"] if c["level"] in LEVEL_ROWS else "professional"
        cells[(c["_column"], lvl)].append(c)
    for v in cells.values():
        v.sort(key=lambda c: (c["status"] == "retired", c["name"].lower()))
    rows = [lvl for lvl in LEVEL_ROWS if any((p, lvl) in cells for p in providers)]

    label_w, col_w, box_w, box_h, gap, head_h, pad = 118, 156, 144, 58, 8, 62, 10
    legend_h = 24 + 20 * ((len(DOMAIN_COLORS) + 3) // 4) + 26
    row_h = {lvl: max(len(cells.get((p, lvl), [])) for p in providers) * (box_h + gap) + 2 * pad for lvl in rows}
    width = label_w + col_w * max(1, len(providers)) + pad
    body_h = sum(row_h.values())
    height = head_h + body_h + legend_h

    n = len(creds)
    retired = sum(1 for c in creds if c["status"] == "retired")
    title = "Roadmap of AI certifications" + (f" as of {as_of.isoformat()}" if as_of else "")
    desc = (f"{n} credentials from {len(counts)} providers, arranged by provider (columns) and level "
            f"(rows, foundational at the bottom, specialty at the top), coloured by main domain; "
            f"{retired} retired ones are drawn with a dashed border and marked RETIRED.")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="group" aria-labelledby="roadmap-title roadmap-desc" class="roadmap-svg">',
        f'<title id="roadmap-title">{_e(title)}</title><desc id="roadmap-desc">{_e(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # provider headers
    for i, p in enumerate(providers):
        x = label_w + i * col_w + col_w / 2
        out.append(_text_lines(x, 22, wrap(p, 22, 2), 12, "bold", anchor="middle", line_h=15))
    # rows, top = highest level
    y = head_h
    for lvl in reversed(rows):
        h = row_h[lvl]
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{h}" fill="{"#f7f7f7" if rows.index(lvl) % 2 else "#ffffff"}"/>')
        out.append(f'<line x1="0" y1="{y}" x2="{width}" y2="{y}" stroke="#bbbbbb" stroke-width="1"/>')
        out.append(_text_lines(8, y + pad + 14, wrap(LEVEL_NAMES[lvl], 14, 2), 12, "bold", line_h=15))
        for i, p in enumerate(providers):
            for j, c in enumerate(cells.get((p, lvl), [])):
                bx = label_w + i * col_w + (col_w - box_w) / 2
                by = y + pad + j * (box_h + gap)
                out.append(_box(c, bx, by, box_w, box_h, link))
        y += h
    out.append(f'<line x1="0" y1="{y}" x2="{width}" y2="{y}" stroke="#bbbbbb" stroke-width="1"/>')
    out.append(_legend(8, y + 22, width))
    out.append("</svg>")
    return Markup("".join(out))


def _box(c: dict[str, Any], x: float, y: float, w: float, h: float, link: str) -> str:
    status = c["status"]
    retired = status == "retired"
    color = "#f2f2f2" if retired else domain_color((c.get("domains") or [None])[0])
    stroke = "#777777" if retired else "#333333"
    dash = ' stroke-dasharray="5 3"' if retired else ""
    name = short_name(c["name"], c["provider"]) if c.get("_column", c["provider"]) == c["provider"] else c["name"]
    lines = wrap(name, 24, 3 if status == "active" else 2)
    tip = f"{c['name']} — {c['provider']}, {c['level']}, {status}"
    href = link.format(id=c["id"])
    parts = [
        f'<a href="{_e(href)}" class="rm-box" data-id="{_e(c["id"])}" aria-label="{_e(tip)}">',
        f"<title>{_e(tip)}</title>",
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="5" fill="{color}" stroke="{stroke}" '
        f'stroke-width="1.2"{dash}/>',
        _text_lines(x + 6, y + 15, lines, 10.5, fill="#555555" if retired else "#111111", line_h=12.5),
    ]
    if status != "active":
        word = {"retired": "RETIRED", "retiring": "RETIRING", "beta": "BETA", "upcoming": "UPCOMING"}.get(status, status.upper())
        tag_fill = {"retired": "#555555", "retiring": "#8a4b00"}.get(status, "#1f4e8c")
        parts.append(f'<text x="{x + w - 6:.1f}" y="{y + h - 6:.1f}" font-size="9" font-weight="bold" '
                     f'fill="{tag_fill}" text-anchor="end" font-family="system-ui, sans-serif">{word}</text>')
    if retired:
        parts.append(f'<line x1="{x + 4:.1f}" y1="{y + h - 9:.1f}" x2="{x + w * 0.45:.1f}" y2="{y + h - 9:.1f}" '
                     'stroke="#777777" stroke-width="1"/>')
    parts.append("</a>")
    return "".join(parts)


def _legend(x: float, y: float, width: float) -> str:
    out = [_text_lines(x, y, ["Colour = main domain; dashed border = retired"], 11, "bold")]
    col = max(150.0, (width - 16) / 4)
    for k, (dom, color) in enumerate(DOMAIN_COLORS.items()):
        lx = x + (k % 4) * col
        ly = y + 10 + (k // 4) * 20
        out.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="14" height="14" fill="{color}" stroke="#333333" stroke-width="0.8"/>')
        out.append(_text_lines(lx + 20, ly + 11, [DOMAIN_LABELS.get(dom, dom.replace("-", " "))], 11))
    return "".join(out)


# --- the plan's timeline ----------------------------------------------------------------------

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


def timeline_svg(plan: dict[str, Any], names: dict[str, str] | None = None, *, title: str = "Study plan timeline") -> Markup:
    """A Gantt-style picture of a dated plan: one bar per credential from study start to exam,
    milestones as dots (squares for projects), the exam as a diamond."""
    names = names or {}
    items = [it for it in plan.get("items", []) if _d(it.get("study_start")) and _d(it.get("exam_date"))]
    if not items:
        return Markup("")
    start = min(_d(it["study_start"]) for it in items)  # type: ignore[type-var]
    end = max(_d(it["exam_date"]) for it in items)  # type: ignore[type-var]
    assert start is not None and end is not None
    end = max(end, start + timedelta(days=28)) + timedelta(days=7)
    span = (end - start).days or 1
    label_w, chart_w, row_h, head_h, pad = 230, 640, 46, 40, 10
    width = label_w + chart_w + pad
    height = head_h + row_h * len(items) + 30

    def X(d: date) -> float:
        return label_w + chart_w * (d - start).days / span

    desc_bits = []
    for it in items:
        nm = it.get("name") or names.get(it["id"], it["id"])
        desc_bits.append(f"{nm}: study from {it['study_start']}, exam on {it['exam_date']}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="tl-title tl-desc" class="timeline-svg">',
        f'<title id="tl-title">{_e(title)}</title><desc id="tl-desc">{_e("; ".join(desc_bits))}.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    out.append(_text_lines(8, head_h - 12, [years], 11, "bold", fill="#333333"))
    months = _month_starts(start, end)
    step = max(1, len(months) // 12)
    for k, m in enumerate(months):
        x = X(m)
        out.append(f'<line x1="{x:.1f}" y1="{head_h - 6}" x2="{x:.1f}" y2="{height - 26}" stroke="#dddddd" stroke-width="1"/>')
        if k % step == 0:
            if m.month == 1:  # the year above its January, so labels never collide
                out.append(_text_lines(x + 3, head_h - 24, [f"{m:%Y}", f"{m:%b}"], 11, fill="#333333", line_h=12))
            else:
                out.append(_text_lines(x + 3, head_h - 12, [f"{m:%b}"], 11, fill="#333333"))
    for i, it in enumerate(items):
        y = head_h + i * row_h
        s, e = _d(it["study_start"]), _d(it["exam_date"])
        assert s is not None and e is not None
        nm = it.get("name") or names.get(it["id"], it["id"])
        out.append(_text_lines(8, y + 19, wrap(str(nm), 34, 2), 11.5, "bold", line_h=13))
        x1, x2 = X(s), X(e)
        out.append(f'<rect x="{x1:.1f}" y="{y + 10}" width="{max(2.0, x2 - x1):.1f}" height="18" rx="3" '
                   f'fill="{list(DOMAIN_COLORS.values())[i % len(DOMAIN_COLORS)]}" stroke="#333333" stroke-width="1">'
                   f"<title>{_e(f'{nm}: study {s.isoformat()} to {e.isoformat()}')}</title></rect>")
        for ms in it.get("milestones", []) or []:
            try:
                wk = int(ms.get("week", 0))
            except (TypeError, ValueError):
                continue
            md = s + timedelta(days=7 * max(0, wk - 1))
            if md > e:
                continue
            mx = X(md)
            tip = f"Week {wk}: {ms.get('topic', '')}" + (f" — project: {ms['project']}" if ms.get("project") else "")
            if ms.get("project"):
                out.append(f'<rect x="{mx - 3.5:.1f}" y="{y + 15.5:.1f}" width="7" height="7" fill="#111111"><title>{_e(tip)}</title></rect>')
            else:
                out.append(f'<circle cx="{mx:.1f}" cy="{y + 19}" r="2.6" fill="#111111"><title>{_e(tip)}</title></circle>')
        out.append(f'<path d="M {x2:.1f} {y + 11} l 8 8 l -8 8 l -8 -8 z" fill="#ffffff" stroke="#111111" stroke-width="1.5">'
                   f"<title>{_e(f'Exam: {e.isoformat()}')}</title></path>")
        out.append(_text_lines(min(x2 + 10, width - 70), y + 42, [f"Exam {e.day} {e:%b}"], 10, fill="#333333"))
    ly = height - 10
    out.append(_text_lines(8, ly, ["Bar = study time · dot = weekly milestone · square = project · diamond = exam"], 10.5, fill="#333333"))
    out.append("</svg>")
    return Markup("".join(out))
