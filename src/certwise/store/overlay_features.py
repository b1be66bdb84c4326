"""The overlay's scoring features in the store: written with every change to the overlay, in the
same transaction, and read only when they belong to the overlay as it is.

The blob is a :class:`~certwise.advice.scoring_table.FeatureTable` (what the scorer needs of
every imported credential, a few bytes each; it carries its own format number). Its
``revision`` is the overlay's: the row count and the newest import time. Every write to the overlay goes through
:class:`~certwise.store.db.Store`, which rewrites the blob before it commits, so a reader
finds a blob of the current revision or — for an overlay written before migration 0003, or
by hand — none, and then reads the records the slow way.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from certwise.advice.scoring_table import FeatureTable
from certwise.catalog.model import Credential
from certwise.store.models import OverlayFeaturesRow, OverlayRow
from certwise.store.overlay_revision import REVISION_SQL, revision

NAME = "scoring"


def current_revision(conn: Connection) -> str:
    """The overlay's revision now (see :func:`certwise.store.overlay_revision.revision`)."""
    count, newest = conn.exec_driver_sql(REVISION_SQL).one()
    return revision(count, newest)


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
