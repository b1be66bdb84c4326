"""What the page and API routes read from a request: the app's state, the catalog, the as-of date, lists."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request

from certwise.catalog.load import Catalog
from certwise.web.errors import bad_input
from certwise.web.state import WebState


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
