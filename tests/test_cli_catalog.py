"""Browsing from the CLI: list, show, compare, search — text and JSON, and their error paths."""

from __future__ import annotations

import pytest


def test_list_text_and_json(cli):
    r = cli("list")
    assert r.code == 0 and "google-ml-engineer" in r.out
    j = cli("list", "--json").json()
    assert j["count"] == len(j["credentials"]) >= 40
    first = j["credentials"][0]
    assert {"id", "name", "provider", "tier", "level", "cost_usd", "prep_hours", "status"} <= set(first)


@pytest.mark.parametrize(
    "args, check",
    [
        (["--ecosystem", "aws"], lambda c: c["ecosystem"] == "aws"),
        (["--tier", "1"], lambda c: c["tier"] == 1),
        (["--level", "foundational"], lambda c: c["level"] == "foundational"),
        (["--domain", "generative-ai"], lambda c: "generative-ai" in c["domains"]),
        (["--kind", "learning-path"], lambda c: c["kind"] == "learning-path"),
        (["--max-cost", "100"], lambda c: c["cost_usd"] is not None and c["cost_usd"]["low"] <= 100),
        (["--free"], lambda c: c["cost_usd"]["low"] == 0),
        (["--provider", "microsoft"], lambda c: "Microsoft" in c["provider"]),
        (["--status", "retired", "--as-of", "2026-11-24"], lambda c: c["status"] == "retired"),
        (["--group", "nvidia"], lambda c: "NVIDIA" in c["provider"]),
    ],
)
def test_list_filters(cli, args, check):
    j = cli("list", *args, "--json").json()
    assert j["count"] > 0
    assert all(check(c) for c in j["credentials"])


def test_list_filters_combine_with_commas(cli):
    j = cli("list", "--ecosystem", "aws,azure", "--level", "associate", "--json").json()
    assert {c["ecosystem"] for c in j["credentials"]} <= {"aws", "azure"}
    assert j["count"] >= 2


def test_list_empty_state(cli):
    r = cli("list", "--ecosystem", "aws", "--kind", "university-program")
    assert r.code == 0 and "No credentials match" in r.out


def test_show_retired_says_so_and_what_to_take(cli):
    r = cli("show", "aws-ml-specialty", "--as-of", "2026-11-24")
    assert r.code == 0
    assert "retired" in r.out.lower()
    assert "aws-ml-engineer-associate" in r.out
    j = cli("show", "aws-ml-specialty", "--as-of", "2026-11-24", "--json").json()
    assert j["status"] == "retired" and j["as_of"] == "2026-11-24"
    assert "aws-ml-engineer-associate" in {x["id"] for x in j["replaced_by"]}
    assert "Retired on 2026-03-31" in j["status_note"]


def test_show_every_fact_has_source_and_date(cli):
    j = cli("show", "PMLE", "--json").json()
    assert j["id"] == "google-ml-engineer"
    for fld in ("cost", "prep", "renewal", "url", "salary_uplift"):
        assert j["fact_sources"][fld], fld
        assert all(s["verified"] for s in j["fact_sources"][fld])
    r = cli("show", "pmle")
    assert "Sources" in r.out and "verified" in r.out


def test_show_by_alias_before_guide_date(cli):
    j = cli("show", "MLS-C01", "--as-of", "2026-01-09", "--json").json()
    assert j["status"] == "retiring"


def test_compare(cli):
    j = cli("compare", "pmle", "MLA-C01", "ai-103", "--json").json()
    assert [c["id"] for c in j["credentials"]] == ["google-ml-engineer", "aws-ml-engineer-associate",
                                                   "azure-ai-apps-agents-developer"]
    labels = [r["label"] for r in j["rows"]]
    assert "Cost (USD)" in labels and "Valid / renewal" in labels
    assert all(len(r["values"]) == 3 for r in j["rows"])
    r = cli("compare", "pmle", "mla-c01")
    assert r.code == 0 and "Side by side" in r.out


def test_search_text_and_json(cli):
    j = cli("search", "aws", "ml", "specialty", "--json").json()
    assert j["results"][0]["id"] == "aws-ml-specialty"
    assert j["query"] == "aws ml specialty"
    r = cli("search", "qqqzzz")
    assert r.code == 0 and "Nothing matches" in r.out


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "aws-ml-specialy"], "did you mean aws-ml-specialty"),
        (["show", "pmle", "--as-of", "yesterday"], "is not a date"),
        (["list", "--tier", "5"], "is not a tier"),
        (["list", "--ecosystem", "ibmcloud"], "--ecosystem 'ibmcloud' is not one of"),
        (["list", "--max-cost", "-5"], "negative"),
        (["list", "--sort", "price"], "--sort 'price'"),
        (["list", "--frobnicate"], "No such option"),
        (["compare", "pmle"], "at least two"),
        (["compare", "pmle", "PMLE"], "named twice"),
        (["compare", "pmle", "nope-nope"], "unknown credential 'nope-nope'"),
        (["search", " "], "needs some text"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli, args, message):
    r = cli(*args)
    assert r.code == 2
    assert message in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err and r.out == ""
