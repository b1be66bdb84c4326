"""Persistence: one :class:`Store` over SQLAlchemy (SQLite by default, PostgreSQL by URL).

``Store`` is imported lazily so that ``from certwise.store import Entry`` (or the overlay
check) does not pull in SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from certwise.store.db import Store
    from certwise.store.entries import Entry, RenewalDue, StoreError

__all__ = ["Entry", "RenewalDue", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    # lazy: `certwise.store.overlay` runs on every CLI call and must not import pydantic or
    # SQLAlchemy when there is no overlay
    if name == "Store":
        from certwise.store.db import Store

        return Store
    if name in ("Entry", "RenewalDue", "StoreError"):
        from certwise.store import entries

        return getattr(entries, name)
    raise AttributeError(f"module 'certwise.store' has no attribute {name!r}")
