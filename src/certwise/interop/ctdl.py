"""CTDL (Credential Transparency Description Language) out and in.

Out: the catalog as a JSON-LD ``@graph`` of ``ceterms:Certification`` / ``ceterms:Certificate``
nodes with their costs, durations, renewal, requirements, owners and life-cycle status.

In: single nodes, ``@graph`` documents, Credential Registry envelopes (``decoded_resource``,
with or without a BOM), current language maps and older plain strings. Nodes are streamed
(:mod:`certwise.interop.jsonstream`), so a file of 100,000 credentials imports in bounded
memory; each becomes a :class:`~certwise.catalog.model.Credential` of origin ``overlay``
whose source cites the file and the CTID.

>>> from certwise.catalog.load import Catalog
>>> from certwise.catalog.model import Credential, EXAMPLE
>>> doc = export_ctdl(Catalog([Credential.model_validate(EXAMPLE)]), date(2026, 11, 25))
>>> [n["@type"] for n in doc["@graph"]]
['ceterms:Certification', 'ceterms:CredentialOrganization']
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
LANG = "en-US"
_NS = uuid.UUID("6d1f0d3e-5c2b-4d8e-9a57-63657274776e")  # certwise's namespace for CTIDs

LIFECYCLE_NODES = {  # certwise status -> CTDL LifeCycleStatus concept
    "upcoming": ("lifecycle:Developing", "Developing"),
    "beta": ("lifecycle:Developing", "Developing"),
    "active": ("lifecycle:Active", "Active"),
    "retiring": ("lifecycle:Active", "Active"),
    "retired": ("lifecycle:Ceased", "Ceased"),
}


class CtdlError(ValueError):
    """A CTDL file that cannot be imported: one line naming the file, the node and the field."""


# ============================================================================================
# export
# ============================================================================================


def ctid(credential_id: str) -> str:
    """A stable CTID for a certwise credential id (``ce-`` + a name-based UUID)."""
    return f"ce-{uuid.uuid5(_NS, 'credential:' + credential_id)}"


def node_id(credential_id: str) -> str:
    return f"urn:certwise:credential:{credential_id}"


def org_id(provider: str) -> str:
    return f"urn:certwise:organization:{slugify(provider)}"


def _lang(text: str | list[str]) -> dict[str, Any]:
    return {LANG: text}


def _duration_hours(h: float) -> str:
    return f"PT{int(round(h))}H"


def _years(y: float) -> str:
    return f"P{int(y)}Y" if float(y).is_integer() else f"P{int(round(y * 12))}M"


def _cost_profiles(usd_low: float, usd_high: float, basis: str, note: str | None) -> list[dict[str, Any]]:
    cost_type = {"exam": "costType:AssessmentCost", "tuition": "costType:Tuition"}.get(basis, "costType:Application")
    desc = f"{basis} cost" + (
        f" between {usd_low:g} and {usd_high:g} USD" if usd_low != usd_high else f" of {usd_low:g} USD"
    )
    if note:
        desc += f". {note}"
    return [
        {
            "@type": "ceterms:CostProfile",
            "ceterms:price": usd_low if usd_low == usd_high else usd_high,
            "ceterms:currency": "USD",
            "ceterms:description": _lang(desc),
            "ceterms:directCostType": {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:framework": "https://credreg.net/ctdl/terms/CostType",
                "ceterms:targetNode": cost_type,
                "ceterms:targetNodeName": _lang(cost_type.split(":")[1]),
            },
        }
    ]


def credential_to_ctdl(c: Credential, as_of: date, superseded_by: list[str] | None = None) -> dict[str, Any]:
    """One credential as a CTDL node (Certification for exams, Certificate otherwise)."""
    kind = c.kind.value if hasattr(c.kind, "value") else str(c.kind)
    node: dict[str, Any] = {
        "@id": node_id(c.id),
        "@type": "ceterms:Certification" if kind == "certification-exam" else "ceterms:Certificate",
        "ceterms:ctid": ctid(c.id),
        "ceterms:name": _lang(c.name),
        "ceterms:description": _lang(c.summary),
        "ceterms:subjectWebpage": c.url,
        "ceterms:inLanguage": ["en"],
        "ceterms:ownedBy": [org_id(c.provider)],
        "ceterms:keyword": _lang([*c.domains]),
    }
    if c.aliases:
        node["ceterms:alternateName"] = _lang(list(c.aliases))
    status = c.status(as_of)
    target, label = LIFECYCLE_NODES[status]
    node["ceterms:lifeCycleStatusType"] = {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": "https://credreg.net/ctdl/terms/LifeCycleStatus",
        "ceterms:targetNode": target,
        "ceterms:targetNodeName": _lang(label),
    }
    lc = c.lifecycle
    if lc.launched:
        node["ceterms:dateEffective"] = lc.launched.isoformat()
    if lc.retired:
        node["ceterms:expirationDate"] = lc.retired.isoformat()
    if lc.successors:
        node["ceterms:supersededBy"] = [node_id(s) for s in lc.successors]
    if superseded_by:
        node["ceterms:supersedes"] = [node_id(s) for s in superseded_by]
    cost = c.cost
    node["ceterms:estimatedCost"] = _cost_profiles(cost.usd.low, cost.usd.high, cost.basis, cost.note)
    duration: dict[str, Any] = {
        "@type": "ceterms:DurationProfile",
        "ceterms:description": _lang(f"{c.prep.hours.low:g}-{c.prep.hours.high:g} hours of preparation"),
    }
    if c.prep.hours.low == c.prep.hours.high:
        duration["ceterms:exactDuration"] = _duration_hours(c.prep.hours.low)
    else:
        duration["ceterms:minimumDuration"] = _duration_hours(c.prep.hours.low)
        duration["ceterms:maximumDuration"] = _duration_hours(c.prep.hours.high)
    node["ceterms:estimatedDuration"] = [duration]
    r = c.renewal
    if r.validity_years:
        node["ceterms:renewalFrequency"] = _years(r.validity_years)
    if r.method not in ("none", "not-applicable"):
        renewal: dict[str, Any] = {
            "@type": "ceterms:ConditionProfile",
            "ceterms:name": _lang(f"Renew {c.name}"),
            "ceterms:description": _lang(
                f"Renewal by {r.method.replace('-', ' ')}"
                + (f" every {r.validity_years:g} years" if r.validity_years else "")
                + (f". {r.note}" if r.note else "")
            ),
        }
        if r.cost_usd is not None:
            renewal["ceterms:estimatedCost"] = _cost_profiles(r.cost_usd, r.cost_usd, "renewal", None)
        node["ceterms:renewal"] = [renewal]
    requires: dict[str, Any] = {"@type": "ceterms:ConditionProfile", "ceterms:name": _lang(f"Earn {c.name}")}
    if c.exam is not None:
        bits = ["Pass the"] + (["proctored"] if c.exam.proctored else []) + ["exam"]
        if c.exam.minutes:
            bits.append(f"({c.exam.minutes} minutes)")
        requires["ceterms:description"] = _lang(" ".join(bits))
    else:
        requires["ceterms:description"] = _lang("Complete the program's requirements")
    if c.prerequisites:
        requires["ceterms:targetCredential"] = [node_id(p) for p in c.prerequisites]
    node["ceterms:requires"] = [requires]
    if c.recommended_experience or c.recommended_before:
        rec: dict[str, Any] = {"@type": "ceterms:ConditionProfile"}
        if c.recommended_experience:
            rec["ceterms:experience"] = c.recommended_experience
            rec["ceterms:description"] = _lang(c.recommended_experience)
        if c.recommended_before:
            rec["ceterms:targetCredential"] = [node_id(p) for p in c.recommended_before]
        node["ceterms:recommends"] = [rec]
    return node


def export_ctdl(cat: Catalog, as_of: date) -> dict[str, Any]:
    """The catalog as one CTDL JSON-LD document: credentials, then their owning organisations."""
    supersedes: dict[str, list[str]] = {}
    for c in cat:
        for s in c.lifecycle.successors:
            supersedes.setdefault(s, []).append(c.id)
    graph = [credential_to_ctdl(c, as_of, supersedes.get(c.id)) for c in cat]
    orgs: dict[str, dict[str, Any]] = {}
    for c in cat:
        oid = org_id(c.provider)
        if oid not in orgs:
            orgs[oid] = {
                "@id": oid,
                "@type": "ceterms:CredentialOrganization",
                "ceterms:name": _lang(c.provider),
            }
    return {"@context": CONTEXT, "@graph": graph + list(orgs.values())}


# ============================================================================================
# import
# ============================================================================================

_CREDENTIAL_TYPES = {
    "Credential", "Certification", "Certificate", "CertificateOfCompletion", "ProfessionalCertificate",
    "Badge", "DigitalBadge", "OpenBadge", "MicroCredential", "License", "Diploma", "Degree",
    "AssociateDegree", "BachelorDegree", "MasterDegree", "DoctoralDegree", "ProfessionalDoctorate",
    "ResearchDoctorate", "ApprenticeshipCertificate", "JourneymanCertificate", "MasterCertificate",
    "AcademicCertificate", "BasicTechnicalCertificate", "GeneralEducationDevelopment",
    "SecondarySchoolDiploma", "QualityAssuranceCredential", "AssociateOfAppliedArtsDegree",
    "AssociateOfAppliedScienceDegree", "AssociateOfArtsDegree", "AssociateOfScienceDegree",
    "BachelorOfArtsDegree", "BachelorOfScienceDegree", "MasterOfArtsDegree", "MasterOfScienceDegree",
}  # fmt: skip

_DOMAIN_PATTERNS: list[tuple[str, str]] = [
    (r"\bmlops\b|machine learning operations", "mlops"),
    (r"generative|\bgen ?ai\b|\bllms?\b|large language", "generative-ai"),
    (r"deep learning|neural network", "deep-learning"),
    (r"computer vision|image recognition", "computer-vision"),
    (r"natural language|\bnlp\b", "nlp"),
    (r"machine learning|\bml\b", "ml-engineering"),
    (r"data engineer|data pipeline|\betl\b", "data-engineering"),
    (r"data science|data scien|statistic|analytics", "data-science"),
    (r"\bai governance|\bai ethics|responsible ai|governance of (ai|artificial)", "ai-governance"),
    (r"cloud", "cloud-fundamentals"),
    (r"product manage", "product-management"),
    (r"infrastructure|\bgpu\b|networking", "infrastructure"),
    (r"artificial intelligence|\bai\b", "ai-literacy"),
]
_DOMAIN_WORDS = [(re.compile(p), d) for p, d in _DOMAIN_PATTERNS]
DEFAULT_DOMAIN = "ai-applications"  # CTDL has no such field; a neutral default, noted on the record

_LEVELS = [
    (("Beginner", "Secondary", "LowerDivision"), "foundational"),
    (("Intermediate", "Associates", "Associate", "LowerDivision"), "associate"),
    (("Advanced", "Professional", "Bachelors", "UpperDivision"), "professional"),
    (("Graduate", "Masters", "Doctoral", "Postsecondary", "PostSecondary"), "program"),
]

_WEEK_HOURS = 10.0  # study hours per calendar week when CTDL gives a calendar duration


def _local(t: Any) -> str:
    return str(t).rsplit(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type", node.get("type"))
    if isinstance(t, str):
        return [_local(t)]
    if isinstance(t, list):
        return [_local(x) for x in t if isinstance(x, str)]
    return []


def is_credential_node(node: dict[str, Any]) -> bool:
    return any(t in _CREDENTIAL_TYPES or t.endswith(("Degree", "Certificate", "Diploma")) for t in _types(node))


def is_organization_node(node: dict[str, Any]) -> bool:
    return any(t.endswith("Organization") for t in _types(node))


def text(v: Any) -> str | None:
    """A plain string from a string, a language map (English preferred) or a list of either."""
    if v is None:
        return None
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, list):
        for x in v:
            t = text(x)
            if t:
                return t
        return None
    if isinstance(v, dict):
        if "@value" in v:
            return text(v["@value"])
        for key in ("en-US", "en-us", "en", "en-GB", "en-gb"):
            if key in v:
                t = text(v[key])
                if t:
                    return t
        for k, x in v.items():
            if k.lower().startswith("en"):
                t = text(x)
                if t:
                    return t
        for k, x in v.items():
            if not k.startswith("@"):
                t = text(x)
                if t:
                    return t
    return None


def texts(v: Any) -> list[str]:
    """All strings of a value, a list or a language map (English ones first)."""
    if v is None:
        return []
    if isinstance(v, str):
        return [v.strip()] if v.strip() else []
    if isinstance(v, list):
        return [t for x in v for t in texts(x)]
    if isinstance(v, dict):
        if "@value" in v:
            return texts(v["@value"])
        keys = sorted((k for k in v if not k.startswith("@")), key=lambda k: not k.lower().startswith("en"))
        en = [k for k in keys if k.lower().startswith("en")]
        return [t for k in (en or keys[:1]) for t in texts(v[k])]
    return []


def slugify(s: str, max_len: int = 60) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary.

    >>> slugify("Certified Occupational Therapy Assistant (COTA®)")
    'certified-occupational-therapy-assistant-cota'
    """
    import unicodedata

    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", s.lower())
    out = ""
    for w in words:
        nxt = f"{out}-{w}" if out else w
        if len(nxt) > max_len:
            break
        out = nxt
    return out or (words[0][:max_len] if words else "")


_DUR: re.Pattern[str] = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:\d+(?:\.\d+)?S)?)?$"
)


def duration_hours(iso: str) -> tuple[float, float | None] | None:
    """(study hours, calendar months or None) for an ISO 8601 duration.

    Hours and minutes are taken as study time; calendar spans (years, months, weeks, days)
    as part-time study of ~10 hours a week.

    >>> duration_hours("PT40H")
    (40.0, None)
    >>> duration_hours("P8W")
    (80.0, 1.8)
    """
    m = _DUR.match(iso.strip()) if isinstance(iso, str) else None
    if not m or not any(m.groupdict().values()):
        return None
    g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    weeks = g["y"] * 52.18 + g["mo"] * 4.345 + g["w"] + g["d"] / 7
    hours = g["h"] + g["mi"] / 60 + weeks * _WEEK_HOURS
    months = round(weeks / 4.345, 1) if weeks else None
    return round(hours, 1), months


def _list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _prices(profiles: Any) -> tuple[float | None, list[str]]:
    """Sum of USD prices over cost profiles; notes for what could not be counted."""
    total: float | None = None
    notes: list[str] = []
    for p in _list(profiles):
        if not isinstance(p, dict):
            continue
        price = p.get("ceterms:price")
        currency = text(p.get("ceterms:currency")) or "USD"
        if price is None:
            continue
        try:
            amount = float(price)
        except (TypeError, ValueError):
            continue
        if currency.upper() not in ("USD", "US DOLLAR", "US DOLLARS", "$"):
            notes.append(f"a cost of {amount:g} {currency} is not counted (not USD)")
            continue
        total = (total or 0.0) + amount
    return total, notes


class Mapper:
    """Turns CTDL nodes into Credentials: ids unique, owners resolved, defaults noted."""

    def __init__(self, file: Path, reserved_ids: set[str], verified: date):
        self.file = file
        self.reserved = set(reserved_ids)
        self.used: set[str] = set()
        self.orgs: dict[str, str] = {}  # @id -> name
        self.verified = verified

    def note_org(self, node: dict[str, Any]) -> None:
        nid, name = node.get("@id"), text(node.get("ceterms:name"))
        if isinstance(nid, str) and name:
            self.orgs[nid] = name

    def owner_refs_unknown(self, node: dict[str, Any]) -> bool:
        refs = [r for r in _list(node.get("ceterms:ownedBy")) + _list(node.get("ceterms:offeredBy")) if isinstance(r, str)]
        return bool(refs) and not any(r in self.orgs for r in refs)

    def _provider(self, node: dict[str, Any]) -> str:
        for fld in ("ceterms:ownedBy", "ceterms:offeredBy"):
            for ref in _list(node.get(fld)):
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

    def _unique_id(self, base: str) -> str:
        base = base or "ctdl-credential"
        cand, n = base, 2
        while cand in self.reserved or cand in self.used:
            cand = f"{base}-{n}"
            n += 1
        self.used.add(cand)
        return cand

    def credential(self, node: dict[str, Any], where: str) -> Credential:
        from pydantic import ValidationError

        from certwise.catalog.load import format_validation_error
        from certwise.catalog.model import Credential

        data = self.record(node, where)
        try:
            return Credential.model_validate(data)
        except ValidationError as e:
            raise CtdlError(format_validation_error(where, e)[0]) from None

    def record(self, node: dict[str, Any], where: str) -> dict[str, Any]:
        """The catalog record (a dict) for one CTDL credential node."""
        name = text(node.get("ceterms:name"))
        if not name:
            raise CtdlError(f"{where}: field 'ceterms:name' is missing or empty")
        types = _types(node)
        ctype = next((t for t in types if t in _CREDENTIAL_TYPES or t.endswith(("Degree", "Certificate", "Diploma"))),
                     types[0] if types else "Credential")
        the_ctid = text(node.get("ceterms:ctid"))
        provider = self._provider(node)
        is_host = " " not in provider and "." in provider
        prov_slug = slugify(provider.rsplit(".", 1)[0] if is_host else provider, 24)
        name_slug = slugify(name, 56)
        base = name_slug if name_slug.startswith(prov_slug) or provider == "Unknown provider" else f"{prov_slug}-{name_slug}"
        cid = self._unique_id(slugify(base, 80))
        notes: list[str] = []

        # kind and level
        is_degree = ctype.endswith("Degree") or ctype in ("Diploma", "SecondarySchoolDiploma", "GeneralEducationDevelopment")
        if ctype in ("Certification", "License"):
            kind = "certification-exam"
        elif is_degree:
            kind = "university-program"
        else:
            kind = "professional-certificate"
        level = None
        level_words = " ".join(
            str(a.get("ceterms:targetNode", "")) + " " + (text(a.get("ceterms:targetNodeName")) or "")
            for a in _list(node.get("ceterms:audienceLevelType")) if isinstance(a, dict)
        )
        for words, lv in _LEVELS:
            if any(w.lower() in level_words.lower() for w in words):
                level = lv
                break
        if level is None:
            level = "program" if is_degree else "associate"
            notes.append(f"Level '{level}' is a default: the CTDL record gives no audience level.")

        # domains and ecosystem
        subject_text = " ".join(
            [name, *texts(node.get("ceterms:keyword"))]
            + [text(s.get("ceterms:targetNodeName")) or "" for s in _list(node.get("ceterms:subject")) if isinstance(s, dict)]
        ).lower()
        domains: list[str] = []
        for pattern, dom in _DOMAIN_WORDS:
            if dom not in domains and pattern.search(subject_text):
                domains.append(dom)
        if not domains:
            domains = [DEFAULT_DOMAIN]
            notes.append(f"Domain '{DEFAULT_DOMAIN}' is a default: nothing in the record's name or keywords says more.")
        p = provider.lower()
        ecosystem = next(
            (eco for words, eco in ((("amazon", "aws"), "aws"), (("google",), "gcp"), (("microsoft", "azure"), "azure"),
                                    (("databricks",), "databricks"), (("nvidia",), "nvidia")) if any(w in p for w in words)),
            "vendor-neutral",
        )

        # cost
        price, cost_notes = _prices(node.get("ceterms:estimatedCost"))
        notes += cost_notes
        basis = "tuition" if is_degree else ("exam" if kind == "certification-exam" else "one-time")
        cost: dict[str, Any]
        if price is None:
            cost = {"usd": {"low": 0, "high": 0}, "basis": basis, "unknown": True,
                    "note": "Unknown: the CTDL record states no price in USD (0 here means unknown, not free)."}
        else:
            cost = {"usd": {"low": price, "high": price}, "basis": basis, "free": price == 0}

        # preparation time
        low = high = None
        months_low = months_high = None
        for d in _list(node.get("ceterms:estimatedDuration")):
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
            prep: dict[str, Any] = {"hours": {"low": 0, "high": 0}, "unknown": True,
                                    "note": "Unknown: the CTDL record gives no duration (0 here means unknown)."}
        else:
            lo, hi = low if low is not None else high, high if high is not None else low
            assert lo is not None and hi is not None
            lo, hi = min(lo, hi), max(lo, hi)
            prep = {"hours": {"low": lo, "high": hi},
                    "note": f"From the CTDL duration, counting about {_WEEK_HOURS:g} study hours a week."}
            if months_low or months_high:
                ml, mh = months_low or months_high, months_high or months_low
                assert ml is not None and mh is not None
                prep["months"] = {"low": min(ml, mh), "high": max(ml, mh)}

        # renewal
        renewals = [r for r in _list(node.get("ceterms:renewal")) if isinstance(r, dict)]
        freq = node.get("ceterms:renewalFrequency")
        parsed_freq = duration_hours(freq) if isinstance(freq, str) else None
        validity = None
        if parsed_freq and parsed_freq[1]:
            validity = round(parsed_freq[1] / 12, 2) or None
        renewal: dict[str, Any]
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
            rprice, _ = _prices([c for r in renewals for c in _list(r.get("ceterms:estimatedCost"))])
            renewal = {"validity_years": validity, "method": method, "cost_usd": rprice,
                       "note": (desc[:300] or None)}
        elif validity:
            renewal = {"validity_years": validity, "method": "retake"}
        else:
            renewal = {"validity_years": None, "method": "not-applicable" if is_degree else "none"}

        # requirements, recommendations
        experience = []
        for fld in ("ceterms:requires", "ceterms:recommends"):
            for cond in _list(node.get(fld)):
                if isinstance(cond, dict):
                    exp = text(cond.get("ceterms:experience"))
                    if exp:
                        experience.append(exp)
        recommended_experience = " ".join(experience)[:400] or None

        # life cycle
        lifecycle: dict[str, Any] = {}
        eff = text(node.get("ceterms:dateEffective"))
        if eff:
            try:
                lifecycle["launched"] = date.fromisoformat(eff[:10])
            except ValueError:
                raise CtdlError(f"{where}: field 'ceterms:dateEffective' is not a date: {eff!r}") from None
        status_words = " ".join(
            str(s.get("ceterms:targetNode", "")) for s in _list(node.get("ceterms:lifeCycleStatusType"))
            + _list(node.get("ceterms:credentialStatusType")) if isinstance(s, dict)
        ).lower()
        exp_date = text(node.get("ceterms:expirationDate"))
        if exp_date:
            try:
                lifecycle["retired"] = date.fromisoformat(exp_date[:10])
            except ValueError:
                raise CtdlError(f"{where}: field 'ceterms:expirationDate' is not a date: {exp_date!r}") from None
        elif any(w in status_words for w in ("ceased", "deprecated", "suspended")):
            lifecycle["retired"] = self.verified
            notes.append("Marked ceased/deprecated in CTDL without a date: treated as retired on import.")
        if lifecycle.get("retired") and lifecycle.get("launched") and lifecycle["retired"] < lifecycle["launched"]:
            lifecycle.pop("launched")

        # url and source
        page = node.get("ceterms:subjectWebpage")
        nid = node.get("@id")
        url = page if isinstance(page, str) and page.startswith(("http://", "https://")) else None
        if url is None and isinstance(nid, str) and nid.startswith(("http://", "https://")):
            url = nid
        if url is None and the_ctid:
            url = f"https://credentialengineregistry.org/resources/{the_ctid}"
        if url is None:
            url = self.file.resolve().as_uri()
        src_url = nid if isinstance(nid, str) and nid.startswith(("http://", "https://")) else self.file.resolve().as_uri()
        supports = ["cost", "prep", "renewal", "url"]
        if recommended_experience:
            supports.append("recommended_experience")
        if lifecycle:
            supports.append("lifecycle")
        aliases = [a for a in [the_ctid, *texts(node.get("ceterms:alternateName"))] if a and a != name]
        description = text(node.get("ceterms:description"))
        summary = description or f"{name}: a {ctype} from {provider}, imported from CTDL."
        notes.insert(0, f"Imported from CTDL ({self.file.name}" + (f", {the_ctid})." if the_ctid else ")."))
        return {
            "id": cid,
            "name": name,
            "aliases": list(dict.fromkeys(aliases))[:20],
            "provider": provider,
            "groups": ["ctdl-import"],
            "kind": kind,
            "level": level,
            "domains": domains,
            "ecosystem": ecosystem,
            "summary": summary[:2000],
            "cost": cost,
            "prep": prep,
            "renewal": renewal,
            "recommended_experience": recommended_experience,
            "lifecycle": lifecycle,
            "url": url,
            "sources": [{
                "ref": "web",
                "url": src_url,
                "title": f"CTDL record {the_ctid or nid or name} in {self.file.name}",
                "supports": supports,
                "verified": self.verified,
            }],
            "notes": notes,
            "origin": "overlay",
        }


PENDING_LIMIT = 1000  # credentials waiting for an owner named later in the graph


class _TextReader:
    """Binary file -> text chunks (UTF-8, BOM dropped), counting the bytes read for progress."""

    def __init__(self, fh: Any):
        import codecs

        self.fh = fh
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.bytes_read = 0

    def read(self, n: int) -> str:
        data = self.fh.read(n)
        self.bytes_read += len(data)
        return str(self.decoder.decode(data, final=not data))


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
        from certwise.interop.jsonstream import JsonStreamError, iter_nodes

        path = self.path
        mapper = Mapper(path, self.reserved, self.verified)
        pending: list[tuple[dict[str, Any], str]] = []
        try:
            fh = path.open("rb")
        except OSError as e:
            raise CtdlError(f"{path}: cannot read: {e.strerror or e}") from None
        with fh:
            reader = _TextReader(fh)
            try:
                for i, node in enumerate(_expand(iter_nodes(reader))):
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
                    where = f"{path.name}: node {i + 1}" + (f" ({label})" if label else "")
                    if mapper.owner_refs_unknown(node) and len(pending) < PENDING_LIMIT:
                        pending.append((node, where))
                        continue
                    yield mapper.credential(node, where)
            except JsonStreamError as e:
                raise CtdlError(f"{path.name}: not valid JSON: {e}") from None
            except UnicodeDecodeError:
                raise CtdlError(f"{path.name}: not UTF-8 text; expected a CTDL JSON-LD file") from None
            self.bytes_read = reader.bytes_read
        for node, where in pending:
            yield mapper.credential(node, where)


def iter_ctdl_credentials(
    path: str | Path, *, reserved_ids: set[str] | frozenset[str] = frozenset(), verified: date | None = None
) -> Iterator[Credential]:
    """Stream the credentials of a CTDL file (node, @graph, envelope, or a list of these)."""
    return iter(CtdlReader(path, reserved_ids=reserved_ids, verified=verified))


def _expand(nodes: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Unwrap envelopes and nested graphs met as whole values (e.g. a list of envelopes)."""
    for node in nodes:
        inner = node.get("decoded_resource")
        if isinstance(inner, dict):
            yield from _expand(iter([inner]))
            continue
        if inner is None and isinstance(node.get("resource"), str) and "envelope_type" in node:
            decoded = _jwt_payload(node["resource"])
            if decoded is not None:
                yield from _expand(iter([decoded]))
                continue
        graph = node.get("@graph")
        if isinstance(graph, list):
            yield from (n for n in graph if isinstance(n, dict))
            continue
        yield node


def _jwt_payload(token: str) -> dict[str, Any] | None:
    import base64
    import json

    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None
