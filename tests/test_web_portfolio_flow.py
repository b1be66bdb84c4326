"""The portfolio pages report what they did (issue 13, points 5 and 6), without a browser.

Badge uploads say per file what each matched or why it was refused; a second add says the
credential is already there; a removal offers Undo; a plan is saved as planned in one click;
renewals.ics has an event at each renewal window with alarms, expired ones flagged today.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from badgeutil import ob2_badge
from certwise.web.app import create_app
from storeutil import external

TODAY = date(2026, 11, 25)
PMLE = "Google Cloud Professional Machine Learning Engineer"
BADGE = ob2_badge()


@pytest.fixture
def client(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


def csrf(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/portfolio").text).group(1)


def text(html: str) -> str:
    """The page's words: tags out, spaces collapsed."""
    inline = re.sub(r"</?(a|strong|span|em|code|b)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", inline))).replace(" ,", ",").replace(" .", ".")


def entries(client) -> list[dict]:
    return client.get("/api/v1/portfolio").json()["entries"]


def upload(client, *files: tuple[str, bytes], **data):
    return client.post("/portfolio/badges", data={"csrf_token": csrf(client), **data},
                       files=[("files", (n, b, "application/json")) for n, b in files])


# --- badge uploads, file by file -----------------------------------------------------------------

def test_upload_imports_the_good_file_and_names_each_bad_one_with_its_reason(client):
    r = upload(client, ("pmle.json", json.dumps(BADGE).encode()), ("notes.json", b'{"type": "Nothing"}'),
               ("photo.png", b"\x89PNG\r\n\x1a\nxxxx"))
    assert r.status_code == 200
    words = text(r.text)
    assert "Badges imported into your portfolio: 1 of 3 files" in words
    assert f"pmle.json: imported as {PMLE}" in words and 'href="/credentials/google-ml-engineer"' in r.text
    assert "notes.json: not imported. Field 'type' is Nothing: not an Open Badges assertion" in words
    assert "photo.png: not imported. This is a badge image. Upload the badge's JSON file instead" in words
    assert [(e["id"], e["source"]) for e in entries(client)] == [("google-ml-engineer", "badge")]


def test_an_upload_of_only_bad_files_is_refused_naming_each(client):
    r = upload(client, ("a.json", b'{"type": "Nothing"}'), ("b.json", b"{not json"))
    assert r.status_code == 400
    words = text(r.text)
    assert "Badges imported into your portfolio: 0 of 2 files" in words
    assert "a.json: not imported." in words and "b.json: not imported." in words
    assert entries(client) == []


def test_a_badge_outside_the_catalog_says_it_matched_none_and_a_future_one_is_refused(client):
    robots = {**BADGE, "badge": {**BADGE["badge"], "name": "Robot Wrangling", "issuer": {"name": "Acme"}}}
    future = {**BADGE, "issuedOn": "2030-01-01T00:00:00Z"}
    r = upload(client, ("robots.json", json.dumps(robots).encode()), ("future.json", json.dumps(future).encode()))
    words = text(r.text)
    assert r.status_code == 200 and "1 of 2 files" in words
    assert "robots.json: imported as “Robot Wrangling” from Acme; it matched no credential in the catalog" in words
    assert "future.json: not imported. The badge's date earned: 2030-01-01 is in the future" in words
    assert [e["name"] for e in entries(client)] == ["Robot Wrangling"]


def test_upload_of_the_external_open_badges_fixtures_reports_the_helper_files(client):
    names = ("basic-assertion-expired.json", "robotics-badge.json", "organization.json")
    files = [(n, external("openbadges-2.0", n).read_bytes()) for n in names]
    files.append(("simple.json", external("openbadges-3.0", "simple.json").read_bytes()))
    files.append(("broken.json", b'{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}'))
    r = upload(client, *files)
    words = text(r.text)
    assert r.status_code == 200 and "Badges imported into your portfolio: 2 of 5 files" in words
    assert "basic-assertion-expired.json: imported as “Awesome Robotics Badge” from An Example Badge Issuer" in words
    assert "expired on 15 Nov 2022" in words
    assert "robotics-badge.json: read with the badge it describes" in words
    assert "organization.json: read with the badge it describes" in words
    assert "broken.json: not imported." in words
    assert len(entries(client)) == 2


def test_upload_without_files_or_csrf_is_a_clear_4xx(client):
    none = client.post("/portfolio/badges", data={"csrf_token": csrf(client)})
    assert none.status_code == 400 and "Choose one or more badge files" in none.text
    forged = client.post("/portfolio/badges", data={"csrf_token": "nope"},
                         files=[("files", ("pmle.json", json.dumps(BADGE).encode(), "application/json"))])
    assert forged.status_code == 403 and entries(client) == []


def test_the_api_keeps_all_or_nothing(client):
    files = [("files", ("pmle.json", json.dumps(BADGE).encode(), "application/json")),
             ("files", ("notes.json", b'{"type": "Nothing"}', "application/json"))]
    r = client.post("/api/v1/portfolio/badges", files=files)
    assert r.status_code == 400 and entries(client) == []


# --- adding twice ----------------------------------------------------------------------------------

def add(client, **data):
    return client.post("/portfolio/add", data={"csrf_token": csrf(client), **data})


def test_adding_the_same_credential_twice_says_it_is_already_there(client):
    assert "Added to your portfolio: " + PMLE in text(add(client, id="google-ml-engineer", earned="2025-02-01").text)
    again = text(add(client, id="pmle", earned="2025-02-01").text)
    assert f"{PMLE} is already in your portfolio (held); nothing changed." in again
    assert len(entries(client)) == 1
    planned = text(add(client, id="google-ml-engineer", state="planned").text)
    assert f"{PMLE} is already in your portfolio as held; there is nothing to plan." in planned
    newer = text(add(client, id="google-ml-engineer", earned="2025-06-01").text)
    assert f"{PMLE} was already in your portfolio; its dates and link are updated." in newer
    assert [e["earned"] for e in entries(client)] == ["2025-06-01"]


def test_planned_twice_then_held(client):
    add(client, id="aws-ml-engineer-associate", state="planned")
    name = entries(client)[0]["name"]
    assert f"{name} is already in your portfolio (planned)" in text(
        add(client, id="aws-ml-engineer-associate", state="planned").text)
    assert f"{name} was planned; it is now held." in text(
        add(client, id="aws-ml-engineer-associate", state="held", earned="2026-01-05").text)
    assert [e["state"] for e in entries(client)] == ["held"]


def test_a_custom_credential_twice_is_found_by_name_and_issuer(client):
    add(client, name="Robot Wrangling", issuer="Acme", earned="2025-01-01")
    r = text(add(client, name="robot wrangling", issuer="ACME", earned="2025-01-01").text)
    assert "Robot Wrangling is already in your portfolio (held)" in r and len(entries(client)) == 1


# --- remove and undo -------------------------------------------------------------------------------

def test_remove_offers_undo_that_puts_the_entry_back_as_it_was(client):
    upload(client, ("pmle.json", json.dumps(BADGE).encode()))
    (before,) = entries(client)
    r = client.post("/portfolio/remove", data={"csrf_token": csrf(client), "entry_id": before["entry_id"]},
                    follow_redirects=False)
    assert r.status_code == 303 and "undo=" in r.headers["location"]
    page = client.get(r.headers["location"])
    assert f"Removed from your portfolio: {PMLE}." in text(page.text) and entries(client) == []
    token = re.search(r'name="undo" value="([^"]+)"', page.text).group(1)
    assert re.search(r'<form method="post" action="/portfolio/undo"[\s\S]*?<button[^>]*>Undo</button>', page.text)
    back = client.post("/portfolio/undo", data={"csrf_token": csrf(client), "undo": token})
    assert back.status_code == 200 and f"Put back in your portfolio: {PMLE}." in text(back.text)
    (after,) = entries(client)
    assert {k: after[k] for k in before if k != "created"} == {k: before[k] for k in before if k != "created"}


def test_a_forged_or_broken_undo_is_a_400_in_words(client):
    add(client, id="google-ml-engineer", earned="2025-02-01")
    (e,) = entries(client)
    r = client.post("/portfolio/remove", data={"csrf_token": csrf(client), "entry_id": e["entry_id"]},
                    follow_redirects=False)
    token = parse_qs(urlsplit(r.headers["location"]).query)["undo"][0]
    payload, sig = token.rsplit(".", 1)
    for bad in (payload + "." + "0" * len(sig), "x", ""):
        r = client.post("/portfolio/undo", data={"csrf_token": csrf(client), "undo": bad})
        assert r.status_code == 400 and "This undo has expired" in r.text
    assert entries(client) == []
    # a link with a bad token says "Removed" without a name or an Undo button, never an error
    page = client.get("/portfolio", params={"done": "removed", "undo": "junk"})
    assert page.status_code == 200 and 'action="/portfolio/undo"' not in page.text


# --- save a plan as planned ------------------------------------------------------------------------

RESULTS = {"role": "developer", "years_experience": "4", "goal": "ml-engineering", "cloud": "aws",
           "cloud_experience": "some", "budget_usd": "300", "hours_per_week": "10"}


def save_form(html: str) -> tuple[str, list[str]]:
    form = re.search(r'<form method="post" action="(/portfolio/save-plan[^"]*)" class="save-plan">([\s\S]*?)</form>',
                     html)
    assert form, "no save-plan form"
    assert "Save this plan to my portfolio" in form.group(2)
    return unescape(form.group(1)), re.findall(r'name="ids" value="([^"]+)"', form.group(2))


def test_results_save_the_plan_as_planned_in_one_click(client, catalog):
    action, ids = save_form(client.get("/results", params=RESULTS).text)
    assert ids and action == "/portfolio/save-plan"
    r = client.post(action, data={"csrf_token": csrf(client), "ids": ids}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/portfolio?done=planned")
    assert r.headers["location"].endswith("#entries")
    page = text(client.get(r.headers["location"]).text)
    names = [catalog.get(i).name for i in ids]
    assert "Your plan is saved in your portfolio." in page and "Added as planned: " + ", ".join(names) in page
    assert sorted((e["id"], e["state"]) for e in entries(client)) == sorted((i, "planned") for i in ids)
    again = text(client.post(action, data={"csrf_token": csrf(client), "ids": ids}).text)
    assert "Already in your portfolio, left as they were: " + ", ".join(names) in again
    assert len(entries(client)) == len(ids)


def test_plan_page_saves_too_and_held_or_retired_ones_are_reported(client, catalog):
    add(client, id="google-ml-engineer", earned="2025-02-01")
    html = client.get("/plan", params={"ids": ["google-ml-engineer", "aws-ml-engineer-associate"],
                                       "start": "2026-12-01", "as_of": TODAY.isoformat()}).text
    action, ids = save_form(html)
    assert action == f"/portfolio/save-plan?as_of={TODAY.isoformat()}"
    assert sorted(ids) == ["aws-ml-engineer-associate", "google-ml-engineer"]
    page = text(client.post(action, data={"csrf_token": csrf(client), "ids": ids + ["aws-ml-specialty"]}).text)
    aws = catalog.get("aws-ml-engineer-associate").name
    assert f"Added as planned: {aws}." in page and f"Already in your portfolio, left as they were: {PMLE}." in page
    assert f"Not added (retired or no longer offered, so it can't be planned): {catalog.get('aws-ml-specialty').name}" in page
    assert {e["id"]: e["state"] for e in entries(client)} == {"google-ml-engineer": "held",
                                                             "aws-ml-engineer-associate": "planned"}


def test_saving_a_plan_needs_csrf_and_known_credentials(client):
    assert client.post("/portfolio/save-plan", data={"csrf_token": "x", "ids": ["pmle"]}).status_code == 403
    r = client.post("/portfolio/save-plan", data={"csrf_token": csrf(client), "ids": ["no-such-thing"]})
    assert r.status_code == 400 and "names no credential of the catalog" in r.text
    assert client.post("/portfolio/save-plan", data={"csrf_token": csrf(client)}).status_code == 400
    assert entries(client) == []


# --- renewals.ics ---------------------------------------------------------------------------------

def calendar(client) -> list:
    r = client.get("/portfolio/renewals.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    return list(Calendar.from_ical(r.content).walk("VEVENT"))


def by_summary(events, start: str):
    return next(e for e in events if str(e["SUMMARY"]).startswith(start))


def test_renewal_event_at_the_window_start_with_alarms_in_plain_words(client):
    add(client, id="google-ml-engineer", earned="2025-06-01")  # expires 2027-06-01, window 60 days
    (ev,) = calendar(client)
    assert ev.decoded("DTSTART") == date(2027, 6, 1) - timedelta(days=60)
    assert str(ev["SUMMARY"]) == f"Renew {PMLE} by 1 June 2027"
    desc = str(ev["DESCRIPTION"])
    assert desc.startswith(f"Renew your {PMLE}: it expires on 1 June 2027. You can renew from today until")
    assert "How: pass the current exam again" in desc
    assert "Renew at: https://cloud.google.com/" in desc
    assert not re.search(r"\b(discounted-retake|retake|continuing-education)\b(?! route)", desc.split("How:")[1][:60])
    triggers = sorted(str(a.decoded("TRIGGER")) for a in ev.walk("VALARM"))
    assert "-7 days, 0:00:00" in triggers and "9:00:00" in triggers
    assert [str(c) for c in ev["CATEGORIES"].cats] == ["Renewal"]


def test_unknown_window_uses_90_days_and_says_so(client):
    add(client, id="aws-ml-engineer-associate", earned="2026-01-05")  # no window in the catalog
    (ev,) = calendar(client)
    expires = ev.decoded("DTSTART") + timedelta(days=90)
    assert expires == date(2029, 1, 5)
    assert "this reminder is set 90 days before the expiry" in str(ev["DESCRIPTION"])


def test_expired_one_is_flagged_today_and_says_how_to_earn_it_again(client):
    add(client, id="google-ml-engineer", earned="2022-01-10", expires="2024-01-10")
    add(client, name="Robot Wrangling", issuer="Acme", earned="2020-01-01", expires="2021-01-01")
    events = calendar(client)
    ev = by_summary(events, f"Expired: {PMLE}")
    assert ev.decoded("DTSTART") == TODAY  # not a back-dated reminder
    assert [str(c) for c in ev["CATEGORIES"].cats] == ["Expired"] and str(ev["X-CERTWISE-STATUS"]) == "expired"
    assert str(ev["DESCRIPTION"]).startswith(f"EXPIRED on 10 January 2024: your {PMLE} from Google Cloud")
    assert "To hold it again, earn it anew, usually by passing the current exam" in str(ev["DESCRIPTION"])
    custom = by_summary(events, "Expired: Robot Wrangling")
    assert "earn it anew as Acme asks" in str(custom["DESCRIPTION"])
    for e in events:
        assert [a.decoded("TRIGGER") for a in e.walk("VALARM")] == [timedelta(hours=9)]


def test_cli_and_web_write_the_same_calendar(client, cli, monkeypatch, tmp_path, catalog):
    from certwise.interop.renewal_ics import renewals_to_ics
    from certwise.store.reports import renewals_report

    add(client, id="google-ml-engineer", earned="2025-06-01")
    web_ics = client.get("/portfolio/renewals.ics").content
    store = client.app.state.web.store()
    report = renewals_report(store.renewals(TODAY, 3650), catalog, TODAY, 3650)
    stamp = Calendar.from_ical(web_ics).walk("VEVENT")[0].decoded("DTSTAMP")
    assert renewals_to_ics(report["renewals"], stamp=stamp, as_of=TODAY) == web_ics
