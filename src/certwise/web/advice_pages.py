"""The advice pages: the questionnaire and its results, check a certification, the study plan."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from certwise import profile_spec
from certwise.web import services
from certwise.web.deps import DATE_RANGE, catalog, parse_as_of, query_list, web
from certwise.web.errors import WebError
from certwise.web.forms import (
    Problem,
    check_answers,
    form_values,
    profile_mapping,
    profile_query,
    quoted,
    values_again,
    wizard_context,
)
from certwise.web.svg import timeline_pictures
from certwise.web.templating import render

router = APIRouter(include_in_schema=False)


def _get(request: Request) -> Any:
    return lambda name: query_list(request, name)


# --- start and results ------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> Response:
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    raw = profile_mapping(_get(request))
    return render(request, "start.html", {"as_of": as_of, **wizard_context(form_values(None, raw))}, page="start")


def _date_problem(request: Request) -> tuple[date, Problem | None]:
    """The as-of date of the link, or today and a problem saying what was wrong with it."""
    value = request.query_params.get("as_of")
    try:
        return parse_as_of(value, request), None
    except WebError:
        return web(request).today(), Problem(None, f"The date in the link, {quoted(value)}, is not one we can work "
                                                   f"with: {DATE_RANGE} — or leave it out to use today's date.", "")


@router.get("/results", response_class=HTMLResponse)
def results_page(request: Request) -> Response:
    as_of, date_problem = _date_problem(request)
    cat = catalog(request)
    raw = profile_mapping(_get(request))
    message = ""
    try:
        profile = services.build_profile(raw, cat, page=True)
    except WebError as e:
        profile, message = None, e.message
    if profile is None or date_problem:
        # Every problem at once, each in the question's words, and the questionnaire again at the first one.
        good, problems = check_answers(raw, cat)
        if date_problem:
            problems.append(date_problem)
        if not problems:  # the engine refused the answers together though each one passes: say its words
            problems.append(Problem(None, message, ""))
        ctx = {"as_of": as_of, **wizard_context(values_again(raw, good), problems)}
        if date_problem:
            ctx["as_of_param"] = ""
        return render(request, "start.html", ctx, status=400, page="start")
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
        "timeline": timeline_pictures(plan, names, title="Your plan") if plan else None,
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
    """The credential description ``evaluate --file`` reads, built from the check form."""
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
        errors.extend([f["message"] for f in e.fields] if len(e.fields) > 1 else [e.message])
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

    def field(name: str, label: str, convert: Any, default: Any, fix: str) -> Any:
        raw = (q.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = convert(raw)
        except (ValueError, OverflowError):
            value = None
        if value is None:
            errors.append(f"“{label}”: you wrote “{raw[:40]}”: {fix}.")
            return default
        return value

    def number(lo: float, hi: float, whole: bool) -> Any:
        def convert(raw: str) -> float | int | None:
            v = float(raw)
            if not (lo <= v <= hi) or (whole and not v.is_integer()) or (not whole and v <= 0):
                return None
            return int(v) if whole else v
        return convert

    hours, years = profile_spec.field("hours_per_week"), profile_spec.field("years_experience")
    start = field("start", "Start on", date.fromisoformat, today, "give a date: use the date picker, or YYYY-MM-DD")
    hpw = field("hours_per_week", "Hours a week", number(0, hours.maximum or 168, False), 5.0, hours.fix)
    years_done = field("years_experience", "Years in tech or data", number(0, years.maximum or 60, True), 0, years.fix)
    ids = list(dict.fromkeys(query_list(request, "ids")))
    return ids, start, hpw, years_done, errors


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
        "timeline": timeline_pictures(plan, names) if plan else None,
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
