"""One line per measured figure, so `make bench` (run.py) can print the summary table.

A benchmark script calls ``figure(...)`` for each figure it checks against a target; the line
it prints starts with ``BENCH-FIGURE `` and carries JSON. run.py collects those lines from
every script's output and prints one table: figure, value, target, pass/fail.

>>> figure("cli recommend", 5.1, "× python -I -c pass", "≤ 6×", True)  # doctest: +ELLIPSIS
BENCH-FIGURE {"name": "cli recommend", "value": 5.1, ...}
True
"""

from __future__ import annotations

import json

PREFIX = "BENCH-FIGURE "


def figure(name: str, value: float, unit: str, target: str, passed: bool) -> bool:
    """Print one figure with its target; return ``passed`` so a script can fold it into its exit code."""
    print(PREFIX + json.dumps({"name": name, "value": round(value, 3), "unit": unit, "target": target,
                               "passed": bool(passed)}, ensure_ascii=False), flush=True)
    return passed


def parse(line: str) -> dict | None:
    """The figure a ``BENCH-FIGURE`` line carries, or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    return json.loads(line[len(PREFIX):])
