"""The app factory: ``create_app(catalog=None, store_url=None) -> FastAPI``.

Nothing is created at import: each call builds its own app, templates and (lazily) store, so
tests make as many apps as they like.

>>> app = create_app()
>>> app.title
'certwise'
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from certwise import __version__
from certwise.advice.scoring_index import index_of
from certwise.catalog.load import Catalog
from certwise.web import advice_pages, api, api_examples, pages, portfolio_pages
from certwise.web.error_pages import install_error_handlers
from certwise.web.page_cache import PageCache
from certwise.web.security import SecurityMiddleware, is_loopback, loopback_hosts
from certwise.web.state import WebState
from certwise.web.templating import make_templates

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("certwise.web")


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
    app = FastAPI(
        title="certwise",
        version=__version__,
        description=(
            "Which AI certifications are worth it for you. The same engine and the same JSON as the "
            "`certwise` CLI's `--json`; the profile's fields and allowed values are in docs/PROFILE.md. "
            "Every error has the shape "
            '`{"error": {"code", "message", "fields": [{"field", "message"}]}}`.'
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # pages.api_docs serves Swagger UI from static/ (no CDN) at /api/v1/docs
        redoc_url=None,
    )
    app.state.web = WebState(catalog, store_url, as_of)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(advice_pages.router)
    app.include_router(portfolio_pages.router)
    api_examples.install(app)  # example requests and answers in the OpenAPI document
    install_error_handlers(app)
    app.add_middleware(PageCache, state=app.state.web)  # inside: the security checks come first
    app.add_middleware(SecurityMiddleware, allowed_hosts=allowed_hosts)
    return app


def app_from_env(host: str | None = None) -> FastAPI:
    """The app ``certwise serve`` runs, from the environment: what a worker process of
    ``certwise serve --workers N`` (or ``uvicorn --factory certwise.web.app:app_from_env``) builds.

    The store is ``CERTWISE_DATABASE_URL`` (else the SQLite file in the data directory); a
    loopback ``host`` (default ``CERTWISE_HOST``, else 127.0.0.1) answers only to the loopback names.
    """
    host = host or os.environ.get("CERTWISE_HOST") or "127.0.0.1"
    app = create_app(allowed_hosts=loopback_hosts() if is_loopback(host) else None)
    warm(app)
    return app


def warm(app: FastAPI) -> None:
    """Load the catalog and its scoring index before the first request, then leave everything
    loaded so far out of the garbage collector's full passes (``gc.freeze``): such a pass over
    the loaded app took ~90 ms on a busy 2-CPU machine, a pause every request in flight waits for."""
    try:
        index_of(app.state.web.catalog())
    except Exception:  # the first request meets the problem and answers it as before
        log.warning("could not load the catalog ahead of the first request", exc_info=True)
    gc.collect()
    gc.freeze()
