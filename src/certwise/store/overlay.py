"""The catalog overlay on every catalog load, at almost no cost when there is none.

For the default SQLite file this uses only the standard library: no file, no table or no
rows means the shipped catalog comes back untouched, without importing SQLAlchemy. With no
database file at all (most CLI calls) nothing of the store is imported: the checks and
their errors load once there is a file to check.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from certwise.catalog.cache import cache_file, read_cached, write_cached
from certwise.catalog.model import Credential
from certwise.settings import database_url, no_database, sqlite_path

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog


def overlay_catalog(cat: Catalog, warn: Callable[[str], None] | None = None) -> Catalog:
    """``cat`` plus the credentials imported into the local overlay (``catalog import``).

    A database that cannot be used (corrupt, cut off, unwritable, from a newer certwise) is
    skipped: ``cat`` comes back and ``warn`` gets one line saying why. The overlay is an
    extra; it never takes the catalog down.

    >>> from certwise.catalog.load import Catalog
    >>> import os; os.environ["CERTWISE_DATA_DIR"] = "/nonexistent/certwise"
    >>> c = Catalog(); overlay_catalog(c) is c
    True
    """
    if no_database():
        return cat  # no database: nothing to overlay, nothing of the store (nor pathlib) imported
    url = database_url()
    from certwise.store.entries import StoreUnavailable  # only once there is a database to read

    try:
        return _overlay(cat, url)
    except StoreUnavailable as e:
        if warn is not None:
            warn(f"the catalog overlay was skipped: {e.message}")
        return cat


def _overlay(cat: Catalog, url: str) -> Catalog:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is None or not path.is_file():
            return cat
        import sqlite3  # only once a database exists

        from certwise.store.faults import check_sqlite_header

        check_sqlite_header(path, str(path))
        try:
            return _sqlite_overlay(str(path), cat)
        except sqlite3.Error:
            pass  # locked, or an unusual setup: fall back to the full store
    from certwise.store.db import Store  # SQLAlchemy, only for a database the standard library cannot read

    store = Store(url)
    try:
        creds = store.overlay_credentials()
    finally:
        store.close()
    return cat.with_overlay(creds) if creds else cat


def _connect(path: str) -> Any:
    import sqlite3
    from pathlib import Path

    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=10)


def _has_table(conn: Any, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _sqlite_overlay(path: str, cat: Catalog) -> Catalog:
    """``cat`` with the overlay, read with the standard library (``cat`` itself when there is none).

    With the scoring features the import stored (:mod:`certwise.store.overlay_features`), the
    catalog reads no record until one is asked for: a 100,000-record overlay costs one query
    and one small unpickle. Without them (an overlay written before they were kept), validated
    records are cached (pickle) under a key of the row count and the newest import time.
    """
    from certwise.store.faults import check_revision, revision_of
    from certwise.store.overlay_revision import REVISION_SQL

    conn = _connect(path)
    try:
        check_revision(revision_of(conn), path)  # a newer certwise's overlay may not be ours to read
        if not _has_table(conn, "overlay_credentials"):
            return cat
        count, newest = conn.execute(REVISION_SQL).fetchone()
        if not count:
            return cat
        lazy = _with_features(conn, path, cat, count, newest)
        if lazy is not None:
            return lazy
        where = cache_file("overlay", os.path.realpath(path), f"{count}|{newest}")
        cached: list[Credential] | None = read_cached(where)
        if cached is not None:
            return cat.with_overlay(cached) if cached else cat
        creds = _parse(r[0] for r in conn.execute("SELECT json FROM overlay_credentials ORDER BY id"))
    finally:
        conn.close()
    write_cached(where, creds)
    return cat.with_overlay(creds) if creds else cat


def _with_features(conn: Any, path: str, cat: Catalog, count: int, newest: Any) -> Catalog | None:
    """The catalog over the overlay's stored features, or None when there are none of this revision."""
    from certwise.advice.scoring_index import INDEX_ATTRIBUTE
    from certwise.advice.scoring_table import FeatureTable, index_with_table
    from certwise.catalog.load import Catalog, LazyCredentials
    from certwise.store.overlay_revision import REVISION_SQL, revision

    if not _has_table(conn, "overlay_features"):
        return None
    row = conn.execute("SELECT revision, blob FROM overlay_features WHERE name = 'scoring'").fetchone()
    current = revision(count, newest)
    if row is None or row[0] != current:
        return None
    try:
        table = FeatureTable.from_blob(bytes(row[1]))
    except Exception:  # another format, or damaged: read the records instead
        return None
    ids = table.ids
    if any(_sorted_has(ids, c.id) for c in cat):  # an overlay record replaces a shipped one: the full way
        return None

    def fetch(wanted: list[str]) -> dict[str, Credential]:
        conn = _connect(path)
        try:
            count, newest = conn.execute(REVISION_SQL).fetchone()
            if revision(count, newest) != current:
                return {}  # the overlay changed since: the catalog says so (LazyCredentials)
            out: dict[str, Credential] = {}
            for start in range(0, len(wanted), 500):
                part = wanted[start:start + 500]
                rows = conn.execute(f"SELECT json FROM overlay_credentials WHERE id IN ({','.join('?' * len(part))})",
                                    part).fetchall()
                out.update((c.id, c) for c in _parse(r[0] for r in rows))
            return out
        finally:
            conn.close()

    lazy = Catalog(LazyCredentials(cat.credentials, ids, fetch))
    setattr(lazy, INDEX_ATTRIBUTE, index_with_table(lazy, cat, table))
    return lazy


def _sorted_has(ids: list[str], ident: str) -> bool:
    from bisect import bisect_left

    i = bisect_left(ids, ident)
    return i < len(ids) and ids[i] == ident


def _parse(rows: Iterable[str]) -> list[Credential]:
    from pydantic import ValidationError  # pydantic only on a cache miss

    out = []
    for j in rows:
        try:
            out.append(Credential.model_validate(json.loads(j)))
        except (ValidationError, ValueError):  # a record from an older model: skip, don't fail every command
            continue
    return out
