"""The overlay's scoring features in the store: written with every change to the overlay, in the
same transaction, and read only when they belong to the overlay as it is.

The blob is a :class:`~certwise.advice.scoring_table.FeatureTable` (what the scorer needs of
every imported credential, a few bytes each). Its ``revision`` is the overlay's: the table
format, the row count and the newest import time. Every write to the overlay goes through
:class:`~certwise.store.db.Store`, which rewrites the blob before it commits, so a reader
finds a blob of the current revision or — for an overlay written before migration 0003, or
by hand — none, and then reads the records the slow way.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from certwise.advice.scoring_table import FORMAT, FeatureTable
from certwise.catalog.model import Credential
from certwise.store.models import OverlayFeaturesRow, OverlayRow

NAME = "scoring"
REVISION_SQL = "SELECT COUNT(*), MAX(imported_at) FROM overlay_credentials"
"""The overlay's revision, read the same way by SQLAlchemy and by the standard library's sqlite3."""


def revision(count: int, newest: Any) -> str:
    """``format|rows|newest import`` (the newest import as the database returns it)."""
    return f"{FORMAT}|{count}|{newest}"


def current_revision(conn: Connection) -> str:
    count, newest = conn.exec_driver_sql(REVISION_SQL).one()
    return revision(int(count or 0), newest)


def write_features(conn: Connection, table: FeatureTable) -> int:
    """Store ``table`` as the overlay's features at its current revision; returns the blob's size."""
    conn.execute(delete(OverlayFeaturesRow))
    if not len(table):
        return 0
    blob = table.to_blob()
    conn.execute(insert(OverlayFeaturesRow).values(name=NAME, revision=current_revision(conn),
                                                   built=datetime.now(UTC).replace(tzinfo=None), blob=blob))
    return len(blob)


def clear_features(conn: Connection) -> None:
    conn.execute(delete(OverlayFeaturesRow))


def table_of_rows(conn: Connection) -> FeatureTable:
    """The features of every overlay record, read and validated (when records were added to an
    overlay that was already there, or one written before its features were kept)."""
    table = FeatureTable()
    for (text,) in conn.execute(select(OverlayRow.json).order_by(OverlayRow.id)):
        try:
            table.add(Credential.model_validate(json.loads(text)))
        except ValueError:  # a record an older model wrote: the catalog skips it too
            continue
    return table
