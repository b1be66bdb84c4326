"""Helpers the page and API routes share: the app's state, the as-of date, rendering."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from certwise.web.errors import bad_input
from certwise.web.security import CSRF_FIELD, csrf_token

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.web.app import WebState

NAV = (
    ("/", "start", "Start"),
    ("/catalog", "catalog", "Catalog"),
    ("/roadmap", "roadmap", "Roadmap"),
    ("/check", "check", "Check a certification"),
    ("/plan", "plan", "Plan"),
    ("/portfolio", "portfolio", "Portfolio"),
    ("/faq", "faq", "FAQ"),
)


def web(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def catalog(request: Request) -> Catalog:
    return web(request).catalog()


def parse_as_of(value: Any, request: Request, field: str = "as_of") -> date:
    """``as_of`` from a query string or body, else today (or the app's pinned date)."""
    if value in (None, ""):
        return web(request).today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise bad_input(f"'{value}' is not a date; use YYYY-MM-DD, e.g. 2026-11-25.", field) from None


def query_list(request: Request, name: str) -> list[str]:
    """All values of a repeated or comma-separated query parameter, trimmed, in order."""
    out: list[str] = []
    for v in request.query_params.getlist(name):
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def render(request: Request, template: str, ctx: dict[str, Any], status: int = 200, page: str = "") -> HTMLResponse:
    """Render a page in the layout, with the date, the CSRF token and the navigation."""
    as_of = ctx.get("as_of") or web(request).today()
    base = {
        "nav": NAV,
        "page": page,
        "as_of": as_of,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "as_of_param": request.query_params.get("as_of", ""),
    }
    base.update(ctx)
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, base, status_code=status
    )
