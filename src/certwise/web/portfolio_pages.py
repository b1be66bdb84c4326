"""The portfolio pages: what you hold, adding and removing, badge upload, renewal calendar."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from certwise.interop.openbadges import MAX_BADGE_BYTES, MAX_BADGE_FILES
from certwise.interop.renewal_ics import renewals_to_ics
from certwise.store.reports import renewals_report
from certwise.web import services
from certwise.web.deps import catalog, parse_as_of, web
from certwise.web.errors import WebError
from certwise.web.security import check_csrf
from certwise.web.templating import render

router = APIRouter(include_in_schema=False)


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



@router.get("/portfolio/renewals.ics")
def portfolio_renewals_ics(request: Request) -> Response:
    """Every renewal of what you hold (the next ten years) as calendar events."""

    as_of = parse_as_of(request.query_params.get("as_of"), request)
    cat = catalog(request)
    due = web(request).store().renewals(as_of, 3650)
    report = renewals_report(due, cat, as_of, 3650)
    return Response(renewals_to_ics(report["renewals"]), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="certwise-renewals.ics"'})
