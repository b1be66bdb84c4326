"""Recording Open Badges in the portfolio: one home for the CLI's and the web's import.

Badges keep the rules of every entry (:mod:`certwise.store.entry_rules`): a badge earned
after ``as_of``, or expiring before it was earned, is refused with the file's name.

>>> # record_badges(store, read_badges(paths, catalog, as_of), catalog, as_of) -> rows
>>> # record_badges(store, read_badge_uploads([(name, data), ...], catalog, as_of), catalog, as_of)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certwise.store.entries import EntryError, NewEntry
from certwise.store.entry_rules import new_entry

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.interop.openbadges import Badge
    from certwise.store.db import Store


def badge_entries(badges: list[Badge], catalog: Catalog, as_of: date) -> list[NewEntry]:
    """The checked entries for the badges (matched ones under their catalog id).

    Raises :class:`~certwise.store.entries.EntryError` naming the badge's file.
    """
    items = []
    for b in badges:
        try:
            items.append(new_entry(catalog, as_of, id=b.id, name=b.name, issuer=b.issuer, earned=b.earned,
                                   expires=b.expires, credential_url=b.credential_url, source="badge"))
        except EntryError as e:
            raise e.at(Path(b.file).name) from None
    return items


def record_badges(store: Store, badges: list[Badge], catalog: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Add the badges to the portfolio (matched ones under their catalog id) in one transaction.

    Returns one row per badge: the stored entry plus whether it matched, how well, its file
    name and format, and whether it has expired on ``as_of``. Raises
    :class:`~certwise.store.entries.EntryError` naming the file (see :func:`badge_entries`),
    and then records nothing.
    """
    entries = store.add_entries(badge_entries(badges, catalog, as_of))
    return [
        {**e.to_dict(), "expired": e.expired(as_of), "file": Path(b.file).name, "format": b.format,
         "matched": b.id is not None, "match_score": b.match_score}
        for b, e in zip(badges, entries, strict=True)
    ]
