"""`certwise plan` and `certwise audit` through the CLI: text, JSON, calendars, errors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar


def one_line_error(r) -> str:
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("certwise: error: ")
    assert "Traceback" not in r.err
    return lines[0]


# --- plan: success ----------------------------------------------------------------------------


def test_plan_json_follows_the_spec(cli):
    r = cli("plan", "google-ml-engineer", "--start", "2026-12-01", "--hours-per-week", "8",
            "--years-experience", "4", "--as-of", "2026-11-25", "--json")
    assert r.code == 0, r.err
    p = r.json()
    assert p["start"] == "2026-12-01" and p["as_of"] == "2026-11-25"
    assert p["hours_per_week"] == 8 and p["stage"] == "mid"
    (it,) = p["items"]
    assert it["id"] == "google-ml-engineer"
    assert it["study_start"] == "2026-12-01"
    assert date.fromisoformat(it["exam_date"]) > date(2026, 12, 1)
    assert date.fromisoformat(it["renewal_due"]) > date.fromisoformat(it["exam_date"])
    assert it["milestones"] and {"week", "topic", "project"} <= set(it["milestones"][0])
    assert p["total_cost_usd"] == it["cost_usd"]
    assert p["end"] == it["exam_date"]


def test_plan_accepts_aliases_short_flags_and_orders_by_level(cli):
    r = cli("plan", "PMLE,google-ai-essentials", "--hours", "6", "--years", "1", "--start", "2026-12-01", "--json")
    assert r.code == 0, r.err
    ids = [i["id"] for i in r.json()["items"]]
    assert ids == ["google-ai-essentials", "google-ml-engineer"]


def test_start_defaults_to_as_of(cli):
    r = cli("plan", "aws-ai-practitioner", "--as-of", "2026-12-07", "--json")
    assert r.code == 0, r.err
    assert r.json()["start"] == "2026-12-07"
    assert r.json()["hours_per_week"] == 5  # the profile default


def test_plan_text_shows_timeline_and_milestones(cli):
    r = cli("plan", "aws-ai-practitioner", "--start", "2026-12-01", "--hours-per-week", "5")
    assert r.code == 0, r.err
    assert "Study plan" in r.out and "2026-12-01" in r.out
    assert "AWS Certified AI Practitioner" in r.out
    assert "milestones" in r.out and "Make it count" in r.out
    assert "--ics" in r.out  # tells you how to get the calendar


def test_plan_writes_ics_that_parses(cli, tmp_path):
    out = tmp_path / "plan.ics"
    r = cli("plan", "aws-ai-practitioner", "--start", "2026-12-01", "--hours-per-week", "5",
            "--ics", str(out), "--json")
    assert r.code == 0, r.err
    assert r.json()["ics"] == str(out)
    cal = Calendar.from_ical(out.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any(s.startswith("Exam: AWS Certified AI Practitioner") for s in summaries)
    assert [p.name for p in tmp_path.iterdir() if p.name != "certwise-data"] == ["plan.ics"]  # no temp left


def test_plan_ics_overwrites_atomically(cli, tmp_path):
    out = tmp_path / "plan.ics"
    out.write_text("old")
    r = cli("plan", "aws-ai-practitioner", "--hours", "5", "--ics", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "Calendar written to" in r.out


def test_plan_ics_to_stdout(cli):
    r = cli("plan", "aws-ai-practitioner", "--hours", "5", "--ics", "-")
    assert r.code == 0, r.err
    assert r.out.startswith("BEGIN:VCALENDAR")
    Calendar.from_ical(r.out)


# --- plan: errors -----------------------------------------------------------------------------


def test_unknown_id_suggests(cli):
    msg = one_line_error(cli("plan", "aws-ml-specialtee", "--hours", "5"))
    assert "unknown credential 'aws-ml-specialtee'" in msg and "did you mean" in msg and "aws-ml-specialty" in msg


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "01/12/2026"])
def test_bad_start_date(cli, bad):
    msg = one_line_error(cli("plan", "aws-ai-practitioner", "--start", bad))
    assert "--start" in msg and "YYYY-MM-DD" in msg


@pytest.mark.parametrize("bad", ["0", "-3", "nan", "abc"])
def test_zero_negative_or_nonsense_hours(cli, bad, tmp_path):
    out = tmp_path / "x.ics"
    msg = one_line_error(cli("plan", "aws-ai-practitioner", f"--hours-per-week={bad}", "--ics", str(out)))
    assert "--hours-per-week" in msg
    assert not out.exists()


def test_negative_years(cli):
    assert "--years-experience" in one_line_error(cli("plan", "aws-ai-practitioner", "--years-experience=-1"))


def test_retired_credential_names_its_successor_and_writes_nothing(cli, tmp_path, catalog):
    out = tmp_path / "x.ics"
    msg = one_line_error(cli("plan", "aws-ml-specialty", "--start", "2026-11-25", "--ics", str(out)))
    assert "retired" in msg
    assert any(s in msg for s in catalog.get("aws-ml-specialty").lifecycle.successors)
    assert not out.exists()


def test_tensorflow_certificate_closed_in_2024(cli):
    msg = one_line_error(cli("plan", "tensorflow-developer-certificate", "--start", "2026-11-25"))
    assert "retired on 2024-07-31" in msg


def test_before_retirement_it_plans_with_a_warning(cli):
    r = cli("plan", "aws-ml-specialty", "--start", "2026-01-09", "--hours", "10", "--as-of", "2026-01-09", "--json")
    assert r.code == 0, r.err
    assert "retiring" in [w["code"] for w in r.json()["warnings"]]


def test_unwritable_ics_path_fails_cleanly(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target in (tmp_path / "missing-dir" / "plan.ics", blocker / "plan.ics", tmp_path):
        msg = one_line_error(cli("plan", "aws-ai-practitioner", "--hours", "5", "--ics", str(target), "--json"))
        assert "cannot write the calendar" in msg
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "certwise-data") == ["a-file"]
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_ics_stdout_with_json_is_refused(cli):
    assert "--ics -" in one_line_error(cli("plan", "aws-ai-practitioner", "--ics", "-", "--json"))


def test_nothing_to_plan(cli):
    assert "at least one credential" in one_line_error(cli("plan"))


def test_profile_supplies_hours_and_years(cli, tmp_path):
    prof = tmp_path / "me.yaml"
    prof.write_text("hours_per_week: 20\nyears_experience: 9\n")
    r = cli("plan", "google-ml-engineer", "--profile", str(prof), "--start", "2026-12-01", "--json")
    assert r.code == 0, r.err
    p = r.json()
    assert p["hours_per_week"] == 20 and p["stage"] == "senior"
    r2 = cli("plan", "google-ml-engineer", "--profile", str(prof), "--hours", "4", "--start", "2026-12-01", "--json")
    assert r2.json()["hours_per_week"] == 4  # flags override the file


def test_bad_profile_is_one_line(cli, tmp_path):
    prof = tmp_path / "me.yaml"
    prof.write_text("hours_per_week: -2\n")
    one_line_error(cli("plan", "google-ml-engineer", "--profile", str(prof)))


# --- audit ------------------------------------------------------------------------------------


def _badge(path, name: str, issuer: str, issued: str = "2025-01-02", expires: str | None = None):
    import json

    doc = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "issuedOn": issued,
           "recipient": {"type": "email", "identity": "me@example.org"},
           "badge": {"type": "BadgeClass", "name": name, "issuer": {"type": "Issuer", "name": issuer}}}
    if expires:
        doc["expires"] = expires
    path.write_text(json.dumps(doc))
    return path


def test_audit_json_follows_the_spec(cli):
    r = cli("audit", "--held", "aws-cloud-practitioner@2024-01-10,aws-ai-practitioner", "--held", "MLA-C01",
            "--as-of", "2026-11-25", "--json")
    assert r.code == 0, r.err
    a = r.json()
    assert set(a) >= {"coherence", "story", "warnings", "expired", "expiring", "unrecognized", "next"}
    assert [h["id"] for h in a["held"]][0] == "aws-cloud-practitioner"
    assert a["expiring"][0]["id"] == "aws-cloud-practitioner"  # 3 years from 2024-01-10
    assert "expiring-soon" in [w["code"] for w in a["warnings"]]
    assert a["next"] and a["next"][0] not in {"aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"}


def test_audit_text_is_coloured_story_and_warnings(cli):
    r = cli("audit", "--held", "aws-cloud-practitioner,azure-ai-fundamentals,google-ai-essentials,nvidia-nca-genl,"
            "databricks-ml-associate,ibm-ai-engineering,google-ml-engineer", "--as-of", "2026-11-25")
    assert r.code == 0, r.err
    assert "Coherence" in r.out and "Seven badges" in r.out
    assert "collecting" in r.out and "Next" in r.out


def test_audit_reads_badges(cli, tmp_path):
    mine = _badge(tmp_path / "pmle.json", "Professional Machine Learning Engineer", "Google Cloud")
    junk = _badge(tmp_path / "junk.json", "AI Certified Professional", "Global AI Academy")
    r = cli("audit", "--badge", str(mine), "--badge", str(junk), "--as-of", "2026-11-25", "--json")
    assert r.code == 0, r.err
    a = r.json()
    ids = [h["id"] for h in a["held"]]
    assert "google-ml-engineer" in ids and None in ids
    assert a["unrecognized"][0]["name"] == "AI Certified Professional"
    assert "unrecognized" in [w["code"] for w in a["warnings"]]
    assert all(h["source"] == "badge" for h in a["held"])


def test_audit_bad_badge_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    one_line_error(cli("audit", "--badge", str(bad)))
    one_line_error(cli("audit", "--badge", str(tmp_path / "missing.json")))


def test_audit_badge_that_links_to_a_missing_file_names_the_command(cli, tmp_path):
    import json

    lone = tmp_path / "lone.json"
    lone.write_text(json.dumps({"type": "Assertion", "recipient": {}, "issuedOn": "2025-01-02",
                                "badge": "https://x.example/badges/robots.json"}))
    line = one_line_error(cli("audit", "--badge", str(lone)))
    assert "robots.json" in line and "`certwise audit --badge lone.json --badge robots.json`" in line


def test_audit_portfolio(cli, catalog):
    from certwise.store import Store

    with Store() as s:
        s.add_entry(catalog.get("aws-ml-engineer-associate"), earned=date(2022, 6, 1))
        s.add_entry(name="Robots 101", issuer="Acme Academy", earned=date(2025, 1, 1))
        s.add_entry(catalog.get("aws-genai-developer"), state="planned")
    r = cli("audit", "--portfolio", "--as-of", "2026-11-25", "--json")
    assert r.code == 0, r.err
    a = r.json()
    assert [h["name"] for h in a["held"]][0].startswith("AWS Certified Machine Learning Engineer")
    assert len(a["held"]) == 2  # planned entries are not holdings
    assert a["expired"][0]["id"] == "aws-ml-engineer-associate"
    assert a["unrecognized"][0]["name"] == "Robots 101"
    # with no option at all, the portfolio is audited
    assert cli("audit", "--as-of", "2026-11-25", "--json").json()["held"] == a["held"]


def test_audit_empty_portfolio(cli):
    r = cli("audit", "--json")
    assert r.code == 0, r.err
    assert r.json()["story"].startswith("No credentials yet")


def test_audit_unknown_held_suggests(cli):
    msg = one_line_error(cli("audit", "--held", "aws-cloud-practitoner"))
    assert "did you mean" in msg and "aws-cloud-practitioner" in msg


@pytest.mark.parametrize("bad", ["aws-ai-practitioner@2025-02-30", "aws-ai-practitioner@2027-01-01"])
def test_audit_bad_earned_date(cli, bad):
    msg = one_line_error(cli("audit", "--held", bad, "--as-of", "2026-11-25"))
    assert "aws-ai-practitioner" in msg


def test_a_credential_whose_price_no_source_states_is_planned_and_said_so(cli, catalog):
    """Every such credential plans in words without a traceback (it was a TypeError): its cost
    reads "not stated", the total is "unknown", not "free", and names what it leaves out; the
    stack line does the same."""
    unpriced = [c.id for c in catalog if c.cost.unknown and c.is_live(date(2026, 12, 1)) and c.access == "public"]
    assert unpriced
    for cid in unpriced:
        r = cli("plan", cid, "--as-of", "2026-12-01")
        assert r.code == 0 and "Traceback" not in r.err, (cid, r.err[-300:])
        out = "".join(r.out.split())  # the terminal may wrap anywhere, a long id at its hyphens
        assert f"totalunknown(nopricestatedfor{cid})" in out and "notstated" in out, cid
    longest = max((c for c in catalog if c.is_live(date(2026, 12, 1)) and not c.cost.unknown and c.cost.usd.high),
                  key=lambda c: len(c.id))
    r = cli("plan", longest.id, "--as-of", "2026-12-01")  # 80 columns: a long id cuts off no column
    due = json.loads(cli("plan", longest.id, "--as-of", "2026-12-01", "--json").out)["items"][0]["renewal_due"]
    out = "".join(r.out.split())
    assert out.count(f"${longest.cost.usd.high:,.0f}") >= 2 and "Renewby" in out and (due or "never") in out, r.out
    s = cli("stack", "--role", "developer", "--goal", "ml-engineering", "--cloud", "azure", "--as-of", "2026-12-01")
    assert s.code == 0 and "nopricestatedfor" in "".join(s.out.split())


def test_audit_table_keeps_its_state_column_with_a_long_id(cli):
    """80 columns: a 49-character id folds rather than push the state off the table."""
    r = cli("audit", "--held", "microsoft-agentic-ai-business-solutions-architect@2025-06-01",
            "--held", "aws-ml-engineer-associate", "--as-of", "2026-12-01")
    assert r.code == 0, r.err
    table = r.out[r.out.index("What you hold"):]
    assert "State" in table and "expired" in table and "valid" in table, table
