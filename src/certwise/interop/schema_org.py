"""The catalog as schema.org ``EducationalOccupationalCredential`` JSON-LD.

Shaped like schema.org's own examples (issue 1779): ``credentialCategory`` is a DefinedTerm
that points at the CTDL class, ``educationalLevel`` a DefinedTerm, prices an Offer.

>>> from certwise.catalog.load import Catalog
>>> from certwise.catalog.model import Credential, EXAMPLE
>>> doc = export_schema_org(Catalog([Credential.model_validate(EXAMPLE)]), date(2026, 11, 25))
>>> doc["@graph"][0]["credentialCategory"]["@id"]
'http://purl.org/ctdl/terms/Certification'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.interop.ctdl_terms import node_id

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential

CTDL_TERMS = "http://purl.org/ctdl/terms/"


def _value(x: Any) -> str:
    return str(x.value) if hasattr(x, "value") else str(x)


def credential_to_schema_org(c: Credential, as_of: date) -> dict[str, Any]:
    kind = _value(c.kind)
    category = "Certification" if kind == "certification-exam" else "Certificate"
    node: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "@id": node_id(c.id),
        "identifier": c.id,
        "name": c.name,
        "description": c.summary,
        "url": c.url,
        "credentialCategory": {
            "@type": "DefinedTerm",
            "@id": CTDL_TERMS + category,
            "name": category,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "@id": CTDL_TERMS,
                "name": "Credential Transparency Description Language",
            },
        },
        "educationalLevel": {"@type": "DefinedTerm", "name": _value(c.level), "termCode": _value(c.level)},
        "recognizedBy": {"@type": "Organization", "name": c.provider},
        "keywords": [*c.domains],
        "timeRequired": f"PT{int(round(c.prep.hours.high))}H",
        "creativeWorkStatus": c.status(as_of),
    }
    if c.aliases:
        node["alternateName"] = list(c.aliases)
    usd = c.cost.usd
    if usd.low == usd.high:
        node["offers"] = {"@type": "Offer", "price": usd.low, "priceCurrency": "USD", "category": c.cost.basis}
    else:
        node["offers"] = {"@type": "AggregateOffer", "lowPrice": usd.low, "highPrice": usd.high,
                          "priceCurrency": "USD", "category": c.cost.basis}
    if c.renewal.validity_years:
        y = c.renewal.validity_years
        node["validFor"] = f"P{int(y)}Y" if float(y).is_integer() else f"P{int(round(y * 12))}M"
    if c.prerequisites:
        node["competencyRequired"] = [
            {"@type": "DefinedTerm", "name": p, "termCode": p, "url": node_id(p)} for p in c.prerequisites
        ]
    if c.recommended_experience:
        node["educationalRequirements"] = c.recommended_experience
    if c.lifecycle.launched:
        node["dateCreated"] = c.lifecycle.launched.isoformat()
    if c.lifecycle.retired:
        node["expires"] = c.lifecycle.retired.isoformat()
    return node


def export_schema_org(cat: Catalog, as_of: date) -> dict[str, Any]:
    """The catalog as one schema.org JSON-LD document."""
    return {"@context": "https://schema.org", "@graph": [credential_to_schema_org(c, as_of) for c in cat]}
