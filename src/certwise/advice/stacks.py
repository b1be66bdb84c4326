"""Certification stacks: the guide's three, a generative-AI stack, and one built for a profile.

"The key is coherence. Random certifications dilute your profile. Certifications that build on
each other tell a story of intentional skill development." A stack is ordered with
prerequisites first, skips what the person holds, replaces retired credentials with their
successors, and carries its total cost, total months and a coherence score (0–100, the
rule of :func:`certwise.advice.coherence.path_coherence`).

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> s = named_stack("ai-product", default_catalog(), date(2026, 11, 25))
>>> s["steps"][0]["id"]
'google-ai-essentials'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.advice.coherence import PathCoherence, path_coherence, rises, story_order
from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.scoring import ProfileFactors, Scored, weighted_total
from certwise.advice.scoring_index import PATHS_KEPT, ScoringIndex, index_of
from certwise.catalog.labels import domain_name, level_name
from certwise.catalog.model import Credential
from certwise.constants import WEEKS_PER_MONTH
from certwise.words import and_list

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

STACK_NAMES: tuple[str, ...] = ("ml-engineer", "ai-product", "data-to-ai", "generative-ai")

STACK_TITLES = {
    "ml-engineer": "The ML Engineer Stack",
    "ai-product": "The AI Product Professional Stack",
    "data-to-ai": "The Data-to-AI Transition Stack",
    "generative-ai": "The Generative AI Stack",
    "profile": "A stack built for you",
}

DEFAULT_HOURS_PER_WEEK = 5.0
STACK_POOL = 60  # how many ranked credentials the stack after the first pick chooses from
MAX_DILUTION = 10  # a next step may lower the story's coherence by at most this much


# The guide's stacks. A step is an id (with alternatives) or a label with catalog options.
_NAMED: dict[str, list[dict[str, Any]]] = {
    "ml-engineer": [
        {"label": "Python fundamentals (any recognized course)", "options": ["kaggle-learn"],
         "why": "The guide's first step: every ML credential assumes Python; Kaggle Learn's Python course is free."},
        {"id": "ibm-ai-engineering",
         "why": "\"IBM AI Engineering or similar beginner program\": ML, deep learning and projects from zero."},
        {"id": "google-ml-engineer", "alternatives": ["aws-ml-specialty"],
         "why": "\"AWS or Google ML certification\": the tier-1 credential that signals production ML skills."},
        {"label": "Specialized certification in your area (MLOps, GenAI, etc.)",
         "options": ["aws-genai-developer", "databricks-ml-professional", "databricks-genai-engineer-associate"],
         "why": "The guide's last step: specialise where you want to work next."},
    ],
    "ai-product": [
        {"id": "google-ai-essentials", "why": "AI literacy fast and cheap: \"perfect for product managers, marketers, "
                                              "and leaders\"."},
        {"id": "aws-cloud-practitioner", "alternatives": ["azure-fundamentals"],
         "why": "\"A cloud fundamental certification (AWS Cloud Practitioner, Azure Fundamentals)\": speak the "
                "language of the platforms your product runs on."},
        {"label": "Product management certification (optional but valuable)", "optional": True, "options": [],
         "why": "The guide lists it as optional; any recognised product management credential."},
    ],
    "data-to-ai": [
        {"label": "Your existing data credentials", "existing": True,
         "why": "Start from what you already have: your data background is the foundation of this stack."},
        {"id": "ibm-ai-engineering", "why": "\"ML fundamentals program\": the ML and deep learning you need on top "
                                            "of your data skills, with projects."},
        {"id": "databricks-ml-professional", "alternatives": ["google-ml-engineer", "aws-ml-specialty"],
         "why": "\"Cloud ML certification matching your data platform\": Databricks if you work in Databricks/Spark, "
                "otherwise your cloud's ML certification."},
    ],
    "generative-ai": [
        {"id": "aws-ai-practitioner", "why": "Foundations of AI and generative AI on AWS: the guide says some AWS "
                                             "experience is essential before the Generative AI Developer exam."},
        {"id": "aws-genai-developer", "why": "\"AWS Generative AI Developer if you're on AWS\": building generative "
                                             "AI applications with Amazon Bedrock."},
    ],
}


# --- building blocks ------------------------------------------------------------------------


def live_version(ident: str, catalog: Catalog, as_of: date) -> tuple[Credential | None, Credential | None]:
    """(credential to take, the retired one it replaces or None), following successors."""
    if ident not in catalog:
        return None, None
    c = catalog.get(ident)
    replaced = None
    seen = {c.id}
    while c.status(as_of) == "retired":
        nxt = [catalog.get(s) for s in c.lifecycle.successors if s in catalog and s not in seen]
        if not nxt:
            return None, replaced or c
        replaced = replaced or c
        # the first listed successor is the provider's like-for-like replacement
        c = next((x for x in nxt if x.is_live(as_of)), nxt[0])
        seen.add(c.id)
    return c, replaced


def _months(c: Credential, hours_per_week: float | None) -> tuple[float, float]:
    if hours_per_week is None and c.prep.months is not None:
        return c.prep.months.low, c.prep.months.high
    hpw = hours_per_week or DEFAULT_HOURS_PER_WEEK
    return c.prep_hours().low / (hpw * WEEKS_PER_MONTH), c.prep_hours().high / (hpw * WEEKS_PER_MONTH)


def _held_cover_ids(held: Iterable[str], catalog: Catalog) -> set[str]:
    """The ids ``held`` covers: what is held, and the successors of what is held (holding a
    credential's retired predecessor covers it too)."""
    out = set(held)
    for h in list(out):
        if h in catalog:
            out.update(catalog.get(h).lifecycle.successors)
    return out


def _finish(name: str, title: str, steps: list[dict[str, Any]], creds: list[Credential | None],
            catalog: Catalog, hours_per_week: float | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    cost_lo = cost_hi = m_lo = m_hi = 0.0
    for st, c in zip(steps, creds, strict=True):
        if c is None:
            continue
        optional = st.get("optional", False)
        lo, hi = _months(c, hours_per_week)
        if not optional:
            cost_lo += c.cost.usd.low
            m_lo += lo
        cost_hi += c.cost.usd.high
        m_hi += hi
    ids = [c.id for c in creds if c is not None]
    out = {
        "name": name, "title": title, "steps": steps,
        "total_cost_usd": {"low": _n(cost_lo), "high": _n(cost_hi)},
        "cost_not_stated": [c.id for c in creds if c is not None and c.cost.unknown],  # not in the total
        "total_months": {"low": round(m_lo, 1), "high": round(m_hi, 1)},
        "coherence": path_coherence(ids, catalog),
    }
    if extra:
        out.update(extra)
    return out


def _n(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)


def _order(creds: list[Credential]) -> list[Credential]:
    """Prerequisites (and recommended-before) first; otherwise keep the given order (stable)."""
    ids = [c.id for c in creds]
    out: list[Credential] = []
    placed: set[str] = set()

    def place(c: Credential, stack: tuple[str, ...] = ()) -> None:
        if c.id in placed or c.id in stack:
            return
        for dep in (*c.prerequisites, *c.recommended_before):
            if dep in ids:
                place(creds[ids.index(dep)], (*stack, c.id))
        placed.add(c.id)
        out.append(c)

    for c in creds:
        place(c)
    return out


def named_stack(name: str, catalog: Catalog, as_of: date, held: Iterable[str] = ()) -> dict[str, Any]:
    """One of the guide's stacks (``STACK_NAMES``), as of a date, without what ``held`` covers.

    Raises KeyError (one line) for an unknown name.
    """
    if name not in _NAMED:
        raise KeyError(f"unknown stack '{name}'; choose one of: {', '.join(STACK_NAMES)}, or build one for a profile")
    held_set = set(held)
    covers = _held_cover_ids(held_set, catalog)
    steps: list[dict[str, Any]] = []
    creds: list[Credential | None] = []
    skipped: list[str] = []
    for spec in _NAMED[name]:
        if "id" in spec:
            c, replaced = live_version(spec["id"], catalog, as_of)
            if c is None:
                steps.append({"label": spec["id"], "why": spec["why"] + " (not in the catalog as of this date)"})
                creds.append(None)
                continue
            if c.id in covers:
                skipped.append(c.id)
                continue
            st: dict[str, Any] = {"id": c.id, "name": c.name, "why": spec["why"]}
            if replaced is not None:
                st["replaces"] = replaced.id
                st["why"] += f" ({replaced.name} retired on {replaced.lifecycle.retired}; {c.name} is its successor.)"
            alts = []
            for a in spec.get("alternatives", []):
                ac, _ = live_version(a, catalog, as_of)
                if ac is not None and ac.id != c.id and ac.id not in alts:
                    alts.append(ac.id)
            if alts:
                st["alternatives"] = alts
            steps.append(st)
            creds.append(c)
        else:
            st = {"label": spec["label"], "why": spec["why"]}
            if spec.get("optional"):
                st["optional"] = True
            opts = []
            for o in spec.get("options", []):
                oc, _ = live_version(o, catalog, as_of)
                if oc is not None and oc.id not in held_set and oc.id not in opts:
                    opts.append(oc.id)
            if spec.get("optional") and not opts:
                opts = sorted(c.id for c in catalog if "product-management" in c.domains and c.is_live(as_of)
                              and c.kind.value != "learning-path" and c.id not in held_set)
            if spec.get("existing"):
                have = [h for h in held if h in catalog]
                st["held"] = have
            if opts:
                st["options"] = opts
            steps.append(st)
            # a label step costs what its first option costs (the free Python course), if any
            first = catalog.get(opts[0]) if opts and not spec.get("optional") and spec is _NAMED[name][0] else None
            creds.append(first)
    extra = {"skipped_held": skipped} if skipped else None
    return _finish(name, STACK_TITLES[name], steps, creds, catalog, None, extra)


# --- a stack for a profile ------------------------------------------------------------------------


def _profile_path(profile: Profile, catalog: Catalog, as_of: date, ranked: list[Scored] | None = None,
                  length: int = 3, index: ScoringIndex | None = None,
                  explain: bool = True) -> tuple[list[Credential], dict[str, str]]:
    """The path and why each step is on it (``explain=False``: the path only, ``why`` left empty)."""
    index = index if index is not None else index_of(catalog)
    if ranked is None:
        ranked = rank(profile, catalog, as_of, limit=STACK_POOL, index=index)
    if not ranked:
        return [], {}
    held = set(profile.held)
    covers = _held_cover_ids(held, catalog)
    top = ranked[0]
    why: dict[str, str] = {top.cred.id: "Your top pick. " + _short_reason(top)} if explain else {}
    path: list[Credential] = []
    for dep in top.cred.prerequisites:
        c, _ = live_version(dep, catalog, as_of)
        if c is not None and c.id not in covers:
            path.append(c)
            if explain:
                why[c.id] = f"Required before {top.cred.name}."
    if top.stretch:
        for dep in top.cred.recommended_before:
            c, _ = live_version(dep, catalog, as_of)
            if c is not None and c.id not in covers and c not in path:
                path.append(c)
                if explain:
                    why[c.id] = f"Foundations before {top.cred.name} (the guide: don't start too advanced)."
    path.append(top.cred)
    # what follows must serve the goal, fit the budget, and not be a university program nobody asked for
    on_path = {c.id for c in path}
    pool = [s for s in ranked[1:] if s.cred.id not in on_path and in_pool(s.factors, s.status)
            and s.cred.id not in covers]
    # the story so far: what you hold (by level), then the path
    story = story_order(held & index.by_id.keys(), catalog)
    after = 0
    while after < length - 1 and pool:
        last = path[-1]
        covered = {d for p in path for d in p.domains}
        # coherence numbers are kept on the index by id sequence: the same few stories recur
        kept = index.coherence_of
        if len(kept) > PATHS_KEPT:
            kept.clear()
        if len(index.coherence_links) > PATHS_KEPT:
            index.coherence_links.clear()
        prefix = (*story, *(p.id for p in path))
        so_far = None
        base = kept.get(prefix)
        if base is None:
            so_far = PathCoherence(prefix, catalog, index.coherence_links)
            base = kept[prefix] = so_far.score()
        # score the next step for the person who holds the path so far (readiness and
        # progression move on with it); made when a candidate first needs it
        future_fit: ProfileFactors | None = None
        best = None
        for s in pool:
            c = s.cred
            if not rises(last, c):
                continue
            if c.level == last.level and set(c.domains) <= covered:
                continue  # the same ground at the same level: a second badge, not a next step
            builds = any(p.id in c.recommended_before or p.id in c.prerequisites for p in path)
            coh = kept.get(ids := (*prefix, c.id))
            if coh is None:
                if so_far is None:
                    so_far = PathCoherence(prefix, catalog, index.coherence_links)
                coh = kept[ids] = so_far.with_credential(c)
            # (a single credential is trivially coherent: judge the first addition against 90)
            if coh < (min(base, 90) if len(story) + len(path) == 1 else base) - MAX_DILUTION and not builds:
                continue  # "random certifications dilute your profile"
            # scored last: only the candidates that passed the checks above need it
            if future_fit is None:
                future_fit = ProfileFactors(profile, index, as_of, held=[*profile.held, *(p.id for p in path)])
            # (what does not depend on holdings is as ranked)
            future_score = weighted_total(future_fit.factors_after(index.by_id[c.id], s.factors), future_fit.weights)
            value = future_score + 0.5 * coh + (15 if builds else 0)
            key = (-round(value, 9), c.id)
            if best is None or key < best[0]:
                best = (key, s, builds)
        if best is None:
            break
        _, s, builds = best
        path.append(s.cred)
        if explain:
            before = [p.name for p in path[:-1] if p.id in s.cred.recommended_before or p.id in s.cred.prerequisites]
            why[s.cred.id] = (f"Builds on {and_list(before)}. " if builds else "Next in the same direction. ") + \
                _short_reason(s)
        pool = [x for x in pool if x is not s]
        after += 1
    return _order(path), why


def in_pool(factors: Mapping[str, float], status: str) -> bool:
    """May a ranked credential follow the top pick in a profile's stack? It must serve the goal, fit
    the budget, not be a university program nobody asked for, and not be retiring."""
    return status != "retiring" and factors["goal"] >= 0.6 and factors["budget"] >= 0.5 and factors["prestige"] >= 0.3


def _short_reason(s: Scored) -> str:
    c = s.cred
    return f"{level_name(c.level.value)} {c.provider} credential covering {and_list([domain_name(d) for d in c.domains[:3]])}."


def stack_for_profile(profile: Profile, catalog: Catalog, as_of: date,
                      index: ScoringIndex | None = None) -> dict[str, Any]:
    """A coherent stack for this person: their top pick, what it needs first, and what follows."""
    path, why = _profile_path(profile, catalog, as_of, index=index)
    steps = [{"id": c.id, "name": c.name, "why": why.get(c.id, "")} for c in path]
    return _finish("profile", STACK_TITLES["profile"], steps, list(path), catalog, profile.hours_per_week,
                   {"profile": profile.to_json()})


def continue_after(first: str, profile: Profile, catalog: Catalog, as_of: date,
                   ranked: list[Scored] | None = None, index: ScoringIndex | None = None) -> list[str]:
    """Ids that follow ``first`` in the profile's stack (recommend's ``stack`` field)."""
    path, _ = _profile_path(profile, catalog, as_of, ranked, index=index, explain=False)
    ids = [c.id for c in path]
    return ids[ids.index(first) + 1:] if first in ids else [i for i in ids if i != first]
