"""The pages: each route parses input, calls one engine function, renders the same dict the
API returns (build the answer once, render it twice)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from certwise import profile_spec
from certwise.advice.faq import faq
from certwise.catalog.browse import SORTS, STATUSES
from certwise.catalog.model import DOMAINS, ECOSYSTEMS
from certwise.interop.openbadges import MAX_BADGE_BYTES, MAX_BADGE_FILES
from certwise.interop.renewal_ics import renewals_to_ics
from certwise.store.reports import renewals_report
from certwise.web import services
from certwise.web.deps import catalog, parse_as_of, query_list, web
from certwise.web.errors import WebError, bad_input
from certwise.web.forms import (
    KINDS,
    LEVELS,
    form_values,
    parse_filters,
    profile_mapping,
    profile_query,
    questionnaire,
)
from certwise.web.security import check_csrf
from certwise.web.svg import timeline_svg
from certwise.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_COMPARE = 4  # columns that fit the page


def _get(request: Request) -> Any:
    return lambda name: query_list(request, name)


# --- catalog ----------------------------------------------------------------------------------

@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    filters, sort, errors = parse_filters(_get(request))
    result = services.catalog_list(cat, as_of, filters, sort)
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
    return render(request, "credential.html", {"as_of": as_of, "d": detail, "title": cred.name, "roi": roi,
                                               "roi_error": roi_error, "salary": salary}, page="catalog")


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
    data = services.roadmap_data(catalog(request), as_of)
    return render(request, "roadmap.html", {"as_of": as_of, "r": data}, page="roadmap")


@router.get("/faq", response_class=HTMLResponse)
def faq_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    return render(request, "faq.html", {"as_of": as_of, "questions": faq(cat, as_of), "names": {c.id: c.name for c in cat},
                                        "title": "Questions people ask"}, page="faq")


@router.get("/roadmap.svg")
def roadmap_svg(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    data = services.roadmap_data(catalog(request), as_of)
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(data["svg"])
    return Response(svg, media_type="image/svg+xml",
                    headers={"content-disposition": 'inline; filename="certwise-roadmap.svg"'})


# --- start and results ------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    raw = profile_mapping(_get(request))
    return render(request, "start.html", {"as_of": as_of, "v": form_values(None, raw), "errors": [],
                                          **questionnaire()}, page="start")


@router.get("/results", response_class=HTMLResponse)
def results_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    raw = profile_mapping(_get(request))
    try:
        profile = services.build_profile(raw, cat, page=True)
    except WebError as e:
        return render(request, "start.html", {"as_of": as_of, "v": form_values(None, raw), "errors": [e.message],
                                              **questionnaire()}, status=400, page="start")
    r = services.recommend_data(profile, cat, as_of)
    ids, plan = services.results_plan(r, profile, cat, as_of)
    names = {c.id: c.name for c in cat}
    pairs = profile_query(r["profile"])
    if request.query_params.get("as_of"):
        pairs.append(("as_of", as_of.isoformat()))
    query = urlencode(pairs)
    plan_pairs = [("ids", i) for i in ids] + [("start", as_of.isoformat()),
                                              ("hours_per_week", str(r["profile"]["hours_per_week"])),
                                              ("years_experience", str(r["profile"]["years_experience"]))]

    return render(request, "results.html", {
        "as_of": as_of,
        "r": r,
        "names": names,
        "held_names": [names.get(h, h) for h in r["profile"]["held"]],
        "plan": plan,
        "timeline": timeline_svg(plan, names, title="Your plan") if plan else None,
        "query": query,
        "plan_query": urlencode(plan_pairs),
        "share_url": f"{str(request.base_url).rstrip('/')}/results?{query}",
    }, page="start")


# --- check a certification --------------------------------------------------------------------

ASSESSMENTS = [
    ("none", "No assessment at all"),
    ("quiz", "An online quiz"),
    ("proctored-exam", "A supervised (proctored) exam"),
    ("performance-exam", "A hands-on exam (you do real tasks)"),
    ("project", "A project you build"),
]
DESC_FIELDS = ("name", "issuer", "price_usd", "hours", "assessment", "hands_on", "renewal_years", "url")


def _description(q: Any) -> tuple[dict[str, Any], list[str]]:
    """The credential description of SPEC §4 ``evaluate --file`` from the check form."""
    errors: list[str] = []
    d: dict[str, Any] = {}
    name = (q.get("name") or "").strip()
    if not name:
        errors.append("Give the credential's name (as it is advertised).")
    d["name"] = name
    d["issuer"] = (q.get("issuer") or "").strip()
    if not d["issuer"]:
        errors.append("Give who issues it (a company, a university, or a website's name).")
    bad: set[str] = set()
    for fld, what in (("price_usd", "the price in US dollars"), ("hours", "the hours of study"),
                      ("renewal_years", "the years until it must be renewed")):
        v = (q.get(fld) or "").strip().replace(",", "").lstrip("$")
        if v == "":
            d[fld] = None
            continue
        try:
            num = float(v)
            if num < 0 or not math.isfinite(num):
                raise ValueError
            d[fld] = int(num) if num.is_integer() else num
        except ValueError:
            errors.append(f"'{q.get(fld)}' is not a number; give {what} as a number, e.g. 49.")
            bad.add(fld)
    if d.get("price_usd") is None and "price_usd" not in bad:
        errors.append("Give the price in US dollars (0 if it is free).")
    if not d.get("hours") and "hours" not in bad:
        errors.append("Give roughly how many hours of study or video it involves (more than 0).")
    if d.get("renewal_years") == 0:
        d["renewal_years"] = None
    a = q.get("assessment") or "none"
    if a not in {x for x, _ in ASSESSMENTS}:
        errors.append("Choose how it is assessed from the list.")
    d["assessment"] = a
    d["hands_on"] = (q.get("hands_on") or "") in ("1", "yes", "true", "on")
    d["url"] = (q.get("url") or "").strip() or None
    return d, errors


# The questions "check it for me" asks (the rest keep their defaults, and the answer says so).
FIT_FIELDS = ("role", "years_experience", "goal", "motive", "cloud", "cloud_experience", "budget_usd",
              "hours_per_week")


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    q = request.query_params
    result = None
    errors: list[str] = []
    values: dict[str, Any] = {k: q.get(k, "") for k in DESC_FIELDS}
    ident = (q.get("id") or "").strip()
    me = {name: q.get(name, "").strip() for name in FIT_FIELDS if q.get(name, "").strip()}
    status = 200
    try:
        if ident and me:
            result = services.evaluate_for_person(cat, ident, services.build_profile(me, cat, page=True), set(me),
                                                  as_of)
        elif ident:
            result = services.evaluate_id(cat, ident, as_of)
        elif q.get("name") is not None:
            desc, errors = _description(q)
            if not errors:
                result = services.evaluate_desc(cat, desc, as_of)
    except WebError as e:
        errors.append(e.message)
    if errors:
        status = 400
    live = sorted((c for c in cat), key=lambda c: c.name.lower())
    return render(request, "check.html", {
        "as_of": as_of, "result": result, "errors": errors, "values": values, "ident": ident,
        "assessments": ASSESSMENTS, "creds": live, "me": me, "names": {c.id: c.name for c in cat},
        "fit_fields": [profile_spec.field(n) for n in FIT_FIELDS],
    }, status=status, page="check")


# --- plan -------------------------------------------------------------------------------------

def _plan_inputs(request: Request) -> tuple[list[str], date, float, int, list[str]]:
    q = request.query_params
    errors: list[str] = []
    today = parse_as_of(q.get("as_of"), request)

    def field(name: str, convert: Any, default: Any, what: str) -> Any:
        raw = q.get(name)
        if not raw:
            return default
        try:
            return convert(raw)
        except ValueError:
            errors.append(f"'{raw}' is not {what}.")
            return default

    start = field("start", date.fromisoformat, today, "a date; use the date picker or YYYY-MM-DD")
    hpw = field("hours_per_week", float, 5.0, "a number of hours a week")
    years = field("years_experience", int, 0, "a whole number of years")
    ids = list(dict.fromkeys(query_list(request, "ids")))
    return ids, start, hpw, years, errors


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    ids, start, hpw, years, errors = _plan_inputs(request)
    plan = None
    if ids and not errors:
        try:
            plan = services.plan_data(cat, ids, start, hpw, years, as_of=as_of)
        except WebError as e:
            errors.append(e.message)
    names = {c.id: c.name for c in cat}
    live = sorted((c for c in cat if c.is_live(as_of)), key=lambda c: c.name.lower())

    resolved = [cat.resolve(i) or i for i in ids]
    pairs = [("ids", i) for i in resolved] + [("start", start.isoformat()), ("hours_per_week", f"{hpw:g}"),
                                              ("years_experience", str(years))]
    return render(request, "plan.html", {
        "as_of": as_of, "plan": plan, "errors": errors, "creds": live, "names": names,
        "chosen": resolved + [""] * max(0, 4 - len(resolved)), "start": start, "hpw": f"{hpw:g}", "years": years,
        "timeline": timeline_svg(plan, names) if plan else None,
        "ics_query": urlencode(pairs),
    }, status=400 if errors else 200, page="plan")


@router.get("/plan.ics")
def plan_ics(request: Request) -> Response:
    cat = catalog(request)
    ids, start, hpw, years, errors = _plan_inputs(request)
    if errors:
        raise WebError(400, "bad-input", " ".join(errors))
    plan = services.plan_data(cat, ids, start, hpw, years, as_of=parse_as_of(request.query_params.get("as_of"), request))
    return Response(services.plan_ics(plan), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="certwise-plan.ics"'})


# --- portfolio --------------------------------------------------------------------------------

DONE_MESSAGES = {
    "added": "Added to your portfolio.",
    "removed": "Removed from your portfolio.",
    "badges": "Badges imported into your portfolio.",
    "badges-kept": ("Badges imported; where your portfolio already had the credential, the entry was kept as it "
                    "was, because that badge's signature could not be checked."),
}


def _portfolio(request: Request, as_of: date, errors: list[str], status: int = 200,
               form: dict[str, Any] | None = None) -> Response:
    cat = catalog(request)
    data = services.portfolio_data(web(request).store(), cat, as_of)
    done = request.query_params.get("done", "")
    return render(request, "portfolio.html", {
        "as_of": as_of, "p": data, "errors": errors, "done": DONE_MESSAGES.get(done),
        "creds": sorted(cat, key=lambda c: c.name.lower()), "names": {c.id: c.name for c in cat},
        "form": form or {"state": "held"}, "max_files": MAX_BADGE_FILES,
        "max_kb": MAX_BADGE_BYTES // 1024,
    }, status=status, page="portfolio")


def _after_write(request: Request, done: str) -> Response:
    as_of = request.query_params.get("as_of")
    qs = urlencode([("done", done)] + ([("as_of", as_of)] if as_of else []))
    return RedirectResponse(f"/portfolio?{qs}", status_code=303)


@router.get("/portfolio", response_class=HTMLResponse)
def portfolio_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    return _portfolio(request, as_of, [])


@router.post("/portfolio/add", response_class=HTMLResponse)
async def portfolio_add(request: Request) -> Response:
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    data = {k: str(form.get(k) or "") for k in ("id", "name", "issuer", "state", "earned", "expires", "credential_url")}
    try:
        services.add_entry(web(request).store(), catalog(request), as_of, data, page=True)
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status, form=data)
    return _after_write(request, "added")


@router.post("/portfolio/remove", response_class=HTMLResponse)
async def portfolio_remove(request: Request) -> Response:
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    try:
        services.remove_entry(web(request).store(), catalog(request), str(form.get("entry_id") or ""))
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    return _after_write(request, "removed")


@router.post("/portfolio/badges", response_class=HTMLResponse)
async def portfolio_badges(request: Request) -> Response:
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    files: list[tuple[str, bytes]] = []
    for f in form.getlist("files"):
        if isinstance(f, str):
            continue
        files.append((f.filename or "", await f.read(MAX_BADGE_BYTES + 1)))
    try:
        done = services.import_badges(web(request).store(), catalog(request), as_of, files, page=True,
                                      accept_unverified=form.get("accept_unverified") == "1")
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    return _after_write(request, "badges-kept" if any(r["kept"] for r in done["imported"]) else "badges")


# --- the API, described for people ------------------------------------------------------------

@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    doc = request.app.openapi()
    endpoints = []
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "tag": (op.get("tags") or [""])[0]})
    return render(request, "api.html", {"endpoints": endpoints}, page="")


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/portfolio/renewals.ics")
def portfolio_renewals_ics(request: Request) -> Response:
    """Every renewal of what you hold (the next ten years) as calendar events."""

    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    due = web(request).store().renewals(as_of, 3650)
    report = renewals_report(due, cat, as_of, 3650)
    return Response(renewals_to_ics(report["renewals"]), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="certwise-renewals.ics"'})
