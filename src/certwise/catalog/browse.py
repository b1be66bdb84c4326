"""The catalog's answers as plain dicts: built once, rendered by the CLI, the web and JSON.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> cat = default_catalog()
>>> credential_detail(cat.get("aws-ml-specialty"), cat, date(2026, 11, 24))["status"]
'retired'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from certwise.catalog.labels import cap_domain, ecosystem_name, kind_name, level_name, status_word
from certwise.catalog.load import Catalog
from certwise.catalog.model import DOMAINS, ECOSYSTEMS, LEVEL_RANK, Credential, Kind, Level
from certwise.catalog.search import search
from certwise.profile_spec import phrase
from certwise.words import pct, span

STATUSES = ("upcoming", "beta", "active", "retiring", "retired")
LEVELS: tuple[str, ...] = tuple(x.value for x in Level)
KINDS: tuple[str, ...] = tuple(x.value for x in Kind)


def fmt_range(r: Any, unit: str = "", prefix: str = "") -> str:
    """A range with one sign for both ends, as the compare table shows it: ``$200``, ``$150–300``,
    ``80–160 h`` (numbers written by :func:`certwise.words.span`); ``—`` for None."""
    return "—" if r is None else prefix + span(r, unit)


def credential_summary(c: Credential, as_of: date) -> dict[str, Any]:
    """The short form used in lists, search results and comparisons."""
    return {
        "id": c.id,
        "name": c.name,
        "provider": c.provider,
        "kind": c.kind.value,
        "tier": c.tier,
        "level": c.level.value,
        "domains": list(c.domains),
        "ecosystem": c.ecosystem,
        "cost_usd": None if c.cost.unknown else c.cost.usd.as_dict(),  # None: no source states a price
        "free": c.cost.is_free,
        "financial_aid": c.cost.financial_aid,
        "prep_hours": c.prep_hours().as_dict(),
        "prep_estimated": c.prep.unknown,  # no source states it: a typical range for the level
        "status": c.status(as_of),
        "url": c.url,
    }


def _fact_sources(c: Credential, fld: str) -> list[dict[str, Any]]:
    return [
        {"title": s.title or s.url or "source", "url": s.url, "ref": s.ref, "verified": s.verified.isoformat()}
        for s in c.source_for(fld)
    ]


def replacements(c: Credential, catalog: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Live successors of ``c`` (following chains of retired successors)."""
    out: list[dict[str, Any]] = []
    seen = {c.id}
    todo = list(c.lifecycle.successors)
    while todo:
        sid = todo.pop(0)
        if sid in seen or sid not in catalog:
            continue
        seen.add(sid)
        s = catalog.get(sid)
        if s.is_live(as_of):
            out.append({"id": s.id, "name": s.name, "status": s.status(as_of)})
        else:
            todo.extend(s.lifecycle.successors)
    return out


def credential_detail(c: Credential, catalog: Catalog, as_of: date) -> dict[str, Any]:
    """Every fact with its sources, the computed status and what replaced it."""
    record = c.model_dump(mode="json", exclude_none=True)
    status = c.status(as_of)
    facts = {f: _fact_sources(c, f) for s in c.sources for f in s.supports}
    d: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        **record,
        "status": status,
        "fact_sources": facts,
        "replaced_by": replacements(c, catalog, as_of) if c.lifecycle.successors else [],
        "replaces": [x.id for x in catalog if c.id in x.lifecycle.successors],
    }
    if status == "retired":
        names = ", ".join(r["name"] for r in d["replaced_by"]) or "nothing named by the provider"
        d["status_note"] = f"Retired on {c.lifecycle.retired}; take instead: {names}."
    elif status == "retiring":
        d["status_note"] = f"Retiring on {c.lifecycle.retired}; plan to sit the exam before then."
    elif status == "upcoming":
        d["status_note"] = f"Not available until {c.lifecycle.launched}."
    return d


@dataclass
class Filters:
    """Catalog filters (all optional; lists match any of their values)."""

    provider: list[str] = field(default_factory=list)
    ecosystem: list[str] = field(default_factory=list)
    tier: list[int] = field(default_factory=list)
    level: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    max_cost: float | None = None
    free: bool = False
    text: str | None = None

    def match(self, c: Credential, as_of: date) -> bool:
        if self.provider and not any(p.lower() in c.provider.lower() for p in self.provider):
            return False
        if self.ecosystem and c.ecosystem not in self.ecosystem:
            return False
        if self.tier and c.tier not in self.tier:
            return False
        if self.level and c.level.value not in self.level:
            return False
        if self.domain and not set(self.domain) & set(c.domains):
            return False
        if self.kind and c.kind.value not in self.kind:
            return False
        if self.group and not set(self.group) & set(c.groups):
            return False
        if self.status and c.status(as_of) not in self.status:
            return False
        if self.max_cost is not None and (c.cost.unknown or c.cost.usd.low > self.max_cost):
            return False
        return not (self.free and not c.cost.is_free)


SORTS = ("tier", "name", "cost", "hours", "provider", "level")


def parse_filters(get: Callable[[str], list[str]], flag: str = "",
                  words: Mapping[str, str] | None = None) -> tuple[Filters, str, list[str]]:
    """Catalog filters from raw text values (``get(name) -> list``): ``(filters, sort, errors)``.

    The CLI, the API and the page read their input differently but check it here, with one
    message per problem; ``flag="--"`` names the fields as command-line options (``--max-cost``),
    ``words`` names them as a form's labels do (``{"max_cost": "Most you'd pay (USD)"}``), and
    then a value outside a list says "choose one from the list" instead of listing raw values.

    >>> given = {"tier": ["1", "7"], "sort": ["cost"]}
    >>> f, sort, errors = parse_filters(lambda name: given.get(name, []))
    >>> f.tier, sort, errors
    ([1], 'cost', ["tier '7' is not a tier; use 1, 2, 3 or 4."])
    """
    errors: list[str] = []

    def label(name: str) -> str:
        if words is not None:
            return f"“{words.get(name, name)}”:"
        return f"{flag}{name.replace('_', '-')}" if flag else name

    def one_of(name: str, value: str, allowed: tuple[str, ...]) -> str:
        if words is not None:
            return f"{label(name)} “{value}” is not one of the choices; choose one from the list."
        return f"{label(name)} '{value}' is not one of: {', '.join(allowed)}."

    def choices(name: str, allowed: tuple[str, ...]) -> list[str]:
        vals = get(name)
        errors.extend(one_of(name, v, allowed) for v in vals if v not in allowed)
        return [v for v in vals if v in allowed]

    tiers = []
    for t in get("tier"):
        if t in {"1", "2", "3", "4"}:
            tiers.append(int(t))
        else:
            errors.append(f"{label('tier')} '{t}' is not a tier; use 1, 2, 3 or 4." if words is None else
                          one_of("tier", t, ("1", "2", "3", "4")))
    max_cost = None
    mc = get("max_cost")
    if mc:
        given = mc[-1]
        bad = (f"{label('max_cost')} you wrote “{given}”: give a number of US dollars, 0 or more, like 300."
               if words is not None else f"{label('max_cost')} '{given}' must be a number of US dollars, 0 or more.")
        try:
            max_cost = float(given)
        except ValueError:
            errors.append(bad)
        else:
            if max_cost != max_cost or max_cost == float("inf"):  # nan, inf: no amount of dollars
                errors.append(bad)
                max_cost = None
            elif max_cost < 0:
                errors.append(bad if words is not None else
                              f"{label('max_cost')} '{given}' is negative; give a number of US dollars, 0 or more.")
                max_cost = None
    free_vals = get("free")
    free = bool(free_vals) and free_vals[-1].lower() in ("1", "true", "yes", "on")
    sort_vals = get("sort")
    sort = sort_vals[-1] if sort_vals else "tier"
    if sort not in SORTS:
        errors.append(one_of("sort", sort, SORTS))
        sort = "tier"
    f = Filters(
        provider=get("provider"),
        ecosystem=choices("ecosystem", ECOSYSTEMS),
        tier=tiers,
        level=choices("level", LEVELS),
        domain=choices("domain", DOMAINS),
        kind=choices("kind", KINDS),
        status=choices("status", STATUSES),
        group=get("group"),
        max_cost=max_cost,
        free=free,
        text=" ".join(get("q")).strip() or None,
    )
    return f, sort, errors


def sort_key(sort: str) -> Any:
    if sort == "name":
        return lambda c: (c.name.lower(), c.id)
    if sort == "cost":  # a price no source states sorts last
        return lambda c: (c.cost.unknown, c.cost.usd.low, c.cost.usd.high, c.id)
    if sort == "hours":  # so does a preparation time no source states
        return lambda c: (c.prep.unknown, c.prep.hours.low, c.prep.hours.high, c.id)
    if sort == "provider":
        return lambda c: (c.provider.lower(), LEVEL_RANK[c.level.value], c.id)
    if sort == "level":
        return lambda c: (LEVEL_RANK[c.level.value], c.id)
    return lambda c: (c.tier or 9, LEVEL_RANK[c.level.value], c.provider.lower(), c.id)


def list_credentials(catalog: Catalog, as_of: date, filters: Filters | None = None, sort: str = "tier") -> dict[str, Any]:
    """``certwise list --json`` and ``GET /api/v1/credentials``."""
    f = filters or Filters()
    items: Iterable[Credential] = catalog
    if f.text:
        items = [c for c, _ in search(catalog, f.text, limit=len(catalog))]
    chosen = [c for c in items if f.match(c, as_of)]
    if not f.text:
        chosen.sort(key=sort_key(sort))
    return {"as_of": as_of.isoformat(), "catalog_checked": catalog.checked.isoformat(), "count": len(chosen),
            "credentials": [credential_summary(c, as_of) for c in chosen]}


COMPARE_ROWS = (
    ("provider", "Provider"),
    ("kind", "Kind"),
    ("tier", "Guide tier"),
    ("level", "Level"),
    ("status", "Status"),
    ("ecosystem", "Ecosystem"),
    ("domains", "Domains"),
    ("cost", "Cost (USD)"),
    ("prep", "Prep time"),
    ("exam", "Exam"),
    ("hands_on", "Hands-on"),
    ("renewal", "Valid / renewal"),
    ("salary_uplift", "Salary uplift"),
    ("best_for", "Best for"),
    ("replaced_by", "Replaced by"),
)


def describe_exam(c: Credential) -> str:
    e = c.exam
    if e is None:
        return "no exam"
    parts = []
    if e.minutes:
        parts.append(f"{e.minutes} min")
    if e.questions:
        parts.append(fmt_range(e.questions, "questions"))
    parts.append("proctored" if e.proctored else "unproctored")
    if e.performance_based:
        parts.append("hands-on items")
    return ", ".join(parts)


def describe_renewal(c: Credential) -> str:
    r = c.renewal
    if r.method == "not-applicable":
        return "nothing to renew"
    if r.validity_years is None:
        return "never expires"
    how = r.method.replace("-", " ")
    extra = f", {pct(r.discount_pct)} off" if r.discount_pct else ""
    return f"{r.validity_years:g} years; renew by {how}{extra}"


def describe_hands_on(c: Credential) -> str:
    h = c.hands_on
    bits = [w for w, on in (("projects", h.projects), ("labs", h.labs)) if on]
    if c.exam and c.exam.performance_based:
        bits.append("performance-based exam")
    return ", ".join(bits) or "none"


def compare(catalog: Catalog, ids: list[str], as_of: date) -> dict[str, Any]:
    """``certwise compare --json``: the credentials side by side, with rows ready to render."""
    creds = [catalog.get(i) for i in ids]
    rows = []
    for key, label in COMPARE_ROWS:
        vals = []
        for c in creds:
            if key == "cost":
                v = "not stated" if c.cost.unknown else fmt_range(c.cost.usd, prefix="$") + (" (financial aid)" if c.cost.financial_aid else "")
            elif key == "prep":
                v = ("not stated (typical: " + fmt_range(c.prep_hours(), "h") + ")" if c.prep.unknown else
                     fmt_range(c.prep.hours, "h") + (f" ({fmt_range(c.prep.months, 'months')})" if c.prep.months else ""))
            elif key == "exam":
                v = describe_exam(c)
            elif key == "hands_on":
                v = describe_hands_on(c)
            elif key == "renewal":
                v = describe_renewal(c)
            elif key == "salary_uplift":
                v = (fmt_range(c.salary_uplift.pct, "%") + f" ({c.salary_uplift.basis})") if c.salary_uplift else "no sourced figure"
            elif key == "status":
                v = status_word(c.status(as_of))
            elif key == "replaced_by":
                v = ", ".join(r["name"] for r in replacements(c, catalog, as_of)) or "—"
            elif key == "domains":
                v = ", ".join(cap_domain(d) for d in c.domains)
            elif key == "best_for":
                v = ", ".join(phrase("role", r) for r in c.best_for) or "—"
            elif key == "kind":
                v = kind_name(c.kind.value)
            elif key == "level":
                v = level_name(c.level.value)
            elif key == "ecosystem":
                v = ecosystem_name(c.ecosystem)
            elif key == "tier":
                v = str(c.tier) if c.tier else "—"
            else:
                v = str(getattr(c, key))
            vals.append(v)
        rows.append({"field": key, "label": label, "values": vals})
    return {
        "as_of": as_of.isoformat(),
        "credentials": [credential_summary(c, as_of) for c in creds],
        "rows": rows,
    }
