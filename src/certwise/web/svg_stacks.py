"""A stack drawn as a path (roadmap.sh style): numbered steps joined by arrows, top to bottom,
each step a box linking to its credential, alternatives and examples in smaller boxes beside
the path. One narrow drawing (340 px) fits a 390 px phone and sits beside its list on desktop.

The picture is an image (``role="img"`` with a title and a description of every step); the
page puts the same steps as a list of links beside it, so its boxes are for pointing, not for
tabbing through (``tabindex="-1"``).

>>> view = [{"kind": "credential", "why": "", "optional": False, "replaces": None, "alternatives": [],
...          "ref": {"id": "x", "name": "<X>", "status": "active", "domain": "mlops"}}]
>>> svg = stack_svg("S", view, "s")
>>> 'href="/credentials/x"' in svg and "&lt;X&gt;" in svg and 'role="img"' in svg
True
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup

from certwise.web.svg_kit import (
    FONT,
    STATUS_TAG_FILLS,
    STATUS_TAGS,
    domain_color,
    esc,
    status_tag,
    text_lines,
    wrap,
)

WIDTH = 340
SPINE_X = 18  # the path's line, through the step numbers
BOX_X = 36  # a step's box
SUB_X = 62  # an alternative's or example's box
STEP_GAP = 30
MAIN_FONT = 13
SUB_FONT = 12


def describe(view: list[dict[str, Any]]) -> str:
    """The path in one sentence per step (the picture's ``<desc>``)."""
    bits = []
    for i, st in enumerate(view, 1):
        text = st["ref"]["name"] if st["kind"] == "credential" else st["label"]
        subs = [r["name"] for r in st.get("alternatives") or st.get("options") or []]
        word = "or" if st["kind"] == "credential" else "for example"
        bits.append(f"Step {i}{' (optional)' if st['optional'] else ''}: {text}"
                    + (f" ({word} {', '.join(subs)})" if subs else ""))
    return "; ".join(bits) + "."


def stack_svg(title: str, view: list[dict[str, Any]], ident: str, link: str = "/credentials/{id}") -> Markup:
    """The stack's steps (``stacks_view.step_view`` dicts) as a path of boxes and arrows."""
    body: list[str] = []
    circles: list[float] = []
    y = 8.0
    for i, st in enumerate(view, 1):
        circles.append(y + 18)
        y = _step(body, i, st, y, link) + STEP_GAP
    height = math.ceil(y - STEP_GAP + 8)
    arrows = [_arrow(a + 12, b - 12) for a, b in zip(circles, circles[1:], strict=False)]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="stack-svg">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(describe(view))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *arrows, *body, "</svg>",
    ]
    return Markup("".join(out))


def _arrow(y1: float, y2: float) -> str:
    return (f'<g class="st-arrow"><line x1="{SPINE_X}" y1="{y1:.1f}" x2="{SPINE_X}" y2="{y2 - 7:.1f}" stroke="#333333" '
            f'stroke-width="2"/><path d="M {SPINE_X - 6} {y2 - 8:.1f} l 6 8 l 6 -8 z" fill="#333333"/></g>')


def _step(out: list[str], n: int, st: dict[str, Any], y: float, link: str) -> float:
    """Step ``n`` from ``y``: its number, its box and the boxes beside it; the y below them."""
    out.append(f'<circle cx="{SPINE_X}" cy="{y + 18:.1f}" r="12" fill="#10243e"/>')
    out.append(text_lines(SPINE_X, y + 22.5, [str(n)], 12, "bold", fill="#ffffff", anchor="middle"))
    w = WIDTH - BOX_X - 4
    kind = st["kind"]
    if kind == "credential":
        r = st["ref"]
        text, fill, href = r["name"], domain_color(r["domain"]), link.format(id=r["id"])
        status = r["status"]
    else:
        text, fill, href, status = st["label"], "#f4f5f7" if kind != "gone" else "#e6e6e6", None, "active"
    lines = wrap(text, int((w - 16) / (MAIN_FONT * 0.62)), 3)
    tag = " · ".join(t for t in ("OPTIONAL" if st["optional"] else "", STATUS_TAGS.get(status, "")) if t)
    h = 12 + 16 * len(lines) + (14 if tag else 0)
    dash = ' stroke-dasharray="6 3"' if st["optional"] or kind in ("choice", "existing", "gone") else ""
    box = (f'<rect class="st-box" x="{BOX_X}" y="{y:.1f}" width="{w}" height="{h}" rx="6" fill="{fill}" '
           f'stroke="#333333" stroke-width="1.4"{dash}/>'
           + text_lines(BOX_X + 10, y + 21, lines, MAIN_FONT, "bold" if href else "normal", line_h=16)
           + (f'<text x="{WIDTH - 12}" y="{y + h - 6:.1f}" font-size="10" font-weight="bold" '
              f'fill="{STATUS_TAG_FILLS.get(status, "#1f4e8c")}" text-anchor="end" font-family="{FONT}">'
              f"{esc(tag)}</text>" if tag else ""))
    out.append(_linked(box, href, text, "st-step") if href else f'<g class="st-step">{box}</g>')
    y += h
    subs = st.get("alternatives") or st.get("options") or []
    if subs:
        word = "or instead" if kind == "credential" else "you hold" if kind == "existing" else "for example"
        out.append(text_lines(SUB_X, y + 15, [word + ":"], 11, fill="#444444"))
        y += 20
        top = y - 20
        for r in subs:
            sl = wrap(r["name"], int((WIDTH - SUB_X - 16) / (SUB_FONT * 0.58)), 2)
            sh = 10 + 15 * len(sl) + (12 if r["status"] != "active" else 0)
            sub = (f'<rect class="st-box" x="{SUB_X}" y="{y:.1f}" width="{WIDTH - SUB_X - 4}" height="{sh}" rx="5" '
                   f'fill="{domain_color(r["domain"])}" stroke="#333333" stroke-width="1"/>'
                   + text_lines(SUB_X + 8, y + 17, sl, SUB_FONT, line_h=15)
                   + (status_tag(r["status"], WIDTH - 10, y + sh - 5) if r["status"] != "active" else ""))
            out.append(_linked(sub, link.format(id=r["id"]), r["name"], "st-option"))
            out.append(f'<path d="M {BOX_X + 12} {top:.1f} V {y + sh / 2:.1f} H {SUB_X}" fill="none" stroke="#666666" '
                       f'stroke-width="1.2" stroke-dasharray="4 3"/>')
            y += sh + 6
        y -= 6
    return y


def _linked(inner: str, href: str, name: str, cls: str) -> str:
    return (f'<a href="{esc(href)}" class="{cls}" tabindex="-1"><title>{esc(name)}</title>{inner}</a>')
