"""Open Badges in: 2.0 assertions and 3.0 (Verifiable Credential) OpenBadgeCredentials.

Each badge is matched to a catalog credential where the issuer and the wording agree
("Google Cloud Certified Professional Machine Learning Engineer" → ``google-ml-engineer``),
else kept as a custom entry. There is no network: a BadgeClass or Issuer given only as a URL
must be passed as a file alongside the assertion.

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
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

OB3_TYPES = {"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"}
ISSUER_TYPES = {"Issuer", "Profile"}
MATCH_THRESHOLD = 88  # rapidfuzz token_sort_ratio on normalised names, issuer agreeing


class BadgeError(ValueError):
    """A badge file that cannot be read: one line naming the file and the field."""


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
        }


def read_badges(
    paths: Iterable[str | Path], catalog: Catalog | None = None, as_of: date | None = None
) -> list[Badge]:
    """Read badge files; BadgeClass and Issuer files passed alongside resolve URL references.

    Raises :class:`BadgeError` (one line) for a file that is not a badge or lacks a field.
    """
    as_of = as_of or date.today()
    docs = [(Path(p), _load(Path(p))) for p in paths]
    if not docs:
        raise BadgeError("no badge files given")
    lookup = _Lookup(docs)
    badges: list[Badge] = []
    side_files: list[tuple[Path, str]] = []
    for path, doc in docs:
        types = _types(doc)
        if types & OB3_TYPES:
            badges.append(_ob3(path, doc, lookup, as_of))
        elif "Assertion" in types or ("badge" in doc and "recipient" in doc):
            badges.append(_ob2(path, doc, lookup, as_of))
        elif types & ({"BadgeClass", "Achievement"} | ISSUER_TYPES):
            side_files.append((path, sorted(types)[0]))
        else:
            shown = ", ".join(sorted(types)) or "missing"
            raise BadgeError(
                f"{path.name}: field 'type' is {shown}: not an Open Badges assertion "
                "(2.0 'Assertion') or credential (3.0 'OpenBadgeCredential')"
            )
    if not badges:
        path, kind = side_files[0]
        raise BadgeError(
            f"{path.name} is an Open Badges {kind}: it describes a badge or its issuer but awards "
            "nothing; pass the assertion (or credential) that awards it, with this file beside it"
        )
    if catalog is not None:
        badges = [_matched(b, catalog) for b in badges]
    return badges


# --- files -----------------------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise BadgeError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise BadgeError(
            f"{path.name}: not a JSON badge (a baked PNG/SVG? export the assertion JSON instead)"
        ) from None
    if not text.startswith(("{", "[")) and text.count(".") == 2 and " " not in text:
        return _jwt_payload(path, text)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadgeError(f"{path.name}: not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}") from None
    if not isinstance(doc, dict):
        raise BadgeError(f"{path.name}: expected a JSON object, got {type(doc).__name__}")
    return doc


def _jwt_payload(path: Path, token: str) -> dict[str, Any]:
    """A VC-JWT (compact JWS): the payload, unwrapped from ``vc`` for VC 1.1 JWTs."""
    try:
        part = token.split(".")[1]
        payload = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, IndexError):
        raise BadgeError(f"{path.name}: neither JSON nor a readable VC-JWT") from None
    if not isinstance(payload, dict):
        raise BadgeError(f"{path.name}: the VC-JWT payload is not a JSON object")
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

    def __init__(self, docs: list[tuple[Path, dict[str, Any]]]):
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        self.names = [p.name for p, _ in docs]
        for path, doc in docs:
            if isinstance(doc.get("id"), str):
                self.by_id[doc["id"]] = doc
            self.by_name[path.name] = doc

    def get(self, ref: str) -> dict[str, Any] | None:
        if ref in self.by_id:
            return self.by_id[ref]
        name = PurePosixPath(urlparse(ref).path).name
        return self.by_name.get(name) if name else None


def _resolve(
    path: Path, doc: dict[str, Any], fld: str, lookup: _Lookup, what: str, where: str = ""
) -> dict[str, Any]:
    val = doc.get(fld)
    if val is None:
        raise BadgeError(f"{path.name}: field '{where}{fld}' is missing (it names the {what})")
    if isinstance(val, dict):
        return val
    if isinstance(val, str):
        found = lookup.get(val)
        if found is not None:
            return found
        want = PurePosixPath(urlparse(val).path).name or "FILE"
        files = " ".join([*lookup.names, want])
        raise BadgeError(
            f"{path.name}: field '{where}{fld}' is only a link ({val}) and certwise does not fetch from "
            f"the network: pass the {what} file too, e.g. `certwise portfolio import-badge {files}`"
        )
    raise BadgeError(f"{path.name}: field '{where}{fld}' should be an object or a URL, not {type(val).__name__}")


def _text(path: Path, doc: dict[str, Any], fld: str, where: str) -> str:
    val = doc.get(fld)
    if isinstance(val, dict):  # a language map
        val = next((v for k, v in val.items() if k.lower().startswith("en")), next(iter(val.values()), None))
    if not isinstance(val, str) or not val.strip():
        raise BadgeError(f"{path.name}: field '{where}{fld}' is missing or empty")
    return val.strip()


def _date(path: Path, value: Any, where: str, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            raise BadgeError(f"{path.name}: field '{where}' is missing (the date it was issued)")
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
    raise BadgeError(f"{path.name}: field '{where}' is not a date: {value!r} (expected ISO 8601, e.g. 2025-03-01)")


def _link(doc: dict[str, Any]) -> str | None:
    ident = doc.get("id")
    return ident if isinstance(ident, str) and ident.startswith(("http://", "https://")) else None


# --- Open Badges 2.0 -------------------------------------------------------------------------


def _ob2(path: Path, doc: dict[str, Any], lookup: _Lookup, as_of: date) -> Badge:
    if doc.get("revoked") is True:
        reason = doc.get("revocationReason")
        raise BadgeError(f"{path.name}: field 'revoked': the issuer revoked this badge" + (f" ({reason})" if reason else ""))
    badge = _resolve(path, doc, "badge", lookup, "BadgeClass")
    name = _text(path, badge, "name", "badge.")
    issuer_doc = _resolve(path, badge, "issuer", lookup, "Issuer", "badge.")
    issuer = _text(path, issuer_doc, "name", "badge.issuer.")
    earned = _date(path, doc.get("issuedOn"), "issuedOn", required=True)
    expires = _date(path, doc.get("expires"), "expires")
    return _badge(path, doc, "ob2", name, issuer, earned, expires, as_of)


def _badge(path: Path, doc: dict[str, Any], fmt: str, name: str, issuer: str, earned: date | None,
           expires: date | None, as_of: date) -> Badge:
    """The Badge both readers return (not yet matched to the catalog: ``id`` None)."""
    return Badge(id=None, name=name, issuer=issuer, earned=earned, expires=expires, file=str(path), format=fmt,
                 credential_url=_link(doc), expired=bool(expires and expires < as_of))


# --- Open Badges 3.0 (VC 1.1 and 2.0) --------------------------------------------------------


def _ob3(path: Path, doc: dict[str, Any], lookup: _Lookup, as_of: date) -> Badge:
    subject = doc.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else None
    if not isinstance(subject, dict):
        raise BadgeError(f"{path.name}: field 'credentialSubject' is missing (it holds the achievement)")
    achievement = subject.get("achievement")
    if isinstance(achievement, list):
        achievement = achievement[0] if achievement else None
    if isinstance(achievement, str):
        achievement = _resolve(path, subject, "achievement", lookup, "Achievement", "credentialSubject.")
    if not isinstance(achievement, dict):
        raise BadgeError(f"{path.name}: field 'credentialSubject.achievement' is missing (it names the badge)")
    name = _text(path, achievement, "name", "credentialSubject.achievement.")
    issuer_doc = _resolve(path, doc, "issuer", lookup, "issuer Profile")
    if not issuer_doc.get("name") and isinstance(achievement.get("creator"), dict):
        issuer_doc = achievement["creator"]
    issuer = _text(path, issuer_doc, "name", "issuer.")
    if "validFrom" in doc or "validUntil" in doc:  # VC Data Model 2.0
        start_field, end_field = "validFrom", "validUntil"
    else:  # VC Data Model 1.1
        start_field, end_field = "issuanceDate", "expirationDate"
    earned = _date(path, doc.get("awardedDate"), "awardedDate") or _date(
        path, doc.get(start_field), start_field, required=True
    )
    expires = _date(path, doc.get(end_field), end_field)
    return _badge(path, doc, "ob3", name, issuer, earned, expires, as_of)


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
    from rapidfuzz import fuzz

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
    from rapidfuzz import fuzz

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
    from dataclasses import replace

    cid, score = match_credential(b.name, b.issuer, catalog)
    return replace(b, id=cid, match_score=score)
