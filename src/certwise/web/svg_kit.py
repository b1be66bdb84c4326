"""What every server-drawn picture shares: the domain colours, escaping, word wrap, text lines.

The pictures (``svg_roadmap``, ``svg_timeline``, ``svg_stacks``) are plain SVG with
presentation attributes only (no inline CSS, so the CSP needs no ``unsafe-inline``), black
text on light fills so they print well, a ``<title>`` and ``<desc>`` for screen readers, and
every user-visible string escaped.

>>> text_lines(0, 10, ["<b>"], 11).endswith('<tspan x="0.0" dy="0.0">&lt;b&gt;</tspan></text>')
True
"""

from __future__ import annotations

import re
from typing import Any

from certwise.catalog.labels import LEVEL_NAMES as _LEVEL_WORDS

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
    "project-management": "#b3cde3",
    "ai-security": "#e5c494",
}
DEFAULT_COLOR = "#eeeeee"
RETIRED_FILL = "#f2f2f2"
FONT = "system-ui, sans-serif"

# Bottom to top: foundational first, specialty last.
LEVEL_ROWS = ("foundational", "associate", "program", "professional", "specialty")
LEVEL_NAMES = {lvl: _LEVEL_WORDS[lvl] for lvl in LEVEL_ROWS}
STATUS_TAGS = {"retired": "RETIRED", "retiring": "RETIRING", "beta": "BETA", "upcoming": "UPCOMING"}
STATUS_TAG_FILLS = {"retired": "#555555", "retiring": "#8a4b00"}  # others: blue

_CERTIFIED = re.compile(
    r"^(?:AWS|Microsoft|Google Cloud|Google|NVIDIA|Databricks|IBM)?[- ]?Certified"
    r"(?: (?:Associate|Professional))?\s*[:–—-]?\s*",
)


def main_domain(c: dict[str, Any]) -> str | None:
    """The domain that colours a credential's box: its first."""
    return (c.get("domains") or [None])[0]


def domain_color(domain: str | None) -> str:
    return DOMAIN_COLORS.get(domain or "", DEFAULT_COLOR)


def esc(s: Any) -> str:
    """``s`` as text safe inside SVG markup and attribute values: what ``markupsafe.escape`` gives
    (the same five characters, the same entities), without making a ``Markup`` of each string
    (a drawing escapes a hundred or so; this takes half the time).

    >>> from markupsafe import escape
    >>> text = "Tom & Jerry's <b class='x'>"
    >>> esc(text) == str(escape(text)), esc('"')
    (True, '&#34;')
    """
    return (str(s).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


def text_width(s: str, size: float, bold: bool = False) -> float:
    """A generous estimate of how wide ``s`` is drawn in the system sans-serif (no font metrics
    on the server): layouts use it to keep labels inside the drawing.

    >>> text_width("Mar", 11) < 25
    True
    """
    return len(s) * size * (0.66 if bold else 0.6)


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


def text_lines(x: float, y: float, lines: list[str], size: float, weight: str = "normal",
               fill: str = "#111111", anchor: str = "start", line_h: float | None = None,
               cls: str = "") -> str:
    """One ``<text>`` with a ``<tspan>`` per line, escaped."""
    lh = line_h or size * 1.2
    klass = f' class="{cls}"' if cls else ""
    out = [f'<text{klass} x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
           f'text-anchor="{anchor}" font-family="{FONT}">']
    for i, line in enumerate(lines):
        out.append(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else lh:.1f}">{esc(line)}</tspan>')
    out.append("</text>")
    return "".join(out)


def status_tag(status: str, x: float, y: float, size: float = 9) -> str:
    """The word a non-active credential carries in its box (RETIRED, BETA …), right-aligned at x."""
    if status == "active":
        return ""
    word = STATUS_TAGS.get(status, status.upper())
    fill = STATUS_TAG_FILLS.get(status, "#1f4e8c")
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="bold" fill="{fill}" '
            f'text-anchor="end" font-family="{FONT}">{esc(word)}</text>')
