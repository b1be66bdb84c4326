"""The app factory: ``create_app(catalog=None, store_url=None) -> FastAPI``.

Nothing is created at import: each call builds its own app, templates and (lazily) store, so
tests make as many apps as they like.

>>> app = create_app()
>>> app.title
'certwise'
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from certwise import __version__
from certwise.catalog.load import Catalog

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
log = logging.getLogger("certwise.web")


class WebState:
    """What the routes share: the catalog, the store (opened on first use) and the date."""

    def __init__(self, catalog: Catalog | None, store_url: str | None, as_of: date | None) -> None:
        self._catalog = catalog
        self._explicit_catalog = catalog is not None
        self.store_url = store_url
        self.fixed_as_of = as_of
        self._store: Any = None
        self._lock = threading.Lock()

    def base_catalog(self) -> Catalog:
        if self._catalog is None:
            from certwise.catalog import default_catalog

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
            from certwise.store.overlay import overlay_catalog

            return overlay_catalog(cat)  # the CLI's database, read cheaply
        except Exception:  # the overlay is an extra; never let it take the pages down
            log.warning("could not read the catalog overlay", exc_info=True)
            return cat

    def store(self) -> Any:
        """The portfolio store (the same one the CLI uses), opened on first use."""
        with self._lock:
            if self._store is None:
                from certwise.store import Store

                self._store = Store(self.store_url)
            return self._store

    def today(self) -> date:
        return self.fixed_as_of or date.today()


def _templates() -> Jinja2Templates:
    from certwise.web import fmt

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    fmt.install(env)
    return Jinja2Templates(env=env)


def create_app(
    catalog: Catalog | None = None,
    store_url: str | None = None,
    *,
    as_of: date | None = None,
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """Build the web app.

    ``catalog``: the catalog to serve (default: the shipped one plus the local overlay).
    ``store_url``: the portfolio database (default: the CLI's, ``CERTWISE_DATABASE_URL`` or
    SQLite in the data directory). ``as_of``: pin "today" (tests, demos). ``allowed_hosts``:
    answer only to these Host names (``certwise serve`` sets the loopback names).
    """
    from certwise.web import api, pages
    from certwise.web.errors import install_error_handlers
    from certwise.web.security import SecurityMiddleware

    app = FastAPI(
        title="certwise",
        version=__version__,
        description=(
            "Which AI certifications are worth it for you. The same engine as the `certwise` CLI; "
            "bodies and answers follow SPEC.md §4. Every error has the shape "
            '`{"error": {"code", "message", "fields": [{"field", "message"}]}}`.'
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads assets from a CDN; the app must work offline
        redoc_url=None,
    )
    app.state.web = WebState(catalog, store_url, as_of)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, allowed_hosts=allowed_hosts)
    return app
