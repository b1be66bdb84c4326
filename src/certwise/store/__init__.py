"""Persistence: one :class:`Store` over SQLAlchemy (SQLite by default, PostgreSQL by URL).

``Store`` is imported on first use: ``certwise.store.overlay`` runs on every CLI call and must
not pull in SQLAlchemy when there is no overlay. The entries and their errors are plain
objects (:mod:`certwise.store.entries`); the rules for adding one are
:mod:`certwise.store.entry_rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from certwise.store.entries import Entry, EntryError, NewEntry, RenewalDue, StoreError, StoreUnavailable

if TYPE_CHECKING:
    from certwise.store.db import Store

__all__ = ["Entry", "EntryError", "NewEntry", "RenewalDue", "Store", "StoreError", "StoreUnavailable"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from certwise.store.db import Store

        return Store
    raise AttributeError(f"module 'certwise.store' has no attribute {name!r}")
