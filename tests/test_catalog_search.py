"""Search finds the right credential first, tolerant of typos and spacing."""

from __future__ import annotations

import pytest

from certwise.catalog.search import search, suggest


@pytest.mark.parametrize(
    "query, expected",
    [
        ("ai102", "azure-ai-engineer"),
        ("AI-102", "azure-ai-engineer"),
        ("ai 103", "azure-ai-apps-agents-developer"),
        ("aws ml specialty", "aws-ml-specialty"),
        ("MLS-C01", "aws-ml-specialty"),
        ("mlsc01", "aws-ml-specialty"),
        ("pmle", "google-ml-engineer"),
        ("google professional machine learning engineer", "google-ml-engineer"),
        ("databriks machine lerning professional", "databricks-ml-professional"),
        ("nca genl", "nvidia-nca-genl"),
        ("aigp", "iapp-aigp"),
        ("ibm ai engineering", "ibm-ai-engineering"),
        ("google ai essentials", "google-ai-essentials"),
        ("az900", "azure-fundamentals"),
        ("cloud practitioner", "aws-cloud-practitioner"),
        # a mistyped filler word ("certfied") must not let another provider's "AI" names win
        ("AWS Certfied AI Practioner", "aws-ai-practitioner"),
        ("Microsoft Cerified Azure AI Fundamentals", "azure-ai-fundamentals"),
    ],
)
def test_best_match_first(catalog, query, expected):
    hits = search(catalog, query)
    assert hits, query
    assert hits[0][0].id == expected, [(c.id, s) for c, s in hits[:3]]


def test_nonsense_finds_nothing(catalog):
    assert search(catalog, "zzqxv wolpertinger") == []


def test_suggest_offers_close_ids(catalog):
    assert "aws-ml-specialty" in suggest(catalog, "aws-ml-specialy")


@pytest.mark.parametrize("text", ["foo", "xyzzy", "qq"])
def test_no_did_you_mean_for_what_is_no_credential_s_typo(catalog, text):
    assert suggest(catalog, text) == []
