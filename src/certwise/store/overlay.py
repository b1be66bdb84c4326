"""The catalog overlay on every catalog load, at almost no cost when there is none.

For the default SQLite file this uses only the standard library: no file, no table or no
rows means the shipped catalog comes back untouched, without importing SQLAlchemy. With no
database file at all (most CLI calls) nothing of the store is imported: the checks and
their errors load once there is a file to check.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from certwise.catalog.cache import cache_file, read_cached, write_cached
from certwise.catalog.model import Credential
from certwise.settings import database_url, sqlite_path

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
    url = database_url()
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is None or not path.is_file():
            return cat  # no database: nothing to overlay, nothing of the store imported
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
            creds = _sqlite_overlay(str(path))
        except sqlite3.Error:
            creds = None  # locked, or an unusual setup: fall back to the full store
        if creds is not None:
            return cat.with_overlay(creds) if creds else cat
    from certwise.store.db import Store  # SQLAlchemy, only for a database the standard library cannot read

    store = Store(url)
    try:
        creds = store.overlay_credentials()
    finally:
        store.close()
    return cat.with_overlay(creds) if creds else cat


def _sqlite_overlay(path: str) -> list[Credential]:
    """The overlay read with the standard library; [] when there is none.

    Validated records are cached (pickle) under a key of the row count and the newest
    import time, so a large overlay costs one query and one unpickle per command.
    """
    import sqlite3

    from certwise.store.faults import check_revision, revision_of

    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
    try:
        check_revision(revision_of(conn), path)  # a newer certwise's overlay may not be ours to read
        has = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='overlay_credentials'"
        ).fetchone()
        if not has:
            return []
        count, newest = conn.execute("SELECT COUNT(*), MAX(imported_at) FROM overlay_credentials").fetchone()
        if not count:
            return []
        where = cache_file("overlay", str(Path(path).resolve()), f"{count}|{newest}")
        cached: list[Credential] | None = read_cached(where)
        if cached is not None:
            return cached
        creds = _parse(r[0] for r in conn.execute("SELECT json FROM overlay_credentials ORDER BY id"))
    finally:
        conn.close()
    write_cached(where, creds)
    return creds


def _parse(rows: Iterable[str]) -> list[Credential]:
    from pydantic import ValidationError  # pydantic only on a cache miss

    out = []
    for j in rows:
        try:
            out.append(Credential.model_validate(json.loads(j)))
        except (ValidationError, ValueError):  # a record from an older model: skip, don't fail every command
            continue
    return out
