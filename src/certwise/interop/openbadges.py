"""Open Badges in: 2.0 assertions and 3.0 (Verifiable Credential) OpenBadgeCredentials.

Each badge is matched to a catalog credential where the issuer and the wording agree
("Google Cloud Certified Professional Machine Learning Engineer" → ``google-ml-engineer``),
else kept as a custom entry. There is no network: a BadgeClass or Issuer given only as a URL
must be passed as a file alongside the assertion.

Files come from disk (:func:`read_badges`) or as uploaded bytes (:func:`read_badge_uploads`,
with the size and type limits a web upload needs; no temporary files). Every problem is a
:class:`BadgeError` naming the file, the badge's field and a ``code``.

>>> import json, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "b.json").write_text(json.dumps({"type": "Assertion", "issuedOn": "2025-01-02",
...     "recipient": {}, "badge": {"type": "BadgeClass", "name": "Robots",
...     "issuer": {"type": "Issuer", "name": "Acme"}}}))
>>> [(b.name, b.issuer, str(b.earned)) for b in read_badges([d / "b.json"])]
[('Robots', 'Acme', '2025-01-02')]
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from rapidfuzz import fuzz

from certwise.interop.jwt_verify import SignatureProblem, verify_jwt
from certwise.userfiles import UserFileError, parse_json, read_capped

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

OB3_TYPES = {"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"}
ISSUER_TYPES = {"Issuer", "Profile"}
MATCH_THRESHOLD = 88  # rapidfuzz token_sort_ratio on normalised names, issuer agreeing

MAX_BADGE_FILES = 10  # files in one upload
MAX_BADGE_BYTES = 512 * 1024  # bytes in one uploaded file
BADGE_SUFFIXES = (".json", ".jsonld", ".jwt", ".jws", ".txt")  # the file names an upload may have


class BadgeError(ValueError):
    """A badge that cannot be read: one line (``message``) naming the file and the field.

    ``file`` is the file's name, ``field`` the badge's field at fault (None when the whole
    file is), ``code`` which problem it is: ``not-a-badge``, ``needs-file`` (a link to a
    BadgeClass or Issuer that was not given; ``wanted`` names the file), ``cannot-read``,
    ``no-files``, ``unsigned`` (a VC-JWT with ``alg: none``), ``bad-signature`` (a VC-JWT whose
    signature its key refuses), and for uploads ``too-many``, ``too-large``, ``badge-image`` and
    ``unsupported-type``. Faces add their own hints (the CLI shows the command to run).
    """

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None,
                 code: str = "not-a-badge", wanted: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.field = field
        self.code = code
        self.wanted = wanted


@dataclass(frozen=True)
class Badge:
    """One earned badge. ``id`` is the catalog id it matched, or None (a custom entry)."""

    id: str | None
    name: str
    issuer: str
    earned: date | None
    expires: date | None
    file: str
    format: str  # "ob2" | "ob3"
    credential_url: str | None = None
    match_score: float | None = None
    expired: bool = False  # on the as_of date it was read for
    source: str = "badge"
    verified: bool = False  # its signature checked against a key found offline (see jwt_verify)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "issuer": self.issuer,
            "earned": self.earned.isoformat() if self.earned else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "expired": self.expired,
            "source": self.source,
            "format": self.format,
            "file": self.file,
            "credential_url": self.credential_url,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class BadgeFile:
    """One badge document as read: ``file`` is its path or upload name, ``doc`` its JSON object.

    ``verified``: a VC-JWT whose signature checked against a key available offline; plain
    JSON (OB 2.0 or 3.0 with an embedded proof certwise does not check) is unverified.
    """

    file: str
    doc: dict[str, Any]
    verified: bool = False

    @property
    def name(self) -> str:
        """The file's name, as messages show it."""
        return Path(self.file).name


def read_badges(
    paths: Iterable[str | Path], catalog: Catalog | None = None, as_of: date | None = None
) -> list[Badge]:
    """Read badge files; BadgeClass and Issuer files passed alongside resolve URL references.

    Raises :class:`BadgeError` (one line) for a file that is not a badge or lacks a field.
    """
    return read_badge_files([_load(Path(p)) for p in paths], catalog, as_of)


def read_badge_uploads(
    files: Iterable[tuple[str, bytes]], catalog: Catalog | None = None, as_of: date | None = None
) -> list[Badge]:
    """Read uploaded badges, ``(file name, bytes)`` pairs, with an upload's limits; no temporary files.

    At most :data:`MAX_BADGE_FILES` files of :data:`MAX_BADGE_BYTES` each, named like
    :data:`BADGE_SUFFIXES`; empty pairs (a form's blank file field) are skipped, and each
    name is made safe (:func:`safe_file_name`) and unique before it appears in a message.

    >>> import json
    >>> upload = json.dumps({"type": "Assertion", "issuedOn": "2025-01-02", "recipient": {},
    ...     "badge": {"name": "Robots", "issuer": {"name": "Acme"}}}).encode()
    >>> [(b.name, b.file) for b in read_badge_uploads([("../b.json", upload)])]
    [('Robots', 'b.json')]
    """
    given = [(n, d) for n, d in files if n or d]
    if not given:
        raise BadgeError("no badge files given", code="no-files")
    if len(given) > MAX_BADGE_FILES:
        raise BadgeError(f"{len(given)} badge files given; at most {MAX_BADGE_FILES} at a time", code="too-many")
    read: list[BadgeFile] = []
    seen: set[str] = set()
    for i, (name, data) in enumerate(given):
        safe = safe_file_name(name)
        if safe in seen:
            safe = f"{i}-{safe}"
        seen.add(safe)
        read.append(read_badge_bytes(safe, data))
    return read_badge_files(read, catalog, as_of)


def read_badge_bytes(name: str, data: bytes) -> BadgeFile:
    r"""One uploaded file, checked like an upload (size, type, text) and parsed.

    ``name`` is shown in messages as given: make it safe first (:func:`safe_file_name`).

    >>> read_badge_bytes("b.png", b"\x89PNG\r\n\x1a\n...").doc
    Traceback (most recent call last):
    ...
    certwise.interop.openbadges.BadgeError: b.png is a badge image, not its JSON: use the badge's JSON file instead (badge providers offer it as a download, often called the assertion)
    """
    if len(data) > MAX_BADGE_BYTES:
        raise BadgeError(f"{name} is too large: badge files are at most {MAX_BADGE_BYTES // 1024} KB",
                         file=name, code="too-large")
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data.lstrip()[:5].lower() in (b"<svg ", b"<?xml"):
        raise BadgeError(f"{name} is a badge image, not its JSON: use the badge's JSON file instead (badge "
                         "providers offer it as a download, often called the assertion)", file=name, code="badge-image")
    if not name.lower().endswith(BADGE_SUFFIXES):
        raise BadgeError(f"{name} is not a badge file: Open Badges JSON is named {', '.join(BADGE_SUFFIXES)}",
                         file=name, code="unsupported-type")
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise BadgeError(f"{name} is not a text badge file (Open Badges JSON)", file=name,
                         code="unsupported-type") from None
    if not (text.startswith("{") or _is_jwt(text)):
        raise BadgeError(f"{name} does not look like Open Badges JSON", file=name, code="unsupported-type")
    return _parse(name, name, text)


def safe_file_name(name: str | None) -> str:
    r"""An uploaded file's name without folders or odd characters, at most 80 characters.

    >>> safe_file_name("C:\\Users\\me\\my badge (1).json"), safe_file_name("../../.env")
    ('my_badge_1_.json', 'env')
    """
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", (name or "badge.json").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    return base.lstrip(".")[:80] or "badge.json"


def read_badge_files(
    files: Sequence[BadgeFile], catalog: Catalog | None = None, as_of: date | None = None
) -> list[Badge]:
    """The badges among read files (the others are BadgeClasses and Issuers they link to)."""
    as_of = as_of or date.today()
    if not files:
        raise BadgeError("no badge files given", code="no-files")
    lookup = _Lookup(files)
    badges: list[Badge] = []
    side_files: list[tuple[BadgeFile, str]] = []
    for f in files:
        types = _types(f.doc)
        if types & OB3_TYPES:
            badges.append(_ob3(f, lookup, as_of))
        elif "Assertion" in types or ("badge" in f.doc and "recipient" in f.doc):
            badges.append(_ob2(f, lookup, as_of))
        elif types & ({"BadgeClass", "Achievement"} | ISSUER_TYPES):
            side_files.append((f, sorted(types)[0]))
        else:
            shown = ", ".join(sorted(types)) or "missing"
            raise BadgeError(
                f"{f.name}: field 'type' is {shown}: not an Open Badges assertion "
                "(2.0 'Assertion') or credential (3.0 'OpenBadgeCredential')", file=f.name, field="type"
            )
    if not badges:
        f, kind = side_files[0]
        raise BadgeError(
            f"{f.name} is an Open Badges {kind}: it describes a badge or its issuer but awards "
            "nothing; pass the assertion (or credential) that awards it, with this file beside it", file=f.name
        )
    if catalog is not None:
        badges = [_matched(b, catalog) for b in badges]
    return badges


# --- files -----------------------------------------------------------------------------------


def _load(path: Path) -> BadgeFile:
    try:
        raw = read_capped(path, MAX_BADGE_BYTES, what="badge file")
    except UserFileError as e:
        msg = str(e).replace(": no such badge file", ": cannot read: no such file")
        raise BadgeError(msg, file=path.name,
                         code="too-large" if "larger" in str(e) else "cannot-read") from None
    try:
        text = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise BadgeError(
            f"{path.name}: not a JSON badge (a baked PNG/SVG? export the assertion JSON instead)", file=path.name
        ) from None
    return _parse(str(path), path.name, text)


def _is_jwt(text: str) -> bool:
    return text.count(".") == 2 and " " not in text


def _json(name: str, text: str) -> Any:
    """JSON with the limits of user files (no duplicate keys, no NaN/Infinity, not nested deeply)."""
    try:
        return parse_json(text, name)
    except UserFileError as e:
        if (je := e.json_error) is not None:
            raise BadgeError(f"{name}: not valid JSON (line {je.lineno}, column {je.colno}): {je.msg}",
                             file=name) from None
        raise BadgeError(str(e), file=name) from None


def _parse(file: str, name: str, text: str) -> BadgeFile:
    if not text.startswith(("{", "[")) and _is_jwt(text):
        return _jwt_file(file, name, text)
    doc = _json(name, text)
    if not isinstance(doc, dict):
        raise BadgeError(f"{name}: expected a JSON object, got {type(doc).__name__}", file=name)
    return BadgeFile(file, doc)


def _jwt_part(name: str, token: str, i: int, what: str) -> dict[str, Any]:
    try:
        part = token.split(".")[i]
        text = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8")
    except (ValueError, IndexError):
        raise BadgeError(f"{name}: neither JSON nor a readable VC-JWT", file=name) from None
    obj = _json(name, text)
    if not isinstance(obj, dict):
        raise BadgeError(f"{name}: the VC-JWT {what} is not a JSON object", file=name)
    return obj


def _jwt_file(file: str, name: str, token: str) -> BadgeFile:
    """A VC-JWT (compact JWS), its signature checked where the key is offline (:mod:`.jwt_verify`)."""
    header = _jwt_part(name, token, 0, "header")
    payload = _jwt_part(name, token, 1, "payload")
    try:
        verified = verify_jwt(name, header, token, payload)
    except SignatureProblem as e:
        raise BadgeError(str(e), file=name, field="signature", code=e.code) from None
    return BadgeFile(file, _jwt_payload(payload), verified)


def _jwt_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """A VC-JWT's payload, unwrapped from ``vc`` for VC 1.1 JWTs."""
    vc = payload.get("vc")
    if isinstance(vc, dict):
        vc = dict(vc)
        if "nbf" in payload and "issuanceDate" not in vc:
            vc["issuanceDate"] = payload["nbf"]
        if "exp" in payload and "expirationDate" not in vc:
            vc["expirationDate"] = payload["exp"]
        return vc
    return payload


def _types(doc: dict[str, Any]) -> set[str]:
    t = doc.get("type", doc.get("@type"))
    if isinstance(t, str):
        t = [t]
    if not isinstance(t, list):
        return set()
    return {x.rsplit(":", 1)[-1].rsplit("/", 1)[-1] for x in t if isinstance(x, str)}


class _Lookup:
    """Objects from the files given, by ``id`` and by file name (for URL references)."""

    def __init__(self, files: Sequence[BadgeFile]):
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        for f in files:
            if isinstance(f.doc.get("id"), str):
                self.by_id[f.doc["id"]] = f.doc
            self.by_name[f.name] = f.doc

    def get(self, ref: str) -> dict[str, Any] | None:
        if ref in self.by_id:
            return self.by_id[ref]
        name = PurePosixPath(urlparse(ref).path).name
        return self.by_name.get(name) if name else None


def _error(f: BadgeFile, field: str, problem: str, **kw: Any) -> BadgeError:
    """``<file>: field '<field>' <problem>``, with the file and the field as attributes."""
    return BadgeError(f"{f.name}: field '{field}' {problem}", file=f.name, field=field, **kw)


def _resolve(f: BadgeFile, doc: dict[str, Any], fld: str, lookup: _Lookup, what: str, where: str = "") -> dict[str, Any]:
    val = doc.get(fld)
    if val is None:
        raise _error(f, where + fld, f"is missing (it names the {what})")
    if isinstance(val, dict):
        return val
    if isinstance(val, str):
        found = lookup.get(val)
        if found is not None:
            return found
        want = PurePosixPath(urlparse(val).path).name or None
        raise _error(f, where + fld, f"is only a link ({val}) and certwise does not fetch from the network: "
                     f"pass the {what} file" + (f" ({want})" if want else "") + " with it",
                     code="needs-file", wanted=want)
    raise _error(f, where + fld, f"should be an object or a URL, not {type(val).__name__}")


def _text(f: BadgeFile, doc: dict[str, Any], fld: str, where: str) -> str:
    val = doc.get(fld)
    if isinstance(val, dict):  # a language map
        val = next((v for k, v in val.items() if k.lower().startswith("en")), next(iter(val.values()), None))
    if not isinstance(val, str) or not val.strip():
        raise _error(f, where + fld, "is missing or empty")
    return val.strip()


def _date(f: BadgeFile, value: Any, fld: str, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            raise _error(f, fld, "is missing (the date it was issued)")
        return None
    try:
        if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
            return datetime.fromtimestamp(float(value), tz=UTC).date()
        if isinstance(value, str):
            v = value.strip()
            if len(v) == 10:
                return date.fromisoformat(v)
            dt = datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
            return (dt.astimezone(UTC) if dt.tzinfo else dt).date()
    except (ValueError, OverflowError, OSError):
        pass
    raise _error(f, fld, f"is not a date: {value!r} (expected ISO 8601, e.g. 2025-03-01)")


def _link(doc: dict[str, Any]) -> str | None:
    ident = doc.get("id")
    return ident if isinstance(ident, str) and ident.startswith(("http://", "https://")) else None


# --- Open Badges 2.0 -------------------------------------------------------------------------


def _ob2(f: BadgeFile, lookup: _Lookup, as_of: date) -> Badge:
    doc = f.doc
    if doc.get("revoked") is True:
        reason = doc.get("revocationReason")
        raise BadgeError(f"{f.name}: field 'revoked': the issuer revoked this badge" + (f" ({reason})" if reason else ""),
                         file=f.name, field="revoked")
    badge = _resolve(f, doc, "badge", lookup, "BadgeClass")
    name = _text(f, badge, "name", "badge.")
    issuer_doc = _resolve(f, badge, "issuer", lookup, "Issuer", "badge.")
    issuer = _text(f, issuer_doc, "name", "badge.issuer.")
    earned = _date(f, doc.get("issuedOn"), "issuedOn", required=True)
    expires = _date(f, doc.get("expires"), "expires")
    return _badge(f, "ob2", name, issuer, earned, expires, as_of)


def _badge(f: BadgeFile, fmt: str, name: str, issuer: str, earned: date | None, expires: date | None,
           as_of: date) -> Badge:
    """The Badge both readers return (not yet matched to the catalog: ``id`` None)."""
    return Badge(id=None, name=name, issuer=issuer, earned=earned, expires=expires, file=f.file, format=fmt,
                 credential_url=_link(f.doc), expired=bool(expires and expires < as_of), verified=f.verified)


# --- Open Badges 3.0 (VC 1.1 and 2.0) --------------------------------------------------------


def _ob3(f: BadgeFile, lookup: _Lookup, as_of: date) -> Badge:
    doc = f.doc
    subject = doc.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else None
    if not isinstance(subject, dict):
        raise _error(f, "credentialSubject", "is missing (it holds the achievement)")
    achievement = subject.get("achievement")
    if isinstance(achievement, list):
        achievement = achievement[0] if achievement else None
    if isinstance(achievement, str):
        achievement = _resolve(f, subject, "achievement", lookup, "Achievement", "credentialSubject.")
    if not isinstance(achievement, dict):
        raise _error(f, "credentialSubject.achievement", "is missing (it names the badge)")
    name = _text(f, achievement, "name", "credentialSubject.achievement.")
    issuer_doc = _resolve(f, doc, "issuer", lookup, "issuer Profile")
    if not issuer_doc.get("name") and isinstance(achievement.get("creator"), dict):
        issuer_doc = achievement["creator"]
    issuer = _text(f, issuer_doc, "name", "issuer.")
    if "validFrom" in doc or "validUntil" in doc:  # VC Data Model 2.0
        start_field, end_field = "validFrom", "validUntil"
    else:  # VC Data Model 1.1
        start_field, end_field = "issuanceDate", "expirationDate"
    earned = _date(f, doc.get("awardedDate"), "awardedDate") or _date(
        f, doc.get(start_field), start_field, required=True
    )
    expires = _date(f, doc.get(end_field), end_field)
    return _badge(f, "ob3", name, issuer, earned, expires, as_of)


# --- matching to the catalog -----------------------------------------------------------------

_FILLER = {
    "certified", "certification", "certificate", "professional certificate", "the", "of", "in", "and",
    "badge", "credential", "exam", "for",
}  # fmt: skip


def _norm(s: str) -> str:
    s = re.sub(r"[®™©]", "", s.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", s) if w not in _FILLER]
    return " ".join(words)


def _issuer_agrees(issuer: str, provider: str, ecosystem: str) -> bool:
    a, b = _norm(issuer), _norm(provider)
    if not a or not b:
        return False
    if fuzz.partial_ratio(a, b) >= 85 or fuzz.token_set_ratio(a, b) >= 85:
        return True
    eco = {"aws": ("amazon", "aws"), "gcp": ("google",), "azure": ("microsoft", "azure")}.get(ecosystem, ())
    return any(w in a.split() for w in eco)


def match_credential(name: str, issuer: str, catalog: Catalog) -> tuple[str | None, float]:
    """The catalog id a badge names, with a 0–100 score; ``(None, best)`` below the threshold.

    >>> from certwise.catalog import default_catalog
    >>> match_credential("Google Cloud Certified Professional Machine Learning Engineer",
    ...                  "Google Cloud", default_catalog())[0]
    'google-ml-engineer'
    """
    exact = catalog.resolve(name)
    if exact is not None:
        return exact, 100.0
    target = _norm(name)
    best_id, best = None, 0.0
    for c in catalog:
        agrees = _issuer_agrees(issuer, c.provider, c.ecosystem)
        score = 0.0
        for n in (c.name, f"{c.provider} {c.name}", *c.aliases):
            cand = _norm(n)
            if not cand:
                continue
            s = fuzz.token_sort_ratio(target, cand)
            if agrees and len(cand.split()) >= 3:
                # a long alias wholly inside the badge's name ("… Professional Machine Learning Engineer")
                s = max(s, fuzz.token_set_ratio(target, cand) - 5)
            score = max(score, s)
        if not agrees:
            score -= 15
        if score > best:
            best_id, best = c.id, score
    if best >= MATCH_THRESHOLD:
        return best_id, round(best, 1)
    return None, round(max(best, 0.0), 1)


def _matched(b: Badge, catalog: Catalog) -> Badge:
    cid, score = match_credential(b.name, b.issuer, catalog)
    return replace(b, id=cid, match_score=score)
