"""interop.ical: a plan as an RFC 5545 calendar that parses back and imports well."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from certwise.advice.plan import make_plan
from certwise.catalog.model import EXAMPLE, FACT_FIELDS, Credential
from certwise.interop.ical import plan_to_ics, stable_uid, study_sessions

STAMP = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
START = date(2027, 1, 4)


def cred(id: str = "example-cert", **over: Any) -> Credential:
    d: dict[str, Any] = {**EXAMPLE, "id": id, "name": id.replace("-", " ").title()}
    d.update(over)
    d["sources"] = [{"url": "https://example.org", "supports": list(FACT_FIELDS), "verified": "2026-11-24"}]
    return Credential.model_validate(d)


def exam_cred(**over: Any) -> Credential:
    return cred(exam={"minutes": 90}, renewal={"validity_years": 2, "method": "retake", "window_days": 60}, **over)


def parse(ics: bytes) -> Calendar:
    return Calendar.from_ical(ics)


def by_category(cal: Calendar, cat: str) -> list[Any]:
    return [e for e in cal.walk("VEVENT") if cat in [str(c) for c in e["CATEGORIES"].cats]]


def test_parses_back_with_prodid_and_version():
    plan = make_plan([exam_cred()], START, 5)
    cal = parse(plan_to_ics(plan, dtstamp=STAMP))
    assert str(cal["VERSION"]) == "2.0"
    assert "certwise" in str(cal["PRODID"])
    assert len(cal.walk("VEVENT")) > 3


def test_every_event_has_a_uid_and_dtstamp_and_uids_are_unique_and_stable():
    plan = make_plan([exam_cred(), cred("other-cert", level="professional")], START, 5)
    a = parse(plan_to_ics(plan, dtstamp=STAMP)).walk("VEVENT")
    b = parse(plan_to_ics(plan, dtstamp=STAMP + timedelta(days=3))).walk("VEVENT")
    uids = [str(e["UID"]) for e in a]
    assert all(u.endswith("@certwise") for u in uids)
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in b]  # re-export updates, never duplicates
    for e in a:
        assert e.decoded("DTSTAMP") == STAMP


def test_default_dtstamp_is_now_in_utc():
    ev = parse(plan_to_ics(make_plan([exam_cred()], START, 5))).walk("VEVENT")[0]
    stamp = ev.decoded("DTSTAMP")
    assert stamp.tzinfo is not None and abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)
    assert ev["DTSTAMP"].to_ical().endswith(b"Z")


def test_all_day_events_use_value_date_and_end_the_next_day():
    plan = make_plan([exam_cred()], START, 5)
    ics = plan_to_ics(plan, dtstamp=STAMP)
    cal = parse(ics)
    all_day = [e for e in cal.walk("VEVENT") if not isinstance(e.decoded("DTSTART"), datetime)]
    assert all_day, "milestones and renewals are all-day events"
    for e in all_day:
        assert e["DTSTART"].params.get("VALUE") == "DATE"
        assert e.decoded("DTEND") == e.decoded("DTSTART") + timedelta(days=1)
    assert b"DTSTART;VALUE=DATE:" in ics


def test_exam_is_a_timed_event_on_the_exam_date_with_its_length_and_reminders():
    plan = make_plan([exam_cred()], START, 5)
    (exam,) = by_category(parse(plan_to_ics(plan, dtstamp=STAMP)), "Exam")
    start = exam.decoded("DTSTART")
    assert isinstance(start, datetime)
    assert start.date().isoformat() == plan["items"][0]["exam_date"]
    assert exam.decoded("DURATION") == timedelta(minutes=90)
    triggers = sorted(a.decoded("TRIGGER") for a in exam.walk("VALARM"))
    assert triggers == [timedelta(days=-14), timedelta(days=-1)]


def test_study_sessions_recur_weekly_until_the_exam():
    plan = make_plan([exam_cred()], START, 5)
    it = plan["items"][0]
    (study,) = by_category(parse(plan_to_ics(plan, dtstamp=STAMP)), "Study")
    start = study.decoded("DTSTART")
    assert isinstance(start, datetime) and start.date() == START
    rule = study["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    offsets, length = study_sessions(5)
    assert study.decoded("DURATION") == length
    occ = list(rrulestr(rule.to_ical().decode(), dtstart=start))
    assert len(occ) == len(offsets) * it["study_weeks"]
    assert occ[0] == start
    assert occ[-1].date() < date.fromisoformat(it["exam_date"])
    # about the hours asked for, every week
    assert len(offsets) * length >= timedelta(hours=5)


def test_study_sessions_split_the_week():
    assert study_sessions(1) == ([0], timedelta(hours=1))
    offs, length = study_sessions(10)
    assert len(offs) == 5 and length == timedelta(hours=2)
    offs, length = study_sessions(100)
    assert offs == list(range(7)) and length * 7 >= timedelta(hours=100)


def test_renewal_reminders_are_all_day_with_alarms():
    plan = make_plan([exam_cred()], START, 5)
    it = plan["items"][0]
    renewals = by_category(parse(plan_to_ics(plan, dtstamp=STAMP)), "Renewal")
    days = sorted(e.decoded("DTSTART").isoformat() for e in renewals)
    assert days == sorted([it["renewal_due"], it["renewal_window_start"]])
    for e in renewals:
        alarms = e.walk("VALARM")
        assert alarms and all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
    due = next(e for e in renewals if e.decoded("DTSTART").isoformat() == it["renewal_due"])
    assert timedelta(days=-60) in [a.decoded("TRIGGER") for a in due.walk("VALARM")]


def test_no_renewal_events_when_it_never_expires():
    plan = make_plan([cred(renewal={"method": "none"})], START, 5)
    assert by_category(parse(plan_to_ics(plan, dtstamp=STAMP)), "Renewal") == []


def test_milestones_become_all_day_events_with_their_projects():
    plan = make_plan([exam_cred(domains=["generative-ai"])], START, 5)
    ms = by_category(parse(plan_to_ics(plan, dtstamp=STAMP)), "Milestone")
    assert len(ms) == len(plan["items"][0]["milestones"])
    texts = " ".join(str(e["DESCRIPTION"]) for e in ms)
    assert "RAG" in texts
    after = [e for e in ms if str(e["SUMMARY"]).startswith("After the exam")]
    assert after[0].decoded("DTSTART") == date.fromisoformat(plan["items"][0]["exam_date"]) + timedelta(days=1)


def test_program_without_exam_gets_an_all_day_completion():
    c = cred(kind="professional-certificate", exam=None, renewal={"method": "not-applicable"})
    cal = parse(plan_to_ics(make_plan([c], START, 5), dtstamp=STAMP))
    assert by_category(cal, "Exam") == []
    assert any(str(e["SUMMARY"]).startswith("Complete:") for e in cal.walk("VEVENT"))


def test_time_zone_option_adds_vtimezone():
    ics = plan_to_ics(make_plan([exam_cred()], START, 5), dtstamp=STAMP, tz="Europe/Berlin")
    cal = parse(ics)
    assert cal.walk("VTIMEZONE")
    assert b"TZID=Europe/Berlin" in ics


def test_stable_uid():
    assert stable_uid("a", 1) == stable_uid("a", 1) != stable_uid("a", 2)


@settings(max_examples=40, deadline=None)
@given(
    lo=st.integers(min_value=1, max_value=300),
    hpw=st.floats(min_value=0.5, max_value=80, allow_nan=False),
    domains=st.lists(st.sampled_from(["ml-engineering", "mlops", "nlp", "ai-literacy", "infrastructure"]),
                     min_size=1, max_size=3, unique=True),
)
def test_any_plan_round_trips(lo, hpw, domains):
    plan = make_plan([exam_cred(prep={"hours": {"low": lo, "high": lo}}, domains=domains)], START, hpw)
    ics = plan_to_ics(plan, dtstamp=STAMP)
    assert ics == plan_to_ics(plan, dtstamp=STAMP)  # deterministic for a given stamp
    events = parse(ics).walk("VEVENT")
    assert all("UID" in e and "DTSTAMP" in e for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


# --- renewal reminders (interop.renewal_ics: the web's renewals.ics and `portfolio renewals --ics`) ---

def renewal(**over: Any) -> dict[str, Any]:
    r = {"entry_id": "e1", "name": "Example Cert", "issuer": "Example Corp", "expires": "2027-06-01",
         "window_opens": "2027-04-02", "method": "continuing-education", "status": "due",
         "renew_url": "https://example.org/renew", "note": None}
    r.update(over)
    return r


def renewal_events(*renewals: dict[str, Any], as_of: date = date(2026, 11, 25)) -> list[Any]:
    from certwise.interop.renewal_ics import renewals_to_ics

    cal = parse(renewals_to_ics(list(renewals), stamp=STAMP, as_of=as_of))
    assert str(cal["VERSION"]) == "2.0" and "renewals" in str(cal["PRODID"])
    return list(cal.walk("VEVENT"))


def test_a_renewal_is_one_event_at_its_window_start_with_a_week_and_a_day_of_notice():
    (ev,) = renewal_events(renewal())
    assert ev.decoded("DTSTART") == date(2027, 4, 2) and ev["DTSTART"].params.get("VALUE") == "DATE"
    assert ev.decoded("DTEND") == date(2027, 4, 3) and str(ev["UID"]) == "e1-renewal@certwise"
    assert str(ev["SUMMARY"]) == "Renew Example Cert by 1 June 2027"
    assert str(ev["DESCRIPTION"]) == (
        "Renew your Example Cert: it expires on 1 June 2027. You can renew from today until 1 June 2027. "
        "How: earn and report the continuing-education credits the provider asks for. "
        "Renew at: https://example.org/renew")
    alarms = [(a.decoded("TRIGGER"), str(a["ACTION"])) for a in ev.walk("VALARM")]
    assert alarms[:2] == [(-timedelta(days=7), "DISPLAY"), (timedelta(hours=9), "DISPLAY")]
    assert alarms[2][0] == datetime(2027, 5, 25, 9, 0, tzinfo=UTC)  # and a week before it expires


def test_an_unknown_window_is_90_days_before_expiry_and_the_description_says_so():
    (ev,) = renewal_events(renewal(window_opens=None, method="retake", renew_url=None))
    assert ev.decoded("DTSTART") == date(2027, 3, 3)
    desc = str(ev["DESCRIPTION"])
    assert "not known here, so this reminder is set 90 days before the expiry" in desc
    assert "How: pass the current exam again." in desc and "Renew at" not in desc


def test_an_open_window_is_today_never_back_dated():
    (ev,) = renewal_events(renewal(expires="2027-01-10", window_opens="2026-11-11"))
    assert ev.decoded("DTSTART") == date(2026, 11, 25)
    assert str(ev["SUMMARY"]).startswith("Renew now: Example Cert")
    assert "Its renewal window opened on 11 November 2026: renew now." in str(ev["DESCRIPTION"])
    assert [a.decoded("TRIGGER") for a in ev.walk("VALARM")][0] == timedelta(hours=9)  # no alarm in the past


def test_an_expired_one_is_flagged_on_as_of_with_how_to_earn_it_again():
    (ev,) = renewal_events(renewal(expires="2025-01-10", status="expired", method="free-online-assessment"))
    assert ev.decoded("DTSTART") == date(2026, 11, 25)
    assert str(ev["SUMMARY"]) == "Expired: Example Cert (expired on 10 January 2025)"
    assert [str(c) for c in ev["CATEGORIES"].cats] == ["Expired"] and str(ev["X-CERTWISE-STATUS"]) == "expired"
    desc = str(ev["DESCRIPTION"])
    assert desc.startswith("EXPIRED on 10 January 2025: your Example Cert from Example Corp is no longer current.")
    assert "earn it anew, usually by passing the current exam; ask Example Corp whether" in desc
    assert "Details at: https://example.org/renew" in desc


def test_renewals_without_an_expiry_are_left_out_and_uids_are_stable():
    a = renewal_events(renewal(), renewal(entry_id="e2", expires=None))
    b = renewal_events(renewal(), as_of=date(2026, 12, 1))
    assert [str(e["UID"]) for e in a] == [str(e["UID"]) for e in b] == ["e1-renewal@certwise"]
