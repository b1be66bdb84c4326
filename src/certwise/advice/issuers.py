"""Who issues credentials, and how well hiring managers know them: the one list of issuers.

The guide: "Recognition matters. Certifications from Google, AWS, and Microsoft carry weight";
"when a hiring manager sees a certification they've never heard of … it might actually raise
questions". Every rule in ``advice/`` that asks "is this issuer known?" reads these groups:

* the worth-it test (:mod:`certwise.advice.worth`) classes an issuer with :func:`issuer_class`;
* the scorer's recognition factor counts an issuer that carries weight in AI hiring
  (:func:`carries_weight_in_ai`): the majors, the AI platforms and the named universities;
* the audit treats a holding's issuer as known (:func:`is_known_issuer`) when it is in any group
  or issues something in the catalog.

Names match whole words, case-insensitively ("MIT Professional Education", not "Smith").

>>> issuer_class("Amazon Web Services"), issuer_class("Stanford University"), issuer_class("NVIDIA")
('major', 'university', 'known')
>>> issuer_class("Global AI Academy"), carries_weight_in_ai("IAPP")
('unknown', False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

MAJOR_ISSUERS: tuple[str, ...] = ("google", "amazon", "aws", "microsoft", "azure")
"""The three clouds the guide names: "the gold standard"."""

AI_ISSUERS: tuple[str, ...] = ("nvidia", "databricks", "ibm", "deeplearning.ai", "coursera", "salesforce",
                                "snowflake", "oracle", "github", "anthropic", "openai")
"""AI platforms and the programmes the guide recommends, and the platforms whose AI credentials
their own ecosystems hire on (Salesforce, Snowflake, Oracle, GitHub, the model makers)."""

NAMED_UNIVERSITIES: tuple[str, ...] = ("stanford", "mit", "massachusetts institute", "harvard")
"""The universities whose programmes the guide names."""

UNIVERSITY_WORDS: tuple[str, ...] = ("university", "college")
"""Any other university or college."""

OTHER_KNOWN_ISSUERS: tuple[str, ...] = (
    "edx", "kaggle", "iapp", "linux foundation", "cncf", "comptia", "isaca", "pmi",
)
"""Learning platforms and industry bodies employers know, outside AI hiring's first names."""

UNIVERSITY: tuple[str, ...] = NAMED_UNIVERSITIES + UNIVERSITY_WORDS
KNOWN_ISSUERS: tuple[str, ...] = AI_ISSUERS + NAMED_UNIVERSITIES + OTHER_KNOWN_ISSUERS
WEIGHTY_IN_AI: tuple[str, ...] = MAJOR_ISSUERS + AI_ISSUERS + NAMED_UNIVERSITIES

IssuerClass = Literal["major", "university", "known", "unknown"]


def normalise_name(s: str) -> str:
    """Lower case, runs of anything but letters and digits as one space: for comparing names."""
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def names_any(issuer: str, names: Iterable[str]) -> bool:
    """True when ``issuer`` contains one of ``names`` as whole words (case-insensitive)."""
    s = issuer.lower()
    return any(re.search(rf"\b{re.escape(k)}\b", s) for k in names)


@lru_cache(maxsize=4096)
def issuer_class(issuer: str) -> IssuerClass:
    """major (Google, AWS, Microsoft), university, known (NVIDIA, Databricks, IBM …) or unknown."""
    if names_any(issuer, MAJOR_ISSUERS):
        return "major"
    if names_any(issuer, UNIVERSITY):
        return "university"
    if names_any(issuer, KNOWN_ISSUERS):
        return "known"
    return "unknown"


@lru_cache(maxsize=4096)
def carries_weight_in_ai(issuer: str) -> bool:
    """An issuer whose name carries weight in AI hiring: a major cloud, an AI platform, a named university."""
    return names_any(issuer, WEIGHTY_IN_AI)


def is_known_issuer(issuer: str, catalog: Catalog | None = None) -> bool:
    """Known to employers: in any group above, or the provider of something in ``catalog``."""
    if not issuer.strip():
        return False
    if issuer_class(issuer) != "unknown":
        return True
    if catalog is None:
        return False
    n = normalise_name(issuer)
    return any(n and (n == normalise_name(c.provider) or normalise_name(c.provider) in n) for c in catalog)
