"""What the routes of one app share: the catalog, the store (opened on first use) and "today".

The catalog with its overlay is worked out once and kept: the overlay is looked at again at
most every :data:`OVERLAY_RECHECK` seconds, with one small query (how many records, the
newest import), and read again only when that changed. So a request does no database work
for the catalog, and the catalog object (with its scoring index) and what the app keeps for it
(:meth:`WebState.answers`, see :mod:`certwise.web.memo`) live as long as the overlay does not
change.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from certwise.catalog import default_catalog
from certwise.catalog.load import Catalog
from certwise.settings import database_url, sqlite_path
from certwise.store import Store, StoreUnavailable
from certwise.store.db import describe, normalise_url
from certwise.store.faults import unreachable
from certwise.store.models import OverlayRow
from certwise.store.overlay import overlay_catalog
from certwise.web.memo import Answers

log = logging.getLogger("certwise.web")

OVERLAY_RECHECK = 2.0  # seconds: how stale the web's view of `certwise catalog import` may be
UNKNOWN = object()  # the overlay's version could not be read cheaply: read the overlay itself


class WebState:
    """What the routes share: the catalog, the store (opened on first use) and the date."""

    def __init__(self, catalog: Catalog | None, store_url: str | None, as_of: date | None) -> None:
        self._catalog = catalog
        self._explicit_catalog = catalog is not None
        self.store_url = store_url
        self.fixed_as_of = as_of
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._catalog_lock = threading.Lock()
        # (when checked, the overlay's version, the catalog with the overlay)
        self._overlaid: tuple[float, Any, Catalog] | None = None
        self._answers: Answers | None = None

    def base_catalog(self) -> Catalog:
        if self._catalog is None:
            with self._catalog_lock:  # the first requests arrive together: load it once
                if self._catalog is None:
                    self._catalog = default_catalog()
        return self._catalog

    def catalog(self) -> Catalog:
        """The catalog for a request: the given one, or the shipped one plus the local overlay."""
        if self._explicit_catalog:
            return self.base_catalog()
        memo = self._overlaid
        if memo is not None and time.monotonic() - memo[0] < OVERLAY_RECHECK:
            return memo[2]
        base = self.base_catalog()
        with self._catalog_lock:
            memo = self._overlaid
            if memo is not None and time.monotonic() - memo[0] < OVERLAY_RECHECK:
                return memo[2]
            try:
                version = self._overlay_version()
            except StoreUnavailable as e:  # said in one line; the portfolio routes answer 503 with it
                log.warning("the catalog overlay was skipped: %s", e.message)
                version, cat = UNKNOWN, base
            else:
                if memo is not None and version is not UNKNOWN and version == memo[1]:
                    cat = memo[2]
                else:
                    cat = self._with_overlay(base)
            self._overlaid = (time.monotonic(), version, cat)
            return cat

    def answers(self, cat: Catalog) -> Answers:
        """What this app keeps for ``cat`` (JSON bytes, pages): a new catalog starts afresh."""
        kept = self._answers
        if kept is None or kept.catalog is not cat:
            kept = self._answers = Answers(cat)
        return kept

    def fresh_catalog(self) -> Catalog | None:
        """The catalog when it can be had without reading anything (kept, and checked lately), else None."""
        if self._explicit_catalog:
            return self._catalog
        memo = self._overlaid
        if memo is not None and time.monotonic() - memo[0] < OVERLAY_RECHECK:
            return memo[2]
        return None

    def _overlay_version(self) -> Any:
        """(records, newest import) of the overlay, None when there is none, or UNKNOWN."""
        url = self.store_url or database_url()
        path = sqlite_path(url) if url.startswith("sqlite") else None
        try:
            if path is not None and self.store_url is None:
                if not path.is_file():
                    return None
                db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
                try:
                    return tuple(db.execute("SELECT COUNT(*), MAX(imported_at) FROM overlay_credentials").fetchone())
                finally:
                    db.close()
            if self.store_url is not None or not url.startswith("sqlite"):
                store = self.store()  # a database that cannot be used says so here (StoreUnavailable)
                with store.engine.connect() as conn:
                    return tuple(conn.execute(select(func.count(), func.max(OverlayRow.imported_at))).one())
        except StoreUnavailable:
            raise
        except Exception:  # no table yet, a broken or busy database: the full read says what is wrong
            return UNKNOWN
        return UNKNOWN

    def _with_overlay(self, cat: Catalog) -> Catalog:
        try:
            if self.store_url is not None:  # this app's own database holds the overlay
                extra = self.store().overlay_credentials()
                return cat.with_overlay(extra) if extra else cat
            return overlay_catalog(cat, warn=log.warning)  # the CLI's database, read cheaply
        except StoreUnavailable as e:  # said in one line; the portfolio routes answer 503 with it
            log.warning("the catalog overlay was skipped: %s", e.message)
            return cat
        except Exception:  # the overlay is an extra; never let it take the pages down
            log.warning("could not read the catalog overlay", exc_info=True)
            return cat

    def store(self) -> Store:
        """The portfolio store (the same one the CLI uses), opened on first use."""
        with self._lock:
            if self._store is None:
                try:
                    self._store = Store(self.store_url)
                except OperationalError as e:  # a database server that does not answer: 503, not 500
                    url = normalise_url(self.store_url or database_url())
                    detail = (str(e.orig or e).strip().splitlines() or ["no answer"])[0]
                    raise unreachable(describe(url), detail) from None
            return self._store

    def catalog_checked(self) -> date:
        """The newest day a source of the catalog was checked (the catalog works it out once)."""
        return self.base_catalog().checked

    def today(self) -> date:
        return self.fixed_as_of or date.today()
