"""The catalog pages (browse, one credential, compare, roadmap, stacks, FAQ, the API described for people):
each route parses input, calls one engine function, renders the same dict the API returns
(build the answer once, render it twice)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from certwise.advice.faq import faq
from certwise.catalog.browse import SORTS, STATUSES
from certwise.catalog.load import Catalog
from certwise.catalog.model import DOMAINS, ECOSYSTEMS
from certwise.web import services, svg
from certwise.web.deps import catalog, parse_as_of, query_list
from certwise.web.errors import WebError, bad_input
from certwise.web.forms import (
    CATALOG_FILTER_WORDS,
    KINDS,
    LEVELS,
    parse_filters,
    profile_mapping,
)
from certwise.web.stacks_view import profile_stack_data, stacks_page_data
from certwise.web.svg_charts import cost_time_chart, three_year_chart
from certwise.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_COMPARE = 4  # columns that fit the page


def _get(request: Request) -> Any:
    return lambda name: query_list(request, name)


# --- catalog ----------------------------------------------------------------------------------

def _query(request: Request, **changes: str | None) -> str:
    """The page's query string with ``changes`` (a value replaces the parameter, None drops it)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "ids"]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return urlencode(pairs)


def _catalog_view(request: Request) -> dict[str, Any]:
    """What the list and the chart share: the filters read once, the credentials they pick."""
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    filters, sort, errors = parse_filters(_get(request), words=CATALOG_FILTER_WORDS)
    show_retired = request.query_params.get("retired") == "show"
    chosen = {cat.resolve(i) or i for i in query_list(request, "ids")}  # ticked to compare: always listed
    result = services.catalog_page_list(cat, as_of, filters, sort, show_retired, chosen)
    return {
        "as_of": as_of, "result": result, "errors": errors, "filters": filters, "sort": sort,
        "show_retired": show_retired, "total": len(cat),
        "show_retired_query": _query(request, retired="show"), "hide_retired_query": _query(request, retired=None),
        "list_query": _query(request), "chart": _cost_chart(request, cat, as_of, result["credentials"]),
    }


def credential_link(request: Request) -> str:
    """The credential page's address as a ``{id}`` pattern, keeping the page's ``as_of`` so a
    picture's links open the credential on the same date as the text beside it."""
    as_of_param = request.query_params.get("as_of")
    suffix = f"?{urlencode({'as_of': as_of_param})}" if as_of_param else ""
    return "/credentials/{id}" + suffix  # (urlencode leaves no brace for str.format to read)


def _cost_chart(request: Request, cat: Catalog, as_of: date, creds: list[dict[str, Any]]) -> dict[str, Any]:
    points, unpriced = services.cost_time_points(cat, as_of, creds)
    link = credential_link(request)
    for p in points:
        p["href"] = link.format(id=p["id"])
    return {"points": points, "unpriced": unpriced,
            "wide": cost_time_chart(points, layout="wide", id_prefix="ctc-w") if points else None,
            "narrow": cost_time_chart(points, layout="narrow", id_prefix="ctc-n") if points else None}


@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request) -> Response:
    cat = catalog(request)
    view = _catalog_view(request)
    providers = sorted({c.provider for c in cat}, key=str.lower)
    return render(request, "catalog.html", {
        **view,
        "sorts": SORTS,
        "options": {
            "provider": providers,
            "ecosystem": ECOSYSTEMS,
            "level": LEVELS,
            "domain": DOMAINS,
            "kind": KINDS,
            "status": STATUSES,
        },
        "selected": set(query_list(request, "ids")),
    }, status=400 if view["errors"] else 200, page="catalog")


@router.get("/catalog/chart", response_class=HTMLResponse)
def catalog_chart_page(request: Request) -> Response:
    """The catalog's cost × study time chart on a page of its own, for the same filters as the list."""
    view = _catalog_view(request)
    return render(request, "catalog_chart.html", {**view, "title": "Cost and study time"},
                  status=400 if view["errors"] else 200, page="catalog")


@router.get("/credentials/{ident}", response_class=HTMLResponse)
def credential_page(request: Request, ident: str) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    cred = services.get_credential(cat, ident)
    if cred.id != ident:
        qs = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/credentials/{cred.id}{qs}", status_code=307)
    detail = services.credential_page_data(cred, cat, as_of)
    salary = (request.query_params.get("salary") or "").replace(",", "").strip()
    roi, roi_error = None, None
    if salary:
        try:
            roi = services.roi_data(cred, float(salary), as_of)
        except (ValueError, WebError):
            roi_error = "Give your yearly salary as a number of US dollars above 0, e.g. 85000."
    cost_chart = three_year_chart(detail["three_year_cost"], name=cred.name)
    return render(request, "credential.html", {"as_of": as_of, "d": detail, "title": cred.name, "roi": roi,
                                               "roi_error": roi_error, "salary": salary, "cost_chart": cost_chart},
                  page="catalog")


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    ids = query_list(request, "ids")
    try:
        if len(ids) < 2:
            raise bad_input("Choose two to four credentials to compare (tick them in the catalog).", "ids")
        if len(ids) > PAGE_COMPARE:  # the page's columns; the API and the CLI take up to six
            raise bad_input(f"You chose {len(ids)}; compare at most {PAGE_COMPARE} at a time.", "ids")
        result = services.compare_data(cat, ids, as_of)
    except WebError as e:
        if e.status != 400:
            raise
        return render(request, "compare.html", {"as_of": as_of, "result": None, "error": e.message},
                      status=400, page="catalog")
    return render(request, "compare.html", {"as_of": as_of, "result": result, "error": None}, page="catalog")


@router.get("/roadmap", response_class=HTMLResponse)
def roadmap_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    link = credential_link(request)
    data = services.roadmap_data(catalog(request), as_of, link=link)
    creds = [c for cs in data["by_provider"].values() for c in cs]
    # the tablet's and the phone's drawings beside the desktop's; the stylesheet shows the one that fits
    others = [svg.roadmap_svg(creds, as_of=as_of, layout=layout, link=link) for layout in (svg.MEDIUM, svg.NARROW)]
    return render(request, "roadmap.html", {"as_of": as_of, "r": data, "other_svgs": others}, page="roadmap")


@router.get("/stacks", response_class=HTMLResponse)
def stacks_page(request: Request) -> Response:
    """The guide's stacks, and first the one built for a profile when the query carries answers
    (the results page links here with them)."""
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    stacks = stacks_page_data(cat, as_of)
    errors: list[str] = []
    raw = profile_mapping(_get(request))
    if raw:
        try:
            mine = profile_stack_data(services.build_profile(raw, cat, page=True), cat, as_of)
        except WebError as e:
            errors.append(e.message)
        else:
            stacks = ([mine] if mine else []) + stacks
    link = credential_link(request)
    for s in stacks:
        s["svg"] = svg.stack_svg(s["title"], s["view"], f"stack-{s['name']}", link=link)
    return render(request, "stacks.html", {"as_of": as_of, "stacks": stacks, "errors": errors,
                                           "title": "Certification stacks"},
                  status=400 if errors else 200, page="stacks")


@router.get("/faq", response_class=HTMLResponse)
def faq_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    return render(request, "faq.html", {"as_of": as_of, "questions": faq(cat, as_of), "names": {c.id: c.name for c in cat},
                                        "title": "Questions people ask"}, page="faq")


@router.get("/roadmap.svg")
def roadmap_svg(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    data = services.roadmap_data(catalog(request), as_of, link=credential_link(request))
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(data["svg"])
    return Response(svg, media_type="image/svg+xml",
                    headers={"content-disposition": 'inline; filename="certwise-roadmap.svg"'})


# --- the API, described for people ------------------------------------------------------------

@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    doc = request.app.openapi()
    endpoints = []
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "tag": (op.get("tags") or [""])[0]})
    return render(request, "api.html", {"endpoints": endpoints, "docs_url": API_DOCS}, page="")


API_DOCS = "/api/v1/docs"


@router.get(API_DOCS, response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The interactive docs: the vendored Swagger UI (static/swagger-ui), started by static/api-docs.js."""
    return render(request, "api_docs.html", {"openapi_url": request.app.openapi_url}, page="")


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=308)
