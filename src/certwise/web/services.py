"""The answers behind the pages and the API, as plain dicts (the API returns them as JSON,
the pages render them). Catalog answers come from ``certwise.catalog.browse``; this module
adds what the web shows beside them (worth-it breakdown, three-year cost, pictures)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from certwise.advice.audit import Holding, audit
from certwise.advice.description import DescriptionError
from certwise.advice.details import CompareError, comparison, credential_report, roi_report
from certwise.advice.fit import evaluate_for
from certwise.advice.money import three_year_cost
from certwise.advice.plan import PlanError, make_plan
from certwise.advice.profile import Profile, ProfileError, profile_from
from certwise.advice.recommend import recommend
from certwise.advice.worth import evaluate_credential, evaluate_description
from certwise.catalog.browse import Filters, credential_summary, list_credentials, replacements
from certwise.catalog.load import Catalog
from certwise.catalog.model import Credential
from certwise.interop.ical import plan_to_ics
from certwise.interop.openbadges import BadgeError, read_badge_uploads
from certwise.store import Store
from certwise.store.badge_import import record_badges
from certwise.store.entries import Entry, EntryError, StoreError, StoreUnavailable
from certwise.store.entry_rules import record_entry
from certwise.store.reports import portfolio_report, renewals_report
from certwise.userfiles import is_text
from certwise.web.errors import WebError, bad_input, not_found
from certwise.web.forms import check_answers
from certwise.web.svg import DOMAIN_COLORS, LEVEL_NAMES, LEVEL_ROWS, roadmap_svg
from certwise.words import cap


def get_credential(cat: Catalog, ident: str) -> Credential:
    try:
        return cat.get(ident)
    except KeyError as e:
        raise not_found(f"{cap(str(e))} (try the catalog's search).") from None


def catalog_list(cat: Catalog, as_of: date, filters: Filters, sort: str) -> dict[str, Any]:
    return list_credentials(cat, as_of, filters, sort)


def catalog_page_list(cat: Catalog, as_of: date, filters: Filters, sort: str, show_retired: bool,
                      chosen: Collection[str] = ()) -> dict[str, Any]:
    """The catalog as the page lists it: retired credentials left out unless asked for (the toggle, a
    status filter, a search: someone who types a retired exam's name or code wants to find it, or
    ticked for comparison in ``chosen``), each shown one with its live successors. ``retired_hidden``
    counts those left out. The API and the CLI list every credential, as the catalog's contract says."""
    result = list_credentials(cat, as_of, filters, sort)
    creds = result["credentials"]
    keep_all = show_retired or filters.status or filters.text
    shown = creds if keep_all else [c for c in creds if c["status"] != "retired" or c["id"] in chosen]
    shown = [{**c, "replaced_by": replacements(cat.get(c["id"]), cat, as_of)} if c["status"] == "retired" else c
             for c in shown]
    return {**result, "credentials": shown, "count": len(shown), "retired_hidden": len(creds) - len(shown)}


def cost_time_points(cat: Catalog, as_of: date, creds: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The listed credentials as points of the cost × study time chart (cost over three years, the
    engine's figure), and those it cannot place because no source states their price."""
    points, unpriced = [], []
    for c in creds:
        total = three_year_cost(cat.get(c["id"]), as_of)["total_usd"]
        if total is None:
            unpriced.append(c)
            continue
        points.append({"id": c["id"], "name": c["name"], "provider": c["provider"], "level": c["level"],
                       "status": c["status"], "hours": c["prep_hours"], "hours_estimated": c["prep_estimated"],
                       "cost": total})
    return points, unpriced


def roi_data(cred: Credential, salary: float, as_of: date) -> dict[str, Any]:
    """``certwise roi ID --salary N``: uplift and payback, null where no source gives a figure."""
    try:
        return roi_report(cred, salary, as_of)
    except ValueError as e:
        raise bad_input(str(e), "salary") from None


def credential_page_data(cred: Credential, cat: Catalog, as_of: date) -> dict[str, Any]:
    """``certwise show ID``: every fact, the worth-it test and the three-year cost."""
    return credential_report(cred, cat, as_of)


def compare_data(cat: Catalog, ids: list[str], as_of: date) -> dict[str, Any]:
    """``certwise compare``: the credentials side by side, or a 400 naming the problem."""
    for i in ids:
        get_credential_or_400(cat, i, "ids")
    try:
        return comparison(cat, ids, as_of)
    except CompareError as e:
        raise bad_input(cap(str(e)) + ".", "ids") from None


def roadmap_data(cat: Catalog, as_of: date, link: str = "/credentials/{id}") -> dict[str, Any]:
    creds = [credential_summary(c, as_of) for c in cat]
    by_provider: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(creds, key=lambda c: (c["provider"].lower(), LEVEL_ROWS.index(c["level"])
                                          if c["level"] in LEVEL_ROWS else 9, c["name"])):
        by_provider.setdefault(c["provider"], []).append(c)
    return {
        "as_of": as_of.isoformat(),
        "svg": roadmap_svg(creds, as_of=as_of, link=link),
        "by_provider": by_provider,
        "levels": [LEVEL_NAMES[x] for x in LEVEL_ROWS],
        "colors": DOMAIN_COLORS,
    }


# --- recommend --------------------------------------------------------------------------------

def build_profile(mapping: dict[str, Any], cat: Catalog, *, page: bool = False) -> Profile:
    """A Profile from answers, or a 400 naming the field; ``page`` words every problem by the
    question asked (the error's ``fields`` hold one message each)."""
    try:
        return profile_from(mapping, None, catalog=cat)
    except ProfileError as e:
        problems = check_answers(mapping, cat)[1] if page else []
        if not problems:
            raise bad_input(str(e), e.field) from None
        raise WebError(400, "bad-input", " ".join(p.text for p in problems),
                       [{"field": p.field or "", "message": p.text} for p in problems]) from None


def recommend_data(profile: Any, cat: Catalog, as_of: date, limit: int = 10) -> dict[str, Any]:
    return recommend(profile, cat, as_of, limit=limit)  # type: ignore[no-any-return]


def results_plan(r: dict[str, Any], profile: Any, cat: Catalog, as_of: date) -> tuple[list[str], dict[str, Any] | None]:
    """The first pick and the next steps of its stack, as a dated plan (None if it cannot be made)."""
    if not r["recommendations"]:
        return [], None
    ids = [r["recommendations"][0]["id"]]
    for sid in r.get("stack", []):
        if len(ids) >= 3:
            break
        cid = cat.resolve(sid)
        if cid and cid not in ids and cid not in profile.held:
            c = cat.get(cid)
            if c.is_live(as_of) and c.kind.value != "learning-path":
                ids.append(cid)
    try:
        plan = plan_data(cat, ids, as_of, profile.hours_per_week, profile.years_experience, held=profile.held, as_of=as_of)
    except WebError:
        return ids, None
    return ids, plan


# --- plan -------------------------------------------------------------------------------------

def plan_data(cat: Catalog, ids: list[str], start: date, hours_per_week: float, years_experience: int = 0,
              held: Any = (), as_of: date | None = None) -> dict[str, Any]:

    if not ids:
        raise bad_input("Choose at least one credential to plan.", "ids")
    creds = [get_credential_or_400(cat, i, "ids") for i in ids]
    try:
        return make_plan(creds, start, hours_per_week, years_experience, catalog=cat, held=held, as_of=as_of)
    except PlanError as e:
        raise bad_input(cap(str(e))) from None


def get_credential_or_400(cat: Catalog, ident: str, field: str) -> Credential:
    try:
        return cat.get(ident)
    except KeyError as e:
        raise bad_input(str(e), field) from None


def plan_ics(plan: dict[str, Any]) -> bytes:
    return plan_to_ics(plan)


# --- check a certification --------------------------------------------------------------------

def evaluate_id(cat: Catalog, ident: str, as_of: date) -> dict[str, Any]:
    cred = get_credential_or_400(cat, ident, "id")
    return evaluate_credential(cred, cat, as_of)  # type: ignore[no-any-return]


def evaluate_for_person(cat: Catalog, ident: str, profile: Profile, given: set[str], as_of: date) -> dict[str, Any]:
    """``certwise evaluate ID`` with a profile: the credential's verdict and the fit for this person."""
    return evaluate_for(get_credential_or_400(cat, ident, "id"), profile, cat, as_of, given=given)


def evaluate_desc(cat: Catalog, desc: dict[str, Any], as_of: date) -> dict[str, Any]:
    try:
        return evaluate_description(desc, cat, as_of)  # type: ignore[no-any-return]
    except DescriptionError as e:
        raise bad_input(str(e), e.field) from None


# --- portfolio --------------------------------------------------------------------------------

def portfolio_data(store: Any, cat: Catalog, as_of: date, within_days: int = 180) -> dict[str, Any]:
    """The entries, the renewals coming up and (when the engine has it) the audit."""

    entries = store.list_entries()
    report = portfolio_report(entries, as_of)
    report["renewals"] = renewals_report(store.renewals(as_of, within_days), cat, as_of, within_days)["renewals"]
    report["within_days"] = within_days
    report["audit"] = audit_entries(entries, cat, as_of) if entries else None
    return report


def audit_entries(entries: list[Any], cat: Catalog, as_of: date) -> dict[str, Any] | None:
    """``certwise audit --portfolio``: what the held entries say together."""

    holdings = [Holding.from_obj(e) for e in entries if e.state == "held"]
    if not holdings:
        return None
    return audit(holdings, cat, as_of)  # type: ignore[no-any-return]

# How the pages name an entry's fields (the API names them as they are).
ENTRY_LABELS = {"id": "Credential", "name": "Name", "issuer": "Issuer", "state": "Held or planned",
                "earned": "Date earned", "expires": "Expiry date", "credential_url": "Certificate link"}


# What the page says for the store's refusals that read better as an instruction.
ENTRY_PAGE_WORDS = {
    ("id", "required"): "Choose a credential from the catalog, or give the name and the issuer of another one.",
    ("earned", "required"): "Give the date you earned it.",
    ("earned", "future"): "The date earned is in the future; choose 'I plan to take it' instead.",
    ("expires", "before-earned"): "The expiry date is before the date earned.",
    ("credential_url", "not-a-web-address"): "The certificate link must start with https:// (or http://).",
}


def entry_error(e: EntryError, page: bool = False) -> WebError:
    """An entry the store refused: 400 naming the field (in the page's words on a page)."""
    if not page:
        return bad_input(e.message, e.field)
    words = ENTRY_PAGE_WORDS.get((e.field, e.code)) or f"{ENTRY_LABELS.get(e.field, e.field)}: {e.problem}"
    return bad_input(cap(words), e.field)


def add_entry(store: Store, cat: Catalog, as_of: date, data: dict[str, Any], *, page: bool = False) -> Entry:
    """Record a credential in the portfolio (the CLI's ``portfolio add`` / ``plan``) by the store's rules."""
    fields = {k: data.get(k) for k in ("id", "name", "issuer", "state", "earned", "expires", "credential_url")}
    try:
        return record_entry(store, cat, as_of, **fields)
    except EntryError as e:
        raise entry_error(e, page) from None


def remove_entry(store: Store, cat: Catalog, ident: str) -> Entry:
    target = ident
    if store.get_entry(ident) is None:
        target = cat.resolve(ident) or ident
    try:
        return store.remove_entry(target)
    except StoreUnavailable:
        raise
    except StoreError:
        raise not_found("That entry is not in your portfolio (it may have been removed already).") from None


BADGE_STATUS = {"too-large": (413, "too-large"), "badge-image": (415, "unsupported-type"),
                "unsupported-type": (415, "unsupported-type")}


def import_badges(store: Store, cat: Catalog, as_of: date, files: list[tuple[str, bytes]],
                  *, accept_unverified: bool = False) -> dict[str, Any]:
    """Read uploaded Open Badges and record them, all or none (the API; the CLI's ``portfolio import-badge``).
    The page reads file by file instead (:mod:`certwise.web.portfolio_actions`)."""
    try:
        badges = read_badge_uploads(files, cat, as_of)
    except BadgeError as e:
        status, code = BADGE_STATUS.get(e.code, (400, "bad-input"))
        message = e.message
        raise WebError(status, code, message, [{"field": "files", "message": message}]) from None
    for b in badges:  # text the store can keep: a lone surrogate ("\\ud800") parses as JSON but is no text
        for field in ("name", "issuer", "credential_url"):
            value = getattr(b, field)
            if isinstance(value, str) and not is_text(value):
                message = f"{b.file}: the badge's {field} is not valid Unicode text (a lone surrogate)."
                raise WebError(400, "bad-input", message, [{"field": "files", "message": message}])
    try:
        return {"as_of": as_of.isoformat(),
                "imported": record_badges(store, badges, cat, as_of, accept_unverified=accept_unverified)}
    except EntryError as e:
        raise entry_error(e, False) from None
