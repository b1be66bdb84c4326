"""The advice commands: JSON per SPEC.md §4, readable output, and one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest

AS_OF = ["--as-of", "2026-11-24"]
REC_KEYS = {"as_of", "profile", "stage", "recommendations", "warnings", "free_resources", "stack"}
ITEM_KEYS = {"id", "name", "provider", "score", "reasons", "cost_usd", "prep_hours", "status"}


def _assert_spec_recommend(d):
    assert set(d) >= REC_KEYS
    assert d["stage"] in ("early", "mid", "senior")
    for r in d["recommendations"]:
        assert set(r) >= ITEM_KEYS
        assert isinstance(r["score"], int) and 0 <= r["score"] <= 100
        assert (r["cost_usd"] is None or set(r["cost_usd"]) == {"low", "high"}) and set(r["prep_hours"]) == {"low", "high"}
        assert r["status"] in ("beta", "active", "retiring") and r["reasons"]
    for w in d["warnings"]:
        assert set(w) >= {"code", "message"}
    assert all(isinstance(x, str) for x in d["free_resources"] + d["stack"])


def test_recommend_json_matches_spec(cli):
    r = cli("recommend", "--role", "developer", "--cloud", "gcp", "--cloud-experience", "some", "--years", "4",
            "--json", *AS_OF)
    assert r.code == 0, r.err
    d = r.json()
    _assert_spec_recommend(d)
    assert d["as_of"] == "2026-11-24"
    assert d["profile"]["role"] == "developer" and d["profile"]["years_experience"] == 4


def test_recommend_flag_spellings(cli):
    a = cli("recommend", "--budget", "0", "--hours", "6", "--years", "1", "--json", *AS_OF).json()
    b = cli("recommend", "--budget-usd", "0", "--hours-per-week", "6", "--years-experience", "1", "--json",
            *AS_OF).json()
    assert a == b
    assert a["profile"]["budget_usd"] == 0 and a["profile"]["hours_per_week"] == 6


def test_held_repeatable_or_comma_separated(cli, catalog):
    ids = [i for i in ("aws-cloud-practitioner", "google-ai-essentials", "ibm-ai-engineering") if i in catalog]
    if len(ids) < 3:
        pytest.skip("records not there yet")
    a = cli("recommend", "--held", ",".join(ids[:2]), "--held", ids[2], "--json", *AS_OF).json()
    b = cli("recommend", "--held", ids[0], "--held", ids[1], "--held", ids[2], "--json", *AS_OF).json()
    assert a == b and a["profile"]["held"] == ids
    assert not set(ids) & {x["id"] for x in a["recommendations"]}


def test_profile_file_and_flags_override(cli, tmp_path):
    f = tmp_path / "me.yaml"
    f.write_text("role: ml-practitioner\ncloud: aws\ncloud_experience: some\nyears_experience: 4\n"
                 "goal: ml-engineering\n")
    d = cli("recommend", "--profile", str(f), "--cloud", "gcp", "--json", *AS_OF).json()
    assert d["profile"]["role"] == "ml-practitioner" and d["profile"]["cloud"] == "gcp"
    assert d["recommendations"][0]["ecosystem"] == "gcp"


def test_profile_as_a_positional_argument(cli, tmp_path):
    f = tmp_path / "me.json"
    f.write_text('{"role": "student", "goal": "deep-learning"}')
    a = cli("recommend", str(f), "--json", *AS_OF)
    assert a.code == 0 and a.json() == cli("recommend", "--profile", str(f), "--json", *AS_OF).json()
    both = cli("recommend", str(f), "--profile", str(f), "--json")
    assert both.code == 2 and "not both" in both.err


def test_no_profile_without_a_terminal_uses_defaults_and_says_so(cli):
    r = cli("recommend", "--json", *AS_OF)
    assert r.code == 0
    assert "using the defaults" in r.err and len(r.err.strip().splitlines()) == 1
    assert r.json()["profile"]["role"] == "career-changer"


def test_no_profile_on_a_terminal_asks(cli, monkeypatch):
    import certwise.cli.advice_cmds as mod

    monkeypatch.setattr(mod, "_is_terminal", lambda: True)
    answers = "\n".join(["developer", "4", "gcp", "some", "ml-engineering", "500", "8", "", ""]) + "\n"
    r = cli("recommend", "--json", *AS_OF, input=answers)
    assert r.code == 0, r.err
    d = json.loads(r.out)  # the questions go to stderr, stdout stays JSON
    assert d["profile"]["role"] == "developer" and d["profile"]["cloud"] == "gcp"
    assert d["profile"]["budget_usd"] == 500 and d["profile"]["hours_per_week"] == 8
    assert "Which describes you best?" in r.err


def test_no_input_flag_never_asks(cli, monkeypatch):
    import certwise.cli.advice_cmds as mod

    monkeypatch.setattr(mod, "_is_terminal", lambda: True)
    r = cli("recommend", "--no-input", "--json", *AS_OF)
    assert r.code == 0 and "Which describes" not in r.err


def test_recommend_human_output(cli):
    r = cli("recommend", "--role", "ml-practitioner", "--cloud", "aws", "--cloud-experience", "some",
            "--years", "4", "--goal", "ml-engineering", *AS_OF)
    assert r.code == 0
    assert "Top pick" in r.out and "Make it count" in r.out
    assert "superseded" in r.out


@pytest.mark.parametrize("args,fragment", [
    (["--role", "wizard"], "role 'wizard' is not one of"),
    (["--goal", "fame"], "goal 'fame' is not one of"),
    (["--budget", "-5"], "budget_usd must be a number ≥ 0"),
    (["--hours", "0"], "hours_per_week must be a number above 0"),
    (["--held", "no-such-cert-xyz"], "held: unknown credential 'no-such-cert-xyz'"),
    (["--budget", "lots"], "lots"),
    (["--as-of", "yesterday"], "--as-of 'yesterday' is not a date"),
])
def test_bad_profiles_one_line_exit_2(cli, args, fragment):
    r = cli("recommend", *args, "--json")
    assert r.code == 2
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in r.err


@pytest.mark.parametrize("text,fragment", [
    ("role: [developer\n", "is not valid YAML"),
    ("role: wizard\n", "role 'wizard'"),
    ("- a\n- b\n", "a profile is a mapping"),
])
def test_bad_profile_files_one_line_exit_2(cli, tmp_path, text, fragment):
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    r = cli("recommend", "--profile", str(f), "--json")
    assert r.code == 2 and r.out == ""
    assert len(r.err.strip().splitlines()) == 1 and fragment in r.err and str(f) in r.err


def test_missing_profile_file(cli, tmp_path):
    r = cli("recommend", "--profile", str(tmp_path / "nope.yaml"))
    assert r.code == 2 and "no such profile file" in r.err


# --- evaluate ------------------------------------------------------------------------------------


def test_evaluate_id_json(cli, catalog):
    cid = "google-ml-engineer"
    r = cli("evaluate", "PMLE", "--json", *AS_OF)
    assert r.code == 0, r.err
    d = r.json()
    assert d["id"] == cid and d["verdict"] in ("worth-it", "situational", "skip")
    assert set(d["criteria"]) == {"recognition", "practical", "specificity", "value", "currency"}
    assert {"name", "id", "score", "verdict", "criteria", "red_flags", "reasons"} <= set(d)


def test_evaluate_file(cli, tmp_path):
    f = tmp_path / "mill.yaml"
    f.write_text("name: AI Certified Professional\nissuer: Global AI Academy\nprice_usd: 1500\nhours: 8\n"
                 "assessment: quiz\nhands_on: false\nrenewal_years: null\nurl: https://example.com\n")
    d = cli("evaluate", "--file", str(f), "--json", *AS_OF).json()
    assert d["verdict"] == "skip" and d["id"] is None
    assert {"generic-title", "unrecognized-issuer", "no-hands-on", "quiz-only", "expensive-for-depth"} <= {
        x["code"] for x in d["red_flags"]}
    human = cli("evaluate", "--file", str(f), *AS_OF)
    assert "skip" in human.out and "Red flags" in human.out


@pytest.mark.parametrize("args,fragment", [
    (["no-such-cert-xyz"], "unknown credential"),
    ([], "give a credential ID or --file"),
])
def test_evaluate_errors(cli, args, fragment):
    r = cli("evaluate", *args, "--json")
    assert r.code == 2 and fragment in r.err and len(r.err.strip().splitlines()) == 1


def test_evaluate_bad_file(cli, tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("name: x\nissuer: y\n")
    r = cli("evaluate", "--file", str(f), "--json")
    assert r.code == 2 and "field 'price_usd' is missing" in r.err and r.out == ""
    f.write_text("name: [x\n")
    r = cli("evaluate", "--file", str(f))
    assert r.code == 2 and "not valid YAML" in r.err


# --- stack -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ml-engineer", "ai-product", "data-to-ai", "generative-ai"])
def test_stack_json(cli, name):
    r = cli("stack", name, "--json", *AS_OF)
    assert r.code == 0, r.err
    d = r.json()
    assert {"name", "steps", "total_cost_usd", "total_months", "coherence"} <= set(d)
    assert all(("id" in s or "label" in s) and "why" in s for s in d["steps"])


def test_stack_for_a_profile_and_human_output(cli):
    r = cli("stack", "--role", "developer", "--cloud", "aws", "--years", "4", "--json", *AS_OF)
    assert r.code == 0 and r.json()["name"] == "profile"
    h = cli("stack", "ml-engineer", *AS_OF)
    assert "1. " in h.out and "coherence" in h.out


def test_stack_errors(cli):
    assert cli("stack", "nope").code == 2
    r = cli("stack")
    assert r.code == 2 and "give a stack name" in r.err


# --- roi ---------------------------------------------------------------------------------------------------


def test_roi_json(cli):
    r = cli("roi", "google-ml-engineer", "--salary", "100000", "--json", *AS_OF)
    assert r.code == 0, r.err
    d = r.json()
    assert {"id", "cost_usd", "uplift_pct", "uplift_usd_per_year", "payback_months", "source", "caveat"} <= set(d)
    assert d["uplift_pct"] == {"low": 25, "high": 25}
    assert "Payback" in cli("roi", "google-ml-engineer", "--salary", "100000", *AS_OF).out


def test_roi_without_a_source_is_null(cli, catalog):
    if "ibm-ai-engineering" not in catalog:
        pytest.skip("record not there yet")
    d = cli("roi", "ibm-ai-engineering", "--salary", "70000", "--json", *AS_OF).json()
    assert d["uplift_pct"] is None and d["payback_months"] is None and d["caveat"]


@pytest.mark.parametrize("args,fragment", [
    (["google-ml-engineer"], "--salary is required"),
    (["google-ml-engineer", "--salary", "-3"], "--salary must be"),
    (["no-such-cert-xyz", "--salary", "5"], "unknown credential"),
])
def test_roi_errors(cli, args, fragment):
    r = cli("roi", *args, "--json")
    assert r.code == 2 and fragment in r.err and r.out == ""


def test_help_texts(cli):
    for cmd in ("recommend", "evaluate", "stack", "roi"):
        r = cli(cmd, "--help")
        assert r.code == 0 and "Examples" in r.out
