"""A fast aligned table for long listings (``list``, ``search``).

Rich's ``Table`` measures every cell on every render: about 2 ms a row here, so a 50-row
catalog costs 100 ms and a 100,000-credential overlay would take minutes; importing Rich
costs another 40-90 ms on this machine. Listings have one-line cells, so widths are computed
once and the rows printed with Click's styling (colour only on a terminal, as Click decides).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Cell = str | tuple[str, str]  # plain text, or (text, rich style)


def _text(c: Cell) -> str:
    return c[0] if isinstance(c, tuple) else c


def fit_widths(natural: list[int], total: int, flex: Sequence[int], gap: int = 2) -> list[int]:
    """Shrink the ``flex`` columns (widest first) until the row fits in ``total`` characters.

    >>> fit_widths([10, 40, 8], 50, flex=[1])
    [10, 28, 8]
    >>> fit_widths([10, 40, 20], 60, flex=[1, 2])
    [10, 26, 20]
    """
    widths = list(natural)
    over = sum(widths) + gap * (len(widths) - 1) - total
    while over > 0:
        i = max(flex, key=lambda j: widths[j])
        if widths[i] <= 8:
            break
        widths[i] -= 1
        over -= 1
    return widths


_STYLES: dict[str, dict[str, Any]] = {"green": {"fg": "green"}, "red": {"fg": "red"}, "yellow": {"fg": "yellow"}, "cyan": {"fg": "cyan"},
           "blue": {"fg": "blue"}, "bold": {"bold": True}, "dim": {"dim": True}}


def _style(text: str, style: str) -> str:
    import click

    return click.style(text, **_STYLES[style]) if style in _STYLES else text


def terminal_width() -> int:
    """The terminal's width (COLUMNS wins), 80 when there is none."""
    import os
    import shutil

    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((80, 24)).columns


def print_rows(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, title: str | None = None,
               flex: Sequence[int] = (1,), optional: Sequence[int] = (), min_width: int = 120,
               width: int | None = None) -> None:
    """Print an aligned table; ``flex`` columns are cut with '…' to fit the terminal width.

    ``optional`` columns are left out on terminals narrower than ``min_width``.
    """
    import click

    total = width or terminal_width()
    if optional and total < min_width:
        keep = [i for i in range(len(headers)) if i not in optional]
        flex = [keep.index(i) for i in flex if i in keep]
        headers = [headers[i] for i in keep]
        rows = [[r[i] for i in keep] for r in rows]

    natural = [max([len(h)] + [len(_text(r[i])) for r in rows]) for i, h in enumerate(headers)]
    widths = fit_widths(natural, max(total, 40), flex)
    lines = []
    if title:
        lines.append(_style(title, "bold"))
    lines.append(_style("  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip(), "bold"))
    lines.append(_style("  ".join("─" * w for w in widths), "dim"))
    for r in rows:
        cells = []
        for i, cell in enumerate(r):
            text = _text(cell)
            if len(text) > widths[i]:
                text = text[: widths[i] - 1] + "…"
            text = text.ljust(widths[i]) if i < len(r) - 1 else text
            cells.append(_style(text, cell[1]) if isinstance(cell, tuple) else text)
        lines.append("  ".join(cells))
    click.echo("\n".join(lines))
