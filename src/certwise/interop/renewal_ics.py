"""Renewal reminders as an RFC 5545 calendar (the web's ``renewals.ics`` and ``portfolio renewals --ics``).

One all-day event per renewal, on the day its renewal window opens, with reminders (``VALARM``)
a week before, on the day, and a week before the expiry. The provider's window comes from the
catalog's renewal rule; where it is not known the event is :data:`DEFAULT_WINDOW_DAYS` before
the expiry, and its description says so. A window that opened before ``as_of`` puts the event on
``as_of`` ("Renew now"), never in the past. An expired credential is an event on ``as_of``
flagged as such (``Expired:`` in the summary, ``CATEGORIES:Expired``) that tells how to earn it
again. Descriptions are sentences in plain words with the link to renew.

>>> from datetime import date
>>> ics = renewals_to_ics([{"entry_id": "e1", "name": "AWS ML", "issuer": "AWS",
...     "expires": "2027-03-01", "window_opens": None, "method": "retake", "status": "due"}],
...     stamp=date(2026, 11, 25), as_of=date(2026, 11, 25))
>>> b"DTSTART;VALUE=DATE:20261201" in ics, b"BEGIN:VALARM" in ics
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from certwise.catalog.labels import renewal_how
from certwise.interop.ical import alarm, all_day_event, new_calendar

PRODID = "-//certwise//renewals//EN"
DEFAULT_WINDOW_DAYS = 90  # the reminder's lead time when the provider's renewal window is not known
REMIND_BEFORE = timedelta(days=7)
ON_THE_DAY = timedelta(hours=9)  # all-day events start at midnight: remind at 9 in the morning


def long_date(d: date) -> str:
    """2027-03-12 → "12 March 2027"."""
    return f"{d.day} {d:%B %Y}"


def renewals_to_ics(renewals: Iterable[dict[str, Any]], stamp: date | datetime | None = None,
                    as_of: date | None = None) -> bytes:
    """Events for renewal dicts (see :func:`certwise.store.reports.renewal_dict`) on ``as_of``.

    UIDs are stable per entry, so importing a newer file updates the events instead of
    duplicating them. ``as_of`` defaults to the day of ``stamp`` (today without one).
    """
    if isinstance(stamp, datetime):
        dtstamp = stamp.astimezone(UTC)
    elif isinstance(stamp, date):
        dtstamp = datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC)
    else:
        dtstamp = datetime.now(UTC).replace(microsecond=0)
    today = as_of or dtstamp.date()
    cal = new_calendar("Certification renewals")
    cal.pop("prodid")
    cal.add("prodid", PRODID)
    for r in renewals:
        if r.get("expires"):
            cal.add_component(renewal_event(r, today, dtstamp))
    return bytes(cal.to_ical())


def renewal_event(r: dict[str, Any], as_of: date, dtstamp: datetime) -> Any:
    """The one event for a renewal dict: at its window's start, or today when expired or open."""
    expires = date.fromisoformat(r["expires"])
    name = r["name"]
    uid = f"{r['entry_id']}-renewal@certwise"
    how = renewal_how(r.get("method"))
    url = r.get("renew_url")
    note = f" {r['note']}" if r.get("note") else ""
    if expires < as_of or r.get("status") == "expired":
        again = (f"To hold it again, earn it anew, usually by passing the current exam; ask {r['issuer']} whether "
                 "a late renewal is still possible." if how else f"To hold it again, earn it anew as {r['issuer']} asks.")
        desc = (f"EXPIRED on {long_date(expires)}: your {name} from {r['issuer']} is no longer current. "
                f"{again}{note}" + (f" Details at: {url}" if url else ""))
        ev = all_day_event(uid, as_of, f"Expired: {name} (expired on {long_date(expires)})", dtstamp=dtstamp,
                           description=desc, alarms=[(ON_THE_DAY, f"Expired: {name}")], categories="Expired")
        ev.add("status", "CONFIRMED")
        ev.add("x-certwise-status", "expired")
        return ev
    if r.get("window_opens"):
        opens, window = date.fromisoformat(r["window_opens"]), ""
    else:
        opens = expires - timedelta(days=DEFAULT_WINDOW_DAYS)
        window = (f" The provider's renewal window is not known here, so this reminder is set "
                  f"{DEFAULT_WINDOW_DAYS} days before the expiry.")
    start = max(opens, as_of)
    if start > opens:
        when = f" Its renewal window opened on {long_date(opens)}: renew now."
        summary = f"Renew now: {name} (expires {long_date(expires)})"
    else:
        when = f" You can renew from today until {long_date(expires)}." if r.get("window_opens") else ""
        summary = f"Renew {name} by {long_date(expires)}"
    how_words = f" How: {how}." if how else f" How: as {r['issuer']} asks."
    desc = f"Renew your {name}: it expires on {long_date(expires)}.{when}{window}{how_words}{note}" + (f" Renew at: {url}" if url else "")
    alarms = [(ON_THE_DAY, f"Renew {name}")]
    if start == opens:  # a week's notice, unless the window is already open
        alarms.insert(0, (-REMIND_BEFORE, f"In a week: renew {name}"))
    ev = all_day_event(uid, start, summary, dtstamp=dtstamp, description=desc, alarms=alarms,
                       categories="Renewal")
    last_call = expires - REMIND_BEFORE
    if last_call > start + REMIND_BEFORE:
        ev.add_component(alarm(datetime.combine(last_call, time(9), UTC), f"{name} expires in a week"))
    ev.add("status", "CONFIRMED")
    ev.add("x-certwise-status", "due")
    return ev

