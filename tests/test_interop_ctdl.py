"""CTDL in and out, schema.org out: the external fixtures, streaming, ids, round trips."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certwise.interop.ctdl_export import export_ctdl
from certwise.interop.ctdl_import import CtdlError, iter_ctdl_credentials
from certwise.interop.ctdl_values import duration_hours, text
from certwise.interop.jsonstream import JsonStreamError, iter_nodes
from certwise.interop.schema_org import export_schema_org
from storeutil import external

TODAY = date(2026, 11, 25)


def ctdl(name: str) -> Path:
    return external("ctdl", name)


def _one(path: Path, **kw):
    (c,) = list(iter_ctdl_credentials(path, verified=TODAY, **kw))
    return c


def test_legacy_plain_string_certification():
    c = _one(ctdl("3_import.json"))
    assert c.name == "Certified Occupational Therapy Assistant (COTA®)"
    assert (c.kind.value, c.level.value, c.origin) == ("certification-exam", "associate", "overlay")
    assert c.prep.months.low == 24  # P2Y
    assert (c.renewal.method, c.renewal.cost_usd) == ("retake", 65.0)  # "US Dollar" counts as USD
    assert "ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47" in c.aliases
    src = c.sources[0]
    assert "ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47" in src.title and "3_import.json" in src.title
    assert src.verified == TODAY and {"cost", "prep", "renewal", "url"} <= set(src.supports)
    assert c.recommended_experience.startswith("To be deemed eligible")


def test_embedded_owner_and_renewal_cost_without_price():
    c = _one(ctdl("4_import.json"))
    assert (c.name, c.provider) == ("Health Informatics", "Medical Licensing Board of Indiana")
    assert c.id.startswith("medical-licensing-board") and c.renewal.cost_usd is None
    assert c.renewal.method == "recertification-exam"


def test_registry_envelope_with_bom():
    assert ctdl("CredentialEnvelope.json").read_bytes()[:3] == b"\xef\xbb\xbf"
    c = _one(ctdl("CredentialEnvelope.json"))
    assert c.name == "21st Century Skills for Workplace Success"
    assert c.lifecycle.launched == date(2016, 9, 1)
    assert c.level.value == "foundational"  # audLevel:BeginnerLevel
    assert c.cost.usd.high == 0 and "unknown" in c.cost.note.lower()  # costs without a price are unknown, not free
    assert c.sources[0].url.endswith("ce-14525aea-57c5-4f5a-8f1c-bdc95c7f8b9b")


def test_language_maps_pick_english_and_degrees_are_programs():
    c = _one(ctdl("CredentialWithMultipleLanguages_Api_output.json"))
    assert c.name == "Bachelor of Science in Accounting"
    assert (c.kind.value, c.level.value) == ("university-program", "program")
    assert (c.prep.hours.low, c.prep.hours.high) == (80, 120)  # P8W-P12W at ~10 h/week
    assert c.cost.usd.low == 100 + 12999 and c.cost.basis == "tuition"


def test_graph_skips_blank_node_credentials_and_organisations():
    creds = list(iter_ctdl_credentials(ctdl("Credential_PublishDetailedRecord_API_output.json"), verified=TODAY))
    assert [c.name for c in creds] == ["My Certification Name"]  # not the _: MasterDegree beside it


def test_every_external_ctdl_file_imports():
    files = sorted(external("ctdl").glob("*.json"))
    ids = []
    for f in files:
        ids += [c.id for c in iter_ctdl_credentials(f, verified=TODAY)]
    assert len(ids) == len(files) == len(set(ids))


def test_ids_are_unique_and_avoid_reserved(tmp_path):
    node = {"@type": "ceterms:Certification", "ceterms:name": "Professional ML Engineer",
            "ceterms:ownedBy": [{"ceterms:name": "Google Cloud"}]}
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"@graph": [node, node, {**node, "ceterms:name": {"en": "Other"}}]}))
    ids = [c.id for c in iter_ctdl_credentials(p, reserved_ids={"google-cloud-professional-ml-engineer"})]
    assert ids == ["google-cloud-professional-ml-engineer-2", "google-cloud-professional-ml-engineer-3",
                   "google-cloud-other"]
    creds = list(iter_ctdl_credentials(p))
    assert creds[0].ecosystem == "gcp" and "ml-engineering" in creds[0].domains


def test_owner_named_later_in_the_graph_is_resolved(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"@graph": [
        {"@type": "ceterms:Certificate", "ceterms:name": "Deep Learning Basics", "ceterms:ownedBy": ["urn:org:1"]},
        {"@id": "urn:org:1", "@type": "ceterms:CredentialOrganization", "ceterms:name": {"en-US": "Acme"}},
    ]}))
    (c,) = iter_ctdl_credentials(p)
    assert (c.provider, c.id, c.kind.value) == ("Acme", "acme-deep-learning-basics", "professional-certificate")
    assert "deep-learning" in c.domains


@pytest.mark.parametrize(
    "content, message",
    [
        ("{\"@graph\": [{\"@type\": \"ceterms:Certification\"}]}", "field 'ceterms:name' is missing"),
        ("{\"@graph\": [{\"@type\": \"ceterms:Certification\", \"ceterms:name\": \"X\", \"ceterms:dateEffective\": \"soon\"}]}",
         "field 'ceterms:dateEffective' is not a date"),
        ('{"@graph": [{"a": 1},\n {"b": }]}', "not valid JSON: Expecting value (line 2"),
        ("", "not valid JSON: the file is empty"),
    ],
)
def test_bad_ctdl_gives_one_line(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(CtdlError) as e:
        list(iter_ctdl_credentials(p))
    assert message in str(e.value) and str(e.value).startswith("bad.json") and "\n" not in str(e.value)


@pytest.mark.parametrize("chunk", [1, 3, 17, 4096])
def test_stream_parser_matches_json_load_at_any_chunk_size(chunk):
    for f in sorted(external("ctdl").glob("*.json")):
        doc = json.loads(f.read_bytes().decode("utf-8-sig"))
        inner = doc.get("decoded_resource", doc)
        expected = inner.get("@graph", [inner])
        with f.open(encoding="utf-8") as fh:
            got = list(iter_nodes(fh, chunk_size=chunk))
        if "decoded_resource" in doc or "@graph" in doc:
            assert got == expected
        else:
            assert got == [doc]


def test_stream_parser_numbers_across_chunks_and_errors():
    assert list(iter_nodes(io.StringIO('[{"p": 1234567.25e1, "q": -0, "t": true}]'), chunk_size=2)) == [
        {"p": 12345672.5, "q": 0, "t": True}]
    with pytest.raises(JsonStreamError) as e:
        list(iter_nodes(io.StringIO('{"@graph": [\n{"a": 1}\n{"b": 2}]}'), chunk_size=5))
    assert e.value.line == 3


def test_stream_parser_memory_is_bounded(tmp_path):
    import tracemalloc

    node = {"@type": "ceterms:Certification", "ceterms:name": {"en-US": "x" * 200}, "ceterms:keyword": ["k"] * 30}
    p = tmp_path / "big.json"
    with p.open("w") as f:
        f.write('{"@graph": [')
        f.write(",".join(json.dumps({**node, "@id": f"urn:{i}"}) for i in range(20_000)))
        f.write("]}")
    size = p.stat().st_size
    tracemalloc.start()
    with p.open(encoding="utf-8") as fh:
        n = sum(1 for _ in iter_nodes(fh, chunk_size=64 * 1024))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 20_000
    assert size > 8_000_000 and peak < 2_000_000, (size, peak)  # ~0.4 MB: one chunk and one node


def test_duration_and_text_helpers():
    assert duration_hours("PT40H") == (40.0, None)
    assert duration_hours("P1Y")[1] == 12.0
    assert duration_hours("nonsense") is None
    assert text({"ar-sa": "x", "en": "English"}) == "English"
    assert text({"en-US": ["A", "B"]}) == "A"
    assert text("  plain ") == "plain"


# --- export --------------------------------------------------------------------------------------


def test_ctdl_export_shape(catalog):
    doc = export_ctdl(catalog, TODAY)
    assert doc["@context"].startswith("https://credreg.net/ctdl")
    creds = [n for n in doc["@graph"] if n["@type"] in ("ceterms:Certification", "ceterms:Certificate")]
    orgs = {n["@id"] for n in doc["@graph"] if n["@type"] == "ceterms:CredentialOrganization"}
    assert len(creds) == len(catalog)
    for n in creds:
        assert n["ceterms:ctid"].startswith("ce-") and n["ceterms:name"]["en-US"]
        assert set(n["ceterms:ownedBy"]) <= orgs
        assert n["ceterms:estimatedCost"][0]["ceterms:currency"] == "USD"
        assert n["ceterms:estimatedDuration"] and n["ceterms:requires"]
        assert n["ceterms:lifeCycleStatusType"]["ceterms:targetNode"].startswith("lifecycle:")
    by_id = {n["@id"].rsplit(":", 1)[1]: n for n in creds}
    assert by_id["google-ml-engineer"]["@type"] == "ceterms:Certification"
    assert by_id["google-ml-engineer"]["ceterms:renewalFrequency"] == "P2Y"
    for c in catalog:
        if c.lifecycle.successors:
            assert by_id[c.id]["ceterms:supersededBy"]
            for s in c.lifecycle.successors:
                assert f"urn:certwise:credential:{c.id}" in by_id[s]["ceterms:supersedes"]
        if c.status(TODAY) == "retired":
            assert by_id[c.id]["ceterms:lifeCycleStatusType"]["ceterms:targetNode"] == "lifecycle:Ceased"


def test_ctdl_export_imports_back(catalog, tmp_path):
    p = tmp_path / "catalog.ctdl.json"
    p.write_text(json.dumps(export_ctdl(catalog, TODAY)))
    back = {c.name: c for c in iter_ctdl_credentials(p, verified=TODAY)}
    assert set(back) == {c.name for c in catalog}
    for c in catalog:
        b = back[c.name]
        assert b.provider == c.provider and b.url == c.url
        assert b.cost.usd.high == c.cost.usd.high
        assert (b.prep.hours.low, b.prep.hours.high) == (round(c.prep.hours.low), round(c.prep.hours.high))
        if c.renewal.validity_years and float(c.renewal.validity_years).is_integer():
            assert b.renewal.validity_years == c.renewal.validity_years


def test_schema_org_export_shape(catalog):
    doc = export_schema_org(catalog, TODAY)
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == len(catalog)
    example = json.loads(external("schema.org", "issue-1779-examples.2.jsonld").read_text())
    for n in doc["@graph"]:
        assert n["@type"] == "EducationalOccupationalCredential"
        assert n["credentialCategory"]["@type"] == "DefinedTerm"
        assert n["credentialCategory"]["inDefinedTermSet"]["@id"] == example["credentialCategory"]["inDefinedTermSet"]["@id"]
        assert n["name"] and n["url"] and n["recognizedBy"]["name"]
        assert "offers" in n and n["offers"]["priceCurrency"] == "USD"


# --- import speed: the shortcuts never change what is imported ------------------------------------

_WORDS = ["machine learning operations", "mlops", "gen ai", "genai", "generative", "llm", "llms", "large language",
          "deep learning", "neural network", "computer vision", "image recognition", "natural language", "nlp",
          "machine learning", "ml", "data engineer", "data pipeline", "etl", "data science", "statistics",
          "analytics", "ai governance", "ai ethics", "responsible ai", "governance of ai", "cloud",
          "product manager", "infrastructure", "gpu", "networking", "artificial intelligence", "ai", "x", "-",
          " ", "detail", "gently", "html", "mail"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8).map("".join))
def test_the_domain_hints_only_skip_searches_that_cannot_match(subject):
    """Each pattern's hints are words it cannot match without: the domains equal a search by every pattern."""
    from certwise.interop.ctdl_import import _DOMAIN_WORDS, _domains

    expected = [d for pattern, d, _ in _DOMAIN_WORDS if pattern.search(subject)] or ["ai-applications"]
    assert _domains({}, subject, []) == list(dict.fromkeys(expected))


@pytest.mark.parametrize("escape", ["\\ud800", "\\uDBFF", "\\udc00"])
@pytest.mark.parametrize("where", ["ceterms:name", "ceterms:description", "ceterms:alternateName"])
def test_a_lone_surrogate_is_refused_wherever_it_sits(tmp_path, escape, where):
    """Records are checked for lone surrogates only when the file holds such an escape: the check still bites."""
    pad = "x" * 70_000  # the escape falls in a later chunk of the file than the first records
    nodes = [{"@type": "ceterms:Certification", "ceterms:name": f"Good {i}", "ceterms:description": pad}
             for i in range(20)]
    bad: dict = {"@type": "ceterms:Certification", "ceterms:name": "Bad one", "ceterms:keyword": ["ok"]}
    bad[where] = ["ESCAPE"] if where == "ceterms:alternateName" else "Bad ESCAPE"
    text = json.dumps({"@graph": [*nodes, bad]}).replace("ESCAPE", escape)
    f = tmp_path / "s.json"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(CtdlError, match="not text"):
        list(iter_ctdl_credentials(f))
