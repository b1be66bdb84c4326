"""The one store: a portfolio and a catalog overlay over SQLAlchemy.

SQLite by default (WAL, a busy timeout, write transactions begun IMMEDIATE so that two
processes writing at once queue instead of failing), PostgreSQL when the URL names one.
Migrations (Alembic) run on open; a database already at head costs one query.

>>> from certwise.catalog.model import Credential, EXAMPLE
>>> s = Store("sqlite://")
>>> e = s.add_entry(Credential.model_validate(EXAMPLE), earned=date(2025, 1, 15))
>>> (e.id, e.expires.isoformat())
('example-cert', '2027-01-15')
>>> [x.id for x in s.list_entries()]
['example-cert']
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, create_engine, delete, event, func, insert, inspect, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from certwise.advice.scoring_table import FeatureTable
from certwise.catalog.model import Credential
from certwise.settings import database_url, sqlite_path
from certwise.store.entries import (
    SOURCES,
    STATES,
    Entry,
    EntryError,
    NewEntry,
    RenewalDue,
    StoreError,
    entry_key,
)
from certwise.store.entry_rules import check_dates, check_expiry, credential_link, expiry_by_rule
from certwise.store.faults import check_revision, check_sqlite, fault_for
from certwise.store.models import EntryRow, OverlayRow
from certwise.store.overlay_features import clear_features, table_of_rows, write_features
from certwise.store.overlay_rows import PreparedRow, prepare

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

HEAD_REVISION = "0003"  # the newest file in migrations/versions (a test keeps them in step)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
_PG_LOCK_KEY = 0x63657274  # "cert": serialises writers and migrations on PostgreSQL

PORTFOLIO_FORMAT = "certwise-portfolio"
PORTFOLIO_VERSION = 1


def normalise_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` mean psycopg 3 (the driver certwise ships with)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """Persistence for what a person keeps: ``Store()`` opens the configured database.

    ``Store("sqlite://")`` is in memory (tests); ``Store("postgresql+psycopg://…")`` uses
    PostgreSQL. The schema is created or upgraded on open.
    """

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = normalise_url(url or database_url())
        self.features_bytes = 0  # the size of the overlay's features the last add_overlay stored
        self.where = describe(self.url)
        path = sqlite_path(self.url)
        if path is not None:  # refused before a connection that could change the file is opened
            check_sqlite(path, self.where)
        try:
            self.engine = _make_engine(self.url)
        except OSError as e:
            raise (fault_for(e, self.where) or e) from None
        try:
            if migrate:
                self._migrate()
        except BaseException:
            self.engine.dispose()
            raise

    # --- plumbing --------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[Connection]:
        """One transaction; ``write`` takes the write lock up front (no lock upgrade races).

        A database that cannot be used (corrupt, unwritable, full, unreachable) raises
        :class:`~certwise.store.entries.StoreUnavailable`.
        """
        try:
            with self.engine.connect() as conn:
                if write:
                    conn = conn.execution_options(certwise_write=True)
                with conn.begin():
                    if write and self.dialect == "postgresql":
                        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
                    yield conn
        except DBAPIError as e:
            fault = fault_for(e, self.where)
            if fault is None:
                raise
            raise fault from None

    def _migrate(self) -> None:
        with self._tx() as conn:
            if inspect(conn).has_table("alembic_version"):
                current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                if current == HEAD_REVISION:
                    return
                check_revision(current, self.where)  # a newer certwise's database is never migrated
        from alembic import command  # ~0.3 s, and only when the schema must change
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        with self._tx(write=True) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # --- portfolio -------------------------------------------------------------------------

    def add_entry(
        self,
        credential: Credential | None = None,
        *,
        name: str | None = None,
        issuer: str | None = None,
        state: str = "held",
        earned: date | None = None,
        expires: date | None = None,
        credential_url: str | None = None,
        source: str = "manual",
    ) -> Entry:
        """Add (or update) the entry for a catalog credential or a custom one (name + issuer).

        One entry per credential: adding it again updates it (a planned one becomes held).
        Without ``expires``, a held entry expires by the provider's rule
        (``renewal.validity_years`` after ``earned``).
        """
        item = NewEntry(credential, name, issuer, state, earned, expires, credential_url, source)
        return self.add_entries([item])[0]

    def add_entries(self, items: Iterable[NewEntry]) -> list[Entry]:
        """Add several entries in one transaction: all of them or, on a StoreError, none."""
        prepared = [_prepare(i) for i in items]
        out = []
        with self._tx(write=True) as conn:
            for row in prepared:
                out.append(_upsert(conn, row))
        return out

    def list_entries(self, state: str | None = None) -> list[Entry]:
        """Every entry, held first, then by earned date and name."""
        q = select(EntryRow.__table__)
        if state:
            q = q.where(EntryRow.state == state)
        with self._tx() as conn:
            rows = conn.execute(q).mappings().all()
        entries = [_entry(r) for r in rows]
        entries.sort(key=lambda e: (e.state != "held", e.earned or date.max, e.name.lower(), e.entry_id))
        return entries

    def get_entry(self, ident: str) -> Entry | None:
        """The entry with this entry id, catalog id or (case-insensitive) name."""
        with self._tx() as conn:
            row = _find(conn, ident)
        return _entry(row) if row is not None else None

    def remove_entry(self, ident: str) -> Entry:
        """Remove by entry id, catalog id or name; StoreError when nothing matches."""
        with self._tx(write=True) as conn:
            row = _find(conn, ident)
            if row is None:
                raise StoreError(f"no portfolio entry '{ident}'", code="no-entry")
            conn.execute(delete(EntryRow).where(EntryRow.entry_id == row["entry_id"]))
        return _entry(row)

    def export_portfolio(self) -> dict[str, Any]:
        """The whole portfolio as a JSON-able dict that :meth:`import_portfolio` reads back."""
        return {
            "format": PORTFOLIO_FORMAT,
            "version": PORTFOLIO_VERSION,
            "exported": _now().isoformat() + "Z",
            "entries": [e.to_dict() for e in self.list_entries()],
        }

    def import_portfolio(self, data: Any, catalog: Catalog | None = None, *, as_of: date | None = None) -> list[Entry]:
        """Read an export back: all entries or none (one transaction; validated first).

        An entry with the same entry id, or for the same credential, is replaced. With a
        ``catalog``, ids must be known (aliases are resolved) and missing names are filled in.
        Entries keep the rules of :mod:`~certwise.store.entry_rules`: a held one was earned,
        not after ``as_of`` (default today), and links are web addresses.
        """
        rows = _validate_import(data, catalog, as_of or date.today())
        with self._tx(write=True) as conn:
            for row in rows:
                conn.execute(
                    delete(EntryRow).where(
                        or_(EntryRow.entry_id == row["entry_id"], EntryRow.key == row["key"])
                    )
                )
                conn.execute(insert(EntryRow).values(**row))
        return [_entry(r) for r in rows]

    def renewals(self, as_of: date, within_days: int = 90) -> list[RenewalDue]:
        """Held entries that expire by ``as_of + within_days`` (expired ones included), soonest first."""
        # near the end of the calendar the horizon is its last day
        horizon = date.max if (date.max - as_of).days < within_days else as_of + timedelta(days=within_days)
        q = select(EntryRow.__table__).where(
            EntryRow.state == "held", EntryRow.expires.is_not(None), EntryRow.expires <= horizon
        )
        with self._tx() as conn:
            rows = conn.execute(q).mappings().all()
        due = [RenewalDue(_entry(r), (r["expires"] - as_of).days) for r in rows]
        due.sort(key=lambda d: (d.days_left, d.entry.name.lower()))
        return due

    # --- catalog overlay -------------------------------------------------------------------

    def add_overlay(
        self,
        credentials: Iterable[Credential | PreparedRow],
        *,
        batch_size: int = 1000,
        progress: Callable[[int], None] | None = None,
        replace: bool = False,
    ) -> int:
        """Store credentials in the overlay, all in ONE transaction; returns how many.

        With ``replace``, the overlay is emptied first (in the same transaction).

        ``credentials`` may be a generator (of credentials, or of rows an importer prepared with
        :func:`~certwise.store.overlay_rows.prepare`): it is consumed in batches of ``batch_size``, so
        memory stays bounded. ``progress(n)`` is called with the count stored so far. If the
        process dies before the end, the database is as it was. The scorer's features of the
        whole overlay are computed on the way and stored in the same transaction
        (:mod:`certwise.store.overlay_features`); ``self.features_bytes`` says how large they are.
        """
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert  # PostgreSQL's dialect: ~30 ms

            ins: Any = pg_insert(OverlayRow)
        else:
            ins = sqlite_insert(OverlayRow)
        stmt = ins.on_conflict_do_update(
            index_elements=["id"], set_={"json": ins.excluded.json, "imported_at": ins.excluded.imported_at}
        )
        now = datetime.now(UTC).replace(tzinfo=None)  # full precision: it keys the overlay cache
        total = 0
        table = FeatureTable()
        with self._tx(write=True) as conn:
            if replace:
                conn.execute(delete(OverlayRow))
            there = conn.execute(select(OverlayRow.id).limit(1)).first() is not None
            batch: list[dict[str, Any]] = []
            for c in credentials:
                row = c if isinstance(c, PreparedRow) else prepare(c)
                batch.append({"id": row.id, "json": row.json, "imported_at": now})
                table.add_features(row.features, row.prerequisites_any, row.successors)
                if len(batch) >= batch_size:
                    conn.execute(stmt, batch)
                    total += len(batch)
                    batch = []
                    if progress:
                        progress(total)
            if batch:
                conn.execute(stmt, batch)
                total += len(batch)
                if progress:
                    progress(total)
            if there or len(set(table.ids)) != len(table):  # added to what was there: cover every record
                table = table_of_rows(conn)
            self.features_bytes = write_features(conn, table)
        return total

    def overlay_credentials(self) -> list[Credential]:
        """Every credential in the overlay, in id order."""
        with self._tx() as conn:
            rows = conn.execute(select(OverlayRow.json).order_by(OverlayRow.id)).scalars().all()
        return [Credential.model_validate(json.loads(j)) for j in rows]

    def overlay_ids(self) -> set[str]:
        with self._tx() as conn:
            return set(conn.execute(select(OverlayRow.id)).scalars())

    def overlay_count(self) -> int:
        with self._tx() as conn:
            return int(conn.execute(select(func.count()).select_from(OverlayRow)).scalar() or 0)

    def clear_overlay(self) -> int:
        """Remove every overlay credential; returns how many there were."""
        with self._tx(write=True) as conn:
            n = int(conn.execute(select(func.count()).select_from(OverlayRow)).scalar() or 0)
            conn.execute(delete(OverlayRow))
            clear_features(conn)
        return n


# --- helpers ---------------------------------------------------------------------------------


def describe(url: str) -> str:
    """How messages name a database: the SQLite file, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    if url.startswith("sqlite"):
        return "(in memory)"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: create_engine will say so
        return "CERTWISE_DATABASE_URL"


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is None:  # in memory: one shared connection
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        )
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    wal = path is not None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal:
            _enable_wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("certwise_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _prepare(item: NewEntry) -> dict[str, Any]:
    """The row for an entry; the rules every entry keeps (see :mod:`certwise.store.entry_rules`)."""
    state, source, earned, expires = item.state, item.source, item.earned, item.expires
    if state not in STATES:
        raise EntryError("state", f"'{state}' is not one of: {', '.join(STATES)}", code="not-allowed")
    if source not in SOURCES:
        raise EntryError("source", f"'{source}' is not one of: {', '.join(SOURCES)}", code="not-allowed")
    cred = item.credential
    if cred is not None:
        cid: str | None = cred.id
        name = item.name or cred.name
        issuer = item.issuer or cred.provider
    else:
        cid = None
        if not item.name:
            raise EntryError("name", "required for a credential outside the catalog", code="required")
        name = item.name
        issuer = item.issuer or "unknown issuer"
    if state == "planned":
        earned = expires = None
    elif expires is None and earned is not None and cred is not None:
        expires = expiry_by_rule(cred, earned)
    check_expiry(earned, expires)
    return {
        "key": entry_key(cid, name, issuer),
        "credential_id": cid,
        "name": name,
        "issuer": issuer,
        "state": state,
        "earned": earned,
        "expires": expires,
        "credential_url": credential_link(item.credential_url),
        "source": source,
        "verified": item.verified,
        "accept_unverified": item.accept_unverified,  # a choice for this import, not a column
    }


def _upsert(conn: Connection, row: dict[str, Any]) -> Entry:
    row = dict(row)
    accept = row.pop("accept_unverified", False)
    t = EntryRow.__table__
    old = conn.execute(select(t).where(EntryRow.key == row["key"])).mappings().first()
    if old is None:
        new = {**row, "entry_id": uuid.uuid4().hex[:12], "created": _now()}
        conn.execute(insert(EntryRow).values(**new))
        return _entry(new)
    if not accept and _kept(old["verified"], old["state"], row):
        return _entry(old)
    if row["state"] == "planned" and old["state"] == "held":
        raise StoreError(f"'{row['name']}' is already held (earned {old['earned']}); nothing to plan",
                         code="already-held")
    values = {k: v for k, v in row.items() if k not in ("key", "credential_id")}
    values["credential_url"] = row["credential_url"] or old["credential_url"]
    conn.execute(update(EntryRow).where(EntryRow.entry_id == old["entry_id"]).values(**values))
    return _entry({**old, **values})


def _kept(old_verified: bool, old_state: str, row: dict[str, Any]) -> bool:
    """An unverified entry (a badge whose signature could not be checked) leaves an existing
    entry as it is, unless that one is unverified too and in the same state."""
    return not row["verified"] and (bool(old_verified) or old_state != row["state"])


def _enable_wal(cur: Any) -> None:
    """WAL is persistent: set it once. Switching needs a moment alone with a new file,
    and SQLite does not wait for that on its own, so retry while another process holds it."""
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _entry(row: Any) -> Entry:
    return Entry(
        entry_id=row["entry_id"],
        id=row["credential_id"],
        name=row["name"],
        issuer=row["issuer"],
        state=row["state"],
        earned=row["earned"],
        expires=row["expires"],
        credential_url=row["credential_url"],
        source=row["source"],
        created=row["created"],
        verified=bool(row.get("verified", True)),
    )


def _find(conn: Connection, ident: str) -> Any:
    t = EntryRow.__table__
    for cond in (
        EntryRow.entry_id == ident,
        EntryRow.credential_id == ident,
        func.lower(EntryRow.name) == ident.lower(),
    ):
        row = conn.execute(select(t).where(cond).limit(1)).mappings().first()
        if row is not None:
            return row
    return None


def _validate_import(data: Any, catalog: Catalog | None, as_of: date) -> list[dict[str, Any]]:
    """Check a portfolio export; every problem names the entry and the field."""
    from pydantic import ValidationError  # pydantic only for a portfolio file

    from certwise.store.portfolio_io import ImportedEntry

    if isinstance(data, dict):
        if "entries" not in data:
            raise StoreError("not a certwise portfolio: no 'entries' list", code="not-a-portfolio")
        fmt = data.get("format", PORTFOLIO_FORMAT)
        if fmt != PORTFOLIO_FORMAT:
            raise StoreError(f"field 'format': '{fmt}' is not '{PORTFOLIO_FORMAT}'")
        entries = data["entries"]
    else:
        entries = data
    if not isinstance(entries, list):
        raise StoreError("field 'entries': expected a list of entries")
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    now = _now()
    for i, raw in enumerate(entries):
        where = f"entries[{i}]"
        try:
            e = ImportedEntry.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"]) or "(entry)"
            raise EntryError(loc, err["msg"].removeprefix("Value error, "), where=where) from None
        cid = e.id
        name, issuer = e.name, e.issuer
        if cid and catalog is not None:
            resolved = catalog.resolve(cid)
            if resolved is None:
                raise EntryError("id", f"unknown credential '{cid}'", code="unknown-credential", where=where)
            cid = resolved
            cred = catalog.get(cid)
            name = name or cred.name
            issuer = issuer or cred.provider
        if not name:
            raise EntryError("name", "required for an entry without a catalog id", code="required", where=where)
        issuer = issuer or "unknown issuer"
        try:
            check_dates(e.state, e.earned, e.expires, as_of)
            url = credential_link(e.credential_url)
        except EntryError as err:
            raise err.at(where) from None
        key = entry_key(cid, name, issuer)
        if key in seen:
            raise StoreError(f"{where}: the same credential as entries[{seen[key]}]", code="duplicate")
        seen[key] = i
        rows.append(
            {
                "entry_id": e.entry_id or uuid.uuid4().hex[:12],
                "key": key,
                "credential_id": cid,
                "name": name,
                "issuer": issuer,
                "state": e.state,
                "earned": e.earned if e.state == "held" else None,
                "expires": e.expires if e.state == "held" else None,
                "credential_url": url,
                "source": e.source,
                "verified": e.verified,
                "created": e.created or now,
            }
        )
    ids = [r["entry_id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise StoreError("two entries share an entry_id", code="duplicate")
    return rows
