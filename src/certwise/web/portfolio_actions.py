"""What the portfolio page does and then says: adding (or finding it already there), badge uploads
reported file by file, saving a plan as planned, and undoing a removal.

The API keeps its own contract (``services.import_badges``: all the files or none); the page
imports the good files of an upload and names each bad one with its reason.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from datetime import date
from pathlib import Path
from typing import Any

from certwise.catalog.load import Catalog
from certwise.interop.openbadges import (
    MAX_BADGE_FILES,
    Badge,
    BadgeError,
    BadgeFile,
    read_badge_bytes,
    read_badge_files,
    safe_file_name,
)
from certwise.store import Store
from certwise.store.badge_import import badge_entries, record_badges
from certwise.store.entries import Entry, EntryError, StoreError, entry_key
from certwise.store.entry_rules import entry_date
from certwise.userfiles import is_text
from certwise.web.errors import WebError, bad_input
from certwise.web.services import BADGE_STATUS, ENTRY_LABELS, add_entry, entry_error

# --- adding: already there? --------------------------------------------------------------------


def find_existing(store: Store, cat: Catalog, data: dict[str, Any]) -> Entry | None:
    """The portfolio's entry for the credential the add form names, if it has one."""
    ident = (data.get("id") or "").strip()
    if ident:
        cid = cat.resolve(ident)
        if cid is None:
            return None
        key = entry_key(cid, "", "")
    else:
        name, issuer = (data.get("name") or "").strip(), (data.get("issuer") or "").strip()
        if not name or not issuer:
            return None
        key = entry_key(None, name, issuer)
    for e in store.list_entries():
        if entry_key(e.id, e.name, e.issuer) == key:
            return e
    return None


def _same_details(old: Entry, data: dict[str, Any]) -> bool:
    """Does the form say nothing the entry does not already say?"""
    try:
        earned, expires = entry_date(data.get("earned"), "earned"), entry_date(data.get("expires"), "expires")
    except EntryError:
        return False  # let the store name the bad date
    url = (data.get("credential_url") or "").strip()
    return ((earned is None or earned == old.earned) and (expires is None or expires == old.expires)
            and (not url or url == old.credential_url))


def add_or_report(store: Store, cat: Catalog, as_of: date, data: dict[str, Any]) -> tuple[str, Entry]:
    """Add from the page's form; ``(what happened, entry)``.

    What happened: ``added``; ``already`` (the same credential in the same state and nothing new
    given: nothing written); ``updated`` (new dates for one already held); ``now-held`` (a
    planned one is now held); ``already-held`` (planning one already held: nothing written).
    """
    state = data.get("state") or "held"
    old = find_existing(store, cat, data)
    if old is not None:
        if old.state == "held" and state == "planned":
            return "already-held", old
        if old.state == state and (state == "planned" or _same_details(old, data)):
            return "already", old
    entry = add_entry(store, cat, as_of, data, page=True)
    if old is None:
        return "added", entry
    return ("now-held" if old.state == "planned" else "updated"), entry


# --- saving a plan -------------------------------------------------------------------------------


def save_plan(store: Store, cat: Catalog, as_of: date, ids: list[str]) -> dict[str, list[str]]:
    """Add each credential of a plan as planned: ``{"added", "already", "refused"}`` catalog ids.

    One already in the portfolio (held or planned) is left as it is; one the store refuses
    (a retired credential can't be planned) is reported, and the others are still added.
    """
    out: dict[str, list[str]] = {"added": [], "already": [], "refused": []}
    resolved = [cat.resolve(i) for i in ids if i]
    if not resolved or None in resolved:
        raise bad_input("This plan names no credential of the catalog; make the plan again.", "ids")
    for cid in dict.fromkeys(c for c in resolved if c):
        if find_existing(store, cat, {"id": cid}) is not None:
            out["already"].append(cid)
            continue
        try:
            add_entry(store, cat, as_of, {"id": cid, "state": "planned"}, page=True)
        except WebError:
            out["refused"].append(cid)
            continue
        out["added"].append(cid)
    return out


# --- undoing a removal ---------------------------------------------------------------------------

_UNDO_KEY = secrets.token_bytes(32)  # per process: an undo lasts while the server runs
UNDO_SECONDS = 24 * 3600


def undo_token(entry: Entry) -> str:
    """A signed copy of a removed entry, for the page's Undo button."""
    payload = base64.urlsafe_b64encode(json.dumps({"e": entry.to_dict(), "t": int(time.time())}).encode())
    sig = hmac.new(_UNDO_KEY, payload, hashlib.sha256).hexdigest()[:32]
    return f"{payload.decode()}.{sig}"


def read_undo(token: str) -> dict[str, Any] | None:
    """The entry an undo token carries; None if it is not one of ours or too old."""
    payload, _, sig = token.rpartition(".")
    good = hmac.new(_UNDO_KEY, payload.encode(), hashlib.sha256).hexdigest()[:32]
    if not payload or not hmac.compare_digest(sig, good):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except ValueError:
        return None
    if not isinstance(data, dict) or time.time() - data.get("t", 0) > UNDO_SECONDS:
        return None
    entry = data.get("e")
    return entry if isinstance(entry, dict) else None


def restore(store: Store, cat: Catalog, as_of: date, token: str) -> Entry:
    """Put a removed entry back as it was (its id, dates, source and whether it was verified)."""
    entry = read_undo(token)
    if entry is None:
        raise bad_input("This undo has expired. Add the credential again with the form below.")
    try:
        return store.import_portfolio({"entries": [entry]}, cat, as_of=as_of)[0]
    except StoreError:
        raise bad_input("That entry could not be put back; add it again with the form below.") from None


# --- badge uploads, file by file ----------------------------------------------------------------


def _reason(e: BadgeError | EntryError, file: str) -> str:
    """What is wrong with a file, in the page's words (the file is named beside it)."""
    if isinstance(e, BadgeError) and e.code == "badge-image":
        return ("This is a badge image. Upload the badge's JSON file instead (your badge provider offers it as a "
                "download, often called the assertion).")
    if isinstance(e, EntryError):
        return f"The badge's {ENTRY_LABELS.get(e.field, e.field).lower()}: {e.problem}."
    text = e.message
    for prefix in (f"{file}: ", f"{file} "):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            return (rest[:1].upper() + rest[1:]) if prefix.endswith(": ") else f"This file {rest}"
    return text


def _status(e: BadgeError | EntryError) -> int:
    return BADGE_STATUS.get(e.code, (400, ""))[0] if isinstance(e, BadgeError) else 400


def _read_files(files: list[tuple[str, bytes]]) -> tuple[list[BadgeFile], list[dict[str, Any]]]:
    given = [(n, d) for n, d in files if n or d]
    if not given:
        raise WebError(400, "bad-input", "Choose one or more badge files to upload.",
                       [{"field": "files", "message": "Choose one or more badge files to upload."}])
    if len(given) > MAX_BADGE_FILES:
        msg = f"{len(given)} files chosen; upload at most {MAX_BADGE_FILES} at a time."
        raise WebError(400, "bad-input", msg, [{"field": "files", "message": msg}])
    read: list[BadgeFile] = []
    bad: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, (name, data) in enumerate(given):
        safe = safe_file_name(name)
        safe = f"{i}-{safe}" if safe in seen else safe
        seen.add(safe)
        try:
            read.append(read_badge_bytes(safe, data))
        except BadgeError as e:
            bad.append({"file": safe, "reason": _reason(e, safe), "status": _status(e)})
    return read, bad


def _badges(read: list[BadgeFile], cat: Catalog, as_of: date,
            bad: list[dict[str, Any]]) -> list[Badge]:
    """The badges among the readable files; a file the reader refuses is set aside and the rest read again."""
    while read:
        try:
            return read_badge_files(read, cat, as_of)
        except BadgeError as e:
            culprit = e.file if e.file in {f.name for f in read} else None
            for f in read if culprit is None else [f for f in read if f.name == culprit]:
                bad.append({"file": f.name, "reason": _reason(e, f.name), "status": _status(e)})
            read = [f for f in read if culprit is not None and f.name != culprit]
    return []


def import_badges_each(store: Store, cat: Catalog, as_of: date, files: list[tuple[str, bytes]],
                       *, accept_unverified: bool = False) -> dict[str, Any]:
    """Import the good files of an upload (in one transaction) and name each bad one.

    Returns ``{"imported": rows (see record_badges), "rejected": [{"file", "reason", "status"}],
    "helpers": [file names read with another file (a BadgeClass, an Issuer)], "files": count}``.
    """
    read, bad = _read_files(files)
    count = len(read) + len(bad)
    badges = _badges(read, cat, as_of, bad)
    good: list[Badge] = []
    for b in badges:
        name = Path(b.file).name
        if not all(is_text(v) for v in (b.name, b.issuer, b.credential_url) if isinstance(v, str)):
            bad.append({"file": name, "reason": "The badge's text is not valid Unicode (a lone surrogate).",
                        "status": 400})
            continue
        try:
            badge_entries([b], cat, as_of)
        except EntryError as e:
            bad.append({"file": name, "reason": _reason(e, name), "status": 400})
            continue
        good.append(b)
    try:
        rows = record_badges(store, good, cat, as_of, accept_unverified=accept_unverified) if good else []
    except EntryError as e:  # checked above; a race with another writer at most
        raise entry_error(e, page=True) from None
    used = {Path(b.file).name for b in badges} | {x["file"] for x in bad}
    helpers = [f.name for f in read if f.name not in used]
    return {"imported": rows, "rejected": bad, "helpers": helpers, "files": count}
