"""Persistence: one :class:`Store` over SQLAlchemy (SQLite by default, PostgreSQL by URL).

Everything here is imported on first use: ``certwise.store.overlay`` runs on every CLI call
and must not pull in SQLAlchemy when there is no overlay, nor the entries' classes when
there is no database at all. The entries and their errors are plain objects
(:mod:`certwise.store.entries`); the rules for adding one are :mod:`certwise.store.entry_rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from certwise.store.db import Store
    from certwise.store.entries import Entry, EntryError, NewEntry, RenewalDue, StoreError, StoreUnavailable

__all__ = ["Entry", "EntryError", "NewEntry", "RenewalDue", "Store", "StoreError", "StoreUnavailable"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from certwise.store.db import Store

        return Store
    if name in __all__:
        import certwise.store.entries as entries

        return getattr(entries, name)
    raise AttributeError(f"module 'certwise.store' has no attribute {name!r}")
