"""The app factory: ``create_app(catalog=None, store_url=None) -> FastAPI``.

Nothing is created at import: each call builds its own app, templates and (lazily) store, so
tests make as many apps as they like.

>>> app = create_app()
>>> app.title
'certwise'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from certwise import __version__
from certwise.catalog.load import Catalog
from certwise.web import advice_pages, api, api_examples, pages, portfolio_pages
from certwise.web.error_pages import install_error_handlers
from certwise.web.security import SecurityMiddleware
from certwise.web.state import WebState
from certwise.web.templating import make_templates

STATIC = Path(__file__).parent / "static"


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
    app.add_middleware(SecurityMiddleware, allowed_hosts=allowed_hosts)
    return app
