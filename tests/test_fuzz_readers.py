"""Fuzz every reader of a file people hand to certwise: success or the reader's own error, never anything else.

Readers: profiles (``profile_from``, ``load_profile``), evaluate descriptions (``Description.from_mapping``
and the file reader), portfolio files (``Store.import_portfolio``), Open Badges 2.0 / 3.0 / VC-JWT
(``read_badge_bytes``, ``read_badge_uploads``) and CTDL (``CtdlReader``). Documents are generated, and the
real fixtures (tests/fixtures/external) are mutated. Bounded and deterministic.
"""

from __future__ import annotations

import base64
import json
import math
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from certwise.advice.description import DESCRIPTION_FIELDS, Description, DescriptionError
from certwise.advice.profile import FIELDS, ProfileError, load_profile, profile_from
from certwise.advice.worth import evaluate_description
from certwise.catalog.model import Credential
from certwise.interop.ctdl_import import CtdlError, CtdlReader
from certwise.interop.openbadges import BadgeError, read_badge_bytes, read_badge_uploads
from certwise.store.db import Store
from certwise.store.entries import StoreError
from certwise.userfiles import UserFileError, read_mapping
from storeutil import SHARED_FIXTURES, sqlite_url

AS_OF = date(2026, 11, 25)
FUZZ = settings(max_examples=80, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
_DIR = Path(tempfile.mkdtemp(prefix="certwise-fuzz-"))
_N = count()


def _file(suffix: str, data: str | bytes) -> Path:
    p = _DIR / f"f{next(_N)}{suffix}"
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        p.write_bytes(data)
    return p


# --- values ----------------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.builds(lambda e: 10**e, st.sampled_from([400, 63])),  # what a file can hold (readers refuse > 4300 digits)
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, 5e-324, -0.0]),
    st.text(max_size=30),
    st.sampled_from(["", " ", "2026-02-30", "9999-12-31", "0000-00-00", "2025-01-01", "2025-01-01T10:00:00Z",
                     "javascript:alert(1)", "https://example.org/x", "\ud800", "x" * 5000, "PT40H", "P9999999999Y",
                     "Infinity", "NaN", "-5", "1e400", "held", "planned", "USD", "EUR"]),
)
values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)
# what a Python caller can pass besides: an int Python will not even print
any_values = st.one_of(values, st.builds(lambda e: 10**e, st.just(5000)), st.lists(st.builds(lambda e: 10**e, st.just(5000))))


def _deep(n: int) -> Any:
    v: Any = 1
    for _ in range(n):
        v = [v]
    return v


@contextmanager
def _any_digits():
    """Let the test write integers of any length (the readers keep Python's limit)."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(old)


def _json_text(doc: Any) -> str:
    with _any_digits():
        return json.dumps(doc, allow_nan=True, ensure_ascii=False)


def _mutate(draw: Callable[..., Any], doc: Any) -> Any:
    """Replace, delete or deepen one value somewhere in ``doc``."""
    if isinstance(doc, dict) and doc:
        key = draw(st.sampled_from(sorted(doc, key=str)))
        out = dict(doc)
        action = draw(st.sampled_from(["replace", "delete", "recurse", "recurse", "deepen"]))
        if action == "replace":
            out[key] = draw(values)
        elif action == "delete":
            del out[key]
        elif action == "deepen":
            out[key] = _deep(draw(st.integers(1, 60)))
        else:
            out[key] = _mutate(draw, doc[key])
        return out
    if isinstance(doc, list) and doc:
        i = draw(st.integers(0, len(doc) - 1))
        out_l = list(doc)
        out_l[i] = _mutate(draw, doc[i]) if draw(st.booleans()) else draw(values)
        return out_l
    return draw(values)


def _mutate_text(draw: Callable[..., Any], text: str) -> str:
    """Cut, insert into or splice the text of a document."""
    if not text:
        return draw(st.text(max_size=20))
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, min(len(text), i + 20)))
    return text[:i] + draw(st.sampled_from(["", "{", "}", "[", "]", '"', ",", ":", "1e999", "9" * 5000, "NaN",
                                           '"a": 1, "a": 2', "\\ud800", "&a x", "*a"])) + text[j:]


def _seeds(*parts: str) -> list[Any]:
    folder = SHARED_FIXTURES.joinpath(*parts)
    assert folder.exists(), f"test fixtures {folder} are missing (they ship in tests/fixtures/external)"
    return [json.loads(p.read_text(encoding="utf-8-sig")) for p in sorted(folder.glob("*.json"))]


# --- profiles --------------------------------------------------------------------------------------

_profile_values = {
    "role": st.sampled_from(["developer", "data-scientist", "student", "manager", "x"]),
    "years_experience": st.one_of(st.integers(-5, 80), st.floats(), st.text(max_size=5)),
    "platforms": st.one_of(st.lists(st.sampled_from(["aws", "gcp", "azure", "none", "?"]), max_size=3),
                           st.text(max_size=10), st.integers()),
    "held": st.one_of(st.lists(st.sampled_from(["PMLE", "MLS-C01", "nope"]), max_size=3), st.text(max_size=10)),
}
profile_docs = st.dictionaries(
    st.one_of(st.sampled_from(list(FIELDS)), st.text(max_size=8)),
    st.one_of(values, *_profile_values.values()), max_size=6)
profile_mappings = st.dictionaries(
    st.one_of(st.sampled_from(list(FIELDS)), st.text(max_size=8)),
    st.one_of(any_values, *_profile_values.values()), max_size=6)


@FUZZ
@given(doc=profile_mappings)
def test_profile_from_any_mapping(doc, catalog):
    try:
        profile_from(doc, catalog=catalog)
    except ProfileError as e:
        event("clean error")
        assert "\n" not in str(e)


@FUZZ
@given(data=st.data())
def test_load_profile_any_text(data, catalog):
    doc = data.draw(profile_docs)
    kind = data.draw(st.sampled_from(["yaml", "json", "mutated-yaml", "bomb"]))
    if kind == "json":
        path = _file(".json", _json_text(doc))
    elif kind == "bomb":
        path = _file(".yaml", "a: &a [x, x]\nb: &b [*a, *a]\nheld: [*b, *b]\n")
    else:
        with _any_digits():
            text = yaml.safe_dump(doc, allow_unicode=True) if _yamlable(doc) else "role: developer\n"
        path = _file(".yaml", _mutate_text(data.draw, text) if kind == "mutated-yaml" else text)
    try:
        load_profile(path, catalog=catalog)
    except ProfileError as e:
        event("clean error")
        assert "\n" not in str(e)


def _yamlable(doc: Any) -> bool:
    try:
        yaml.safe_dump(doc)
    except (yaml.YAMLError, UnicodeEncodeError):
        return False
    return True


# --- evaluate descriptions -------------------------------------------------------------------------

desc_docs = st.dictionaries(
    st.one_of(st.sampled_from(list(DESCRIPTION_FIELDS)), st.text(max_size=6)),
    values, max_size=len(DESCRIPTION_FIELDS) + 1)
good_desc = st.fixed_dictionaries({"name": st.text(min_size=1, max_size=20), "issuer": st.text(max_size=20),
                                   "price_usd": st.one_of(st.floats(), st.integers()),
                                   "hours": st.one_of(st.floats(), st.integers())})


@FUZZ
@given(doc=st.one_of(desc_docs, good_desc, any_values,
                     st.dictionaries(st.sampled_from(list(DESCRIPTION_FIELDS)), any_values, max_size=4)))
def test_description_from_any_mapping(doc, catalog):
    try:
        Description.from_mapping(doc)
        evaluate_description(doc, catalog, AS_OF)
    except DescriptionError as e:
        event("clean error")
        assert "\n" not in str(e)


@FUZZ
@given(data=st.data())
def test_description_file_any_text(data, catalog):
    doc = data.draw(st.one_of(desc_docs, good_desc))
    text = _json_text(doc)
    suffix = data.draw(st.sampled_from([".json", ".yaml"]))
    if data.draw(st.booleans()):
        text = _mutate_text(data.draw, text)
    path = _file(suffix, text)
    try:
        got = read_mapping(path, what="credential description file")
        evaluate_description(got or {}, catalog, AS_OF)
    except (UserFileError, DescriptionError) as e:
        event("clean error")
        assert "\n" not in str(e)


# --- portfolio files -------------------------------------------------------------------------------

_nasty = st.sampled_from(["\ud800", "x" * 600, "a\nb", "", " ", "\x00", "https://\ud800.org"])
_entry = st.fixed_dictionaries({}, optional={
    "entry_id": st.one_of(st.text(max_size=70), values), "id": st.one_of(st.sampled_from(["PMLE", "nope"]), values),
    "name": st.one_of(st.text(max_size=20), _nasty, values), "issuer": st.one_of(st.text(max_size=20), _nasty, values),
    "state": st.one_of(st.sampled_from(["held", "planned"]), values),
    "earned": st.one_of(st.dates().map(str), values), "expires": st.one_of(st.dates().map(str), values),
    "source": st.one_of(st.sampled_from(["import", "manual", "badge"]), values),
    "credential_url": st.one_of(st.sampled_from(["https://example.org/c", "javascript:x", "ftp://x"]), values),
    "created": st.one_of(st.datetimes().map(lambda d: d.isoformat()), values,
                         st.sampled_from(["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]))})
portfolio_docs = st.one_of(
    st.fixed_dictionaries({"entries": st.lists(st.one_of(_entry, values), max_size=4)},
                          optional={"format": st.one_of(st.just("certwise-portfolio"), values)}),
    st.lists(_entry, max_size=3), values)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    s = Store(sqlite_url(tmp_path_factory.mktemp("fuzz-store")))
    yield s
    s.close() if hasattr(s, "close") else None


@FUZZ
@given(doc=portfolio_docs)
def test_portfolio_import_any_json(doc, catalog, fuzz_store):
    try:
        fuzz_store.import_portfolio(doc, catalog, as_of=AS_OF)
    except StoreError as e:
        event("clean error")
        assert "\n" not in str(e)


# --- Open Badges -------------------------------------------------------------------------------------

_OB2 = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://example.org/a.json",
        "recipient": {"type": "email", "identity": "a@example.org", "hashed": False}, "issuedOn": "2025-01-02",
        "expires": "2027-01-02", "badge": {"type": "BadgeClass", "name": "Robots",
                                           "issuer": {"type": "Issuer", "name": "Acme"}}}
_OB3 = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.org/i", "type": ["Profile"], "name": "Acme"}, "validFrom": "2025-01-02T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"type": ["Achievement"], "name": "Robots"}}}
BADGE_SEEDS = [_OB2, _OB3] + _seeds("openbadges-2.0") + _seeds("openbadges-3.0")


def _b64(obj: Any) -> str:
    raw = obj if isinstance(obj, bytes) else _json_text(obj).encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@st.composite
def badge_uploads(draw):
    doc = _mutate(draw, draw(st.sampled_from(BADGE_SEEDS)))
    form = draw(st.sampled_from(["json", "json", "jwt", "mutated-text", "deep", "digits"]))
    if form == "jwt":
        payload = {"vc": doc, "nbf": draw(values), "exp": draw(values)} if draw(st.booleans()) else doc
        return "b.jwt", f"{_b64({'alg': 'ES256'})}.{_b64(payload)}.sig".encode()
    if form == "deep":
        return "b.json", ('{"type": "Assertion", "x": ' + "[" * 100_000 + "]" * 100_000 + "}").encode()
    if form == "digits":
        return "b.json", ('{"type": "Assertion", "x": ' + "9" * 5000 + "}").encode()
    text = _json_text(doc)
    if form == "mutated-text":
        text = _mutate_text(draw, text)
    return draw(st.sampled_from(["b.json", "b.jsonld", "b.txt"])), text.encode("utf-8", "surrogatepass")


@settings(FUZZ, max_examples=150)
@given(upload=badge_uploads())
def test_read_badge_bytes_any_document(upload):
    try:
        read_badge_bytes(*upload)
    except BadgeError as e:
        event("clean error")
        assert "\n" not in str(e)


@settings(FUZZ, max_examples=120)
@given(uploads=st.lists(badge_uploads(), min_size=1, max_size=3))
def test_read_badge_uploads_any_documents(uploads, catalog):
    try:
        read_badge_uploads(uploads, catalog, AS_OF)
    except BadgeError as e:
        event("clean error")
        assert "\n" not in str(e)


# --- CTDL --------------------------------------------------------------------------------------------

_ctdl_node = st.fixed_dictionaries(
    {"@type": st.one_of(st.sampled_from(["ceterms:Certification", "ceterms:Certificate", "ceterms:Badge",
                                         "ceterms:BachelorDegree", "ceterms:CredentialOrganization"]), values)},
    optional={
        "@id": st.one_of(st.sampled_from(["https://x/1", "https://x/1", "_:b0"]), values),
        "ceterms:ctid": st.one_of(st.sampled_from(["ce-1", "ce-1", "ce-2"]), values),
        "ceterms:name": st.one_of(st.text(min_size=1, max_size=20), st.fixed_dictionaries({"en-US": st.text(max_size=10)}),
                                  st.just("n" * 1000), values),
        "ceterms:description": values,
        "ceterms:ownedBy": st.one_of(st.lists(st.fixed_dictionaries({"ceterms:name": values}), max_size=2), values),
        "ceterms:estimatedCost": st.lists(st.fixed_dictionaries(
            {"ceterms:price": st.one_of(st.floats(), st.integers(), values, st.sampled_from(["inf", "1e400", "-1"]))},
            optional={"ceterms:currency": st.sampled_from(["USD", "EUR", "usd"])}), max_size=3),
        "ceterms:estimatedDuration": st.lists(st.fixed_dictionaries(
            {"ceterms:exactDuration": st.one_of(st.sampled_from(["PT40H", "P8W", "P" + "9" * 400 + "Y"]), values)}),
            max_size=2),
        "ceterms:dateEffective": st.one_of(st.sampled_from(["2026-02-30", "2024-01-01", "9999-12-31"]), values),
        "ceterms:subjectWebpage": st.one_of(st.sampled_from(["https://example.org", "javascript:x"]), values),
        "ceterms:lifeCycleStatusType": values,
        "ceterms:audienceLevelType": values,
    })
CTDL_SEEDS = _seeds("ctdl")


@st.composite
def ctdl_texts(draw):
    if CTDL_SEEDS and draw(st.booleans()):
        doc = _mutate(draw, draw(st.sampled_from(CTDL_SEEDS)))
    else:
        nodes = draw(st.lists(_ctdl_node, min_size=1, max_size=4))
        doc = draw(st.sampled_from([{"@context": "x", "@graph": nodes}, nodes, nodes[0]]))
    text = _json_text(doc)
    if draw(st.integers(0, 4)) == 0:
        text = _mutate_text(draw, text)
    return text


def _round_trips(c: Credential) -> None:
    """What an import reports is what a later load reads: finite, valid, the same record."""
    dumped = json.dumps(c.model_dump(mode="json"), allow_nan=False)
    assert Credential.model_validate(json.loads(dumped)).id == c.id


@settings(FUZZ, max_examples=120)
@given(text=ctdl_texts())
def test_ctdl_import_any_document(text):
    path = _file(".json", text)
    try:
        creds = list(CtdlReader(path, verified=AS_OF))
    except CtdlError as e:
        event("clean error")
        assert "\n" not in str(e)
        return
    assert len({c.id for c in creds}) == len(creds)
    for c in creds:
        _round_trips(c)
        assert math.isfinite(c.cost.usd.high)


def test_fuzz_seeds_are_read():
    """The mutations start from documents the readers accept (the fixtures in tests/fixtures/external)."""
    for doc in (_OB2, _OB3):
        assert read_badge_bytes("b.json", json.dumps(doc).encode()).doc == doc
