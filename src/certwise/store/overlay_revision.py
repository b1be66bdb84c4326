"""The overlay's revision: what the stored scoring features are keyed by (standard library only).

>>> revision(3, "2026-12-01 05:00:00.123456")
'3|2026-12-01 05:00:00.123456'
"""

from __future__ import annotations

from typing import Any

REVISION_SQL = "SELECT COUNT(*), MAX(imported_at) FROM overlay_credentials"
"""Read the same way by the CLI's reader (sqlite3) and by the store (SQLAlchemy, any database)."""


def revision(count: Any, newest: Any) -> str:
    """The overlay's revision: its row count and newest import time, as the database returns it.

    Every write to the overlay stamps the rows it writes with the time, and every write goes
    through the store, which rewrites the features in the same transaction; a change made
    another way changes the count or the newest time. (The features blob checks its own format.)
    """
    return f"{int(count or 0)}|{newest}"
