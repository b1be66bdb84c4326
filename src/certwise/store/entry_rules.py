"""The rules for what may enter the portfolio: one home for every way in.

``portfolio add`` / ``plan`` and the web's add form (:func:`new_entry`, :func:`record_entry`),
badge imports (:func:`certwise.store.badge_import.record_badges`) and portfolio files
(:meth:`~certwise.store.db.Store.import_portfolio`) check entries here, so the same dates and
links are refused everywhere:

* a catalog id, or the name and the issuer of a credential outside the catalog;
* a held credential has the date it was earned, and that date is not after ``as_of``;
* an expiry is not before the date earned (without one, the provider's rule gives it);
* a planned credential is not a retired one;
* a credential link is a web address (``https://`` or ``http://``), never ``javascript:`` & co.

Errors are :class:`~certwise.store.entries.EntryError`: the field and the problem, in no
face's words.

>>> from certwise.catalog import default_catalog
>>> e = new_entry(default_catalog(), date(2026, 11, 25), id="PMLE", earned="2025-03-01")
>>> (e.credential.id, e.earned, e.expires)
('google-ml-engineer', datetime.date(2025, 3, 1), datetime.date(2027, 3, 1))
>>> new_entry(default_catalog(), date(2026, 11, 25), name="Robots", issuer="Acme", earned="2025-03-01",
...           credential_url="javascript:alert(1)")
Traceback (most recent call last):
...
certwise.store.entries.EntryError: field 'credential_url': 'javascript:alert(1)' is not a web address; it must start with https:// or http://
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from certwise.catalog.search import suggest
from certwise.store.entries import SOURCES, STATES, Entry, EntryError, NewEntry
from certwise.userfiles import is_text

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential

MAX_TEXT = 500  # characters in a name or an issuer (the database's column width)
MAX_URL = 2000  # characters in a credential link
WEB_SCHEMES = ("https", "http")


def entry_date(value: date | str | None, field: str) -> date | None:
    """A date from a date or ``YYYY-MM-DD`` text; None for nothing (None or blank text).

    >>> entry_date(" 2025-03-01 ", "earned"), entry_date("", "expires")
    (datetime.date(2025, 3, 1), None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise EntryError(field, f"{_shown(value)} is not a date (YYYY-MM-DD)", code="not-a-date") from None


def credential_link(url: str | None) -> str | None:
    """A safe link to a certificate or badge: an http(s) address, or None for nothing.

    >>> credential_link(" https://www.credly.com/badges/1 "), credential_link("")
    ('https://www.credly.com/badges/1', None)
    """
    if url is None or not str(url).strip():
        return None
    url = str(url).strip()
    if len(url) > MAX_URL:
        raise EntryError("credential_url", f"longer than {MAX_URL} characters", code="too-long")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname
            or any(ch.isspace() or ord(ch) < 32 for ch in url) or not is_text(url)):
        raise EntryError("credential_url", f"{_shown(url)} is not a web address; it must start with https:// or http://",
                         code="not-a-web-address")
    return url


def check_dates(state: str, earned: date | None, expires: date | None, as_of: date) -> None:
    """A held credential was earned, not after ``as_of``; an expiry is not before the date earned.

    Planned credentials keep no dates, so only held ones are checked.
    """
    if state != "held":
        return
    if earned is None:
        raise EntryError("earned", "required for a credential you hold", code="required")
    if earned > as_of:
        raise EntryError("earned", f"{earned} is in the future (as of {as_of})", code="future")
    check_expiry(earned, expires)


def check_expiry(earned: date | None, expires: date | None) -> None:
    if earned and expires and expires < earned:
        raise EntryError("expires", f"{expires} is before earned {earned}", code="before-earned")


def expiry_by_rule(credential: Credential, earned: date) -> date | None:
    """When a credential earned on ``earned`` expires under its provider's renewal rule."""
    try:
        return credential.renewal.expiry(earned)
    except OverflowError:
        years = credential.renewal.validity_years or 0
        raise EntryError("expires", f"{years:g} years after {earned} is past the year 9999; give the expiry date",
                         code="too-late") from None


def check_text(value: str | None, field: str) -> str | None:
    """Stripped text, None for blank; at most :data:`MAX_TEXT` characters."""
    text = (value or "").strip() or None
    if text and len(text) > MAX_TEXT:
        raise EntryError(field, f"longer than {MAX_TEXT} characters", code="too-long")
    if text and not is_text(text):
        raise EntryError(field, "holds characters that are not text (a lone surrogate such as \\ud800)",
                         code="not-text")
    return text


def resolve_credential(catalog: Catalog, ident: str) -> Credential:
    """The catalog credential for an id, exam code or alias; EntryError on field ``id`` if none."""
    cid = catalog.resolve(ident)
    if cid is None:
        near = suggest(catalog, ident)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise EntryError("id", f"unknown credential '{ident}'{hint}", code="unknown-credential")
    return catalog.get(cid)


def new_entry(
    catalog: Catalog,
    as_of: date,
    *,
    id: str | None = None,
    name: str | None = None,
    issuer: str | None = None,
    state: str | None = "held",
    earned: date | str | None = None,
    expires: date | str | None = None,
    credential_url: str | None = None,
    source: str = "manual",
) -> NewEntry:
    """A checked entry for :meth:`~certwise.store.db.Store.add_entries`, from a person's input.

    ``id`` (an id, exam code or alias) names a catalog credential, and then ``name`` and
    ``issuer`` are ignored; without it both are required. Text may be blank (taken as not
    given) and dates may be ``YYYY-MM-DD`` text, as a form sends them. A held entry without
    ``expires`` expires by the provider's rule. Raises :class:`EntryError`.
    """
    state = (state or "").strip() or "held"
    if state not in STATES:
        raise EntryError("state", f"'{state}' is not one of: {', '.join(STATES)}", code="not-allowed")
    if source not in SOURCES:
        raise EntryError("source", f"'{source}' is not one of: {', '.join(SOURCES)}", code="not-allowed")
    ident = (id or "").strip()
    name, issuer = check_text(name, "name"), check_text(issuer, "issuer")
    earned_d, expires_d = entry_date(earned, "earned"), entry_date(expires, "expires")
    url = credential_link(credential_url)
    cred = None
    if ident:
        cred = resolve_credential(catalog, ident)
        name = issuer = None
    elif not (name and issuer):
        raise EntryError("id", "give a catalog credential, or the name and the issuer of one outside the catalog",
                         code="required")
    if state == "planned":
        if cred is not None and cred.status(as_of) == "retired":
            succ = ", ".join(cred.lifecycle.successors) or "none listed"
            raise EntryError("id", f"{cred.id} is retired (since {cred.lifecycle.retired}); plan a successor "
                             f"instead: {succ}", code="retired")
        return NewEntry(cred, name, issuer, state, None, None, url, source)
    check_dates(state, earned_d, expires_d, as_of)
    if expires_d is None and cred is not None and earned_d is not None:
        expires_d = expiry_by_rule(cred, earned_d)
    return NewEntry(cred, name, issuer, state, earned_d, expires_d, url, source)


class EntryWriter(Protocol):
    """What :func:`record_entry` writes to: a :class:`~certwise.store.db.Store`."""

    def add_entries(self, items: Iterable[NewEntry]) -> list[Entry]: ...


def record_entry(store: EntryWriter, catalog: Catalog, as_of: date, **fields: Any) -> Entry:
    """Check a person's input (:func:`new_entry`'s fields) and add it to the portfolio.

    Adding a credential again updates its entry (a planned one becomes held).
    """
    return store.add_entries([new_entry(catalog, as_of, **fields)])[0]


def _shown(value: Any, width: int = 80) -> str:
    text = repr(str(value))
    return text if len(text) <= width else text[: width - 4] + "…'"
