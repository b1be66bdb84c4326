"""Recording Open Badges in the portfolio: one home for the CLI's and the web's import.

>>> # record_badges(store, read_badges(paths, catalog, as_of), catalog, as_of) -> rows
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.interop.openbadges import Badge
    from certwise.store.db import Store


def record_badges(store: Store, badges: list[Badge], catalog: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Add the badges to the portfolio (matched ones under their catalog id) in one transaction.

    Returns one row per badge: the stored entry plus whether it matched, how well, its file
    name and format, and whether it has expired on ``as_of``.
    """
    from certwise.store.db import NewEntry

    items = []
    for b in badges:
        cred = catalog.get(b.id) if b.id else None
        items.append(NewEntry(cred, name=None if cred else b.name, issuer=None if cred else b.issuer,
                              earned=b.earned, expires=b.expires, credential_url=b.credential_url, source="badge"))
    entries = store.add_entries(items)
    return [
        {**e.to_dict(), "expired": e.expired(as_of), "file": Path(b.file).name, "format": b.format,
         "matched": b.id is not None, "match_score": b.match_score}
        for b, e in zip(badges, entries, strict=True)
    ]
