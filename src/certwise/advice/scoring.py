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

One credential is scored by :func:`score` (the model as written here, factor by factor); the
per-catalog features it reads are a :class:`~certwise.advice.scoring_index.ScoringIndex`,
built once per catalog and passed in. Ranking a whole catalog uses the same factor functions
through tables (:mod:`certwise.advice.ranking`): each factor depends on a few attributes of a
credential, so it is computed once per distinct value and a score is a sum of look-ups —
linear in the catalog, about a tenth of a second for 100,000 credentials.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> from certwise.advice.scoring_index import index_of
>>> catalog = default_catalog()
>>> p = Profile(role="developer", cloud="gcp", cloud_experience="some", years_experience=4, goal="ml-engineering")
>>> s = score(p, catalog.get("google-ml-engineer"), index_of(catalog), date(2026, 11, 24))
>>> round(s.score), s.factors["ecosystem"]
(94, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import mul
from typing import Any

from certwise.advice.profile import Profile
from certwise.advice.scoring_index import (
    BETA_RECOGNITION,
    BIG_CLOUDS,
    CredentialFeatures,
    ScoringIndex,
    recognition,
)
from certwise.catalog.model import Credential
from certwise.constants import WEEKS_PER_MONTH
from certwise.records import record

__all__ = [
    "WEIGHTS", "BIG_CLOUDS", "BUILDERS", "GOAL_DOMAINS", "ProfileFactors", "Scored",
    "score", "weighted_total", "weights_for", "MOTIVE_SHIFT", "prestige_need",
]

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
FACTOR_ORDER = tuple(WEIGHTS)  # the factors, in the order ProfileFactors.factors gives them

# Why you want it moves a few points between the factors (the total stays 100): a hiring signal
# favours recognised, hard, hands-on credentials; learning favours depth and projects; shared
# vocabulary with a team favours short fundamentals; credibility with clients favours recognition
# and prestige; a promotion favours recognition in your own platform. A requirement decides by itself.
MOTIVE_SHIFT: dict[str, dict[str, int]] = {
    "hiring-signal": {"recognition": 4, "practical": 3, "level": 1, "time": -3, "budget": -3, "prestige": -2},
    "learning": {"practical": 6, "goal": 2, "recognition": -4, "prestige": -4},
    "shared-vocabulary": {"time": 6, "budget": 3, "goal": 1, "recognition": -3, "practical": -4, "prestige": -3},
    "client-credibility": {"recognition": 5, "prestige": 2, "time": -3, "practical": -4},
    "promotion": {"recognition": 3, "ecosystem": 3, "time": -3, "budget": -3},
}


def weights_for(p: Profile) -> dict[str, int]:
    """The factor weights for this person: :data:`WEIGHTS`, shifted by why they want it."""
    shift = MOTIVE_SHIFT.get(p.motive)
    if not shift:
        return WEIGHTS
    return {k: v + shift.get(k, 0) for k, v in WEIGHTS.items()}

# How much each domain serves each goal (0–1). Unlisted domains count 0.
GOAL_DOMAINS: dict[str, dict[str, float]] = {
    "ai-literacy": {"ai-literacy": 1.0, "ai-governance": 0.7, "generative-ai": 0.6, "product-management": 0.6,
                    "ai-applications": 0.4, "cloud-fundamentals": 0.35, "data-science": 0.2,
                    "ml-engineering": 0.15, "project-management": 0.4, "ai-security": 0.4},
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
                   "cloud-fundamentals": 0.45, "project-management": 0.8, "ai-security": 0.5},
    # governing, securing and auditing AI: the governance and security credentials first, literacy beside
    "ai-governance": {"ai-governance": 1.0, "ai-security": 0.95, "ai-literacy": 0.5, "project-management": 0.45,
                      "product-management": 0.35, "generative-ai": 0.35, "cloud-fundamentals": 0.3,
                      "data-science": 0.2},
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
PLATFORM_ECOSYSTEM = {"databricks": "databricks", "spark": "databricks", "nvidia": "nvidia",
                      "salesforce": "salesforce", "snowflake": "snowflake", "oracle": "oracle"}
BUILDERS = ("developer", "data-professional", "ml-practitioner", "researcher")  # roles that build AI, not just use it
SENIOR_FOUNDATIONS = 0.4  # a foundations exam for a senior who builds: below their level
OVER_LEVEL_PENALTY = 0.4  # per level above readiness ("failed attempts … waste money")
UNDER_LEVEL_PENALTY = 0.12  # per level below (too easy: less signal, but no harm)


# --- the model for one person -------------------------------------------------------------------


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


@record
class Scored:
    """One credential scored for a person: the weighted total, its factors, what explains them."""

    cred: Credential
    score: float
    factors: dict[str, float]
    status: str
    inherited_tier: int | None
    replaces: list[Credential]
    leads_to: list[str]
    stretch: bool = False  # above the person's readiness: foundations should come first


class ProfileFactors:
    """The ten factors for one person on one date, each 0–1.

    Each factor reads a few attributes of a credential (its domains, its platform and level …),
    and is remembered per distinct value, so scoring many credentials costs one computation per
    value (:mod:`certwise.advice.ranking` relies on that).
    """

    def __init__(self, profile: Profile, index: ScoringIndex, as_of: date, held: Iterable[str] | None = None) -> None:
        """``held``: what the person holds, if not the profile's (a stack scores its next step for
        someone who holds the steps before it)."""
        p = self.profile = profile
        self.index = index
        self.as_of = as_of
        # the goal fit depends only on the goal and the role's lens: shared by every such profile
        kind = self.goal_kind = ("goal", p.goal, p.role if p.role in ROLE_LENS else None)
        lens = ROLE_LENS.get(p.role, {})
        shared: dict[str, Any] = index.for_kind(kind, lambda: {"of": {}, "map": {
            d: min(1.0, GOAL_DOMAINS[p.goal].get(d, 0.0) + lens.get(d, 0.0)) for d in {*GOAL_DOMAINS[p.goal], *lens}}})
        self._goal_kind = shared
        self.goal_map: dict[str, float] = shared["map"]
        self._goal: dict[tuple[str, ...], float] = shared["of"]
        self.held = set(p.held if held is None else held)
        self.weights = weights_for(p)
        self.weight_row = tuple(self.weights[k] for k in FACTOR_ORDER)
        self.platform_ecosystems = {PLATFORM_ECOSYSTEM[x] for x in p.platforms if x in PLATFORM_ECOSYSTEM}
        self.prestige = prestige_need(p)
        self.general_readiness = STAGE_READINESS[p.stage] + ROLE_READINESS[p.role]
        # "Senior Career (8+ years): certifications matter less than track record": a senior who builds is
        # not sent to a foundations exam, unless literacy in a new field is the goal
        self.senior_builder = p.stage == "senior" and p.role in BUILDERS and p.goal != "ai-literacy"
        if p.role == "non-technical":
            self.general_readiness = min(self.general_readiness, 1.5)
        # held credentials show readiness: one level above what you hold, per ecosystem
        self.ecosystem_floor: dict[str, float] = {}
        by_id = index.by_id
        for h in self.held:
            hf = by_id.get(h)
            if hf is None:
                continue
            self.general_readiness = max(self.general_readiness, hf.level + 0.5)
            self.ecosystem_floor[hf.ecosystem] = max(self.ecosystem_floor.get(hf.ecosystem, 0.0), hf.level + 1.0)
        self.held_ecosystems = {by_id[h].ecosystem for h in self.held if h in by_id}
        self.hours_available = p.hours_per_week * p.months * WEEKS_PER_MONTH if p.months else None
        self._pathway: dict[str, float] | None = None  # shared per kind of person, made when first asked
        self._readiness_row: tuple[float, ...] | None = None
        self._persona: dict[tuple[str, ...], float] = {}
        self._level: dict[tuple[float, str], float] = {}
        self._ecosystem: dict[tuple[str, bool], float] = {}
        self._successors_of_held: set[str] | None = None
        self._readiness: dict[str, float] = {}

    # --- goal ----------------------------------------------------------------------------------

    def goal(self, domains: tuple[str, ...]) -> float:
        """How well a set of domains serves the goal: mostly the best one, a little the average."""
        v = self._goal.get(domains)
        if v is None:
            rel = [self.goal_map.get(d, 0.0) for d in domains]
            v = 0.85 * max(rel) + 0.15 * (sum(rel) / len(rel))
            self._goal[domains] = v
        return v

    def goal_by_domains_number(self) -> list[float]:
        """The goal fit of each distinct domain set of the catalog (by its number in the index)."""
        g: list[float] | None = self._goal_kind.get("by_number")
        if g is None:
            g = self._goal_kind["by_number"] = [self.goal(d) for d in self.index.values["domains"].values]
        return g

    def goal_fit(self, f: CredentialFeatures) -> float:
        """Goal fit, or the pathway fit through what the credential leads to, whichever is larger."""
        own = self.goal(f.domain_set)
        if not self.index.unlocks.get(f.id):
            return own
        pathway = self._pathway
        if pathway is None:  # what it is depends on the goal, the role's lens and the readiness on each platform
            pathway = self._pathway = self.index.for_kind(
                ("pathway", self.goal_kind, self.as_of, self.readiness_row()), dict) \
                if self.index.keeps_per_credential() else {}
        v = pathway.get(f.id)
        if v is None:
            by_number = self.goal_by_domains_number()
            share_for: dict[tuple[str, float], float] = {}
            v = 0.0
            for eco, level, number in self.index.leads(f.id, self.as_of):
                share = share_for.get((eco, level))
                if share is None:
                    share = share_for[(eco, level)] = (
                        PATHWAY_READY if self.readiness(eco) >= level else PATHWAY_NOT_READY)
                g = share * by_number[number]
                if g > v:
                    v = g
            pathway[f.id] = v
        return max(own, v)

    # --- platform and level ---------------------------------------------------------------------

    def ecosystem_fit(self, eco: str, tensorflow: bool = False) -> float:
        k = (eco, tensorflow)
        v = self._ecosystem.get(k)
        if v is None:
            cloud = self.profile.cloud
            if eco in BIG_CLOUDS:
                v = 1.0 if eco == cloud else (0.45 if cloud == "none" else 0.1)
                if eco != cloud and eco in self.held_ecosystems:
                    v = max(v, 0.6)  # you already invested in it
            elif eco == "vendor-neutral":
                v = 0.7
                if tensorflow and "tensorflow" in self.profile.platforms:
                    v = 1.0
            else:  # databricks, nvidia: platforms that run on any cloud
                v = 1.0 if eco in self.platform_ecosystems else 0.35
            self._ecosystem[k] = v
        return v

    def ecosystem_kind(self) -> tuple[Any, ...]:
        """Everything :meth:`ecosystem_fit` reads of the person."""
        return ("ecosystem", self.profile.cloud, frozenset(self.held_ecosystems), frozenset(self.platform_ecosystems),
                "tensorflow" in self.profile.platforms)

    def readiness(self, eco: str) -> float:
        """The credential level (1 foundational … 4 specialty) the person can take on now there."""
        v = self._readiness.get(eco)
        if v is None:
            r = self.general_readiness
            if eco in BIG_CLOUDS:
                cap = CLOUD_CAP[self.profile.cloud_experience] if eco == self.profile.cloud else CLOUD_CAP["none"]
                r = min(r, cap)
            elif eco in ("databricks", "nvidia"):
                r = min(r, 5.0 if eco in self.platform_ecosystems else 2.5)
            v = self._readiness[eco] = max(r, self.ecosystem_floor.get(eco, 0.0))
        return v

    def readiness_row(self) -> tuple[float, ...]:
        """:meth:`readiness` on each platform of the catalog (:meth:`ScoringIndex.ecosystems`)."""
        row = self._readiness_row
        if row is None:
            row = self._readiness_row = tuple(map(self.readiness, self.index.ecosystems()))
        return row

    def level_kind(self) -> tuple[Any, ...]:
        """Everything :meth:`level_fit` reads of the person."""
        return ("level", self.senior_builder, self.readiness_row())

    def level_fit(self, level: float, eco: str) -> float:
        k = (level, eco)
        v = self._level.get(k)
        if v is None:
            gap = level - self.readiness(eco)
            if gap > 0:
                v = max(0.0, 1.0 - OVER_LEVEL_PENALTY * gap)
            else:
                v = max(0.4, 1.0 + UNDER_LEVEL_PENALTY * gap)
            if self.senior_builder and level <= 1:  # foundational
                v = min(v, SENIOR_FOUNDATIONS)
            self._level[k] = v
        return v

    # --- the person's situation -----------------------------------------------------------------

    def persona_kind(self) -> tuple[Any, ...]:
        """Everything :meth:`persona_fit` reads of the person."""
        return ("persona", self.profile.role, self.profile.stage == "early")

    def persona_fit(self, best_for: tuple[str, ...]) -> float:
        v = self._persona.get(best_for)
        if v is None:
            role = self.profile.role
            if not best_for:
                v = 0.5
            elif role in best_for:
                v = 1.0
            elif any(r in best_for for r in ROLE_NEIGHBOURS[role]):
                v = 0.6
            elif self.profile.stage == "early" and ("career-changer" in best_for or "student" in best_for):
                # "best for career changers, beginners …": anyone with 0-2 years is a beginner
                v = 0.6
            else:
                v = 0.2
            self._persona[best_for] = v
        return v

    def budget_fit(self, low: float, high: float, free: bool, financial_aid: bool, unknown: bool = False) -> float:
        b = self.profile.budget_usd
        if b is None or free:
            return 1.0
        if unknown:  # no source states a price: it cannot be shown to fit a budget
            return 0.6 if financial_aid else 0.5
        if high <= b:
            v = 1.0
        elif low <= b:
            v = 0.75
        else:
            v = 0.5 * (b / low) if low > 0 else 1.0
        if financial_aid:
            v = max(v, 0.6)  # "financial aid options that can reduce or eliminate cost"
        return v

    def time_fit(self, prep_low: float) -> float:
        hpw = self.profile.hours_per_week
        if self.hours_available is not None:
            return min(1.0, self.hours_available / prep_low)
        months = prep_low / (hpw * WEEKS_PER_MONTH)
        return 1.0 if months <= 6 else max(0.4, 1.0 - (months - 6) / 30)

    def retiring_time_fit(self, f: CredentialFeatures) -> float:
        """Little time credit when preparation cannot finish before the credential retires."""
        end = self.index.credential(f).lifecycle.retired
        if end is None:
            return 1.0
        weeks_left = (end - self.as_of).days / 7
        weeks_needed = f.prep_low / self.profile.hours_per_week
        return 1.0 if weeks_needed <= weeks_left else 0.2

    def prestige_fit(self, university: bool) -> float:
        n = self.prestige
        if university:
            return n
        # "for most people, the cloud provider certifications offer better ROI": when prestige
        # does not matter, an industry credential beats a university programme on this factor
        return 1.0 - 0.8 * n

    def recognition_fit(self, f: CredentialFeatures, inherited_tier: int | None) -> float:
        if inherited_tier is not None and f.tier is None:
            return recognition(self.index.credential(f), inherited_tier)
        return f.recognition

    # --- progression: what the person holds ------------------------------------------------------

    def progression_fit(self, f: CredentialFeatures) -> float:
        held = self.held
        if not held:
            return 0.0 if f.prerequisites else 0.5
        if f.prerequisites and not all(x in held for x in f.prerequisites):
            return 0.0
        if any(x in held for x in f.prerequisites) or any(x in held for x in f.recommended_before):
            return 1.0
        if f.id in self.successors_of_held():
            return 1.0
        if f.ecosystem in self.held_ecosystems and f.ecosystem != "vendor-neutral":
            return 0.75
        return 0.5

    def successors_of_held(self) -> set[str]:
        s = self._successors_of_held
        if s is None:
            s = set()
            for h in self.held:
                hf = self.index.by_id.get(h)
                if hf is not None:
                    s.update(self.index.credential(hf).lifecycle.successors)
            self._successors_of_held = s
        return s

    def linked_to_held(self) -> set[str]:
        """Ids whose progression depends on what is held (they build on it or succeed it)."""
        out = set(self.successors_of_held())
        for h in self.held:
            out.update(self.index.unlocks.get(h, ()))
        return out

    def progression_unlinked(self, has_prerequisites: bool, eco: str) -> float:
        """Progression for a credential that neither builds on nor succeeds anything held."""
        if has_prerequisites:
            return 0.0
        if self.held and eco in self.held_ecosystems and eco != "vendor-neutral":
            return 0.75
        return 0.5

    # --- one credential ----------------------------------------------------------------------------

    def factors(self, f: CredentialFeatures, status: str) -> dict[str, float]:
        """The ten factors of ``f`` (with ``status`` on this date), in the order of :data:`WEIGHTS`."""
        inherited, _ = self.index.inherited_tier(f, self.as_of)
        t = self.time_fit(f.prep_low)
        if status == "retiring":
            t = min(t, self.retiring_time_fit(f))
        rec = self.recognition_fit(f, inherited)
        if status == "beta":
            rec = max(0.0, rec - BETA_RECOGNITION)
        return {
            "goal": self.goal_fit(f),
            "ecosystem": self.ecosystem_fit(f.ecosystem, f.tensorflow),
            "level": self.level_fit(f.level, f.ecosystem),
            "recognition": rec,
            "prestige": self.prestige_fit(f.university),
            "budget": self.budget_fit(f.cost_low, f.cost_high, f.free, f.financial_aid, f.cost_unknown),
            "persona": self.persona_fit(f.best_for_set),
            "practical": f.practical,
            "time": t,
            "progression": self.progression_fit(f),
        }

    def factors_after(self, f: CredentialFeatures, before: dict[str, float]) -> dict[str, float]:
        """:meth:`factors` of ``f`` for this person, given ``before``: its factors (on the same date)
        for the same person holding other credentials. Only the goal (through readiness), the
        platform, the level and the progression read what is held. Keep in step with :meth:`factors`."""
        fa = dict(before)
        fa["goal"] = self.goal_fit(f)
        fa["ecosystem"] = self.ecosystem_fit(f.ecosystem, f.tensorflow)
        fa["level"] = self.level_fit(f.level, f.ecosystem)
        fa["progression"] = self.progression_fit(f)
        return fa

    def factors_from_keys(self, f: CredentialFeatures, status: str, by_keys: dict[str, float]) -> dict[str, float]:
        """:meth:`factors`, given what each factor is for ``f``'s keys (the ranking's factor tables):
        only the goal (through what it leads to), the time (before it retires) and the progression
        (what it builds on among the holdings) read more than the keys. Keep in step with :meth:`factors`."""
        by_keys["goal"] = self.goal_fit(f)
        if status == "retiring":
            by_keys["time"] = min(by_keys["time"], self.retiring_time_fit(f))
        by_keys["progression"] = self.progression_fit(f)
        return by_keys

    def scored(self, f: CredentialFeatures, status: str, factors: dict[str, float] | None = None,
               total: float | None = None) -> Scored:
        """``f`` scored exactly, with what the explanations need. ``factors``: its :meth:`factors`,
        and ``total`` their :func:`weighted_total`, when already known (the ranking's tables)."""
        index = self.index
        inherited, replaced = index.inherited_tier(f, self.as_of)
        if factors is None:
            factors = self.factors(f, status)
        leads: list[str] = []
        unlocks = index.unlocks.get(f.id)
        if unlocks:
            # what it leads to that serves the goal better, best first: the same for every person with
            # this goal and role lens on this date, less what the person holds
            kept = index.on(self.as_of).leads_by_kind.setdefault(self.goal_kind, {})
            better = kept.get(f.id)
            if better is None:
                by_id = index.by_id
                own_goal = self.goal(f.domains)
                better = [u for u in unlocks if self.goal(by_id[u].domains) > own_goal
                          and index.is_live(by_id[u], self.as_of)]
                better.sort(key=lambda u: (-self.goal(by_id[u].domains), u))
                kept[f.id] = better
            leads = [u for u in better if u not in self.held]
        return Scored(index.credential(f), weighted_total(factors, self.weights) if total is None else total,
                      factors, status, inherited,
                      replaced, leads,
                      f.level > self.readiness(f.ecosystem))


def weighted_total(factors: dict[str, float], weights: dict[str, int] = WEIGHTS) -> float:
    """0–100: the factors weighted by ``weights`` (a person's: :func:`weights_for`)."""
    return sum(map(mul, map(weights.__getitem__, factors), factors.values()))  # weight × factor, in order


def score(profile: Profile, credential: Credential, index: ScoringIndex, as_of: date) -> Scored:
    """The model for one credential: its ten factors for ``profile`` on ``as_of``, and their total.

    ``index`` is the catalog's :class:`~certwise.advice.scoring_index.ScoringIndex` (the
    credential must be in it). Ranking, eligibility (retired, mills, held) and ties are
    :func:`certwise.advice.ranking.rank`'s business.
    """
    f = index.by_id[credential.id]
    return ProfileFactors(profile, index, as_of).scored(f, index.status(f, as_of))
