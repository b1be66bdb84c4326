"""How fresh a record's facts are: the newest day its sources were checked, and whether that is
older than :data:`STALE_DAYS` (then every face says so). The whole catalog's "checked" day is
:attr:`~certwise.catalog.load.Catalog.checked`.

>>> from certwise.catalog import default_catalog
>>> c = default_catalog().get("pmle")
>>> from datetime import date
>>> is_stale(c, record_checked(c)), is_stale(c, date(2099, 1, 1))
(False, True)
"""

from __future__ import annotations

from datetime import date

from certwise.catalog.model import GUIDE_DATE, Credential

STALE_DAYS = 180
"""Facts checked longer ago than this are flagged as stale."""


def record_checked(c: Credential) -> date:
    """The newest day any of this record's sources was checked."""
    return max((s.verified for s in c.sources if s.ref != "guide"), default=GUIDE_DATE)


def is_stale(c: Credential, as_of: date) -> bool:
    """Are this record's facts older than :data:`STALE_DAYS` on ``as_of``?"""
    return (as_of - record_checked(c)).days > STALE_DAYS
