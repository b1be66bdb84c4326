"""`certwise portfolio …` end to end, in-process, on the private data dir of each test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storeutil import external

AS_OF = "2026-11-25"


def _db() -> Path:
    return Path(os.environ["CERTWISE_DATA_DIR"]) / "certwise.db"


def _one_line_error(r, *needles):
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    for n in needles:
        assert n in lines[0], lines[0]


def test_add_plan_list_remove(cli):
    r = cli("portfolio", "add", "PMLE", "--earned", "2025-03-01", "--json", "--as-of", AS_OF)
    assert r.code == 0, r.err
    e = r.json()
    assert set(e) >= {"entry_id", "id", "name", "issuer", "state", "earned", "expires", "source"}
    assert (e["id"], e["state"], e["earned"], e["expires"], e["source"]) == (
        "google-ml-engineer", "held", "2025-03-01", "2027-03-01", "manual")
    assert cli("portfolio", "add", "google-ml-engineer", "--earned", "2025-03-02", "--expires", "2026-01-01",
               "--credential-url", "https://cred.example/1").code == 0
    assert cli("portfolio", "plan", "aws-ml-engineer-associate").code == 0
    assert cli("portfolio", "add", "Robot Wrangler", "--issuer", "Acme", "--earned", "2024-05-05").code == 0

    listed = cli("portfolio", "list", "--json", "--as-of", AS_OF).json()
    assert listed["as_of"] == AS_OF
    rows = {x["name"]: x for x in listed["entries"]}
    pmle = rows["Google Cloud Professional Machine Learning Engineer"]
    assert (pmle["expires"], pmle["expired"], pmle["credential_url"]) == ("2026-01-01", True, "https://cred.example/1")
    assert rows["Robot Wrangler"]["id"] is None and rows["Robot Wrangler"]["issuer"] == "Acme"
    assert [x["state"] for x in listed["entries"]] == ["held", "held", "planned"]
    assert listed["counts"] == {"held": 2, "planned": 1, "expired": 1}

    human = cli("portfolio", "list", "--as-of", AS_OF)
    assert human.code == 0 and "Robot Wrangler" in human.out

    assert cli("portfolio", "remove", "pmle").code == 0  # by alias
    assert cli("portfolio", "remove", "robot wrangler").code == 0  # by name
    left = cli("portfolio", "list", "--json").json()["entries"]
    assert [x["id"] for x in left] == ["aws-ml-engineer-associate"]
    assert cli("portfolio", "remove", left[0]["entry_id"]).code == 0  # by entry id
    assert cli("portfolio", "list", "--json").json()["entries"] == []


@pytest.mark.parametrize(
    "args, needles",
    [
        (("portfolio", "add", "no-such-cert", "--earned", "2025-01-01"), ("unknown credential 'no-such-cert'", "--issuer")),
        (("portfolio", "add", "pmle", "--earned", "March"), ("--earned 'March' is not a date",)),
        (("portfolio", "add", "pmle", "--earned", "2025-01-01", "--expires", "2024-01-01"), ("before earned",)),
        (("portfolio", "add", "pmle", "--earned", "2030-01-01", "--as-of", AS_OF), ("in the future",)),
        (("portfolio", "add", "pmle"), ("--earned",)),
        (("portfolio", "add", "pmle", "--earned", "2025-01-01", "--credential-url", "javascript:alert(1)"),
         ("--credential-url 'javascript:alert(1)' is not a web address",)),
        (("portfolio", "add", "Robots", "--issuer", "Acme", "--earned", "2025-01-01", "--credential-url",
          "data:text/html,x"), ("--credential-url", "https://")),
        (("portfolio", "plan", "nope-nope"), ("unknown credential",)),
        (("portfolio", "remove", "nothing-here"), ("no portfolio entry",)),
        (("portfolio", "renewals", "--within", "-3"), ("--within -3",)),
        (("portfolio", "renewals", "--within", "soon"), ("soon",)),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, args, needles):
    assert cli("portfolio", "add", "pmle", "--earned", "2025-03-01").code == 0
    before = cli("portfolio", "export").out
    r = cli(*args)
    _one_line_error(r, *needles)
    assert json.loads(cli("portfolio", "export").out)["entries"] == json.loads(before)["entries"]


def test_failed_command_does_not_create_a_database(cli):
    _one_line_error(cli("portfolio", "add", "no-such-cert", "--earned", "2025-01-01"), "unknown credential")
    assert not _db().exists()


def test_plan_a_retired_credential_points_to_successors(cli, catalog):
    retired = [c for c in catalog if c.status(__import__("datetime").date(2026, 11, 25)) == "retired"]
    if not retired:
        pytest.skip("no retired credential in the catalog yet")
    _one_line_error(cli("portfolio", "plan", retired[0].id, "--as-of", AS_OF), "is retired")


def test_import_badges_records_matches_and_custom_entries(cli, tmp_path):
    files = [str(external("openbadges-2.0", n)) for n in
             ("basic-assertion-expired.json", "robotics-badge.json", "organization.json")]
    pmle = tmp_path / "pmle.json"
    pmle.write_text(json.dumps({
        "type": "Assertion", "recipient": {"identity": "x"}, "issuedOn": "2025-04-02",
        "badge": {"type": "BadgeClass", "name": "Google Cloud Certified Professional Machine Learning Engineer",
                  "issuer": {"type": "Issuer", "name": "Google Cloud"}}}))
    r = cli("portfolio", "import-badge", *files, str(pmle), "--json", "--as-of", AS_OF)
    assert r.code == 0, r.err
    got = {x["name"]: x for x in r.json()["imported"]}
    robot = got["Awesome Robotics Badge"]
    assert (robot["id"], robot["expired"], robot["expires"], robot["source"]) == (None, True, "2022-11-15", "badge")
    g = got["Google Cloud Professional Machine Learning Engineer"]
    assert (g["id"], g["matched"], g["expires"]) == ("google-ml-engineer", True, "2027-04-02")  # provider's 2-year rule
    human = cli("portfolio", "import-badge", *files, "--as-of", AS_OF)
    assert "EXPIRED on 2022-11-15" in human.out
    assert len(cli("portfolio", "list", "--json").json()["entries"]) == 2  # re-import updates, no duplicates


def test_import_badge_failure_writes_nothing(cli, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"type": "Assertion", "recipient": {}, "issuedOn": "2025-01-01",
                                "badge": {"type": "BadgeClass", "name": "Fine", "issuer": {"name": "Acme"}}}))
    lone = str(external("openbadges-2.0", "basic-assertion-expired.json"))
    _one_line_error(cli("portfolio", "import-badge", str(good), lone), "robotics-badge.json", "network",
                    "`certwise portfolio import-badge good.json basic-assertion-expired.json robotics-badge.json`")
    _one_line_error(cli("portfolio", "import-badge", str(tmp_path / "missing.json")), "cannot read")
    assert not _db().exists()


def test_import_badge_applies_the_earned_date_rules(cli, tmp_path):
    early = tmp_path / "early.json"
    early.write_text(json.dumps({"type": "Assertion", "recipient": {}, "issuedOn": "2027-01-01",
                                 "badge": {"type": "BadgeClass", "name": "Fine", "issuer": {"name": "Acme"}}}))
    _one_line_error(cli("portfolio", "import-badge", str(early), "--as-of", AS_OF),
                    "early.json: field 'earned': 2027-01-01 is in the future")
    assert not _db().exists()


def test_renewals_json_and_ics(cli, tmp_path):
    from icalendar import Calendar

    cli("portfolio", "add", "pmle", "--earned", "2025-01-10")  # expires 2027-01-10
    cli("portfolio", "add", "Old Thing", "--issuer", "Acme", "--earned", "2020-01-01", "--expires", "2021-01-01")
    cli("portfolio", "add", "Far Thing", "--issuer", "Acme", "--earned", "2026-01-01", "--expires", "2030-01-01")
    ics = tmp_path / "renew.ics"
    r = cli("portfolio", "renewals", "--within", "60", "--ics", str(ics), "--json", "--as-of", AS_OF)
    assert r.code == 0, r.err
    rep = r.json()
    assert rep["as_of"] == AS_OF and rep["within_days"] == 60
    assert [(x["name"], x["status"]) for x in rep["renewals"]] == [
        ("Old Thing", "expired"), ("Google Cloud Professional Machine Learning Engineer", "due")]
    g = rep["renewals"][1]
    assert g["days_left"] == 46 and g["method"] and g["window_opens"] == "2026-11-11"
    cal = Calendar.from_ical(ics.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 2  # one event per renewal: the expired one today, the other at its window
    for ev in events:
        assert ev.get("uid") and ev.get("dtstamp") and ev.walk("VALARM")
        assert ev.get("dtstart").params.get("VALUE") == "DATE" or not hasattr(ev.decoded("dtstart"), "hour")
    assert len({str(ev.get("uid")) for ev in events}) == 2
    old, pmle = events
    assert str(old["SUMMARY"]).startswith("Expired: Old Thing") and old.decoded("DTSTART").isoformat() == AS_OF
    # its window opened on 2026-11-11, before as_of: the reminder is today, not back-dated
    assert pmle.decoded("DTSTART").isoformat() == AS_OF and str(pmle["SUMMARY"]).startswith("Renew now: ")
    desc = str(pmle["DESCRIPTION"])
    assert "How: pass the current exam again" in desc and "Renew at: https://" in desc and "(retake)" not in desc
    assert cli("portfolio", "renewals", "--as-of", AS_OF).code == 0


def test_export_import_round_trip(cli, tmp_path, monkeypatch):
    cli("portfolio", "add", "pmle", "--earned", "2025-01-10", "--credential-url", "https://c.example/1")
    cli("portfolio", "plan", "aws-ml-engineer-associate")
    cli("portfolio", "add", "Robot Wrangler", "--issuer", "Acme", "--earned", "2024-05-05")
    out = tmp_path / "portfolio.json"
    assert cli("portfolio", "export", str(out)).code == 0
    stdout_copy = json.loads(cli("portfolio", "export").out)
    exported = json.loads(out.read_text())
    assert exported["entries"] == stdout_copy["entries"] and len(exported["entries"]) == 3

    monkeypatch.setenv("CERTWISE_DATA_DIR", str(tmp_path / "elsewhere"))
    r = cli("portfolio", "import", str(out), "--json")
    assert r.code == 0, r.err
    assert json.loads(cli("portfolio", "export").out)["entries"] == exported["entries"]


@pytest.mark.parametrize(
    "content, needles",
    [
        ("{oops", ("not valid JSON",)),
        ('{"entries": [{"id": "no-such-cert"}]}', ("entries[0]: field 'id': unknown credential",)),
        ('{"entries": [{"id": "pmle", "state": "maybe"}]}', ("entries[0]: field 'state'",)),
        ('{"something": "else"}', ("no 'entries'", "portfolio export")),
        # the rules of `portfolio add` hold for imported entries too
        ('{"entries": [{"id": "pmle", "earned": "2025-01-01", "credential_url": "javascript:alert(1)"}]}',
         ("entries[0]: field 'credential_url'", "not a web address")),
        ('{"entries": [{"id": "pmle", "earned": "2030-01-01"}]}', ("entries[0]: field 'earned'", "in the future")),
        ('{"entries": [{"id": "pmle"}]}', ("entries[0]: field 'earned'", "required")),
    ],
)
def test_import_bad_file_writes_nothing(cli, tmp_path, content, needles):
    cli("portfolio", "add", "pmle", "--earned", "2025-01-10")
    before = json.loads(cli("portfolio", "export").out)["entries"]
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    _one_line_error(cli("portfolio", "import", str(bad), "--as-of", AS_OF), *needles)
    assert json.loads(cli("portfolio", "export").out)["entries"] == before


def test_bad_database_url_is_one_line(cli, monkeypatch):
    monkeypatch.setenv("CERTWISE_DATABASE_URL", "postgresql+psycopg://nobody:x@127.0.0.1:1/none")
    _one_line_error(cli("portfolio", "list"), "cannot open the database")
