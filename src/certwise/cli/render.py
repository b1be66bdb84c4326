"""A fast aligned table for long listings (``list``, ``search``).

Rich's ``Table`` measures every cell on every render: about 2 ms a row here, so a 50-row
catalog costs 100 ms and a 100,000-credential overlay would take minutes. Listings have
one-line cells, so widths are computed once and the rows printed as styled ``Text`` lines;
Rich still does the colour and terminal handling.
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


def print_rows(con: Any, headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, title: str | None = None,
               flex: Sequence[int] = (1,), optional: Sequence[int] = (), min_width: int = 120) -> None:
    """Print an aligned table; ``flex`` columns are cut with '…' to fit the terminal width.

    ``optional`` columns are left out on terminals narrower than ``min_width``.
    """
    from rich.text import Text

    if optional and con.width < min_width:
        keep = [i for i in range(len(headers)) if i not in optional]
        flex = [keep.index(i) for i in flex if i in keep]
        headers = [headers[i] for i in keep]
        rows = [[r[i] for i in keep] for r in rows]

    natural = [max([len(h)] + [len(_text(r[i])) for r in rows]) for i, h in enumerate(headers)]
    widths = fit_widths(natural, max(con.width, 40), flex)
    out = Text()
    if title:
        out.append(title + "\n", style="bold")
    for i, h in enumerate(headers):
        out.append(h.ljust(widths[i]) + ("  " if i < len(headers) - 1 else "\n"), style="bold")
    out.append("  ".join("─" * w for w in widths) + "\n", style="dim")
    for r in rows:
        for i, cell in enumerate(r):
            s = _text(cell)
            if len(s) > widths[i]:
                s = s[: widths[i] - 1] + "…"
            pad = s.ljust(widths[i]) if i < len(r) - 1 else s
            out.append(pad, style=cell[1] if isinstance(cell, tuple) else "")
            out.append("  " if i < len(r) - 1 else "\n")
    con.print(out, end="", overflow="ignore", crop=False, no_wrap=True)
