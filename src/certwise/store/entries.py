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
from typing import Any, Literal

State = Literal["held", "planned"]
EntrySource = Literal["manual", "badge", "import"]
STATES: tuple[str, ...] = ("held", "planned")
SOURCES: tuple[str, ...] = ("manual", "badge", "import")


class StoreError(ValueError):
    """Bad input for the store (unknown entry, malformed import …): one line, no traceback."""


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
            "created": self.created.replace(microsecond=0).isoformat() + "Z",
        }


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
