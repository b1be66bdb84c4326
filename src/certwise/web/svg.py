"""The pictures the pages draw on the server, one module each: the roadmap (``svg_roadmap``),
the plan's timeline (``svg_timeline``) and the stacks (``svg_stacks``), from the shared kit
(``svg_kit``). This module names what the pages and services use.

>>> sorted(DOMAIN_COLORS)[:2]
['ai-applications', 'ai-governance']
"""

from __future__ import annotations

from certwise.web.svg_kit import DOMAIN_COLORS, LEVEL_NAMES, LEVEL_ROWS, short_name, wrap
from certwise.web.svg_roadmap import MEDIUM, NARROW, WIDE, roadmap_svg
from certwise.web.svg_stacks import stack_svg
from certwise.web.svg_timeline import timeline_pictures, timeline_svg

__all__ = [
    "DOMAIN_COLORS", "LEVEL_NAMES", "LEVEL_ROWS", "MEDIUM", "NARROW", "WIDE", "roadmap_svg", "short_name", "stack_svg",
    "timeline_pictures", "timeline_svg", "wrap",
]
