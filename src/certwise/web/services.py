"""The answers behind the pages and the API, as plain dicts (the API returns them as JSON,
the pages render them). Catalog answers come from ``certwise.catalog.browse``; this module
adds what the web shows beside them (worth-it breakdown, three-year cost, pictures)."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from certwise import profile_spec
from certwise.advice.audit import Holding, audit
from certwise.advice.details import CompareError, comparison, credential_report, roi_report
from certwise.advice.plan import PlanError, make_plan
from certwise.advice.profile import Profile, ProfileError, profile_from
from certwise.advice.recommend import recommend
from certwise.advice.worth import evaluate_credential, evaluate_description
from certwise.catalog.browse import Filters, credential_summary, list_credentials
from certwise.catalog.load import Catalog
from certwise.catalog.model import Credential
from certwise.interop.ical import plan_to_ics
from certwise.interop.openbadges import BadgeError, read_badges
from certwise.store.badge_import import record_badges
from certwise.store.entries import StoreError
from certwise.store.reports import portfolio_report, renewals_report
from certwise.web.errors import WebError, bad_input, not_found
from certwise.web.svg import DOMAIN_COLORS, LEVEL_NAMES, LEVEL_ROWS, roadmap_svg
from certwise.words import cap


def get_credential(cat: Catalog, ident: str) -> Credential:
    try:
        return cat.get(ident)
    except KeyError as e:
        raise not_found(str(e.args[0]).replace("`certwise search`", "the catalog search")) from None


def catalog_list(cat: Catalog, as_of: date, filters: Filters, sort: str) -> dict[str, Any]:
    return list_credentials(cat, as_of, filters, sort)


def roi_data(cred: Credential, salary: float, as_of: date) -> dict[str, Any]:
    """``certwise roi ID --salary N``: uplift and payback, null where no source gives a figure."""
    try:
        return roi_report(cred, salary, as_of)
    except ValueError as e:
        raise bad_input(str(e).replace("--salary", "salary"), "salary") from None


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


def roadmap_data(cat: Catalog, as_of: date) -> dict[str, Any]:
    creds = [credential_summary(c, as_of) for c in cat]
    by_provider: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(creds, key=lambda c: (c["provider"].lower(), LEVEL_ROWS.index(c["level"])
                                          if c["level"] in LEVEL_ROWS else 9, c["name"])):
        by_provider.setdefault(c["provider"], []).append(c)
    return {
        "as_of": as_of.isoformat(),
        "svg": roadmap_svg(creds, as_of=as_of),
        "by_provider": by_provider,
        "levels": [LEVEL_NAMES[x] for x in LEVEL_ROWS],
        "colors": DOMAIN_COLORS,
    }


# --- recommend --------------------------------------------------------------------------------

def build_profile(mapping: dict[str, Any], cat: Catalog, *, page: bool = False) -> Profile:
    """A Profile from answers, or a 400 naming the field; ``page`` words it by the question asked."""
    try:
        return profile_from(mapping, None, catalog=cat)
    except ProfileError as e:
        message = str(e)
        if page and e.field:
            message = f"{profile_spec.field(e.field).question}: {e.detail}"
        raise bad_input(message, e.field) from None


def _plain(msg: str) -> str:
    """Engine messages mention CLI flags and commands; on the web say it in page terms."""

    msg = re.sub(r" \(see `certwise [^`]*`\)", "", msg)
    msg = re.sub(r" \(fix the profile or --[a-z-]+\)", "", msg)
    msg = msg.replace("`certwise recommend`", "the start page")
    first = msg.split(" ", 1)[0]
    if "-" in first or "_" in first or not first[:1].isalpha():
        return msg  # starts with an id or a field name: keep it as it is
    return msg[:1].upper() + msg[1:]


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
        plan = plan_data(cat, ids, as_of, profile.hours_per_week, profile.years_experience, held=profile.held)
    except WebError:
        return ids, None
    return ids, plan


# --- plan -------------------------------------------------------------------------------------

def plan_data(cat: Catalog, ids: list[str], start: date, hours_per_week: float, years_experience: int = 0,
              held: Any = ()) -> dict[str, Any]:

    if not ids:
        raise bad_input("Choose at least one credential to plan.", "ids")
    creds = [get_credential_or_400(cat, i, "ids") for i in ids]
    try:
        return make_plan(creds, start, hours_per_week, years_experience, catalog=cat, held=held)  # type: ignore[no-any-return]
    except PlanError as e:
        raise bad_input(_plain(str(e))) from None


def get_credential_or_400(cat: Catalog, ident: str, field: str) -> Credential:
    try:
        return cat.get(ident)
    except KeyError as e:
        raise bad_input(_plain(str(e.args[0])), field) from None


def plan_ics(plan: dict[str, Any]) -> bytes:
    return plan_to_ics(plan)


# --- check a certification --------------------------------------------------------------------

def evaluate_id(cat: Catalog, ident: str, as_of: date) -> dict[str, Any]:
    cred = get_credential_or_400(cat, ident, "id")
    return evaluate_credential(cred, cat, as_of)  # type: ignore[no-any-return]


def evaluate_desc(cat: Catalog, desc: dict[str, Any], as_of: date) -> dict[str, Any]:
    try:
        return evaluate_description(desc, cat, as_of)  # type: ignore[no-any-return]
    except (ValueError, TypeError, KeyError) as e:
        raise bad_input(_plain(str(e))) from None


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

MAX_BADGE_FILES = 10
MAX_BADGE_BYTES = 512 * 1024
BADGE_SUFFIXES = (".json", ".jsonld", ".jwt", ".jws", ".txt")


def add_entry(store: Any, cat: Catalog, as_of: date, data: dict[str, Any]) -> Any:
    """Record a credential in the portfolio (the CLI's ``portfolio add`` / ``plan``)."""

    state = data.get("state") or "held"
    if state not in ("held", "planned"):
        raise bad_input("Choose whether you hold it or plan to take it.", "state")
    ident = (data.get("id") or "").strip()
    name = (data.get("name") or "").strip() or None
    issuer = (data.get("issuer") or "").strip() or None
    earned = _date_field(data.get("earned"), "earned", "the date you earned it")
    expires = _date_field(data.get("expires"), "expires", "the expiry date")
    url = (data.get("credential_url") or "").strip() or None
    if url and not url.lower().startswith(("https://", "http://")):
        raise bad_input("The certificate link must start with https:// (or http://).", "credential_url")
    cred = None
    if ident:
        cred = get_credential_or_400(cat, ident, "id")
        name = issuer = None
    elif not (name and issuer):
        raise bad_input("Choose a credential from the catalog, or give the name and the issuer of another one.", "id")
    if state == "held":
        if earned is None:
            raise bad_input("Give the date you earned it.", "earned")
        if earned > as_of:
            raise bad_input(f"The date earned ({earned.isoformat()}) is in the future; "
                            "choose 'I plan to take it' instead.", "earned")
    elif cred is not None and cred.status(as_of) == "retired":
        succ = ", ".join(cred.lifecycle.successors) or "none listed"
        raise bad_input(f"{cred.name} is retired; plan a successor instead ({succ}).", "id")
    if expires and earned and expires < earned:
        raise bad_input("The expiry date is before the date earned.", "expires")
    try:
        return store.add_entry(cred, name=name, issuer=issuer, state=state, earned=earned if state == "held" else None,
                               expires=expires, credential_url=url)
    except StoreError as e:
        raise bad_input(_plain(str(e))) from None


def _date_field(v: Any, field: str, what: str) -> date | None:
    if v in (None, ""):
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v).strip())
    except ValueError:
        raise bad_input(f"'{v}' is not a date; give {what} as YYYY-MM-DD.", field) from None


def remove_entry(store: Any, cat: Catalog, ident: str) -> Any:
    target = ident
    if store.get_entry(ident) is None:
        target = cat.resolve(ident) or ident
    try:
        return store.remove_entry(target)
    except StoreError:
        raise not_found("That entry is not in your portfolio (it may have been removed already).") from None


def check_badge_file(filename: str, data: bytes) -> str:
    """Type and size limits for an uploaded badge; returns a safe file name."""

    base = re.sub(r"[^A-Za-z0-9._-]+", "_", (filename or "badge.json").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    base = base.lstrip(".")[:80] or "badge.json"
    if len(data) > MAX_BADGE_BYTES:
        raise WebError(413, "too-large", f"{base} is too large: badge files are at most {MAX_BADGE_BYTES // 1024} KB.")
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data.lstrip()[:5].lower() in (b"<svg ", b"<?xml"):
        raise WebError(415, "unsupported-type", f"{base} is a badge image. Upload the badge's JSON file instead "
                       "(your badge provider offers it as a download, often called the assertion).")
    if not base.lower().endswith(BADGE_SUFFIXES):
        raise WebError(415, "unsupported-type", f"{base} is not a badge file: upload Open Badges JSON "
                       f"({', '.join(BADGE_SUFFIXES)}).")
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise WebError(415, "unsupported-type", f"{base} is not a text badge file (Open Badges JSON).") from None
    if not (text.startswith("{") or (text.count(".") == 2 and " " not in text)):
        raise WebError(415, "unsupported-type", f"{base} does not look like Open Badges JSON.")
    return base


def import_badges(store: Any, cat: Catalog, as_of: date, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Read uploaded Open Badges and record them (the CLI's ``portfolio import-badge``)."""


    files = [(n, d) for n, d in files if n or d]
    if not files:
        raise bad_input("Choose one or more badge files to upload.", "files")
    if len(files) > MAX_BADGE_FILES:
        raise bad_input(f"Upload at most {MAX_BADGE_FILES} files at a time.", "files")
    with tempfile.TemporaryDirectory(prefix="certwise-badges-") as tmp:
        paths = []
        seen: set[str] = set()
        for i, (name, data) in enumerate(files):
            safe = check_badge_file(name, data)
            if safe in seen:
                safe = f"{i}-{safe}"
            seen.add(safe)
            p = Path(tmp) / safe
            p.write_bytes(data)
            paths.append(p)
        try:
            badges = read_badges(paths, cat, as_of)
        except BadgeError as e:
            raise bad_input(str(e).replace(tmp + "/", "")) from None
    return {"as_of": as_of.isoformat(), "imported": record_badges(store, badges, cat, as_of)}
