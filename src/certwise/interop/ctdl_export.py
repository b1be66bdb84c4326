"""CTDL (Credential Transparency Description Language) out: the catalog as JSON-LD.

One ``@graph`` of ``ceterms:Certification`` (exams) and ``ceterms:Certificate`` (the rest)
nodes with their costs, durations, renewal, requirements and life-cycle status, followed by
the ``ceterms:CredentialOrganization`` nodes that own them.

>>> from certwise.catalog.load import Catalog
>>> from certwise.catalog.model import Credential, EXAMPLE
>>> doc = export_ctdl(Catalog([Credential.model_validate(EXAMPLE)]), date(2026, 11, 25))
>>> [n["@type"] for n in doc["@graph"]]
['ceterms:Certification', 'ceterms:CredentialOrganization']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.interop.ctdl_terms import CONTEXT, LANG, ctid, node_id, org_id

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential

LIFECYCLE_NODES = {  # certwise status -> CTDL LifeCycleStatus concept
    "upcoming": ("lifecycle:Developing", "Developing"),
    "beta": ("lifecycle:Developing", "Developing"),
    "active": ("lifecycle:Active", "Active"),
    "retiring": ("lifecycle:Active", "Active"),
    "retired": ("lifecycle:Ceased", "Ceased"),
}


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
    node.update(_life_cycle(c, as_of, superseded_by))
    node["ceterms:estimatedCost"] = _cost_profiles(c.cost.usd.low, c.cost.usd.high, c.cost.basis, c.cost.note)
    node["ceterms:estimatedDuration"] = [_duration(c)]
    node.update(_renewal(c))
    node["ceterms:requires"] = [_requirements(c)]
    if c.recommended_experience or c.recommended_before:
        node["ceterms:recommends"] = [_recommendations(c)]
    return node


# --- the parts of a node -----------------------------------------------------------------------


def _lang(text: str | list[str]) -> dict[str, Any]:
    return {LANG: text}


def _concept(framework: str, target: str, label: str) -> dict[str, Any]:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": framework,
        "ceterms:targetNode": target,
        "ceterms:targetNodeName": _lang(label),
    }


def _duration_hours(h: float) -> str:
    return f"PT{int(round(h))}H"


def _years(y: float) -> str:
    return f"P{int(y)}Y" if float(y).is_integer() else f"P{int(round(y * 12))}M"


def _life_cycle(c: Credential, as_of: date, superseded_by: list[str] | None) -> dict[str, Any]:
    """Status on ``as_of``, launch and retirement dates, successors and predecessors."""
    target, label = LIFECYCLE_NODES[c.status(as_of)]
    out: dict[str, Any] = {
        "ceterms:lifeCycleStatusType": _concept("https://credreg.net/ctdl/terms/LifeCycleStatus", target, label)
    }
    lc = c.lifecycle
    if lc.launched:
        out["ceterms:dateEffective"] = lc.launched.isoformat()
    if lc.retired:
        out["ceterms:expirationDate"] = lc.retired.isoformat()
    if lc.successors:
        out["ceterms:supersededBy"] = [node_id(s) for s in lc.successors]
    if superseded_by:
        out["ceterms:supersedes"] = [node_id(s) for s in superseded_by]
    return out


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
            "ceterms:directCostType": _concept(
                "https://credreg.net/ctdl/terms/CostType", cost_type, cost_type.split(":")[1]
            ),
        }
    ]


def _duration(c: Credential) -> dict[str, Any]:
    """Preparation time: an exact duration, or a minimum and a maximum."""
    low, high = c.prep.hours.low, c.prep.hours.high
    duration: dict[str, Any] = {
        "@type": "ceterms:DurationProfile",
        "ceterms:description": _lang(f"{low:g}-{high:g} hours of preparation"),
    }
    if low == high:
        duration["ceterms:exactDuration"] = _duration_hours(low)
    else:
        duration["ceterms:minimumDuration"] = _duration_hours(low)
        duration["ceterms:maximumDuration"] = _duration_hours(high)
    return duration


def _renewal(c: Credential) -> dict[str, Any]:
    """How often it must be renewed, and how (with the renewal's cost when known)."""
    r = c.renewal
    out: dict[str, Any] = {}
    if r.validity_years:
        out["ceterms:renewalFrequency"] = _years(r.validity_years)
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
        out["ceterms:renewal"] = [renewal]
    return out


def _requirements(c: Credential) -> dict[str, Any]:
    """What earning it takes: the exam (or the program) and the prerequisites."""
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
    return requires


def _recommendations(c: Credential) -> dict[str, Any]:
    """Recommended experience and credentials to hold first."""
    rec: dict[str, Any] = {"@type": "ceterms:ConditionProfile"}
    if c.recommended_experience:
        rec["ceterms:experience"] = c.recommended_experience
        rec["ceterms:description"] = _lang(c.recommended_experience)
    if c.recommended_before:
        rec["ceterms:targetCredential"] = [node_id(p) for p in c.recommended_before]
    return rec
