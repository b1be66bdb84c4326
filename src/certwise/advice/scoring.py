"""The scoring model behind recommend: ten weighted factors per credential, 0–100.

The ranking is one weighted model, not a rule per row of the guide's quick-reference table.
Every live credential (not retired, not yet launched, not a free learning path) gets ten
factor scores between 0 and 1; its score is the weighted sum, 0–100. The weights and why the
guide gives each one its size:

========== ====== ==========================================================================
factor     weight why (the guide's words)
========== ====== ==========================================================================
goal         22   "Certifications should serve your specific goals, not be collected
                  randomly" — the domains a credential covers against what the person wants
                  (ML engineering, generative AI, AI literacy …). The largest weight: a
                  credential that does not serve the goal is never the right first pick.
ecosystem    15   "Pick the cloud provider certification that matches your current or target
                  environment. AWS if you're in an AWS shop, Google if you're in GCP, Azure if
                  you're in the Microsoft ecosystem" — and Databricks/NVIDIA for people on
                  those platforms. Vendor-neutral programmes sit in between.
level        14   Career stages ("early career: focus on foundational certifications … mid
                  career: specialized certifications add the most value") and "starting too
                  advanced: don't attempt the AWS ML Specialty if you've never used AWS".
                  Above the person's readiness costs much more than below it.
recognition  11   "Recognition matters. Certifications from Google, AWS, and Microsoft carry
                  weight" — the guide's tiers (tier 1 is "the gold standard"; a retired pick's
                  successor inherits its tier), big providers, documented salary figures.
prestige      8   "University programs are worth it if the prestige specifically matters for
                  your target roles … for most people, the cloud provider certifications offer
                  better ROI": up for research/leadership/senior people, down for everyone else.
budget        7   "If budget is tight: start with free resources … the IBM certificate through
                  Coursera has financial aid options"; 0 means free or financial-aid options
                  only. Never decreases as the budget grows.
persona       7   The guide's "Best for:" line of each credential (career changers, developers,
                  managers …), with partial credit for neighbouring roles.
practical     6   "Practical skills trump theoretical knowledge … prioritize programs that make
                  you build things": projects, labs, performance-based exams.
time          5   "Build a realistic timeline based on your starting point and time
                  availability": hours per week × months against the preparation hours.
progression   5   Stacking: "certifications that build on each other tell a story" — a boost
                  when you hold what it builds on; missing hard prerequisites count against it.
========== ====== ==========================================================================

A retiring credential keeps its score when you can finish preparing before it retires and
loses most of its time factor when you cannot; retired ones are never ranked. Ties are broken
by id, so the same input always gives the same output.

The factors are computed by a table-driven scorer (:func:`rank`): each factor depends on a
few attributes of a credential, so it is computed once per distinct value and a score is a
sum of look-ups — linear in the catalog, about a tenth of a second for 100,000 credentials.
"""

from __future__ import annotations

import heapq
import weakref
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from operator import add
from typing import TYPE_CHECKING, Any

from certwise.advice.issuers import carries_weight_in_ai, issuer_class
from certwise.advice.profile import Profile
from certwise.advice.worth import is_generic_title
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.constants import WEEKS_PER_MONTH

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

WEIGHTS: dict[str, int] = {
    "goal": 22,
    "ecosystem": 15,
    "level": 14,
    "recognition": 11,
    "prestige": 8,
    "budget": 7,
    "persona": 7,
    "practical": 6,
    "time": 5,
    "progression": 5,
}
assert sum(WEIGHTS.values()) == 100

BIG_CLOUDS = ("aws", "gcp", "azure")
CLOUD_NAMES = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "databricks": "Databricks",
               "nvidia": "NVIDIA", "vendor-neutral": "any platform"}
GOAL_NAMES = {
    "ai-literacy": "AI literacy", "first-ai-role": "a first AI role", "ml-engineering": "ML engineering",
    "generative-ai": "generative AI", "deep-learning": "deep learning", "data-to-ai": "moving from data to AI",
    "research": "research", "leadership": "leadership",
}
ROLE_NAMES = {
    "career-changer": "career changers", "student": "students", "developer": "developers",
    "data-professional": "data professionals", "ml-practitioner": "ML practitioners",
    "non-technical": "non-technical professionals", "researcher": "researchers", "leader": "leaders",
}

# How much each domain serves each goal (0–1). Unlisted domains count 0.
GOAL_DOMAINS: dict[str, dict[str, float]] = {
    "ai-literacy": {"ai-literacy": 1.0, "ai-governance": 0.7, "generative-ai": 0.6, "product-management": 0.6,
                    "ai-applications": 0.4, "cloud-fundamentals": 0.35, "data-science": 0.2,
                    "ml-engineering": 0.15},
    "first-ai-role": {"ml-engineering": 1.0, "deep-learning": 0.8, "data-science": 0.8, "ai-applications": 0.7,
                      "generative-ai": 0.7, "nlp": 0.6, "computer-vision": 0.6, "mlops": 0.6,
                      "data-engineering": 0.5, "ai-literacy": 0.4, "cloud-fundamentals": 0.35,
                      "infrastructure": 0.3},
    "ml-engineering": {"ml-engineering": 1.0, "mlops": 0.95, "data-science": 0.6, "deep-learning": 0.6,
                       "ai-applications": 0.6, "data-engineering": 0.55, "generative-ai": 0.55,
                       "computer-vision": 0.5, "nlp": 0.5, "infrastructure": 0.5, "cloud-fundamentals": 0.3,
                       "ai-literacy": 0.15},
    "generative-ai": {"generative-ai": 1.0, "ai-applications": 0.8, "nlp": 0.7, "deep-learning": 0.55,
                      "ml-engineering": 0.5, "mlops": 0.4, "ai-literacy": 0.35, "computer-vision": 0.3,
                      "infrastructure": 0.3, "ai-governance": 0.3},
    "deep-learning": {"deep-learning": 1.0, "computer-vision": 0.8, "nlp": 0.75, "generative-ai": 0.6,
                      "ml-engineering": 0.55, "infrastructure": 0.5, "data-science": 0.4, "mlops": 0.3},
    "data-to-ai": {"ml-engineering": 0.95, "data-science": 0.9, "mlops": 0.8, "data-engineering": 0.7,
                   "deep-learning": 0.5, "generative-ai": 0.45, "ai-applications": 0.45,
                   "cloud-fundamentals": 0.3},
    "research": {"deep-learning": 1.0, "ml-engineering": 0.8, "data-science": 0.8, "nlp": 0.75,
                 "computer-vision": 0.75, "generative-ai": 0.7, "infrastructure": 0.45, "ai-governance": 0.4,
                 "mlops": 0.3},
    "leadership": {"ai-literacy": 0.9, "ai-governance": 0.9, "product-management": 0.9, "generative-ai": 0.6,
                   "data-science": 0.6, "ai-applications": 0.5, "ml-engineering": 0.45,
                   "cloud-fundamentals": 0.45},
}

# The same goal means different work by role: a developer's first AI role builds AI applications,
# a data professional's builds on data ("also excellent for those building AI applications").
ROLE_LENS: dict[str, dict[str, float]] = {
    "developer": {"ai-applications": 0.3, "generative-ai": 0.15},
    "data-professional": {"data-science": 0.15, "data-engineering": 0.15},
}
# A foundation serves a goal through what it leads to ("build foundations first"): it gets this
# share of the goal fit of the credentials that list it as recommended-before / prerequisite —
# the larger share when the person is not yet ready for those.
PATHWAY_NOT_READY = 0.85
PATHWAY_READY = 0.5

# Neighbouring roles get partial credit for a credential's "best for" line.
ROLE_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "career-changer": ("student",), "student": ("career-changer",),
    "developer": ("ml-practitioner", "data-professional"),
    "data-professional": ("ml-practitioner", "developer"),
    "ml-practitioner": ("developer", "data-professional", "researcher"),
    "non-technical": ("leader",), "leader": ("non-technical",), "researcher": ("ml-practitioner",),
}

# Readiness: the credential level (1 foundational … 4 specialty) a person can take on now.
STAGE_READINESS = {"early": 1.5, "mid": 3.0, "senior": 3.5}
ROLE_READINESS = {"ml-practitioner": 1.0, "developer": 0.5, "data-professional": 0.5, "researcher": 0.5,
                  "leader": 0.0, "career-changer": 0.0, "student": 0.0, "non-technical": -1.0}
# A cloud exam is capped by hands-on time on *that* cloud ("if you've never used AWS").
CLOUD_CAP = {"none": 1.0, "some": 4.0, "extensive": 5.0}
COLLECTING_BELOW = 65  # coherence of 3+ held credentials below this: "collecting", not a story
BETA_RECOGNITION = 0.1  # "the certification is relatively new": less recognised while in beta
PLATFORM_ECOSYSTEM = {"databricks": "databricks", "spark": "databricks", "nvidia": "nvidia"}
OVER_LEVEL_PENALTY = 0.4  # per level above readiness ("failed attempts … waste money")
UNDER_LEVEL_PENALTY = 0.12  # per level below (too easy: less signal, but no harm)

# --- per-catalog features (profile-independent, computed once per catalog) -----------------


@dataclass(slots=True)
class _F:
    """What the scorer needs from one credential, flattened for speed (treat as read-only)."""

    idx: int
    id: str
    level: float
    eco: str
    domains: tuple[str, ...]
    best_for: tuple[str, ...]
    tier: int | None
    cost_low: float
    cost_high: float
    free: bool
    aid: bool
    prep_low: float
    prep_high: float
    practical: float
    recognition: float
    university: bool
    learning_path: bool
    dated: bool  # has lifecycle dates, so status must be computed
    prereqs: tuple[str, ...]
    before: tuple[str, ...]
    tensorflow: bool
    dkey: tuple[str, ...]  # domains, sorted: the goal fit does not depend on their order
    bkey: tuple[str, ...]  # best_for, sorted
    mill: bool  # a certificate-mill profile (generic title, or unknown issuer with no assessment)


class _Interned:
    """Distinct values of one key, and each credential's index into them."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.of: list[int] = []
        self._index: dict[Any, int] = {}

    def add(self, v: Any) -> None:
        k = self._index.get(v)
        if k is None:
            k = self._index[v] = len(self.values)
            self.values.append(v)
        self.of.append(k)


@dataclass
class _Day:
    """What depends on the date only: who is eligible, their status, the profile-free score part."""

    idx: list[int]  # catalog indices of eligible credentials (live, not learning paths, not mills)
    pos: dict[int, int]  # catalog index -> position in the lists below
    ids: list[str]
    keys: list[list[int]]  # per key kind, aligned with idx
    static: list[float]  # weighted recognition + practical
    status: dict[int, str]  # catalog index -> status, where not "active"
    special: set[int]  # catalog indices scored exactly: retiring ones and foundations (pathway fit)
    inherited: dict[int, tuple[int | None, list[Credential]]] = field(default_factory=dict)
    leads: dict[str, list[tuple[str, float, int]]] = field(default_factory=dict)  # id -> (eco, level, dk)


@dataclass
class _Features:
    feats: list[_F]
    predecessors: dict[str, tuple[str, ...]]  # successor id -> retired-or-not predecessor ids
    unlocks: dict[str, tuple[str, ...]]  # id -> ids that list it as prerequisite / recommended before
    by_id: dict[str, _F]
    keys: dict[str, _Interned] = field(default_factory=dict)
    learning_paths: list[int] = field(default_factory=list)
    learning_paths_by_eco: dict[str, list[int]] = field(default_factory=dict)  # sorted by id
    foundational: dict[str, list[int]] = field(default_factory=dict)  # ecosystem -> indices, by id
    days: dict[date, _Day] = field(default_factory=dict)


_CACHE: dict[int, tuple[Any, Any, int, _Features]] = {}
KEY_KINDS = ("domains", "eco_level", "best_for", "cost", "prep", "misc")


def _practical(c: Credential) -> float:
    if (c.exam and c.exam.performance_based) or c.hands_on.projects:
        return 1.0
    if c.hands_on.labs:
        return 0.85
    if c.exam and c.exam.proctored:
        return 0.55  # a proctored exam "you need real experience to pass", but no building
    return 0.3


def _base_recognition(c: Credential, tier: int | None) -> float:
    if tier is not None:
        r = {1: 1.0, 2: 0.8, 3: 0.75, 4: 0.8}[tier]
    elif c.ecosystem in BIG_CLOUDS:
        r = 0.8
    elif carries_weight_in_ai(c.provider):
        r = 0.65
    else:
        r = 0.4
    if c.salary_uplift is not None:
        r += 0.1
    return min(r, 1.0)


def _is_mill(c: Credential) -> bool:
    """The guide's certificate mills are never recommended: a title that names nothing, or an
    unrecognised issuer with no hands-on work and no proctored or performance-based exam."""
    if is_generic_title(c.name):
        return True
    assessed = c.hands_on.projects or c.hands_on.labs or bool(c.exam and (c.exam.proctored or c.exam.performance_based))
    return issuer_class(c.provider) == "unknown" and not assessed and c.kind.value != "learning-path"


def _features(catalog: Catalog) -> _Features:
    key = id(catalog)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is catalog and hit[1] is catalog.credentials and hit[2] == len(catalog):
        return hit[3]
    feats = []
    preds: dict[str, list[str]] = {}
    unlocks: dict[str, list[str]] = {}
    for i, c in enumerate(catalog.credentials):
        lc = c.lifecycle
        kind = c.kind.value
        for s in lc.successors:
            preds.setdefault(s, []).append(c.id)
        if kind != "learning-path":
            for b in (*c.prerequisites, *c.recommended_before):
                unlocks.setdefault(b, []).append(c.id)
        names = " ".join(c.all_names()).lower()
        feats.append(_F(
            idx=i, id=c.id, level=float(LEVEL_RANK[c.level.value]), eco=c.ecosystem,
            domains=tuple(c.domains), best_for=tuple(c.best_for), tier=c.tier,
            cost_low=c.cost.usd.low, cost_high=c.cost.usd.high,
            free=c.cost.is_free,
            aid=c.cost.financial_aid, prep_low=max(c.prep.hours.low, 0.5), prep_high=max(c.prep.hours.high, 0.5),
            practical=_practical(c), recognition=_base_recognition(c, c.tier),
            university=kind == "university-program", learning_path=kind == "learning-path",
            dated=bool(lc.launched or lc.retired or lc.retirement_announced or lc.beta_until),
            prereqs=tuple(c.prerequisites), before=tuple(c.recommended_before),
            tensorflow="tensorflow" in names, dkey=tuple(sorted(set(c.domains))),
            bkey=tuple(sorted(set(c.best_for))), mill=_is_mill(c),
        ))
    by_id = {x.id: x for x in feats}
    f = _Features(feats, {k: tuple(sorted(v)) for k, v in preds.items()},
                  {k: tuple(sorted(set(v))) for k, v in unlocks.items() if k in by_id}, by_id)
    for k in list(f.unlocks):
        f.unlocks[k] = tuple(u for u in f.unlocks[k] if u in by_id)
    keys = {k: _Interned() for k in KEY_KINDS}
    for x in feats:
        keys["domains"].add(x.dkey)
        keys["eco_level"].add((x.eco, x.level, x.tensorflow))
        keys["best_for"].add(x.bkey)
        keys["cost"].add((x.cost_low, x.cost_high, x.free, x.aid))
        keys["prep"].add(x.prep_low)
        keys["misc"].add((bool(x.prereqs), x.eco, x.university))
    f.keys = keys
    f.learning_paths = [x.idx for x in feats if x.learning_path]
    for x in sorted(feats, key=lambda x: x.id):
        if x.learning_path:
            f.learning_paths_by_eco.setdefault(x.eco, []).append(x.idx)
    for x in sorted(feats, key=lambda x: x.id):
        if x.level == 1 and not x.learning_path and not x.mill:
            f.foundational.setdefault(x.eco, []).append(x.idx)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = (weakref.ref(catalog), catalog.credentials, len(catalog), f)
    return f


def _leads(feats: _Features, day: _Day, ident: str) -> list[tuple[str, float, int]]:
    """Distinct (ecosystem, level, domain key) of the eligible credentials ``ident`` leads to."""
    out = day.leads.get(ident)
    if out is None:
        dks = feats.keys["domains"].of
        seen: set[tuple[str, float, int]] = set()
        for uid in feats.unlocks.get(ident, ()):
            u = feats.by_id[uid]
            if u.idx in day.pos:  # not retired, launched, not a mill
                seen.add((u.eco, u.level, dks[u.idx]))
        out = day.leads[ident] = sorted(seen)
    return out


def _day(catalog: Catalog, feats: _Features, as_of: date) -> _Day:
    """Eligibility, status and the profile-free part of the score on one date (cached)."""
    d = feats.days.get(as_of)
    if d is not None:
        return d
    creds = catalog.credentials
    w_rec, w_pra = WEIGHTS["recognition"], WEIGHTS["practical"]
    idx: list[int] = []
    status: dict[int, str] = {}
    static: list[float] = []
    special: set[int] = set()
    preds = feats.predecessors
    inherited: dict[int, tuple[int | None, list[Credential]]] = {}
    for f in feats.feats:
        if f.learning_path or f.mill:
            continue
        st = "active"
        if f.dated:
            st = creds[f.idx].status(as_of)
            if st == "retired" or st == "upcoming":
                continue
            if st != "active":
                status[f.idx] = st
        rec = f.recognition
        if f.id in preds:
            inh, replaced = inherited[f.idx] = _inherited_tier_uncached(f, feats, catalog, as_of)
            if inh is not None and f.tier is None:
                rec = _base_recognition(creds[f.idx], inh)
        if st == "beta":
            rec = max(0.0, rec - BETA_RECOGNITION)
        if st == "retiring" or f.id in feats.unlocks:
            special.add(f.idx)
        idx.append(f.idx)
        static.append(w_rec * rec + w_pra * f.practical)
    keys = [[feats.keys[k].of[i] for i in idx] for k in KEY_KINDS]
    d = _Day(idx, {i: n for n, i in enumerate(idx)}, [feats.feats[i].id for i in idx], keys, static, status, special,
             inherited)
    if len(feats.days) > 4:
        feats.days.clear()
    feats.days[as_of] = d
    return d


# --- the scorer ------------------------------------------------------------------------------


def prestige_need(p: Profile) -> float:
    """0–1: how much prestige matters ("research, academic, senior, or prestige-sensitive roles")."""
    need = 0.0
    if p.goal in ("research", "leadership"):
        need += 0.6
    if p.role in ("researcher", "leader"):
        need += 0.3
    if p.stage == "senior":
        need += 0.2
    return min(need, 1.0)


class _Scorer:
    """Factor functions for one profile on one date, memoised on the few keys they depend on."""

    def __init__(self, p: Profile, catalog: Catalog, feats: _Features, as_of: date, day: _Day | None = None):
        self.p = p
        self.as_of = as_of
        self.catalog = catalog
        self.feats = feats
        self.day = day if day is not None else _day(catalog, feats, as_of)
        lens = ROLE_LENS.get(p.role, {})
        self.goal_map = {d: min(1.0, GOAL_DOMAINS[p.goal].get(d, 0.0) + lens.get(d, 0.0))
                         for d in {*GOAL_DOMAINS[p.goal], *lens}}
        self._pathway: dict[str, float] = {}
        self.held = set(p.held)
        self.platform_ecos = {PLATFORM_ECOSYSTEM[x] for x in p.platforms if x in PLATFORM_ECOSYSTEM}
        self.prestige = prestige_need(p)
        self.general = STAGE_READINESS[p.stage] + ROLE_READINESS[p.role]
        if p.role == "non-technical":
            self.general = min(self.general, 1.5)
        # held credentials show readiness: one level above what you hold, per ecosystem
        self.eco_floor: dict[str, float] = {}
        by_id = feats.by_id
        for h in self.held:
            hf = by_id.get(h)
            if hf is None:
                continue
            self.general = max(self.general, hf.level + 0.5)
            self.eco_floor[hf.eco] = max(self.eco_floor.get(hf.eco, 0.0), hf.level + 1.0)
        self.held_ecos = {by_id[h].eco for h in self.held if h in by_id}
        self._goal: dict[tuple[str, ...], float] = {}
        self._persona: dict[tuple[str, ...], float] = {}
        self._level: dict[tuple[float, str], float] = {}
        self._eco: dict[tuple[str, bool], float] = {}
        self.hours_avail = p.hours_per_week * p.months * WEEKS_PER_MONTH if p.months else None

    # each returns 0..1
    def goal(self, domains: tuple[str, ...]) -> float:
        v = self._goal.get(domains)
        if v is None:
            rel = [self.goal_map.get(d, 0.0) for d in domains]
            v = 0.85 * max(rel) + 0.15 * (sum(rel) / len(rel))
            self._goal[domains] = v
        return v

    def goal_of(self, f: _F) -> float:
        """Goal fit, or the pathway fit through what the credential leads to, whichever is larger."""
        own = self.goal(f.dkey)
        nxt = self.feats.unlocks.get(f.id)
        if not nxt:
            return own
        v = self._pathway.get(f.id)
        if v is None:
            gk = self.goal_by_dk()
            ready: dict[tuple[str, float], float] = {}
            v = 0.0
            for eco, level, dk in _leads(self.feats, self.day, f.id):
                share = ready.get((eco, level))
                if share is None:
                    share = ready[(eco, level)] = (
                        PATHWAY_READY if self.readiness(eco) >= level else PATHWAY_NOT_READY)
                g = share * gk[dk]
                if g > v:
                    v = g
            self._pathway[f.id] = v
        return max(own, v)

    def goal_by_dk(self) -> list[float]:
        """Goal fit for each distinct domain set of the catalog (by key index)."""
        g = getattr(self, "_gdk", None)
        if g is None:
            g = self._gdk = [self.goal(d) for d in self.feats.keys["domains"].values]
        return g

    def ecosystem(self, eco: str, tensorflow: bool = False) -> float:
        k = (eco, tensorflow)
        v = self._eco.get(k)
        if v is None:
            cloud = self.p.cloud
            if eco in BIG_CLOUDS:
                v = 1.0 if eco == cloud else (0.45 if cloud == "none" else 0.1)
                if eco != cloud and eco in self.held_ecos:
                    v = max(v, 0.6)  # you already invested in it
            elif eco == "vendor-neutral":
                v = 0.7
                if tensorflow and "tensorflow" in self.p.platforms:
                    v = 1.0
            else:  # databricks, nvidia: platforms that run on any cloud
                v = 1.0 if eco in self.platform_ecos else 0.35
            self._eco[k] = v
        return v

    def readiness(self, eco: str) -> float:
        r = self.general
        if eco in BIG_CLOUDS:
            cap = CLOUD_CAP[self.p.cloud_experience] if eco == self.p.cloud else CLOUD_CAP["none"]
            r = min(r, cap)
        elif eco in ("databricks", "nvidia"):
            r = min(r, 5.0 if eco in self.platform_ecos else 2.5)
        return max(r, self.eco_floor.get(eco, 0.0))

    def level(self, level: float, eco: str) -> float:
        k = (level, eco)
        v = self._level.get(k)
        if v is None:
            gap = level - self.readiness(eco)
            if gap > 0:
                v = max(0.0, 1.0 - OVER_LEVEL_PENALTY * gap)
            else:
                v = max(0.4, 1.0 + UNDER_LEVEL_PENALTY * gap)
            self._level[k] = v
        return v

    def persona(self, best_for: tuple[str, ...]) -> float:
        v = self._persona.get(best_for)
        if v is None:
            if not best_for:
                v = 0.5
            elif self.p.role in best_for:
                v = 1.0
            elif any(r in best_for for r in ROLE_NEIGHBOURS[self.p.role]):
                v = 0.6
            elif self.p.stage == "early" and ("career-changer" in best_for or "student" in best_for):
                # "best for career changers, beginners …": anyone with 0-2 years is a beginner
                v = 0.6
            else:
                v = 0.2
            self._persona[best_for] = v
        return v

    def budget(self, f: _F) -> float:
        return self.budget_of(f.cost_low, f.cost_high, f.free, f.aid)

    def budget_of(self, low: float, high: float, free: bool, aid: bool) -> float:
        b = self.p.budget_usd
        if b is None or free:
            return 1.0
        if high <= b:
            v = 1.0
        elif low <= b:
            v = 0.75
        else:
            v = 0.5 * (b / low) if low > 0 else 1.0
        if aid:
            v = max(v, 0.6)  # "financial aid options that can reduce or eliminate cost"
        return v

    def time(self, f: _F) -> float:
        return self.time_of(f.prep_low)

    def time_of(self, prep_low: float) -> float:
        hpw = self.p.hours_per_week
        if self.hours_avail is not None:
            return min(1.0, self.hours_avail / prep_low)
        months = prep_low / (hpw * WEEKS_PER_MONTH)
        return 1.0 if months <= 6 else max(0.4, 1.0 - (months - 6) / 30)

    def prestige_fit(self, f: _F) -> float:
        return self.prestige_of(f.university)

    def prestige_of(self, university: bool) -> float:
        n = self.prestige
        if university:
            return n
        # "for most people, the cloud provider certifications offer better ROI": when prestige
        # does not matter, an industry credential beats a university programme on this factor
        return 1.0 - 0.8 * n

    def recognition(self, f: _F, inherited: int | None) -> float:
        if inherited is not None and f.tier is None:
            c = self.catalog.credentials[f.idx]
            return _base_recognition(c, inherited)
        return f.recognition

    def progression(self, f: _F) -> float:
        if not self.held:
            return 0.0 if f.prereqs else 0.5
        if f.prereqs and not all(x in self.held for x in f.prereqs):
            return 0.0
        if any(x in self.held for x in f.prereqs) or any(x in self.held for x in f.before):
            return 1.0
        if f.id in self._successor_of_held():
            return 1.0
        if f.eco in self.held_ecos and f.eco != "vendor-neutral":
            return 0.75
        return 0.5

    def _successor_of_held(self) -> set[str]:
        s = getattr(self, "_soh", None)
        if s is None:
            s = set()
            creds = self.catalog.credentials
            for h in self.held:
                hf = self.feats.by_id.get(h)
                if hf is not None:
                    s.update(creds[hf.idx].lifecycle.successors)
            self._soh = s
        return s

    def touching_held(self) -> set[str]:
        """Ids whose progression depends on what is held (they build on it or succeed it)."""
        out = set(self._successor_of_held())
        for h in self.held:
            out.update(self.feats.unlocks.get(h, ()))
        return out

    def default_progression(self, has_prereqs: bool, eco: str) -> float:
        """Progression for a credential that neither builds on nor succeeds anything held."""
        if has_prereqs:
            return 0.0
        if self.held and eco in self.held_ecos and eco != "vendor-neutral":
            return 0.75
        return 0.5


def _status(c: Credential, f: _F, as_of: date) -> str:
    return c.status(as_of) if f.dated else "active"


def _inherited_tier(f: _F, feats: _Features, catalog: Catalog, as_of: date) -> tuple[int | None, list[Credential]]:
    """The best guide tier among retired predecessors (the guide's pick passes to its successor)."""
    if f.id not in feats.predecessors:
        return None, []
    day = _day(catalog, feats, as_of)
    hit = day.inherited.get(f.idx)
    if hit is None:
        hit = day.inherited[f.idx] = _inherited_tier_uncached(f, feats, catalog, as_of)
    return hit


def _inherited_tier_uncached(f: _F, feats: _Features, catalog: Catalog,
                             as_of: date) -> tuple[int | None, list[Credential]]:
    pids = feats.predecessors.get(f.id)
    if not pids:
        return None, []
    best: int | None = None
    retired = []
    for pid in pids:
        pf = feats.by_id.get(pid)
        pc = catalog.credentials[pf.idx] if pf is not None else None
        if pc is None or pc.status(as_of) != "retired":
            continue
        retired.append(pc)
        if pc.tier is not None and (best is None or pc.tier < best):
            best = pc.tier
    return best, retired


@dataclass
class Scored:
    cred: Credential
    score: float
    factors: dict[str, float]
    status: str
    inherited_tier: int | None
    replaces: list[Credential]
    leads_to: list[str]
    stretch: bool = False  # above the person's readiness: foundations should come first


def _factors(sc: _Scorer, f: _F, status: str, inherited: int | None) -> dict[str, float]:
    t = sc.time(f)
    if status == "retiring":
        t = min(t, _retiring_time_factor(sc, f))
    rec = sc.recognition(f, inherited)
    if status == "beta":
        rec = max(0.0, rec - BETA_RECOGNITION)
    return {
        "goal": sc.goal_of(f),
        "ecosystem": sc.ecosystem(f.eco, f.tensorflow),
        "level": sc.level(f.level, f.eco),
        "recognition": rec,
        "prestige": sc.prestige_fit(f),
        "budget": sc.budget(f),
        "persona": sc.persona(f.bkey),
        "practical": f.practical,
        "time": t,
        "progression": sc.progression(f),
    }


def _retiring_time_factor(sc: _Scorer, f: _F) -> float:
    c = sc.catalog.credentials[f.idx]
    end = c.lifecycle.retired
    if end is None:
        return 1.0
    weeks_left = (end - sc.as_of).days / 7
    weeks_needed = f.prep_low / sc.p.hours_per_week
    return 1.0 if weeks_needed <= weeks_left else 0.2


def _total(factors: dict[str, float]) -> float:
    return sum(WEIGHTS[k] * v for k, v in factors.items())


def rank(profile: Profile, catalog: Catalog, as_of: date, limit: int | None = 10) -> list[Scored]:
    """Live, non-learning-path, not-held credentials, best first (score desc, then id).

    Budget 0 keeps only free and financial-aid options. ``limit=None`` ranks everything.

    Every factor depends on a few attributes of a credential (its domains; its ecosystem and
    level; its "best for" line; its cost; its prep hours …), so each factor is computed once per
    distinct value and a credential's score is a sum of table look-ups — linear in the catalog
    with a small constant. Credentials whose factors need more (retiring ones, foundations that
    lead elsewhere, those that build on what the person holds) are scored one by one, and the
    top of the list is always re-scored exactly with :func:`_factors`.
    """
    feats = _features(catalog)
    day = _day(catalog, feats, as_of)
    sc = _Scorer(profile, catalog, feats, as_of, day)
    W = WEIGHTS
    free_only = profile.budget_usd == 0
    kv = {k: feats.keys[k].values for k in KEY_KINDS}
    G = [W["goal"] * g for g in sc.goal_by_dk()]
    EL = [W["ecosystem"] * sc.ecosystem(eco, tf) + W["level"] * sc.level(lvl, eco) for eco, lvl, tf in kv["eco_level"]]
    P = [W["persona"] * sc.persona(b) for b in kv["best_for"]]
    B = [(W["budget"] * sc.budget_of(lo, hi, free, aid)) if (free or aid or not free_only) else _EXCLUDED
         for lo, hi, free, aid in kv["cost"]]
    T = [W["time"] * sc.time_of(h) for h in kv["prep"]]
    M = [W["prestige"] * sc.prestige_of(uni) + W["progression"] * sc.default_progression(pre, eco)
         for pre, eco, uni in kv["misc"]]
    # one C-level pass per factor table: a sum of look-ups, linear in the catalog
    scores = day.static
    for table, keys in zip((G, EL, P, B, T, M), day.keys, strict=True):
        scores = list(map(add, scores, map(table.__getitem__, keys)))
    # the exact path for the few that need it
    by_id = feats.by_id
    special = set(day.special)
    if sc.held:
        special.update(by_id[i].idx for i in sc.touching_held() if i in by_id)
    for ci in special:
        n = day.pos.get(ci)
        if n is None or scores[n] <= _VALID:
            continue
        f = feats.feats[ci]
        inh, _ = _inherited_tier(f, feats, catalog, as_of)
        scores[n] = _total(_factors(sc, f, day.status.get(ci, "active"), inh))
    for h in sc.held:
        hf = by_id.get(h)
        if hf is not None and hf.idx in day.pos:
            scores[day.pos[hf.idx]] = _EXCLUDED
    ids = day.ids
    n_all = len(scores)
    if limit is None or n_all <= limit + 5:
        floor = _VALID
    else:
        # the (limit+5)-th best score; every credential at or above it (ties included) is a candidate
        floor = max(heapq.nlargest(limit + 5, scores)[-1] - 1e-6, _VALID)
    order = list(compress(range(n_all), map(floor.__lt__, scores)))
    order.sort(key=lambda i: (-round(scores[i], 9), ids[i]))
    if limit is not None:
        order = order[: limit + 5]
    out = [_scored(sc, feats, catalog, day.idx[i], day.status.get(day.idx[i], "active")) for i in order]
    out.sort(key=lambda x: (-round(x.score, 9), x.cred.id))
    return out if limit is None else out[:limit]


_EXCLUDED = -1e12
STACK_POOL = 60  # how many ranked credentials the stack after the first pick chooses from
_VALID = -1e11


def _scored(sc: _Scorer, feats: _Features, catalog: Catalog, ci: int, status: str) -> Scored:
    """A credential scored exactly, with what the explanations need."""
    f = feats.feats[ci]
    c = catalog.credentials[ci]
    inh, replaced = _inherited_tier(f, feats, catalog, sc.as_of)
    factors = _factors(sc, f, status, inh)
    held = sc.held
    by_id = feats.by_id
    leads = [u for u in feats.unlocks.get(f.id, ()) if u not in held
             and sc.goal(by_id[u].domains) > sc.goal(f.domains)
             and (not by_id[u].dated or catalog.credentials[by_id[u].idx].is_live(sc.as_of))]
    leads.sort(key=lambda u: (-sc.goal(by_id[u].domains), u))
    return Scored(c, _total(factors), factors, status, inh, replaced, leads, f.level > sc.readiness(f.eco))
