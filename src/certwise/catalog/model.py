"""The catalog's data model: one frozen dataclass per concept, validated by pydantic when loaded.

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

import dataclasses
import re
from dataclasses import field
from datetime import date
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from certwise.profile_spec import field as profile_field
from certwise.records import frozen

# Records are frozen stdlib dataclasses validated by pydantic (a TypeAdapter, built on first
# use). Pydantic's BaseModel machinery costs ~100 ms to import, which the CLI cannot afford
# on every call; with dataclasses, pydantic is imported only when files are validated
# (`catalog validate`, or a cache miss). `model_validate`, `model_dump` and
# `model_json_schema` keep the familiar pydantic interface. `@frozen` (certwise.records) is
# `@dataclass(frozen=True)` without its ~6 ms of generated methods on every CLI call.

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

GUIDE_TITLE = "Best AI Certifications That Are Actually Worth It (guide, 2026-01-09)"
GUIDE_DATE = date(2026, 1, 9)

T = TypeVar("T", bound="_Record")


class Kind(StrEnum):
    certification_exam = "certification-exam"
    professional_certificate = "professional-certificate"
    university_program = "university-program"
    learning_path = "learning-path"


class Level(StrEnum):
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
    "project-management",
    "ai-security",
]
DOMAINS: tuple[str, ...] = Domain.__args__  # type: ignore[attr-defined]

Ecosystem = Literal[
    "aws", "gcp", "azure", "databricks", "nvidia", "salesforce", "snowflake", "oracle", "ibm", "github",
    "anthropic", "openai", "vendor-neutral",
]
ECOSYSTEMS: tuple[str, ...] = Ecosystem.__args__  # type: ignore[attr-defined]

# Who a credential is best for: the profile's roles, declared once in certwise.profile_spec.
if TYPE_CHECKING:
    Persona = str
else:
    Persona = Literal.__getitem__(profile_field("role").values)
PERSONAS: tuple[str, ...] = profile_field("role").values

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

# Who may sit or enrol: "public" (anyone), or a closed audience (partners' staff, a company's
# employees, by invitation). A closed credential is shown as such and never recommended.
Access = Literal["public", "partners", "employees", "invitation"]

# What a source's quote is about: the credential itself (it must name it); a rule of the
# provider's that covers all its credentials (it must name the provider), e.g. a
# recertification policy page; or a figure for a class of credentials this one belongs to
# (e.g. the guide's prep time for cloud provider certifications), reported as general.
SourceScope = Literal["credential", "provider", "category"]


def _require(cond: bool, message: str, field: str | None = None) -> None:
    """Raise a ValueError; ``field`` (shown as ``[field] message``) names where it is wrong."""
    if not cond:
        raise ValueError(f"[{field}] {message}" if field else message)


def _jsonable(v: Any, exclude_none: bool) -> Any:
    if isinstance(v, _Record):
        return v.model_dump(mode="json", exclude_none=exclude_none)
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_jsonable(x, exclude_none) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x, exclude_none) for k, x in v.items()}
    return v


class _Record:
    """The pydantic-like interface shared by every record class."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    _adapters: ClassVar[dict[type, Any]] = {}

    @classmethod
    def _adapter(cls) -> Any:
        ad = _Record._adapters.get(cls)
        if ad is None:
            from pydantic import TypeAdapter

            ad = _Record._adapters[cls] = TypeAdapter(cls)
        return ad

    @classmethod
    def model_validate(cls: type[T], data: Any) -> T:
        """Validate a mapping (raises pydantic.ValidationError)."""
        return cls._adapter().validate_python(data)  # type: ignore[no-any-return]

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        schema: dict[str, Any] = cls._adapter().json_schema()
        schema["title"] = cls.__name__
        return schema

    def model_dump(self, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if exclude_none and v is None:
                continue
            out[f.name] = _jsonable(v, exclude_none) if mode == "json" else v
        return out

    def model_copy(self: T, update: dict[str, Any] | None = None) -> T:
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]


@frozen
class Range(_Record):
    """A numeric range, 0 ≤ low ≤ high."""

    low: float
    high: float

    def __post_init__(self) -> None:
        _require(self.low >= 0, f"low ({self.low}) must be 0 or more")
        _require(self.high >= self.low, f"high ({self.high}) is below low ({self.low})")

    def as_dict(self) -> dict[str, float]:
        return {"low": _num(self.low), "high": _num(self.high)}


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)  # type: ignore[return-value]


@frozen
class Cost(_Record):
    """What it costs to earn, in USD. ``usd`` is the total range a person pays.

    For subscriptions, ``per_month`` × ``typical_months`` explains the total.
    """

    usd: Range
    basis: Literal["exam", "subscription", "one-time", "tuition", "free"]
    per_month: Range | None = None
    typical_months: Range | None = None
    free: bool = False
    financial_aid: bool = False
    unknown: bool = False  # no source states a price (imported records): 0 then means unknown, not free
    note: str | None = None

    @property
    def is_free(self) -> bool:
        """Free to earn: flagged free, or a known price of 0."""
        return not self.unknown and (self.free or self.basis == "free" or self.usd.high == 0)


@frozen
class Prep(_Record):
    hours: Range
    months: Range | None = None  # the guide's months, where it gives them
    unknown: bool = False  # no source states a duration (imported records)
    note: str | None = None


@frozen
class ExamFormat(_Record):
    minutes: int | None = None
    questions: Range | None = None
    proctored: bool = True
    performance_based: bool = False  # hands-on labs / performance items in the exam
    delivery: str | None = None  # e.g. "online or test centre"
    note: str | None = None

    def __post_init__(self) -> None:
        _require(self.minutes is None or self.minutes > 0, "minutes must be more than 0")


@frozen
class HandsOn(_Record):
    projects: bool = False
    labs: bool = False
    description: str | None = None


def add_years(d: date, years: float) -> date:
    """``d`` plus ``years`` (fractions as whole months); 29 Feb falls back to the month's end.

    >>> add_years(date(2024, 2, 29), 1), add_years(date(2026, 1, 31), 1.5)
    (datetime.date(2025, 2, 28), datetime.date(2027, 7, 31))
    """
    months = round(years * 12)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return date(year, month, min(d.day, _month_days(year, month)))


def _month_days(year: int, month: int) -> int:
    """Days in the month (calendar.monthrange's, without importing calendar on every CLI call)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@frozen
class Renewal(_Record):
    """The provider's renewal rule."""

    method: RenewalMethod
    validity_years: float | None = None  # None: never expires
    cost_usd: float | None = None  # cost of one renewal, if known
    discount_pct: float | None = None  # e.g. AWS 50% voucher
    window_days: int | None = None  # renewal window before expiry
    note: str | None = None

    def __post_init__(self) -> None:
        _require(self.validity_years is None or self.validity_years > 0, "validity_years must be more than 0")
        _require(self.cost_usd is None or self.cost_usd >= 0, "cost_usd must be 0 or more")
        _require(self.discount_pct is None or 0 <= self.discount_pct <= 100, "discount_pct must be 0-100")
        _require(self.window_days is None or self.window_days >= 0, "window_days must be 0 or more")

    @property
    def expires(self) -> bool:
        """Does a credential under this rule ever expire?"""
        return bool(self.validity_years) and self.method not in ("none", "not-applicable")

    def expiry(self, earned: date) -> date | None:
        """When a credential earned on ``earned`` expires under this rule; None if it never does.

        Raises OverflowError past the year 9999.
        """
        return add_years(earned, self.validity_years) if self.expires and self.validity_years else None


@frozen
class SalaryUplift(_Record):
    pct: Range
    basis: str  # e.g. "self-reported survey"
    note: str | None = None


@frozen
class Lifecycle(_Record):
    launched: date | None = None
    beta_until: date | None = None
    retirement_announced: date | None = None
    retired: date | None = None
    successors: list[str] = field(default_factory=list)
    note: str | None = None

    def __post_init__(self) -> None:
        if self.retired and self.launched:
            _require(self.retired >= self.launched, "retired is before launched")
        if self.retirement_announced and self.retired:
            _require(self.retirement_announced <= self.retired, "retirement_announced is after retired")


_NO_LIFECYCLE = Lifecycle()  # what a credential without lifecycle facts has (compared, never handed out)


@frozen
class Source(_Record):
    """Where facts come from. ``ref: guide`` cites the guide; otherwise give ``url``."""

    supports: list[str]  # record fields this source backs
    verified: date
    ref: Literal["guide", "web", "file"] = "web"
    url: str | None = None
    title: str | None = None
    quote: str | None = None
    scope: SourceScope = "credential"
    publisher: Literal["vendor", "third-party", "guide"] | None = None  # None: inferred (guide / url)

    def __post_init__(self) -> None:
        _require(len(self.supports) >= 1, "must name at least one field", "supports")
        _require(self.ref != "web" or bool(self.url), "a web source needs a url", "url")


@frozen
class ExamVersion(_Record):
    """One version of a credential's exam (MLA-C01, then MLA-C02 …), with its dates.

    ``beta_from``: the beta opens; ``available_from``: general availability; ``last_day``: the
    last day it can be sat. ``changes`` says what changed from the version before.
    """

    code: str
    beta_from: date | None = None
    available_from: date | None = None
    last_day: date | None = None
    changes: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        _require(bool(self.code.strip()), "an exam version needs its code", "code")
        start = self.beta_from or self.available_from
        if start and self.last_day:
            _require(self.last_day >= start, f"{self.code}: last_day is before it opened", "last_day")
        if self.beta_from and self.available_from:
            _require(self.available_from >= self.beta_from, f"{self.code}: available_from is before beta_from",
                     "available_from")

    def opens(self) -> date | None:
        """The first day it can be sat (beta or general availability)."""
        return self.beta_from or self.available_from

    def in_force(self, day: date) -> bool:
        """Can this version be sat on ``day``? (undated ends count as open)"""
        start = self.opens()
        return (start is None or day >= start) and (self.last_day is None or day <= self.last_day)


# Study hours certwise plans with when no source states a credential's preparation time: the
# guide's figures by level (AI Essentials "under 10 hours" to cloud specialty exams' "2-4 months"
# at about 10 hours a week), always shown as an estimate.
TYPICAL_PREP_HOURS: dict[str, tuple[float, float]] = {
    "foundational": (10, 40), "associate": (60, 120), "professional": (80, 160), "specialty": (80, 160),
    "program": (100, 300),
}

# Fields that are facts and so must be backed by a source when present.
FACT_FIELDS = (
    "versions",
    "access",
    "cost",
    "prep",
    "exam",
    "hands_on",
    "renewal",
    "recommended_experience",
    "prerequisites",
    "prerequisites_any",
    "salary_uplift",
    "lifecycle",
    "url",
)


@frozen
class Credential(_Record):
    """One credential: an exam, a professional certificate, a program or a learning path."""

    id: str
    name: str
    provider: str
    kind: Kind
    level: Level
    domains: list[Domain]
    ecosystem: Ecosystem
    summary: str
    cost: Cost
    prep: Prep
    renewal: Renewal
    url: str
    sources: list[Source]
    aliases: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # e.g. nvidia
    tier: int | None = None  # the guide's tier
    exam: ExamFormat | None = None
    hands_on: HandsOn = field(default_factory=HandsOn)
    recommended_experience: str | None = None
    prerequisites: list[str] = field(default_factory=list)
    # at least one of these must be held (a provider's list; the ones in this catalog), e.g. AB-100
    prerequisites_any: list[str] = field(default_factory=list)
    recommended_before: list[str] = field(default_factory=list)  # helpful, not required
    best_for: list[Persona] = field(default_factory=list)
    salary_uplift: SalaryUplift | None = None
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    notes: list[str] = field(default_factory=list)  # where sources disagree, and why
    versions: list[ExamVersion] = field(default_factory=list)  # oldest first
    access: Access = "public"
    origin: Literal["catalog", "overlay"] = "catalog"

    def __post_init__(self) -> None:
        _require(bool(ID_RE.match(self.id)), f"'{self.id}' must be lower-case words joined by hyphens, e.g. aws-ml-specialty", "id")
        _require(self.tier is None or 1 <= self.tier <= 4, f"tier {self.tier} must be 1, 2, 3 or 4", "tier")
        _require(len(self.domains) >= 1, "must name at least one domain", "domains")
        _require(len(self.sources) >= 1, "must list at least one source", "sources")
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
            if f == "lifecycle" and val == _NO_LIFECYCLE:
                continue
            if f == "access" and val == "public":
                continue
            if f in ("cost", "prep") and val.unknown:
                continue  # "no source states it" needs no source; say why in its note
            if f not in covered:
                missing.append(f)
        _require(
            not missing,
            "facts without a source: " + ", ".join(missing) + " (add them to some source's 'supports' list)",
            "sources",
        )

    # --- computed -------------------------------------------------------------------------

    def status(self, as_of: date) -> Status:
        """Status on ``as_of``, from the dates only: the lifecycle's, then the exam version in force.

        A credential whose current exam version is in its beta (opened, not yet generally
        available) is ``beta``, as MLA-C02 was from 2026-09-29.
        """
        lc = self.lifecycle
        if lc.retired and as_of >= lc.retired:
            return "retired"
        if lc.launched and as_of < lc.launched:
            return "upcoming"
        if lc.retirement_announced and as_of >= lc.retirement_announced:
            return "retiring"
        if lc.retired and not lc.retirement_announced and (lc.retired - as_of).days <= 180:
            # a known retirement date within six months counts as retiring when we could
            # not date the announcement
            return "retiring"
        if lc.beta_until and as_of < lc.beta_until:
            return "beta"
        v = self.version_on(as_of)
        if v and v.beta_from and v.beta_from <= as_of and (v.available_from is None or as_of < v.available_from) \
                and v.in_force(as_of):
            return "beta"
        return "active"

    def prep_hours(self) -> Range:
        """Study hours to plan with: the sourced range, or — where no source states one — a typical
        range for the level (:data:`TYPICAL_PREP_HOURS`), which faces call an estimate."""
        if not self.prep.unknown:
            return self.prep.hours
        lo, hi = TYPICAL_PREP_HOURS[self.level.value]
        return Range(lo, hi)

    def gated_for(self, held: set[str] | frozenset[str]) -> bool:
        """Closed to someone who holds none of :attr:`prerequisites_any` (False when there are none)."""
        return bool(self.prerequisites_any) and not held.intersection(self.prerequisites_any)

    def is_live(self, as_of: date) -> bool:
        """Can a person start on it now? (not retired, not yet to come)"""
        return self.status(as_of) not in ("retired", "upcoming")

    def source_for(self, field: str) -> list[Source]:
        return [s for s in self.sources if field in s.supports]

    def all_names(self) -> list[str]:
        """Every name it is found by: id, name, aliases and each exam version's code."""
        codes = [v.code for v in self.versions if v.code not in self.aliases]
        return [self.id, self.name, *self.aliases, *codes]

    def version_change_between(self, start: date, end: date) -> tuple[ExamVersion, ExamVersion] | None:
        """(the version in force on ``start``, the one on ``end``) when they differ, else None."""
        a, b = self.version_on(start), self.version_on(end)
        return (a, b) if a and b and a.code != b.code else None

    def version_on(self, day: date) -> ExamVersion | None:
        """The exam version in force on ``day`` (the newest open one); None without versions.

        Before the first version opens, the first; after the last one closes, the last.
        """
        if not self.versions:
            return None
        live = [v for v in self.versions if v.in_force(day)]
        if live:
            return live[-1]
        started = [v for v in self.versions if (v.opens() or date.min) <= day]
        return started[-1] if started else self.versions[0]


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
