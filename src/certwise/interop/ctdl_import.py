"""CTDL (Credential Transparency Description Language) in: credentials for the local overlay.

Reads single nodes, ``@graph`` documents, Credential Registry envelopes (``decoded_resource``,
with or without a BOM), current language maps and older plain strings. Nodes are streamed
(:mod:`certwise.interop.jsonstream`), so a file of 100,000 credentials imports in bounded
memory; each becomes a :class:`~certwise.catalog.model.Credential` of origin ``overlay``
whose source cites the file and the CTID. What CTDL does not say (a level, a domain) gets a
neutral default, and the record's notes say so.

>>> import json, tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "one.json"
>>> _ = f.write_text(json.dumps({"@type": "ceterms:Certification", "ceterms:name": {"en-US": "Robot Care"},
...     "ceterms:ownedBy": [{"ceterms:name": "Acme"}], "ceterms:estimatedDuration": [{"ceterms:exactDuration": "PT30H"}]}))
>>> [(c.id, c.provider, c.prep.hours.high) for c in iter_ctdl_credentials(f)]
[('acme-robot-care', 'Acme', 30.0)]
"""

from __future__ import annotations

import base64
import codecs
import json
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import ValidationError

from certwise.catalog.load import format_validation_error
from certwise.catalog.model import Credential
from certwise.interop.ctdl_terms import slugify
from certwise.interop.ctdl_values import (
    STUDY_HOURS_PER_WEEK,
    as_list,
    credential_type,
    duration_hours,
    is_credential_node,
    is_organization_node,
    text,
    texts,
    usd_prices,
)
from certwise.interop.jsonstream import JsonStreamError, iter_nodes
from certwise.userfiles import is_text

PENDING_LIMIT = 1000  # credentials waiting for an owner named later in the graph
MAX_NAME_CHARS = 300  # the longest credential, provider or alternate name imported
MAX_URL_CHARS = 2000  # the longest web address imported

_DOMAIN_PATTERNS: list[tuple[str, str, tuple[str, ...]]] = [
    # (pattern, domain, words of which the text must hold one for the pattern to match at all:
    #  a cheap test that skips most searches; tests/test_interop_ctdl.py checks they are implied)
    (r"\bmlops\b|machine learning operations", "mlops", ("mlops", "machine learning operations")),
    (r"generative|\bgen ?ai\b|\bllms?\b|large language", "generative-ai", ("gen", "llm", "large language")),
    (r"deep learning|neural network", "deep-learning", ("deep learning", "neural network")),
    (r"computer vision|image recognition", "computer-vision", ("computer vision", "image recognition")),
    (r"natural language|\bnlp\b", "nlp", ("natural language", "nlp")),
    (r"machine learning|\bml\b", "ml-engineering", ("machine learning", "ml")),
    (r"data engineer|data pipeline|\betl\b", "data-engineering", ("data engineer", "data pipeline", "etl")),
    (r"data science|data scien|statistic|analytics", "data-science", ("data scien", "statistic", "analytics")),
    (r"\bai governance|\bai ethics|responsible ai|governance of (ai|artificial)", "ai-governance",
     ("ai governance", "ai ethics", "responsible ai", "governance of ")),
    (r"cloud", "cloud-fundamentals", ("cloud",)),
    (r"product manage", "product-management", ("product manage",)),
    (r"infrastructure|\bgpu\b|networking", "infrastructure", ("infrastructure", "gpu", "networking")),
    (r"artificial intelligence|\bai\b", "ai-literacy", ("artificial intelligence", "ai")),
]
_DOMAIN_WORDS = [(re.compile(p), d, hints) for p, d, hints in _DOMAIN_PATTERNS]
DEFAULT_DOMAIN = "ai-applications"  # CTDL has no such field; a neutral default, noted on the record

_LEVELS = [
    (("Beginner", "Secondary", "LowerDivision"), "foundational"),
    (("Intermediate", "Associates", "Associate", "LowerDivision"), "associate"),
    (("Advanced", "Professional", "Bachelors", "UpperDivision"), "professional"),
    (("Graduate", "Masters", "Doctoral", "Postsecondary", "PostSecondary"), "program"),
]
_LEVEL_WORDS = [(tuple(w.lower() for w in words), level) for words, level in _LEVELS]  # matched lower-cased

_ECOSYSTEMS = (
    (("amazon", "aws"), "aws"), (("google",), "gcp"), (("microsoft", "azure"), "azure"),
    (("databricks",), "databricks"), (("nvidia",), "nvidia"),
)  # fmt: skip

_DEGREE_LIKE = ("Diploma", "SecondarySchoolDiploma", "GeneralEducationDevelopment")


class CtdlError(ValueError):
    """A CTDL file that cannot be imported: one line naming the file, the node and the field."""


# --- a file of nodes -----------------------------------------------------------------------------


def iter_ctdl_credentials(
    path: str | Path, *, reserved_ids: set[str] | frozenset[str] = frozenset(), verified: date | None = None
) -> Iterator[Credential]:
    """Stream the credentials of a CTDL file (node, @graph, envelope, or a list of these)."""
    return iter(CtdlReader(path, reserved_ids=reserved_ids, verified=verified))


class CtdlReader:
    """Iterate the credentials of a CTDL file; ``bytes_read`` / ``total_bytes`` for a progress bar.

    Organisations in the graph name the credentials they own; a credential whose owner is
    only a link waits (at most :data:`PENDING_LIMIT` of them) in case the owner comes later.
    Blank-node credentials (``_:…``) describe related credentials and are not imported.
    Iterating raises :class:`CtdlError` with one line naming the file, the node and the field.
    """

    def __init__(self, path: str | Path, *, reserved_ids: set[str] | frozenset[str] = frozenset(),
                 verified: date | None = None):
        self.path = Path(path)
        self.reserved = set(reserved_ids)
        self.verified = verified or date.today()
        self.bytes_read = 0
        try:
            self.total_bytes = self.path.stat().st_size
        except OSError as e:
            raise CtdlError(f"{self.path}: cannot read: {e.strerror or e}") from None

    def __iter__(self) -> Iterator[Credential]:
        mapper = Mapper(self.path, self.reserved, self.verified)
        for node, where, check_text in self.jobs(mapper):
            yield mapper.credential(node, where, check_text=check_text)

    def jobs(self, mapper: Mapper) -> Iterator[tuple[dict[str, Any], str, bool]]:
        """The credential nodes to map, in order, each with where it is and whether its text needs
        checking (see :meth:`Mapper.build`); organisations are noted in ``mapper`` on the way."""
        path = self.path
        pending: list[tuple[dict[str, Any], str]] = []
        try:
            fh = path.open("rb")
        except OSError as e:
            raise CtdlError(f"{path}: cannot read: {e.strerror or e}") from None
        name = path.name
        with fh:
            reader = _TextReader(fh)
            try:
                for i, node in enumerate(_expand(iter_nodes(reader), reader)):
                    self.bytes_read = reader.bytes_read
                    if is_organization_node(node):
                        mapper.note_org(node)
                        continue
                    if not is_credential_node(node):
                        continue
                    nid = node.get("@id")
                    if isinstance(nid, str) and nid.startswith("_:"):
                        continue
                    label = text(node.get("ceterms:ctid")) or nid
                    if isinstance(label, str) and (len(label) > 60 or not label.isprintable()):
                        label = repr(label[:60]) + ("…" if len(label) > 60 else "")
                    where = f"{name}: node {i + 1}" + (f" ({label})" if label else "")
                    if mapper.owner_refs_unknown(node) and len(pending) < PENDING_LIMIT:
                        pending.append((node, where))
                        continue
                    yield node, where, reader.escapes
            except JsonStreamError as e:
                raise CtdlError(f"{path.name}: not valid JSON: {e}") from None
            except UnicodeDecodeError:
                raise CtdlError(f"{path.name}: not UTF-8 text; expected a CTDL JSON-LD file") from None
            except RecursionError:
                raise CtdlError(f"{path.name}: envelopes or graphs nested too deeply") from None
            self.bytes_read = reader.bytes_read
        for node, where in pending:
            yield node, where, reader.escapes


class _TextReader:
    """Binary file -> text chunks (UTF-8, BOM dropped), counting the bytes read for progress.

    ``escapes`` turns True once the text holds a ``\\u`` escape of the surrogate range: only such
    an escape can put a lone surrogate (text that cannot be stored) into a decoded string, since
    the UTF-8 decoding itself refuses them. Until then no record needs that check.
    """

    def __init__(self, fh: Any):
        self.fh = fh
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.bytes_read = 0
        self.escapes = False
        self._tail = ""

    def read(self, n: int) -> str:
        data = self.fh.read(n)
        self.bytes_read += len(data)
        text = str(self.decoder.decode(data, final=not data))
        if not self.escapes:
            edge = self._tail + text[:4]
            self.escapes = "\\u" in edge and _SURROGATE_ESCAPE.search(edge) is not None or (
                "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None)
            self._tail = text[-5:]
        return text


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _expand(nodes: Iterator[dict[str, Any]], reader: _TextReader) -> Iterator[dict[str, Any]]:
    """Unwrap envelopes and nested graphs met as whole values (e.g. a list of envelopes)."""
    for node in nodes:
        inner = node.get("decoded_resource")
        if isinstance(inner, dict):
            yield from _expand(iter([inner]), reader)
            continue
        if inner is None and isinstance(node.get("resource"), str) and "envelope_type" in node:
            decoded = _jwt_payload(node["resource"])
            if decoded is not None:
                reader.escapes = True  # JSON inside base64: its escapes were not in the text read
                yield from _expand(iter([decoded]), reader)
                continue
        graph = node.get("@graph")
        if isinstance(graph, list):
            yield from (n for n in graph if isinstance(n, dict))
            continue
        yield node


def _jwt_payload(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


# --- one node --------------------------------------------------------------------------------------


class Mapper:
    """Turns CTDL nodes into Credentials: ids unique, owners resolved, defaults noted."""

    def __init__(self, file: Path, reserved_ids: set[str], verified: date):
        self.file = file
        self.file_name = file.name
        self._file_uri: str | None = None
        self.reserved = set(reserved_ids)
        self.used: set[str] = set()
        self.orgs: dict[str, str] = {}  # @id -> name
        self.verified = verified
        self.seen: dict[str, str] = {}  # CTID or @id -> where it was first met

    def note_org(self, node: dict[str, Any]) -> None:
        nid, name = node.get("@id"), text(node.get("ceterms:name"))
        if isinstance(nid, str) and name:
            self.orgs[nid] = name

    def owner_refs_unknown(self, node: dict[str, Any]) -> bool:
        refs = [r for r in as_list(node.get("ceterms:ownedBy")) + as_list(node.get("ceterms:offeredBy"))
                if isinstance(r, str)]
        return bool(refs) and not any(r in self.orgs for r in refs)

    def credential(self, node: dict[str, Any], where: str, *, check_text: bool = True) -> Credential:
        """The validated credential of one node; ``check_text=False`` when its file holds no
        escape that could make a lone surrogate (see :class:`_TextReader`)."""
        self.check_seen(node, where)
        return self.build(node, where, check_text=check_text)

    def check_seen(self, node: dict[str, Any], where: str) -> None:
        """Each CTID and @id once in a file."""
        seen, ctid, nid = self.seen, text(node.get("ceterms:ctid")), node.get("@id")
        keys = [k for k in (ctid, nid) if isinstance(k, str)]
        if len(keys) == 2 and ctid == nid:
            keys.pop()
        if keys:
            at = where.split(": ", 1)[-1]
            for key in keys:
                if key in seen:
                    raise CtdlError(f"{where}: the credential {key} is given twice in this file "
                                    f"(first at {seen[key]}); keep one")
                seen[key] = at

    def build(self, node: dict[str, Any], where: str, *, check_text: bool = True) -> Credential:
        """The validated credential of one node (its CTID and @id checked already)."""
        try:
            data = self.record(node, where)
        except RecursionError:  # a value nested almost as deep as the JSON reader allows
            raise CtdlError(f"{self.file_name}: envelopes or graphs nested too deeply") from None
        if check_text:
            _check_strings(data, where)
        try:
            return Credential.model_validate(data)
        except ValidationError as e:
            raise CtdlError(format_validation_error(where, e)[0]) from None

    def record(self, node: dict[str, Any], where: str) -> dict[str, Any]:
        """The catalog record (a dict) for one CTDL credential node."""
        name = text(node.get("ceterms:name"))
        if not name:
            raise CtdlError(f"{where}: field 'ceterms:name' is missing or empty")
        if len(name) > MAX_NAME_CHARS:
            raise CtdlError(f"{where}: field 'ceterms:name' is {len(name):,} characters long; "
                            f"certwise imports names of at most {MAX_NAME_CHARS}")
        ctype = credential_type(node)
        the_ctid = text(node.get("ceterms:ctid"))
        provider = self._provider(node)
        is_degree = ctype.endswith("Degree") or ctype in _DEGREE_LIKE
        kind = _kind(ctype, is_degree)
        notes: list[str] = []  # what the record had to assume, in the order the fields are read
        level = _level(node, is_degree, notes)
        domains = _domains(node, name, notes)
        cost = _cost(node, kind, is_degree, notes)
        recommended_experience = _experience(node)
        lifecycle = self._life_cycle(node, where, notes)
        notes.insert(0, f"Imported from CTDL ({self.file_name}" + (f", {the_ctid})." if the_ctid else ")."))
        aliases = [a for a in [the_ctid, *texts(node.get("ceterms:alternateName"))] if a and a != name]
        summary = text(node.get("ceterms:description")) or f"{name}: a {ctype} from {provider}, imported from CTDL."
        url = self._page(node, the_ctid)
        if len(provider) > MAX_NAME_CHARS or len(url) > MAX_URL_CHARS or any(len(a) > MAX_NAME_CHARS for a in aliases):
            _too_long(where, provider, aliases, url)
        return {
            "id": self.unique_id(_base_id(provider, name)),
            "name": name,
            "aliases": list(dict.fromkeys(aliases))[:20],
            "provider": provider,
            "groups": ["ctdl-import"],
            "kind": kind,
            "level": level,
            "domains": domains,
            "ecosystem": _ecosystem(provider),
            "summary": summary[:2000],
            "cost": cost,
            "prep": _prep(node),
            "renewal": _renewal(node, is_degree),
            "recommended_experience": recommended_experience,
            "lifecycle": lifecycle,
            "url": url,
            "sources": [self._source(node, name, the_ctid, recommended_experience, lifecycle)],
            "notes": notes,
            "origin": "overlay",
        }

    def _provider(self, node: dict[str, Any]) -> str:
        """The owner's (or offerer's) name, else the web page's host, else "Unknown provider"."""
        for fld in ("ceterms:ownedBy", "ceterms:offeredBy"):
            for ref in as_list(node.get(fld)):
                if isinstance(ref, dict):
                    name = text(ref.get("ceterms:name"))
                    if name:
                        return name
                    ref = ref.get("@id")
                if isinstance(ref, str) and ref in self.orgs:
                    return self.orgs[ref]
        page = node.get("ceterms:subjectWebpage")
        if isinstance(page, str) and urlparse(page).hostname:
            host = urlparse(page).hostname or ""
            return host.removeprefix("www.")
        return "Unknown provider"

    def unique_id(self, base: str) -> str:
        base = base or "ctdl-credential"
        cand, n = base, 2
        while cand in self.reserved or cand in self.used:
            cand = f"{base}-{n}"
            n += 1
        self.used.add(cand)
        return cand

    def _life_cycle(self, node: dict[str, Any], where: str, notes: list[str]) -> dict[str, Any]:
        """Launch and retirement dates; a record marked ceased without a date retires on import."""
        lifecycle: dict[str, Any] = {}
        launched = _date(node, "ceterms:dateEffective", where)
        if launched:
            lifecycle["launched"] = launched
        status_words = " ".join(
            str(s.get("ceterms:targetNode", "")) for s in as_list(node.get("ceterms:lifeCycleStatusType"))
            + as_list(node.get("ceterms:credentialStatusType")) if isinstance(s, dict)
        ).lower()
        retired = _date(node, "ceterms:expirationDate", where)
        if retired:
            lifecycle["retired"] = retired
        elif any(w in status_words for w in ("ceased", "deprecated", "suspended")):
            lifecycle["retired"] = self.verified
            notes.append("Marked ceased/deprecated in CTDL without a date: treated as retired on import.")
        if lifecycle.get("retired") and lifecycle.get("launched") and lifecycle["retired"] < lifecycle["launched"]:
            lifecycle.pop("launched")
        return lifecycle

    def _page(self, node: dict[str, Any], the_ctid: str | None) -> str:
        """The credential's web page: its subject page, its @id, its registry page, or the file."""
        page = node.get("ceterms:subjectWebpage")
        if _is_web(page):
            return str(page)
        nid = node.get("@id")
        if _is_web(nid):
            return str(nid)
        if the_ctid:
            return f"https://credentialengineregistry.org/resources/{the_ctid}"
        return self.file_uri()

    def file_uri(self) -> str:
        """The file's ``file://`` address (worked out once)."""
        if self._file_uri is None:
            self._file_uri = self.file.resolve().as_uri()
        return self._file_uri

    def _source(self, node: dict[str, Any], name: str, the_ctid: str | None, experience: str | None,
                lifecycle: dict[str, Any]) -> dict[str, Any]:
        """The record's one source: the CTDL node (its @id when a web address, else the file)."""
        nid = node.get("@id")
        supports = ["cost", "prep", "renewal", "url"]
        if experience:
            supports.append("recommended_experience")
        if lifecycle:
            supports.append("lifecycle")
        return {
            "ref": "web",
            "url": nid if _is_web(nid) else self.file_uri(),
            "title": f"CTDL record {the_ctid or nid or name} in {self.file_name}",
            "supports": supports,
            "verified": self.verified,
        }


def _too_long(where: str, provider: str, aliases: list[str], url: str) -> None:
    """Raise for the first of these that is longer than certwise imports."""
    for fld, value, limit in (("ceterms:ownedBy", provider, MAX_NAME_CHARS),
                              *(("ceterms:ctid or alternateName", a, MAX_NAME_CHARS) for a in aliases),
                              ("ceterms:subjectWebpage", url, MAX_URL_CHARS)):
        if len(value) > limit:
            raise CtdlError(f"{where}: field '{fld}' is {len(value):,} characters long; certwise imports "
                            f"at most {limit:,}")


def _check_strings(data: Any, where: str, field: str = "") -> None:
    """Every string of a record can be stored (UTF-8: no lone surrogates such as \\ud800)."""
    if isinstance(data, str):
        if not is_text(data):
            raise CtdlError(f"{where}: the record's {field or 'text'} holds characters that are not text "
                            "(a lone surrogate such as \\ud800)")
    elif isinstance(data, dict):
        for k, v in data.items():
            _check_strings(v, where, field or str(k))
    elif isinstance(data, list):
        for v in data:
            _check_strings(v, where, field)


def _is_web(v: Any) -> bool:
    return isinstance(v, str) and v.startswith(("http://", "https://"))


def _base_id(provider: str, name: str) -> str:
    """``<provider>-<name>`` as a slug (the name alone when it already starts with the provider)."""
    prov_slug = _provider_slug(provider)
    name_slug = slugify(name, 56)
    if name_slug.startswith(prov_slug) or provider == "Unknown provider":
        return slugify(name_slug, 80)
    return slugify(f"{prov_slug}-{name_slug}", 80)


@lru_cache(maxsize=4096)  # a file names a few providers many times
def _provider_slug(provider: str) -> str:
    is_host = " " not in provider and "." in provider
    return slugify(provider.rsplit(".", 1)[0] if is_host else provider, 24)


def _kind(ctype: str, is_degree: bool) -> str:
    if ctype in ("Certification", "License"):
        return "certification-exam"
    return "university-program" if is_degree else "professional-certificate"


def _level(node: dict[str, Any], is_degree: bool, notes: list[str]) -> str:
    """From ``ceterms:audienceLevelType``; a noted default when the record gives none."""
    level_words = " ".join(
        str(a.get("ceterms:targetNode", "")) + " " + (text(a.get("ceterms:targetNodeName")) or "")
        for a in as_list(node.get("ceterms:audienceLevelType")) if isinstance(a, dict)
    ).lower()
    for words, level in _LEVEL_WORDS:
        if any(w in level_words for w in words):
            return level
    level = "program" if is_degree else "associate"
    notes.append(f"Level '{level}' is a default: the CTDL record gives no audience level.")
    return level


def _domains(node: dict[str, Any], name: str, notes: list[str]) -> list[str]:
    """Domains named by the name, keywords and subjects; a noted default when none is."""
    subject_text = " ".join(
        [name, *texts(node.get("ceterms:keyword"))]
        + [text(s.get("ceterms:targetNodeName")) or "" for s in as_list(node.get("ceterms:subject"))
           if isinstance(s, dict)]
    ).lower()
    domains: list[str] = []
    for pattern, dom, hints in _DOMAIN_WORDS:
        for hint in hints:
            if hint in subject_text:
                if dom not in domains and pattern.search(subject_text):
                    domains.append(dom)
                break
    if not domains:
        domains = [DEFAULT_DOMAIN]
        notes.append(f"Domain '{DEFAULT_DOMAIN}' is a default: nothing in the record's name or keywords says more.")
    return domains


@lru_cache(maxsize=4096)
def _ecosystem(provider: str) -> str:
    p = provider.lower()
    return next((eco for words, eco in _ECOSYSTEMS if any(w in p for w in words)), "vendor-neutral")


def _cost(node: dict[str, Any], kind: str, is_degree: bool, notes: list[str]) -> dict[str, Any]:
    """The USD price (other currencies are noted, not counted); unknown when none is stated."""
    price, cost_notes = usd_prices(node.get("ceterms:estimatedCost"))
    notes += cost_notes
    basis = "tuition" if is_degree else ("exam" if kind == "certification-exam" else "one-time")
    if price is None:
        return {"usd": {"low": 0, "high": 0}, "basis": basis, "unknown": True,
                "note": "Unknown: the CTDL record states no price in USD (0 here means unknown, not free)."}
    return {"usd": {"low": price, "high": price}, "basis": basis, "free": price == 0}


def _prep(node: dict[str, Any]) -> dict[str, Any]:
    """Study hours (and calendar months) from the exact, minimum and maximum durations."""
    low = high = None
    months_low = months_high = None
    for d in as_list(node.get("ceterms:estimatedDuration")):
        if not isinstance(d, dict):
            continue
        for fld, side in (("ceterms:exactDuration", "both"), ("ceterms:minimumDuration", "low"),
                          ("ceterms:maximumDuration", "high")):
            parsed = duration_hours(d[fld]) if isinstance(d.get(fld), str) else None
            if parsed is None:
                continue
            h, mo = parsed
            if side in ("both", "low"):
                low, months_low = h, mo
            if side in ("both", "high"):
                high, months_high = h, mo
    if low is None and high is None:
        return {"hours": {"low": 0, "high": 0}, "unknown": True,
                "note": "Unknown: the CTDL record gives no duration (0 here means unknown)."}
    lo, hi = low if low is not None else high, high if high is not None else low
    assert lo is not None and hi is not None
    lo, hi = min(lo, hi), max(lo, hi)
    prep: dict[str, Any] = {"hours": {"low": lo, "high": hi},
                            "note": f"From the CTDL duration, counting about {STUDY_HOURS_PER_WEEK:g} study hours a week."}
    if months_low or months_high:
        ml, mh = months_low or months_high, months_high or months_low
        assert ml is not None and mh is not None
        prep["months"] = {"low": min(ml, mh), "high": max(ml, mh)}
    return prep


def _renewal(node: dict[str, Any], is_degree: bool) -> dict[str, Any]:
    """How often and how it is renewed, read from the renewal conditions' wording."""
    renewals = [r for r in as_list(node.get("ceterms:renewal")) if isinstance(r, dict)]
    freq = node.get("ceterms:renewalFrequency")
    parsed_freq = duration_hours(freq) if isinstance(freq, str) else None
    validity = None
    if parsed_freq and parsed_freq[1]:
        validity = round(parsed_freq[1] / 12, 2) or None
    if renewals:
        desc = " ".join(filter(None, (text(r.get("ceterms:description")) for r in renewals)))
        low_desc = desc.lower()
        if any(w in low_desc for w in ("continuing", "ceu", "pdu", "professional development")):
            method = "continuing-education"
        elif any(w in low_desc for w in ("exam", "assessment", "test")) or any(
            r.get("ceterms:targetAssessment") for r in renewals
        ):
            method = "recertification-exam"
        else:
            method = "retake"
        price, _ = usd_prices([c for r in renewals for c in as_list(r.get("ceterms:estimatedCost"))])
        return {"validity_years": validity, "method": method, "cost_usd": price, "note": (desc[:300] or None)}
    if validity:
        return {"validity_years": validity, "method": "retake"}
    return {"validity_years": None, "method": "not-applicable" if is_degree else "none"}


def _experience(node: dict[str, Any]) -> str | None:
    """The experience the requirements and recommendations ask for, in one text."""
    experience = []
    for fld in ("ceterms:requires", "ceterms:recommends"):
        for cond in as_list(node.get(fld)):
            if isinstance(cond, dict):
                exp = text(cond.get("ceterms:experience"))
                if exp:
                    experience.append(exp)
    return " ".join(experience)[:400] or None


def _date(node: dict[str, Any], fld: str, where: str) -> date | None:
    value = text(node.get(fld))
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise CtdlError(f"{where}: field '{fld}' is not a date: {value!r}") from None
