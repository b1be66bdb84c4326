"""advice.issuers: one list of issuers, read by the worth-it test, the scorer and the audit."""

from __future__ import annotations

from certwise.advice import worth
from certwise.advice.issuers import carries_weight_in_ai, is_known_issuer, issuer_class
from certwise.catalog.load import Catalog


def test_classes():
    assert issuer_class("Amazon Web Services") == "major"
    assert issuer_class("Google Cloud") == "major"
    assert issuer_class("Stanford University") == "university"
    assert issuer_class("HarvardX (Harvard University on edX)") == "university"
    assert issuer_class("NVIDIA") == "known" and issuer_class("IAPP") == "known"
    assert issuer_class("Global AI Academy") == "unknown"
    assert issuer_class("Smith & Sons") == "unknown"  # whole words: "mit" is not in "Smith"


def test_worth_reads_the_same_list():
    assert worth.issuer_class is issuer_class


def test_weight_in_ai_is_narrower_than_known():
    assert carries_weight_in_ai("IBM") and carries_weight_in_ai("MIT Professional Education")
    assert not carries_weight_in_ai("IAPP (International Association of Privacy Professionals)")
    assert not carries_weight_in_ai("CertNexus")


def test_known_issuer_includes_the_catalogs_providers(catalog):
    assert is_known_issuer("Google Cloud")
    assert not is_known_issuer("  ")
    assert not is_known_issuer("CertNexus")
    assert is_known_issuer("CertNexus", catalog) == ("CertNexus" in {c.provider for c in catalog})
    assert not is_known_issuer("Acme", Catalog([]))
