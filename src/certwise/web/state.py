"""What the routes of one app share: the catalog, the store (opened on first use) and "today"."""

from __future__ import annotations

import logging
import threading
from datetime import date

from sqlalchemy.exc import OperationalError

from certwise.catalog import default_catalog
from certwise.catalog.load import Catalog
from certwise.settings import database_url
from certwise.store import Store, StoreUnavailable
from certwise.store.db import describe, normalise_url
from certwise.store.faults import unreachable
from certwise.store.overlay import overlay_catalog

log = logging.getLogger("certwise.web")


class WebState:
    """What the routes share: the catalog, the store (opened on first use) and the date."""

    def __init__(self, catalog: Catalog | None, store_url: str | None, as_of: date | None) -> None:
        self._catalog = catalog
        self._explicit_catalog = catalog is not None
        self.store_url = store_url
        self.fixed_as_of = as_of
        self._store: Store | None = None
        self._lock = threading.Lock()

    def base_catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = default_catalog()
        return self._catalog

    def catalog(self) -> Catalog:
        """The catalog for a request: the given one, or the shipped one plus the local overlay."""
        cat = self.base_catalog()
        if self._explicit_catalog:
            return cat
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
