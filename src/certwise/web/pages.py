"""The pages: each route parses input, calls one engine function, renders the same dict the
API returns (build the answer once, render it twice)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from certwise.catalog.model import DOMAINS, ECOSYSTEMS
from certwise.catalog.views import SORTS, STATUSES
from certwise.web import views
from certwise.web.common import catalog, parse_as_of, query_list, render
from certwise.web.errors import WebError
from certwise.web.forms import KINDS, LEVELS, parse_filters

router = APIRouter(include_in_schema=False)


def _get(request: Request) -> Any:
    return lambda name: query_list(request, name)


# --- catalog ----------------------------------------------------------------------------------

@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    filters, sort, errors = parse_filters(_get(request))
    result = views.catalog_list(cat, as_of, filters, sort)
    providers = sorted({c.provider for c in cat}, key=str.lower)
    return render(request, "catalog.html", {
        "as_of": as_of,
        "result": result,
        "errors": errors,
        "filters": filters,
        "sort": sort,
        "sorts": SORTS,
        "options": {
            "provider": providers,
            "ecosystem": ECOSYSTEMS,
            "level": LEVELS,
            "domain": DOMAINS,
            "kind": KINDS,
            "status": STATUSES,
        },
        "total": len(cat),
        "selected": set(query_list(request, "ids")),
    }, page="catalog")


@router.get("/credentials/{ident}", response_class=HTMLResponse)
def credential_page(request: Request, ident: str) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    cred = views.get_credential(cat, ident)
    if cred.id != ident:
        qs = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/credentials/{cred.id}{qs}", status_code=307)
    detail = views.credential_page_data(cred, cat, as_of)
    return render(request, "credential.html", {"as_of": as_of, "d": detail, "title": cred.name}, page="catalog")


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    ids = query_list(request, "ids")
    try:
        result = views.compare_data(cat, ids, as_of)
    except WebError as e:
        if e.status != 400:
            raise
        return render(request, "compare.html", {"as_of": as_of, "result": None, "error": e.message},
                      status=400, page="catalog")
    return render(request, "compare.html", {"as_of": as_of, "result": result, "error": None}, page="catalog")


@router.get("/roadmap", response_class=HTMLResponse)
def roadmap_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    data = views.roadmap_data(catalog(request), as_of)
    return render(request, "roadmap.html", {"as_of": as_of, "r": data}, page="roadmap")


@router.get("/roadmap.svg")
def roadmap_svg(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    data = views.roadmap_data(catalog(request), as_of)
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(data["svg"])
    return Response(svg, media_type="image/svg+xml",
                    headers={"content-disposition": 'inline; filename="certwise-roadmap.svg"'})


# --- start ------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    return render(request, "start.html", {"as_of": as_of}, page="start")
