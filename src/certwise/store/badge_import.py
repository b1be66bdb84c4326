"""Recording Open Badges in the portfolio: one home for the CLI's and the web's import.

Badges keep the rules of every entry (:mod:`certwise.store.entry_rules`): a badge earned
after ``as_of``, or expiring before it was earned, is refused with the file's name. A badge
whose signature could not be checked (``Badge.verified`` False) is recorded as unverified, and
never changes an entry already there (a planned one stays planned; only an unverified entry in
the same state is updated): its row says so in ``note``.

>>> # record_badges(store, read_badges(paths, catalog, as_of), catalog, as_of) -> rows
>>> # record_badges(store, read_badge_uploads([(name, data), ...], catalog, as_of), catalog, as_of)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certwise.store.entries import EntryError, NewEntry, entry_key
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
            item = new_entry(catalog, as_of, id=b.id, name=b.name, issuer=b.issuer, earned=b.earned,
                             expires=b.expires, credential_url=b.credential_url, source="badge")
        except EntryError as e:
            raise e.at(Path(b.file).name) from None
        item.verified = b.verified
        items.append(item)
    return items


def _key(item: NewEntry) -> str:
    cred = item.credential
    if cred is not None:
        return entry_key(cred.id, item.name or cred.name, item.issuer or cred.provider)
    return entry_key(None, item.name or "", item.issuer or "unknown issuer")


def kept_note(state: str) -> str:
    """What an import says when an unverified badge left an entry as it was."""
    return f"kept your {state} entry: this badge's signature could not be checked"


def record_badges(store: Store, badges: list[Badge], catalog: Catalog, as_of: date,
                  accept_unverified: bool = False) -> list[dict[str, Any]]:
    """Add the badges to the portfolio (matched ones under their catalog id) in one transaction.

    Returns one row per badge: the stored entry plus whether it matched, how well, its file
    name and format, whether it has expired on ``as_of``, whether the badge's signature was
    checked (``badge_verified``) and, when an unverified badge left an existing entry as it was,
    ``kept`` True with a ``note``. Raises :class:`~certwise.store.entries.EntryError` naming the
    file (see :func:`badge_entries`), and then records nothing. ``accept_unverified``: the person
    chose to let badges whose signature could not be checked update their existing entries.
    """
    items = badge_entries(badges, catalog, as_of)
    for i in items:
        i.accept_unverified = accept_unverified
    existing = {entry_key(e.id, e.name, e.issuer): e for e in store.list_entries()}
    kept = [not accept_unverified and (old := existing.get(_key(i))) is not None and not i.verified
            and (old.verified or old.state != i.state) for i in items]
    entries = store.add_entries(items)
    return [
        {**e.to_dict(), "expired": e.expired(as_of), "file": Path(b.file).name, "format": b.format,
         "matched": b.id is not None, "match_score": b.match_score, "badge_verified": b.verified,
         "kept": k, "note": kept_note(e.state) if k else None}
        for b, e, k in zip(badges, entries, kept, strict=True)
    ]
