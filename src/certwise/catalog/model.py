"""The catalog's data model: one pydantic model per concept.

A credential record is one YAML file in ``catalog/data``. Every fact it holds is backed by a
source (``Source.supports`` names the fields it backs) with the date it was verified; facts
from the guide cite the guide (``ref: guide``). Status is never typed by hand: it is computed
from ``lifecycle`` dates on an as-of date (:func:`Credential.status`).

>>> from datetime import date
>>> c = Credential.model_validate(EXAMPLE)
>>> c.status(date(2026, 11, 24))
'active'
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

GUIDE_TITLE = "Best AI Certifications That Are Actually Worth It (guide, 2026-01-09)"
GUIDE_DATE = date(2026, 1, 9)


class Kind(str, Enum):
    certification_exam = "certification-exam"
    professional_certificate = "professional-certificate"
    university_program = "university-program"
    learning_path = "learning-path"


class Level(str, Enum):
    foundational = "foundational"
    associate = "associate"
    professional = "professional"
    specialty = "specialty"
    program = "program"


LEVEL_RANK = {"foundational": 1, "associate": 2, "professional": 3, "specialty": 4, "program": 3}

Domain = Literal[
    "ml-engineering",
    "mlops",
    "generative-ai",
    "deep-learning",
    "computer-vision",
    "nlp",
    "data-engineering",
    "data-science",
    "ai-literacy",
    "ai-governance",
    "infrastructure",
    "cloud-fundamentals",
    "ai-applications",
    "product-management",
]
DOMAINS: tuple[str, ...] = Domain.__args__  # type: ignore[attr-defined]

Ecosystem = Literal["aws", "gcp", "azure", "databricks", "nvidia", "vendor-neutral"]
ECOSYSTEMS: tuple[str, ...] = Ecosystem.__args__  # type: ignore[attr-defined]

Persona = Literal[
    "career-changer",
    "student",
    "developer",
    "data-professional",
    "ml-practitioner",
    "non-technical",
    "researcher",
    "leader",
]
PERSONAS: tuple[str, ...] = Persona.__args__  # type: ignore[attr-defined]

RenewalMethod = Literal[
    "none",  # never expires
    "retake",
    "discounted-retake",
    "free-online-assessment",
    "continuing-education",
    "recertification-exam",
    "not-applicable",  # programs and learning paths: nothing to renew
]

Status = Literal["upcoming", "beta", "active", "retiring", "retired"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A numeric range, low ≤ high."""

    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) is below low ({self.low})")
        return self

    def as_dict(self) -> dict[str, float]:
        return {"low": _num(self.low), "high": _num(self.high)}


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)  # type: ignore[return-value]


class Cost(_Strict):
    """What it costs to earn, in USD. ``usd`` is the total range a person pays.

    For subscriptions, ``per_month`` × ``typical_months`` explains the total.
    """

    usd: Range
    basis: Literal["exam", "subscription", "one-time", "tuition", "free"]
    per_month: Range | None = None
    typical_months: Range | None = None
    free: bool = False
    financial_aid: bool = False
    note: str | None = None


class Prep(_Strict):
    hours: Range
    months: Range | None = None  # the guide's months, where it gives them
    note: str | None = None


class ExamFormat(_Strict):
    minutes: int | None = Field(default=None, gt=0)
    questions: Range | None = None
    proctored: bool = True
    performance_based: bool = False  # hands-on labs / performance items in the exam
    delivery: str | None = None  # e.g. "online or test centre"
    note: str | None = None


class HandsOn(_Strict):
    projects: bool = False
    labs: bool = False
    description: str | None = None


class Renewal(_Strict):
    """The provider's renewal rule."""

    validity_years: float | None = Field(default=None, gt=0)  # None: never expires
    method: RenewalMethod
    cost_usd: float | None = Field(default=None, ge=0)  # cost of one renewal, if known
    discount_pct: float | None = Field(default=None, ge=0, le=100)  # e.g. AWS 50% voucher
    window_days: int | None = Field(default=None, ge=0)  # renewal window before expiry
    note: str | None = None


class SalaryUplift(_Strict):
    pct: Range
    basis: str  # e.g. "self-reported survey"
    note: str | None = None


class Lifecycle(_Strict):
    launched: date | None = None
    beta_until: date | None = None
    retirement_announced: date | None = None
    retired: date | None = None
    successors: list[str] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _dates_ordered(self) -> Lifecycle:
        if self.retired and self.launched and self.retired < self.launched:
            raise ValueError("retired is before launched")
        if self.retirement_announced and self.retired and self.retirement_announced > self.retired:
            raise ValueError("retirement_announced is after retired")
        return self


class Source(_Strict):
    """Where facts come from. ``ref: guide`` cites the guide; otherwise give ``url``."""

    ref: Literal["guide", "web"] = "web"
    url: str | None = None
    title: str | None = None
    supports: list[str] = Field(min_length=1)  # record fields this source backs
    verified: date
    quote: str | None = None

    @model_validator(mode="after")
    def _has_origin(self) -> Source:
        if self.ref == "web" and not self.url:
            raise ValueError("a web source needs a url")
        return self


# Fields that are facts and so must be backed by a source when present.
FACT_FIELDS = (
    "cost",
    "prep",
    "exam",
    "hands_on",
    "renewal",
    "recommended_experience",
    "prerequisites",
    "salary_uplift",
    "lifecycle",
    "url",
)


class Credential(_Strict):
    """One credential: an exam, a professional certificate, a program or a learning path."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    provider: str
    groups: list[str] = Field(default_factory=list)  # e.g. nvidia
    kind: Kind
    tier: int | None = Field(default=None, ge=1, le=4)  # the guide's tier
    level: Level
    domains: list[Domain] = Field(min_length=1)
    ecosystem: Ecosystem
    summary: str
    cost: Cost
    prep: Prep
    exam: ExamFormat | None = None
    hands_on: HandsOn = Field(default_factory=HandsOn)
    renewal: Renewal
    recommended_experience: str | None = None
    prerequisites: list[str] = Field(default_factory=list)
    recommended_before: list[str] = Field(default_factory=list)  # helpful, not required
    best_for: list[Persona] = Field(default_factory=list)
    salary_uplift: SalaryUplift | None = None
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
    url: str
    sources: list[Source] = Field(min_length=1)
    notes: list[str] = Field(default_factory=list)  # where sources disagree, and why
    origin: Literal["catalog", "overlay"] = "catalog"

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError("must be lower-case words joined by hyphens, e.g. aws-ml-specialty")
        return v

    @model_validator(mode="after")
    def _facts_sourced(self) -> Credential:
        covered: set[str] = set()
        for s in self.sources:
            covered.update(s.supports)
        missing = []
        for f in FACT_FIELDS:
            val = getattr(self, f)
            if val in (None, [], ""):
                continue
            if f == "hands_on" and not (val.projects or val.labs):
                continue
            if f == "lifecycle" and val == Lifecycle():
                continue
            if f not in covered:
                missing.append(f)
        if missing:
            raise ValueError(
                "facts without a source: " + ", ".join(missing)
                + " (add them to some source's 'supports' list)"
            )
        return self

    # --- computed -------------------------------------------------------------------------

    def status(self, as_of: date) -> Status:
        """Status on ``as_of``, from the lifecycle dates only."""
        lc = self.lifecycle
        if lc.retired and as_of >= lc.retired:
            return "retired"
        if lc.launched and as_of < lc.launched:
            return "upcoming"
        if lc.retirement_announced and as_of >= lc.retirement_announced:
            return "retiring"
        if lc.retired and (lc.retired - as_of).days <= 180:
            # a known retirement date within six months counts as retiring even if we
            # could not date the announcement
            return "retiring"
        if lc.beta_until and as_of < lc.beta_until:
            return "beta"
        return "active"

    def is_live(self, as_of: date) -> bool:
        """Can a person start on it now? (not retired, not yet to come)"""
        return self.status(as_of) not in ("retired", "upcoming")

    def source_for(self, field: str) -> list[Source]:
        return [s for s in self.sources if field in s.supports]

    def all_names(self) -> list[str]:
        return [self.id, self.name, *self.aliases]


EXAMPLE: dict[str, Any] = {
    "id": "example-cert",
    "name": "Example Certification",
    "provider": "Example",
    "kind": "certification-exam",
    "level": "associate",
    "domains": ["ml-engineering"],
    "ecosystem": "vendor-neutral",
    "summary": "An example.",
    "cost": {"usd": {"low": 100, "high": 100}, "basis": "exam"},
    "prep": {"hours": {"low": 10, "high": 20}},
    "renewal": {"validity_years": 2, "method": "retake"},
    "url": "https://example.org",
    "sources": [
        {
            "url": "https://example.org",
            "supports": ["cost", "prep", "renewal", "url"],
            "verified": "2026-11-24",
        }
    ],
}
