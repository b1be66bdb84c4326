"""Renewal reminders as an RFC 5545 calendar: one all-day event per expiry (and window).

>>> from datetime import date
>>> ics = renewals_to_ics([{"entry_id": "e1", "name": "AWS ML", "issuer": "AWS",
...     "expires": "2027-03-01", "window_opens": None, "method": "retake", "status": "due"}],
...     stamp=date(2026, 11, 25))
>>> b"DTSTART;VALUE=DATE:20270301" in ics
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

PRODID = "-//certwise//renewals//EN"


def renewals_to_ics(renewals: Iterable[dict[str, Any]], stamp: date | datetime | None = None) -> bytes:
    """Events for renewal dicts (see :func:`certwise.store.reports.renewal_dict`).

    Each expiry is an all-day event "Renew NAME" on the expiry date; where the provider opens
    a renewal window, a second all-day event marks its first day. UIDs are stable per entry,
    so re-importing the file updates events instead of duplicating them.
    """
    if isinstance(stamp, datetime):
        dtstamp = stamp.astimezone(UTC)
    elif isinstance(stamp, date):
        dtstamp = datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC)
    else:
        dtstamp = datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "certwise renewals")
    for r in renewals:
        if not r.get("expires"):
            continue
        expires = date.fromisoformat(r["expires"])
        how = f" ({r['method']})" if r.get("method") else ""
        verb = "expired" if r.get("status") == "expired" else "expires"
        desc = f"{r['name']} from {r['issuer']} {verb} on {expires.isoformat()}. Renew{how}."
        if r.get("note"):
            desc += f" {r['note']}"
        cal.add_component(_event(Event, f"{r['entry_id']}-expires@certwise", dtstamp, expires,
                                 f"Renew {r['name']}", desc))
        if r.get("window_opens"):
            opens = date.fromisoformat(r["window_opens"])
            cal.add_component(_event(Event, f"{r['entry_id']}-window@certwise", dtstamp, opens,
                                     f"Renewal window opens: {r['name']}",
                                     f"You can renew {r['name']} from today until {expires.isoformat()}."))
    return bytes(cal.to_ical())


def _event(event_cls: Any, uid: str, stamp: datetime, day: date, summary: str, desc: str) -> Any:
    ev = event_cls()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("summary", summary)
    ev.add("description", desc)
    ev.add("transp", "TRANSPARENT")
    return ev
