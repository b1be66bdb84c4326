"""iCalendar (RFC 5545) out: a study plan as a calendar you can import.

What a plan becomes:

* study sessions: one weekly **timed** event per credential, ``RRULE:FREQ=WEEKLY;BYDAY=…``,
  the week's hours split into sessions of about two hours on spread-out days;
* milestones: **all-day** events (``VALUE=DATE``, ``DTEND`` the next day) on the first day of
  their week, with the project to build;
* the exam: a **timed** event with reminders two weeks (book the slot) and one day before;
  credentials without an exam get an all-day "complete" event instead;
* renewals: all-day events for the renewal window opening and the renewal due date, with
  ``VALARM`` reminders.

Every event has a stable ``UID`` (uuid5 over its content, so re-importing updates rather than
duplicates) and a ``DTSTAMP``. Times are floating local times unless ``tz`` is given, so the
calendar shows them at the same wall-clock time wherever you import it.

>>> from datetime import datetime, timezone
>>> plan = {"start": "2027-01-04", "hours_per_week": 5, "items": [{"id": "x", "name": "X",
...     "study_start": "2027-01-04", "study_weeks": 2, "exam_date": "2027-01-18",
...     "renewal_due": None, "milestones": []}]}
>>> ics = plan_to_ics(plan, dtstamp=datetime(2027, 1, 1, tzinfo=UTC))
>>> from icalendar import Calendar
>>> len(Calendar.from_ical(ics).walk("VEVENT"))
2
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

__all__ = ["plan_to_ics", "new_calendar", "all_day_event", "timed_event", "stable_uid", "study_sessions"]

PRODID = "-//certwise//certwise study plan//EN"
_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/certwise/certwise#ical")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SESSION_HOURS = 2.0  # the length of a study session we aim for


# --- building blocks (also used for portfolio renewals) ----------------------------------------


def stable_uid(*parts: object) -> str:
    """A UID that depends only on ``parts``: the same event gets the same UID on every export."""
    return f"{uuid.uuid5(_NS, '|'.join(str(p) for p in parts))}@certwise"


def new_calendar(name: str = "certwise") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def alarm(trigger: timedelta | datetime, text: str) -> Alarm:
    """A reminder: ``trigger`` before (negative) or after the event's start, or at a moment (UTC)."""
    a = Alarm()
    a.add("action", "DISPLAY")
    a.add("description", text)
    a.add("trigger", trigger)
    return a


def _base(uid: str, summary: str, description: str | None, dtstamp: datetime, categories: str | None) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", dtstamp)
    ev.add("summary", summary)
    if description:
        ev.add("description", description)
    if categories:
        ev.add("categories", [categories])
    return ev


def all_day_event(
    uid: str,
    day: date,
    summary: str,
    *,
    dtstamp: datetime,
    description: str | None = None,
    alarms: Iterable[tuple[timedelta, str]] = (),
    categories: str | None = None,
) -> Event:
    """An all-day event: ``DTSTART;VALUE=DATE`` and ``DTEND`` the next day, shown as free time."""
    ev = _base(uid, summary, description, dtstamp, categories)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    for trigger, text in alarms:
        ev.add_component(alarm(trigger, text))
    return ev


def timed_event(
    uid: str,
    start: datetime,
    duration: timedelta,
    summary: str,
    *,
    dtstamp: datetime,
    description: str | None = None,
    rrule: dict[str, Any] | None = None,
    alarms: Iterable[tuple[timedelta, str]] = (),
    categories: str | None = None,
) -> Event:
    ev = _base(uid, summary, description, dtstamp, categories)
    ev.add("dtstart", start)
    ev.add("duration", duration)
    if rrule:
        ev.add("rrule", rrule)
    for trigger, text in alarms:
        ev.add_component(alarm(trigger, text))
    return ev


def study_sessions(hours_per_week: float) -> tuple[list[int], timedelta]:
    """Split a week's hours into sessions: (day offsets from the start day, session length).

    >>> study_sessions(5)
    ([0, 2, 5], datetime.timedelta(seconds=6300))
    """
    n = max(1, min(7, math.ceil(hours_per_week / SESSION_HOURS - 1e-9)))
    minutes = max(15, math.ceil(hours_per_week * 60 / n / 15) * 15)
    offsets = sorted({round(i * 7 / n) for i in range(n)})
    return offsets, timedelta(minutes=minutes)


# --- a plan -----------------------------------------------------------------------------------


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def plan_to_ics(
    plan: dict[str, Any],
    *,
    dtstamp: datetime | None = None,
    study_time: time = time(18, 0),
    exam_time: time = time(10, 0),
    tz: str | None = None,
    name: str = "certwise study plan",
) -> bytes:
    """The plan (as :func:`certwise.advice.plan.make_plan` returns it) as
    iCalendar bytes. ``dtstamp`` defaults to now (UTC); ``tz`` (an IANA name) pins timed events
    to a time zone instead of floating local time."""
    stamp = (dtstamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    tzinfo = None
    if tz:
        tzinfo = ZoneInfo(tz)
    cal = new_calendar(name)
    hpw = float(plan.get("hours_per_week") or SESSION_HOURS)
    offsets, session = study_sessions(hpw)

    for item in plan.get("items", []):
        cid, cname = item["id"], item.get("name") or item["id"]
        study_start = date.fromisoformat(item["study_start"])
        weeks = int(item.get("study_weeks") or 1)
        exam_date = date.fromisoformat(item["exam_date"])

        # study sessions: one recurring event; any 7 consecutive days hold each weekday once,
        # so COUNT = sessions × weeks ends in the last study week.
        at = study_time if session <= timedelta(hours=4) else time(9, 0)  # long sessions start in the morning
        first = datetime.combine(study_start, at, tzinfo)
        days = sorted({_DAYS[(study_start.weekday() + o) % 7] for o in offsets},
                      key=lambda d: (_DAYS.index(d) - study_start.weekday()) % 7)
        cal.add_component(timed_event(
            stable_uid(cid, "study", study_start, weeks, hpw),
            first,
            session,
            f"Study: {cname}",
            dtstamp=stamp,
            description=f"{_fmt(hpw)} hours a week for {weeks} week(s) until the exam on {exam_date.isoformat()}. "
            "Build something for every concept you learn.",
            rrule={"freq": "weekly", "byday": days, "count": len(days) * weeks},
            categories="Study",
        ))

        # milestones (all day, on the first day of their week)
        for i, m in enumerate(item.get("milestones", [])):
            week = int(m["week"])
            day = study_start + timedelta(weeks=week - 1)
            if m.get("kind") == "after":
                day = exam_date + timedelta(days=1)
            label = "After the exam" if m.get("kind") == "after" else f"Week {week}"
            cal.add_component(all_day_event(
                stable_uid(cid, "milestone", day, i, m["topic"]),
                day,
                f"{label}: {m['topic']} ({cname})",
                dtstamp=stamp,
                description=m.get("project"),
                categories="Milestone",
            ))

        # the exam
        if item.get("finish", "exam") == "exam":
            minutes = item.get("exam_minutes") or 120
            cal.add_component(timed_event(
                stable_uid(cid, "exam", exam_date),
                datetime.combine(exam_date, exam_time, tzinfo),
                timedelta(minutes=int(minutes)),
                f"Exam: {cname}",
                dtstamp=stamp,
                description="Suggested exam date at the end of your study plan. Book the slot early.",
                alarms=[(timedelta(days=-14), f"Book your {cname} exam slot"),
                        (timedelta(days=-1), f"{cname} exam tomorrow")],
                categories="Exam",
            ))
        else:
            cal.add_component(all_day_event(
                stable_uid(cid, "complete", exam_date),
                exam_date,
                f"Complete: {cname}",
                dtstamp=stamp,
                description="Target date to finish the program and its capstone.",
                alarms=[(timedelta(days=-7), f"One week left to finish {cname}")],
                categories="Milestone",
            ))

        # renewals
        due = _d(item.get("renewal_due"))
        window = _d(item.get("renewal_window_start"))
        if window:
            cal.add_component(all_day_event(
                stable_uid(cid, "renewal-window", window),
                window,
                f"Renewal window opens: {cname}",
                dtstamp=stamp,
                description=f"You can renew from today until {due.isoformat() if due else 'the due date'}. "
                "Keep certificates current: a lapsed one signals skills not maintained.",
                alarms=[(timedelta(hours=9), f"Renewal window for {cname} opens today")],
                categories="Renewal",
            ))
        if due:
            lead = (due - window).days if window else 60
            cal.add_component(all_day_event(
                stable_uid(cid, "renewal-due", due),
                due,
                f"Renewal due: {cname}",
                dtstamp=stamp,
                description=f"{cname} expires today unless renewed"
                + (f" ({item['renewal_method']})." if item.get("renewal_method") else "."),
                alarms=[(timedelta(days=-lead), f"Renew {cname}: due on {due.isoformat()}"),
                        (timedelta(days=-7), f"Renew {cname}: one week left")],
                categories="Renewal",
            ))
    if tzinfo is not None and hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"
