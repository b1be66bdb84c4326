"""What the page and API routes read from a request: the app's state, the catalog, the as-of date, lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from datetime import date
from typing import Annotated, Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import AfterValidator, Field
from pydantic_core import to_json

from certwise.catalog.load import Catalog
from certwise.userfiles import non_text_in
from certwise.web.errors import bad_input
from certwise.web.memo import memo, peek
from certwise.web.state import WebState

# The dates the web accepts: years 1000-8999, leaving room for the date arithmetic the engine does
# (renewals ten years ahead, validity periods, the three-year horizon) without leaving the calendar.
# The pattern is what the OpenAPI document states; it is stricter than the check (no 29 February),
# so that every date the schema allows is accepted.
MIN_YEAR, MAX_YEAR = 1000, 8999
DATE_PATTERN = (
    r"^[1-8][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))$"
)
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_RANGE = f"give a date in the years {MIN_YEAR}-{MAX_YEAR} as YYYY-MM-DD, e.g. 2026-11-25"


def _in_range(d: date) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise ValueError(f"{d.isoformat()} is out of range; {DATE_RANGE}")
    return d


# A date in a request body: the check and the pattern the schema states.
WebDate = Annotated[date, AfterValidator(_in_range), Field(json_schema_extra={"pattern": DATE_PATTERN})]


# A lone surrogate reaches the parsed body only as a \u escape, as the bytes ED A0-BF .. (json
# decodes with "surrogatepass"), or in a UTF-16/32 body (NUL bytes); a body with none of these is text.
_MAY_HOLD_SURROGATE = re.compile(rb"\\u|\xed|\x00")


def web(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def catalog(request: Request) -> Catalog:
    return web(request).catalog()


async def catalog_async(request: Request) -> Catalog:
    """:func:`catalog` for an ``async`` route: the kept catalog at once, else read in a worker thread
    (the overlay check may ask the database)."""
    state = web(request)
    cat = state.fresh_catalog()
    return cat if cat is not None else await run_in_threadpool(state.catalog)


def hashable(mapping: dict[str, Any]) -> tuple[Any, ...]:
    """A request's fields as a key for :func:`json_answer` (lists become tuples).

    >>> hashable({"role": "developer", "held": ["pmle"]})
    (('held', ('pmle',)), ('role', 'developer'))
    """
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in mapping.items()))


async def json_answer(request: Request, catalog: Catalog, key: Hashable, compute: Callable[[], Any]) -> Response:
    """The JSON of ``compute()``, kept by this app for this catalog (:mod:`certwise.web.memo`): a
    repeated question is answered from the kept bytes on the event loop; a new one is worked out
    in a worker thread. The bytes are what the route's ``response_model`` (``dict[str, Any]``)
    would have sent."""
    owner = web(request).answers(catalog)
    body = peek(owner, key)
    if body is None:
        body = await run_in_threadpool(memo, owner, key, lambda: to_json(compute()))
    return Response(body, media_type="application/json")


def parse_as_of(value: Any, request: Request, field: str = "as_of") -> date:
    """``as_of`` from a query string or body, else today (or the app's pinned date)."""
    if value in (None, ""):
        return web(request).today()
    try:
        if isinstance(value, date):
            return _in_range(value)
        text = str(value)
        if not _DATE_SHAPE.match(text):
            raise ValueError(text)
        return _in_range(date.fromisoformat(text))
    except ValueError:
        raise bad_input(f"'{value}' is not a date certwise can work with; {DATE_RANGE}.", field) from None


def query_list(request: Request, name: str) -> list[str]:
    """All values of a repeated or comma-separated query parameter, trimmed, in order."""
    out: list[str] = []
    for v in request.query_params.getlist(name):
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


async def json_text_only(request: Request) -> None:
    """Refuse a JSON body with a string that is not text: a lone surrogate (``"\\ud800"``) parses
    as JSON but cannot be stored, printed or compared as UTF-8. (FastAPI has already parsed the
    body; one that is not JSON, or nests too deeply, is refused before this runs.)"""
    if "json" not in request.headers.get("content-type", ""):
        return
    body = await request.body()
    if not _MAY_HOLD_SURROGATE.search(body):  # the usual body: no escape, no raw surrogate, UTF-8
        return
    try:
        doc = await request.json()
    except ValueError:  # not JSON: the route's own parsing answers that
        return
    item = non_text_in(doc)  # iterative: a deep body must not exhaust the stack here either
    if item is not None:
        raise bad_input(f"The body has text that is not valid Unicode ({item[:40]!a}); "
                        "send UTF-8 text without lone surrogates.")
