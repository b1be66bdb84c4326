"""The portfolio pages: what you hold, adding and removing, badge upload, renewal calendar."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from certwise.catalog.labels import RENEWAL_HOW
from certwise.interop.openbadges import MAX_BADGE_BYTES, MAX_BADGE_FILES
from certwise.interop.renewal_ics import renewals_to_ics
from certwise.store.reports import renewals_report
from certwise.web import portfolio_actions, services
from certwise.web.deps import catalog, parse_as_of, web
from certwise.web.errors import WebError
from certwise.web.security import check_csrf
from certwise.web.templating import render

router = APIRouter(include_in_schema=False)


# --- portfolio --------------------------------------------------------------------------------

# What the page says after a write ({name}: the credential's name, {state}: held or planned).
DONE_MESSAGES = {
    "added": "Added to your portfolio: {name}.",
    "already": "{name} is already in your portfolio ({state}); nothing changed.",
    "updated": "{name} was already in your portfolio; its dates and link are updated.",
    "now-held": "{name} was planned; it is now held.",
    "already-held": "{name} is already in your portfolio as held; there is nothing to plan.",
    "removed": "Removed from your portfolio: {name}.",
    "restored": "Put back in your portfolio: {name}.",
    "planned": "Your plan is saved in your portfolio.",
}
PLAN_LISTS = ("added", "already", "refused")


def _done(request: Request, cat: Any) -> tuple[str | None, str | None, dict[str, list[tuple[str, str]]]]:
    """The message for ``?done=`` (naming the credential), the undo token, and a saved plan's lists."""
    q = request.query_params
    done = q.get("done", "")
    template = DONE_MESSAGES.get(done)
    if template is None:
        return None, None, {}
    name, state, undo = "The credential", "", None
    if done == "removed" and (removed := portfolio_actions.read_undo(q.get("undo", ""))):
        name, undo = str(removed.get("name") or name), q.get("undo")
    elif q.get("entry") and (entry := web(request).store().get_entry(q["entry"])) is not None:
        name, state = entry.name, entry.state
    planned: dict[str, list[tuple[str, str]]] = {}
    if done == "planned":
        for key in PLAN_LISTS:
            ids = [cid for i in q.getlist(key) if (cid := cat.resolve(i))]
            planned[key] = [(cid, cat.get(cid).name) for cid in dict.fromkeys(ids)]
    return template.format(name=name, state=state).replace(" ()", ""), undo, planned


def _portfolio(request: Request, as_of: date, errors: list[str], status: int = 200,
               form: dict[str, Any] | None = None, report: dict[str, Any] | None = None) -> Response:
    cat = catalog(request)
    data = services.portfolio_data(web(request).store(), cat, as_of)
    done, undo, planned = _done(request, cat) if report is None else (None, None, {})
    return render(request, "portfolio.html", {
        "as_of": as_of, "p": data, "errors": errors, "done": done, "undo": undo, "planned": planned,
        "report": report, "how": RENEWAL_HOW,
        "creds": sorted(cat, key=lambda c: c.name.lower()), "names": {c.id: c.name for c in cat},
        "form": form or {"state": "held"}, "max_files": MAX_BADGE_FILES,
        "max_kb": MAX_BADGE_BYTES // 1024,
    }, status=status, page="portfolio")


def _after_write(request: Request, done: str, *pairs: tuple[str, str], anchor: str = "") -> Response:
    as_of = request.query_params.get("as_of")
    qs = urlencode([("done", done), *pairs] + ([("as_of", as_of)] if as_of else []))
    return RedirectResponse(f"/portfolio?{qs}{anchor}", status_code=303)


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
        what, entry = portfolio_actions.add_or_report(web(request).store(), catalog(request), as_of, data)
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status, form=data)
    return _after_write(request, what, ("entry", entry.entry_id))


@router.post("/portfolio/remove", response_class=HTMLResponse)
async def portfolio_remove(request: Request) -> Response:
    """Remove at once, and offer Undo on the page it lands on (no-JS friendly: two plain forms)."""
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    try:
        removed = services.remove_entry(web(request).store(), catalog(request), str(form.get("entry_id") or ""))
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    return _after_write(request, "removed", ("undo", portfolio_actions.undo_token(removed)))


@router.post("/portfolio/undo", response_class=HTMLResponse)
async def portfolio_undo(request: Request) -> Response:
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    try:
        entry = portfolio_actions.restore(web(request).store(), catalog(request), as_of, str(form.get("undo") or ""))
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    return _after_write(request, "restored", ("entry", entry.entry_id))


@router.post("/portfolio/save-plan", response_class=HTMLResponse)
async def portfolio_save_plan(request: Request) -> Response:
    """Every credential of a plan (results page, plan page) as planned, in one click."""
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    ids = [str(i) for i in form.getlist("ids") if isinstance(i, str)]
    try:
        saved = portfolio_actions.save_plan(web(request).store(), catalog(request), as_of, ids)
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    pairs = [(key, cid) for key in PLAN_LISTS for cid in saved[key]]
    return _after_write(request, "planned", *pairs, anchor="#entries")


@router.post("/portfolio/badges", response_class=HTMLResponse)
async def portfolio_badges(request: Request) -> Response:
    """Import the good files, name each bad one; the report is this response (200), not a redirect."""
    await check_csrf(request)
    as_of = parse_as_of(request.query_params.get("as_of"), request)
    form = await request.form()
    files: list[tuple[str, bytes]] = []
    for f in form.getlist("files"):
        if isinstance(f, str):
            continue
        files.append((f.filename or "", await f.read(MAX_BADGE_BYTES + 1)))
    try:
        report = portfolio_actions.import_badges_each(web(request).store(), catalog(request), as_of, files,
                                                      accept_unverified=form.get("accept_unverified") == "1")
    except WebError as e:
        return _portfolio(request, as_of, [e.message], status=e.status)
    report["count"] = sum(not r["kept"] for r in report["imported"])
    status = report["rejected"][0]["status"] if report["rejected"] and not report["imported"] else 200
    return _portfolio(request, as_of, [], status=status, report=report)


@router.get("/portfolio/renewals.ics")
def portfolio_renewals_ics(request: Request) -> Response:
    """Every renewal of what you hold (the next ten years) as calendar events."""

    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    due = web(request).store().renewals(as_of, 3650)
    report = renewals_report(due, cat, as_of, 3650)
    return Response(renewals_to_ics(report["renewals"], as_of=as_of), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="certwise-renewals.ics"'})
