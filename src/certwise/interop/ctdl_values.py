"""Reading CTDL values as they come in the wild: types, language maps, ISO durations, prices.

Registry records mix current language maps (``{"en-US": "…"}``) with older plain strings,
``@value`` objects and lists of either; these helpers turn each shape into plain values.

>>> text({"es": "Hola", "en-US": "Hello"}), texts(["a", {"en": ["b", "c"]}])
('Hello', ['a', 'b', 'c'])
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from certwise.constants import WEEKS_PER_MONTH

CREDENTIAL_TYPES = {
    "Credential", "Certification", "Certificate", "CertificateOfCompletion", "ProfessionalCertificate",
    "Badge", "DigitalBadge", "OpenBadge", "MicroCredential", "License", "Diploma", "Degree",
    "AssociateDegree", "BachelorDegree", "MasterDegree", "DoctoralDegree", "ProfessionalDoctorate",
    "ResearchDoctorate", "ApprenticeshipCertificate", "JourneymanCertificate", "MasterCertificate",
    "AcademicCertificate", "BasicTechnicalCertificate", "GeneralEducationDevelopment",
    "SecondarySchoolDiploma", "QualityAssuranceCredential", "AssociateOfAppliedArtsDegree",
    "AssociateOfAppliedScienceDegree", "AssociateOfArtsDegree", "AssociateOfScienceDegree",
    "BachelorOfArtsDegree", "BachelorOfScienceDegree", "MasterOfArtsDegree", "MasterOfScienceDegree",
}  # fmt: skip

STUDY_HOURS_PER_WEEK = 10.0  # study hours per calendar week when CTDL gives a calendar duration
# calendar spans in weeks, as CTDL durations count them (a year of 52 weeks, a month of 52/12)
WEEKS_PER_YEAR = 12 * WEEKS_PER_MONTH

USD_NAMES = ("USD", "US DOLLAR", "US DOLLARS", "$")

_DURATION: re.Pattern[str] = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:\d+(?:\.\d+)?S)?)?$"
)


def as_list(v: Any) -> list[Any]:
    """``[]`` for None, the list itself, or a one-item list."""
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _local(t: Any) -> str:
    return str(t).rsplit(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def node_types(node: dict[str, Any]) -> list[str]:
    """The node's types without their prefix (``ceterms:Certification`` → ``Certification``)."""
    t = node.get("@type", node.get("type"))
    if isinstance(t, str):
        return [_local(t)]
    if isinstance(t, list):
        return [_local(x) for x in t if isinstance(x, str)]
    return []


def _is_credential_type(t: str) -> bool:
    return t in CREDENTIAL_TYPES or t.endswith(("Degree", "Certificate", "Diploma"))


def is_credential_node(node: dict[str, Any]) -> bool:
    return any(_is_credential_type(t) for t in node_types(node))


def is_organization_node(node: dict[str, Any]) -> bool:
    return any(t.endswith("Organization") for t in node_types(node))


def credential_type(node: dict[str, Any]) -> str:
    """The node's credential type (``Certification``, ``MasterDegree`` …), else its first type."""
    types = node_types(node)
    return next((t for t in types if _is_credential_type(t)), types[0] if types else "Credential")


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
        if len(v) == 1:  # one language (the usual case): its strings, whichever it is
            k = next(iter(v))
            return texts(v[k]) if not k.startswith("@") else []
        keys = sorted((k for k in v if not k.startswith("@")), key=lambda k: not k.lower().startswith("en"))
        en = [k for k in keys if k.lower().startswith("en")]
        return [t for k in (en or keys[:1]) for t in texts(v[k])]
    return []


def duration_hours(iso: str) -> tuple[float, float | None] | None:
    """(study hours, calendar months or None) for an ISO 8601 duration.

    Hours and minutes are taken as study time; calendar spans (years, months, weeks, days)
    as part-time study of ~10 hours a week.

    >>> duration_hours("PT40H")
    (40.0, None)
    >>> duration_hours("P8W")
    (80.0, 1.8)
    """
    if isinstance(iso, str) and len(iso) <= 40:
        return _short_duration_hours(iso)
    return _duration_hours(iso)


@lru_cache(maxsize=1024)  # a file repeats a few durations ("PT40H", "P3Y") over and over
def _short_duration_hours(iso: str) -> tuple[float, float | None] | None:
    return _duration_hours(iso)


def _duration_hours(iso: str) -> tuple[float, float | None] | None:
    m = _DURATION.match(iso.strip()) if isinstance(iso, str) else None
    if not m or not any(m.groupdict().values()):
        return None
    g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    weeks = g["y"] * WEEKS_PER_YEAR + g["mo"] * WEEKS_PER_MONTH + g["w"] + g["d"] / 7
    hours = g["h"] + g["mi"] / 60 + weeks * STUDY_HOURS_PER_WEEK
    if not math.isfinite(hours) or hours > 100_000:  # not a study time: unknown
        return None
    months = round(weeks / WEEKS_PER_MONTH, 1) if weeks else None
    return round(hours, 1), months


def usd_prices(profiles: Any) -> tuple[float | None, list[str]]:
    """Sum of USD prices over cost profiles (None when none states one); notes for what is not counted.

    >>> usd_prices([{"ceterms:price": 100, "ceterms:currency": "USD"}, {"ceterms:price": 9, "ceterms:currency": "EUR"}])
    (100.0, ['a cost of 9 EUR is not counted (not USD)'])
    """
    total: float | None = None
    notes: list[str] = []
    for p in as_list(profiles):
        if not isinstance(p, dict):
            continue
        price = p.get("ceterms:price")
        currency = text(p.get("ceterms:currency")) or "USD"
        if price is None:
            continue
        try:
            amount = float(price)
        except (TypeError, ValueError, OverflowError):
            continue
        if not math.isfinite(amount) or amount < 0 or isinstance(price, bool):
            notes.append(f"a price of {str(price)[:20]!r} is not an amount: not counted (the price is unknown)")
            continue
        if currency.upper() not in USD_NAMES:
            notes.append(f"a cost of {amount:g} {currency} is not counted (not USD)")
            continue
        total = (total or 0.0) + amount
    if total is not None and not math.isfinite(total):
        notes.append("the prices add up to more than certwise can count: not counted (the price is unknown)")
        total = None
    return total, notes
