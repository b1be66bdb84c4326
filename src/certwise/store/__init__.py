"""Persistence: one :class:`Store` over SQLAlchemy (SQLite by default, PostgreSQL by URL).

``Store`` is imported lazily so that ``from certwise.store import Entry`` (or the overlay
check) does not pull in SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from certwise.store.entries import Entry, RenewalDue, StoreError

if TYPE_CHECKING:
    from certwise.store.db import Store

__all__ = ["Entry", "RenewalDue", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from certwise.store.db import Store

        return Store
    raise AttributeError(f"module 'certwise.store' has no attribute {name!r}")
