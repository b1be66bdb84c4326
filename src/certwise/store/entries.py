"""Portfolio entries as plain objects (no ORM): what the store returns and the JSON of SPEC §4.

>>> e = Entry(entry_id="e1", id="aws-ml-specialty", name="AWS ML", issuer="AWS", state="held",
...           earned=date(2025, 3, 1), expires=date(2028, 3, 1), credential_url=None,
...           source="manual", created=datetime(2026, 11, 25, 12, 0))
>>> e.to_dict()["expires"]
'2028-03-01'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from certwise.catalog.model import Credential

State = Literal["held", "planned"]
EntrySource = Literal["manual", "badge", "import"]
STATES: tuple[str, ...] = ("held", "planned")
SOURCES: tuple[str, ...] = ("manual", "badge", "import")


class StoreError(ValueError):
    """Bad input for the store (unknown entry, malformed import …): one line, no traceback.

    ``code`` says which problem it is (``"no-entry"``, ``"not-a-portfolio"`` …), so that each
    face can add its own hint without reading the message.
    """

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.code = code


class StoreUnavailable(StoreError):
    """The database cannot be used at all (corrupt, unwritable, newer, unreachable): one line, no traceback.

    ``reason`` says which (``"newer"``, ``"corrupt"``, ``"unwritable"``, ``"full"``,
    ``"unreachable"``); ``message`` names the database, the problem and what to do. Catalog
    and advice go on without the overlay; the portfolio faces show the message (CLI exit 2,
    API 503 ``store-unavailable``).
    """

    def __init__(self, where: str, reason: str, problem: str, remedy: str):
        self.where = where
        self.reason = reason
        self.problem = problem
        self.message = f"the portfolio database at {where} {problem} \u2014 {remedy}"
        super().__init__(self.message, code="store-unavailable")


class EntryError(StoreError):
    """An entry that cannot be recorded: ``field`` names the input, ``problem`` what is wrong with it.

    ``message`` is the whole line in the library's words; ``where`` names the entry in a file
    (``entries[2]``) or the badge file it came from, when there is one. Faces name the field
    their own way (the CLI ``--earned``, a page its label) and add their own hints.

    >>> e = EntryError("earned", "2030-01-01 is in the future (as of 2026-11-25)", code="future")
    >>> e.message
    "field 'earned': 2030-01-01 is in the future (as of 2026-11-25)"
    >>> str(e.at("entries[3]"))
    "entries[3]: field 'earned': 2030-01-01 is in the future (as of 2026-11-25)"
    """

    def __init__(self, field: str, problem: str, *, code: str = "invalid", where: str | None = None):
        self.field = field
        self.problem = problem
        self.where = where
        self.message = (f"{where}: " if where else "") + f"field '{field}': {problem}"
        super().__init__(self.message, code=code)

    def at(self, where: str) -> EntryError:
        """The same error, naming the entry or file it is about."""
        return EntryError(self.field, self.problem, code=self.code, where=where)


@dataclass(frozen=True)
class Entry:
    """One credential in a person's portfolio; ``id`` is the catalog id or None (custom)."""

    entry_id: str
    id: str | None
    name: str
    issuer: str
    state: str
    earned: date | None
    expires: date | None
    credential_url: str | None
    source: str
    created: datetime
    verified: bool = True  # False: a badge whose signature could not be checked

    def expired(self, as_of: date) -> bool:
        return self.expires is not None and self.expires < as_of

    def to_dict(self) -> dict[str, Any]:
        """The entry JSON of SPEC §4 (plus ``credential_url`` and ``created``)."""
        return {
            "entry_id": self.entry_id,
            "id": self.id,
            "name": self.name,
            "issuer": self.issuer,
            "state": self.state,
            "earned": self.earned.isoformat() if self.earned else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "source": self.source,
            "credential_url": self.credential_url,
            "verified": self.verified,
            "created": self.created.replace(microsecond=0).isoformat() + "Z",
        }


@dataclass
class NewEntry:
    """What :meth:`~certwise.store.db.Store.add_entries` takes: a catalog credential, or a name and issuer.

    :func:`certwise.store.entry_rules.new_entry` makes one from a person's input, checked.
    """

    credential: Credential | None = None
    name: str | None = None
    issuer: str | None = None
    state: str = "held"
    earned: date | None = None
    expires: date | None = None
    credential_url: str | None = None
    source: str = "manual"
    verified: bool = True  # False: never changes an entry already there (see Store.add_entries)…
    accept_unverified: bool = False  # … unless the person chose to let it (e.g. --accept-unverified)


@dataclass(frozen=True)
class RenewalDue:
    """A held entry whose expiry falls on or before ``as_of + within_days``."""

    entry: Entry
    days_left: int  # negative when already expired

    @property
    def status(self) -> str:
        return "expired" if self.days_left < 0 else "due"


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def entry_key(credential_id: str | None, name: str, issuer: str) -> str:
    """One entry per credential: the catalog id, or the normalised name and issuer."""
    if credential_id:
        return f"cred:{credential_id}"
    return f"custom:{_norm(name)}|{_norm(issuer)}"[:600]
