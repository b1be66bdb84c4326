"""What the scorer knows about each credential before it meets a person: the :class:`ScoringIndex`.

Ten factors score a credential for a person (:mod:`certwise.advice.scoring`). Half of what they
read does not depend on the person: a credential's level, platform, domains, cost, prep hours,
how practical it is and how well its issuer is recognised; which credentials it leads to and
which retired ones it replaces. The index holds those, computed once per catalog, and — per
date — which credentials can be recommended at all and their status on that day.

Build it with :meth:`ScoringIndex.build`, or take the catalog's own with :func:`index_of`
(built on first use and kept on the catalog object), and pass it to the scorer:

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> index = index_of(default_catalog())
>>> index is index_of(default_catalog())
True
>>> index.by_id["aws-ml-engineer-associate"].level, index.by_id["aws-ml-engineer-associate"].ecosystem
(2.0, 'aws')
>>> "aws-ml-specialty" in index.on(date(2026, 11, 24)).ids  # retired on that date
False
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from certwise.advice import issuers, titles
from certwise.advice.issuers import carries_weight_in_ai, issuer_class
from certwise.advice.titles import is_generic_title
from certwise.catalog.cache import cache_file, read_cached, write_cached
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.records import record

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

T = TypeVar("T")

__all__ = [
    "BIG_CLOUDS", "BETA_RECOGNITION", "TIER_RECOGNITION", "KEY_KINDS", "CredentialFeatures", "DistinctValues",
    "DateView", "ScoringIndex", "index_of", "practical_value", "recognition", "is_mill",
]

BIG_CLOUDS = ("aws", "gcp", "azure")
TIER_RECOGNITION = {1: 1.0, 2: 0.8, 3: 0.75, 4: 0.8}  # the guide's tiers; tier 1 is "the gold standard"
BETA_RECOGNITION = 0.1  # "the certification is relatively new": less recognised while in beta
SALARY_RECOGNITION = 0.1  # a documented salary figure: hiring managers know what it is worth
DATES_KEPT = 4  # per-date views kept on an index (a server answers for today, tests for a few dates)
KINDS_KEPT = 4096  # what the scorer keeps per kind of person (a few floats per distinct value each)
PATHS_KEPT = 50_000  # coherence numbers and links kept per index (a tuple of a few ids and a number each)
PER_CREDENTIAL_KEPT_UP_TO = 2000  # per kind of person, values per credential are kept only for catalogs
# with at most this many credentials that lead elsewhere (a big overlay would keep too much per kind)

# The attributes each profile-dependent factor reads, as keys: a factor is computed once per
# distinct key of the catalog (see certwise.advice.ranking). "standing" is per date.
KEY_KINDS = ("domains", "ecosystem_level", "best_for", "cost", "prep", "prestige_progression")


# --- one credential -----------------------------------------------------------------------------


def practical_value(c: Credential) -> float:
    """0–1: "prioritize programs that make you build things"."""
    if (c.exam and c.exam.performance_based) or c.hands_on.projects:
        return 1.0
    if c.hands_on.labs:
        return 0.85
    if c.exam and c.exam.proctored:
        return 0.55  # a proctored exam "you need real experience to pass", but no building
    return 0.3


def recognition(c: Credential, tier: int | None) -> float:
    """0–1 before the date: the guide's tier (``tier``: its own, or one inherited from a retired
    predecessor), else a big cloud, else an issuer that carries weight in AI hiring."""
    if tier is not None:
        r = TIER_RECOGNITION[tier]
    elif c.ecosystem in BIG_CLOUDS:
        r = 0.8
    elif carries_weight_in_ai(c.provider):
        r = 0.65
    else:
        r = 0.4
    if c.salary_uplift is not None:
        r += SALARY_RECOGNITION
    return min(r, 1.0)


def is_mill(c: Credential) -> bool:
    """The guide's certificate mills are never recommended: a title that names nothing, or an
    unrecognised issuer with no hands-on work and no proctored or performance-based exam."""
    if is_generic_title(c.name):
        return True
    assessed = c.hands_on.projects or c.hands_on.labs or bool(c.exam and (c.exam.proctored or c.exam.performance_based))
    return issuer_class(c.provider) == "unknown" and not assessed and c.kind.value != "learning-path"


@record(slots=True)
class CredentialFeatures:
    """What the scorer reads from one credential, flattened (treat as read-only)."""

    position: int  # in catalog.credentials
    id: str
    level: float  # LEVEL_RANK: 1 foundational … 4 specialty
    ecosystem: str
    domains: tuple[str, ...]
    best_for: tuple[str, ...]
    tier: int | None
    cost_low: float
    cost_high: float
    free: bool
    financial_aid: bool
    cost_unknown: bool  # no source states a price
    prep_low: float
    prep_high: float
    practical: float
    recognition: float  # with its own tier; a date may add an inherited one or the beta discount
    university: bool
    learning_path: bool
    dated: bool  # has lifecycle dates, so its status must be computed for each date
    prerequisites: tuple[str, ...]
    recommended_before: tuple[str, ...]
    tensorflow: bool
    domain_set: tuple[str, ...]  # domains, sorted: the goal fit does not depend on their order
    best_for_set: tuple[str, ...]  # best_for, sorted
    mill: bool
    closed: bool  # not open to individuals: shown, never recommended

    @classmethod
    def of(cls, position: int, c: Credential) -> CredentialFeatures:
        lc = c.lifecycle
        kind = c.kind.value
        return cls(
            position=position, id=c.id, level=float(LEVEL_RANK[c.level.value]), ecosystem=c.ecosystem,
            domains=tuple(c.domains), best_for=tuple(c.best_for), tier=c.tier,
            cost_low=c.cost.usd.low, cost_high=c.cost.usd.high, free=c.cost.is_free,
            financial_aid=c.cost.financial_aid, cost_unknown=c.cost.unknown,
            prep_low=max(c.prep_hours().low, 0.5), prep_high=max(c.prep_hours().high, 0.5),
            practical=practical_value(c), recognition=recognition(c, c.tier),
            university=kind == "university-program", learning_path=kind == "learning-path",
            dated=bool(lc.launched or lc.retired or lc.retirement_announced or lc.beta_until or c.versions),
            closed=c.access != "public",
            prerequisites=tuple(c.prerequisites), recommended_before=tuple(c.recommended_before),
            tensorflow="tensorflow" in " ".join(c.all_names()).lower(),
            domain_set=tuple(sorted(set(c.domains))), best_for_set=tuple(sorted(set(c.best_for))),
            mill=is_mill(c),
        )

    def key(self, kind: str) -> Any:
        """The attributes one kind of factor reads (see :data:`KEY_KINDS`)."""
        if kind == "domains":
            return self.domain_set
        if kind == "ecosystem_level":
            return (self.ecosystem, self.level, self.tensorflow)
        if kind == "best_for":
            return self.best_for_set
        if kind == "cost":
            return (self.cost_low, self.cost_high, self.free, self.financial_aid, self.cost_unknown)
        if kind == "prep":
            return self.prep_low
        if kind == "prestige_progression":
            return (bool(self.prerequisites), self.ecosystem, self.university)
        raise KeyError(kind)


class DistinctValues:
    """The distinct values of one key over the catalog, and each credential's number among them."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.number_of: list[int] = []  # aligned with the credentials added
        self._number: dict[Any, int] = {}

    def add(self, value: Any) -> None:
        n = self._number.get(value)
        if n is None:
            n = self._number[value] = len(self.values)
            self.values.append(value)
        self.number_of.append(n)


# --- one date -----------------------------------------------------------------------------------


@record
class DateView:
    """The catalog on one date: who can be recommended, their status, what they stand on.

    *Eligible* credentials are live (not retired, launched), not learning paths and not mills;
    lists here are aligned with :attr:`eligible` ("slots").
    """

    as_of: date
    eligible: list[int]  # catalog positions, in catalog order
    slot: dict[int, int]  # catalog position -> slot
    ids: list[str]  # per slot
    keys: dict[str, list[int]]  # per key kind (and "standing"): the value number per slot
    standing: DistinctValues  # (recognition on this date, practical) pairs
    status: dict[int, str]  # catalog position -> status, where not "active"
    exact: set[int]  # catalog positions the table path cannot score: retiring ones, those that lead elsewhere
    inherited: dict[int, tuple[int | None, list[Credential]]] = field(default_factory=dict)
    _by_id: list[int] | None = None  # the slots, sorted by id (see id_order)
    live: dict[int, bool] = field(default_factory=dict)  # catalog position -> live on this date, as asked
    leads_by_kind: dict[Any, dict[str, list[str]]] = field(default_factory=dict)  # per kind of person (scoring)
    stale_notes: dict[int, str | None] = field(default_factory=dict)  # catalog position -> a card's stale note
    leads: dict[str, list[tuple[str, float, int]]] = field(default_factory=dict)  # id -> what it leads to

    def id_order(self) -> list[int]:
        """The slots, sorted by id (worked out when first asked)."""
        order = self._by_id
        if order is None:
            ids = self.ids
            order = self._by_id = sorted(range(len(ids)), key=ids.__getitem__)
        return order


# --- the index ----------------------------------------------------------------------------------


class ScoringIndex:
    """Per-catalog features for the scorer; build with :meth:`build` or take :func:`index_of`."""

    def __init__(self, catalog: Catalog, features: list[CredentialFeatures]) -> None:
        self.catalog = catalog
        self.credentials = catalog.credentials  # the list it was built from (see is_current_for)
        self.size = len(catalog.credentials)
        self.features = features
        self.by_id = {f.id: f for f in features}
        predecessors: dict[str, list[str]] = {}
        unlocks: dict[str, list[str]] = {}
        for f, c in zip(features, catalog.credentials, strict=True):
            for s in c.lifecycle.successors:
                predecessors.setdefault(s, []).append(c.id)
            if not f.learning_path:
                for b in (*f.prerequisites, *c.prerequisites_any, *f.recommended_before):
                    unlocks.setdefault(b, []).append(c.id)
        self.gated: tuple[int, ...] = tuple(f.position for f, c in zip(features, catalog.credentials, strict=True)
                                            if c.prerequisites_any)
        """positions of credentials open only to holders of one of their ``prerequisites_any``"""
        self.predecessors: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in predecessors.items()}
        """successor id -> ids of the credentials it succeeds"""
        self.unlocks: dict[str, tuple[str, ...]] = {
            k: tuple(u for u in sorted(set(v)) if u in self.by_id) for k, v in unlocks.items() if k in self.by_id}
        """id -> ids of the credentials that list it as a prerequisite or recommended before"""
        self.values = {k: DistinctValues() for k in KEY_KINDS}
        for f in features:
            for k in KEY_KINDS:
                self.values[k].add(f.key(k))
        self.learning_paths = [f.position for f in features if f.learning_path]
        self.candidates: list[int] = [f.position for f in features if not (f.learning_path or f.mill or f.closed)]
        """positions that may be ranked at all: not learning paths, not mills, not closed"""
        self.foundational: dict[str, list[int]] = {}
        """ecosystem -> positions of its foundational credentials (no learning paths, no mills), by id"""
        for f in sorted(features, key=lambda x: x.id):
            if f.level == 1 and not f.learning_path and not f.mill:
                self.foundational.setdefault(f.ecosystem, []).append(f.position)
        self._dates: dict[date, DateView] = {}
        self.start_memos()

    def start_memos(self) -> None:
        """Empty the memos the engine fills as it goes (also for an index built without __init__)."""
        self.coherence_links: dict[tuple[str, str], float] = {}
        """how two credentials link in a story (certwise.advice.coherence), by (later id, earlier id), filled as asked"""
        self.coherence_of: dict[tuple[str, ...], int] = {}
        """path_coherence of the id sequences the profile stack asked about (cleared past PATHS_KEPT)"""
        self._ecosystems: tuple[str, ...] | None = None
        self.per_kind_of_person: dict[Any, Any] = {}
        """what the scorer worked out for one kind of person (e.g. the goal fit of each domain set, which
        depends only on the goal and the role): kept here and shared by every profile of that kind"""

    @classmethod
    def build(cls, catalog: Catalog) -> ScoringIndex:
        """The features of every credential in ``catalog`` (linear in its size)."""
        return cls(catalog, [CredentialFeatures.of(i, c) for i, c in enumerate(catalog.credentials)])

    def is_current_for(self, catalog: Catalog) -> bool:
        """Built from this catalog as it is now (the same list of credentials, the same length)."""
        return self.catalog is catalog and self.credentials is catalog.credentials and self.size == len(catalog)

    def credential(self, f: CredentialFeatures) -> Credential:
        return self.catalog.credentials[f.position]

    def status(self, f: CredentialFeatures, as_of: date) -> str:
        """beta, active, retiring, retired or upcoming."""
        return self.catalog.credentials[f.position].status(as_of) if f.dated else "active"

    def keeps_per_credential(self) -> bool:
        """Are values per credential (the goal through what one leads to) kept per kind of person?"""
        return len(self.unlocks) <= PER_CREDENTIAL_KEPT_UP_TO

    def ecosystems(self) -> tuple[str, ...]:
        """The catalog's platforms, sorted (from the distinct keys: no credential is read)."""
        eco = self._ecosystems
        if eco is None:
            eco = self._ecosystems = tuple(sorted({e for e, _, _ in self.values["ecosystem_level"].values}))
        return eco

    def for_kind(self, key: Any, make: Callable[[], T]) -> T:
        """What ``make`` works out for one kind of person (``key`` names the kind and what is made),
        kept in :attr:`per_kind_of_person` (forgotten all at once past :data:`KINDS_KEPT`)."""
        kept = self.per_kind_of_person
        v = kept.get(key)
        if v is None:
            if len(kept) >= KINDS_KEPT:
                kept.clear()
            v = kept[key] = make()
        return v  # type: ignore[no-any-return]

    def is_live(self, f: CredentialFeatures, as_of: date) -> bool:
        """Can a person start on it on ``as_of``? (:meth:`Credential.is_live`, kept per date)"""
        if not f.dated:
            return True
        live = self.on(as_of).live
        v = live.get(f.position)
        if v is None:
            v = live[f.position] = self.catalog.credentials[f.position].is_live(as_of)
        return v

    def inherited_tier(self, f: CredentialFeatures, as_of: date) -> tuple[int | None, list[Credential]]:
        """The best guide tier among retired predecessors (the guide's pick passes to its
        successor), and those retired predecessors."""
        if f.id not in self.predecessors:
            return None, []
        view = self.on(as_of)
        hit = view.inherited.get(f.position)
        if hit is None:
            hit = view.inherited[f.position] = self._inherited_tier(f, as_of)
        return hit

    def _inherited_tier(self, f: CredentialFeatures, as_of: date) -> tuple[int | None, list[Credential]]:
        best: int | None = None
        retired = []
        for pid in self.predecessors.get(f.id, ()):
            pf = self.by_id.get(pid)
            pc = self.catalog.credentials[pf.position] if pf is not None else None
            if pc is None or pc.status(as_of) != "retired":
                continue
            retired.append(pc)
            if pc.tier is not None and (best is None or pc.tier < best):
                best = pc.tier
        return best, retired

    def leads(self, ident: str, as_of: date) -> list[tuple[str, float, int]]:
        """Distinct (ecosystem, level, domains number) of the eligible credentials ``ident`` leads to."""
        view = self.on(as_of)
        out = view.leads.get(ident)
        if out is None:
            numbers = self.values["domains"].number_of
            seen: set[tuple[str, float, int]] = set()
            for uid in self.unlocks.get(ident, ()):
                u = self.by_id[uid]
                if u.position in view.slot:  # live and not a mill
                    seen.add((u.ecosystem, u.level, numbers[u.position]))
            out = view.leads[ident] = sorted(seen)
        return out

    def on(self, as_of: date) -> DateView:
        """The catalog on ``as_of`` (kept for the last few dates asked)."""
        view = self._dates.get(as_of)
        if view is None:
            view = self._view(as_of)
            if len(self._dates) >= DATES_KEPT:
                self._dates.clear()
            self._dates[as_of] = view
        return view

    def _view(self, as_of: date) -> DateView:
        creds = self.catalog.credentials
        eligible: list[int] = []
        status: dict[int, str] = {}
        standing = DistinctValues()
        exact: set[int] = set()
        inherited: dict[int, tuple[int | None, list[Credential]]] = {}
        for position in self.candidates:
            f = self.features[position]
            st = "active"
            if f.dated:
                st = creds[f.position].status(as_of)
                if st == "retired" or st == "upcoming":
                    continue
                if st != "active":
                    status[f.position] = st
            rec = f.recognition
            if f.id in self.predecessors:
                tier, _ = inherited[f.position] = self._inherited_tier(f, as_of)
                if tier is not None and f.tier is None:
                    rec = recognition(creds[f.position], tier)
            if st == "beta":
                rec = max(0.0, rec - BETA_RECOGNITION)
            if st == "retiring" or f.id in self.unlocks:
                exact.add(f.position)
            eligible.append(f.position)
            standing.add((rec, f.practical))
        keys = {k: [self.values[k].number_of[i] for i in eligible] for k in KEY_KINDS}
        keys["standing"] = standing.number_of
        return DateView(as_of, eligible, {i: n for n, i in enumerate(eligible)},
                        [self.features[i].id for i in eligible], keys, standing, status, exact, inherited)


INDEX_ATTRIBUTE = "scoring_index"
"""The attribute of a Catalog object that keeps its index (see :func:`index_of`)."""


FEATURE_CODE = tuple(os.path.splitext(m.__file__ or "")[0] + ".py" for m in (issuers, titles)) + (__file__,)
"""The modules that compute a credential's features: cached features written under other code are not read."""


def index_of(catalog: Catalog) -> ScoringIndex:
    """The catalog's :class:`ScoringIndex`: built on first use and kept on the catalog object as
    its ``scoring_index`` attribute, rebuilt when its list of credentials has changed.

    A catalog read from the validated-records cache (``catalog.cache_key``: the shipped one)
    keeps its features in that cache too, so a CLI call does not recompute them."""
    index = vars(catalog).get(INDEX_ATTRIBUTE)
    if not isinstance(index, ScoringIndex) or not index.is_current_for(catalog):
        index = _cached_build(catalog) if catalog.cache_key else ScoringIndex.build(catalog)
        setattr(catalog, INDEX_ATTRIBUTE, index)
    return index


def _cached_build(catalog: Catalog) -> ScoringIndex:
    code = "|".join(f"{os.path.basename(p)}:{os.stat(p).st_mtime_ns}" for p in FEATURE_CODE if os.path.isfile(p))
    where = cache_file("features", str(catalog.cache_key), code)
    features = read_cached(where)
    if isinstance(features, list) and len(features) == len(catalog.credentials):
        return ScoringIndex(catalog, features)
    index = ScoringIndex.build(catalog)
    write_cached(where, index.features)
    return index
