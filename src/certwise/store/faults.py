"""A database certwise cannot use: what is wrong, in one line, before anything is written.

Standard library only (the overlay checks a SQLite file on every CLI call). A database
written by a newer certwise (an Alembic revision this code does not know) is refused
before a connection that could change it is opened: it is never migrated or written.

>>> fault_for(OSError(30, "Read-only file system"), "/x/certwise.db").reason
'unwritable'
>>> check_sqlite_header(Path("/nonexistent/certwise.db"), "/nonexistent/certwise.db") is None
True
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from pathlib import Path
from typing import Any

from certwise.store.entries import StoreUnavailable

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
SQLITE_MAGIC = b"SQLite format 3\x00"
ELSEWHERE = "point CERTWISE_DATABASE_URL elsewhere"


@functools.cache
def known_revisions() -> frozenset[str]:
    """The Alembic revisions this certwise ships (``0001_initial.py`` is revision ``0001``)."""
    return frozenset(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9]*_*.py"))


def newer(where: str, revision: str) -> StoreUnavailable:
    return StoreUnavailable(where, "newer", f"was created by a newer certwise (revision {revision})",
                            f"upgrade certwise, or {ELSEWHERE}")


def corrupt(where: str) -> StoreUnavailable:
    return StoreUnavailable(where, "corrupt", "is not a certwise database (corrupt or not SQLite)",
                            f"move it aside or {ELSEWHERE}")


def unwritable(where: str, why: str) -> StoreUnavailable:
    return StoreUnavailable(where, "unwritable", f"cannot be written ({why})",
                            "make its folder writable, or point CERTWISE_DATA_DIR or CERTWISE_DATABASE_URL elsewhere")


def disk_full(where: str) -> StoreUnavailable:
    return StoreUnavailable(where, "full", "cannot be written (the disk is full)",
                            f"free some space, or {ELSEWHERE}")


def unreachable(where: str, detail: str) -> StoreUnavailable:
    return StoreUnavailable(where, "unreachable", f"cannot be reached ({detail})",
                            "start the database server or check CERTWISE_DATABASE_URL")


def connection_lost(where: str) -> StoreUnavailable:
    return StoreUnavailable(where, "unreachable", "lost its connection to the database server in the middle of the "
                            "command (nothing was written: the change is one transaction)",
                            "run the command again once the server is back")


# What a PostgreSQL driver says when the server goes away under a running command.
_LOST = ("terminating connection", "server closed the connection", "connection is closed", "connection was closed",
         "consuming input failed", "could not receive data", "the connection is lost")

_OS_WHY = {errno.ENOTDIR: "a part of its path is not a folder", errno.EEXIST: "its folder is a file",
           errno.EACCES: "read-only directory", errno.EPERM: "read-only directory",
           errno.EROFS: "read-only file system"}


def fault_for(exc: BaseException, where: str) -> StoreUnavailable | None:
    """The fault behind a database or file-system error, or None for anything else (a bug)."""
    orig: Any = getattr(exc, "orig", None) or exc
    if isinstance(orig, StoreUnavailable):
        return orig
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return disk_full(where)
        return unwritable(where, _OS_WHY.get(orig.errno or 0, orig.strerror or "cannot create it"))
    text = str(orig).lower()
    if isinstance(orig, sqlite3.DatabaseError):
        if "not a database" in text or "malformed" in text or "encrypted" in text:
            return corrupt(where)
        if "full" in text:
            return disk_full(where)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return unwritable(where, "read-only directory or file")
        if "disk i/o" in text:
            return unwritable(where, "a disk error")
    if any(x in text for x in _LOST) and not isinstance(orig, sqlite3.Error):
        return connection_lost(where)
    return None  # a server that does not answer is the face's to word (see unreachable)


def check_sqlite_header(path: Path, where: str) -> None:
    """Refuse a file that is not SQLite, or is shorter than its header says (cut off)."""
    try:
        if not path.exists():
            return
        if not path.is_file():
            raise corrupt(where)
        size = path.stat().st_size
        if size == 0:  # an empty file is an empty database
            return
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as e:
        raise unwritable(where, _OS_WHY.get(e.errno or 0, e.strerror or "cannot read it")) from None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise corrupt(where)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_count = head[24:28] == head[92:96]  # SQLite's rule for trusting the in-header size
    if page_size < 512 or (valid_count and size < page_size * pages):
        raise corrupt(where)


def revision_of(conn: sqlite3.Connection) -> str | None:
    """The Alembic revision recorded in an open SQLite database (None when there is none)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
    if not has:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row and row[0] is not None else None


def check_revision(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise newer(where, revision)


def check_sqlite(path: Path, where: str) -> None:
    """Before a SQLite file is opened for writing: it is SQLite, whole, and not from a newer certwise.

    Read-only (``mode=ro``): a file that fails here was not touched.
    """
    check_sqlite_header(path, where)
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
        try:
            revision = revision_of(conn)
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise (fault_for(e, where) or corrupt(where)) from None
    check_revision(revision, where)
