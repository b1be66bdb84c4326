"""The next level: one rule for what comes after what a person holds.

"Certifications that build on each other tell a story of intentional skill development", and
"starting too advanced" is one of the guide's common mistakes. So "next" climbs one rung at a
time, on the path the person is already on. :func:`next_rung` is the rule; the audit's next
steps and the portfolio page call it.

1. Nothing held: the guide's answers to "where do I start?" (:data:`START_HERE`).
2. A held credential that retired: its live successor first ("keeps your story current").
3. Your path (:func:`dominant_path`): the ecosystem most of your credentials are on (a tie goes
   to the one where you reached the highest level), its main domains (weighted by level) and
   the highest level you hold there that is still live.
4. Candidates: live credentials on that ecosystem (not learning paths), not held and not
   succeeded by something you hold, whose prerequisites you hold, and that share a main domain
   with your path or build on something you hold (list it as a prerequisite or as recommended
   before).
5. **The next rung** is the lowest level above yours that has a candidate; its candidates come
   first. Then the ones at your level (they deepen the path), then those further up. Among
   equals: the most of your credentials built on, the most domains shared, the best coherence
   with what you hold, the guide's tier, then the id.
6. When nothing is at or above your level: any level above foundational, any domain, on the path.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> [s["id"] for s in next_rung(["aws-cloud-practitioner", "aws-ai-practitioner"], default_catalog(),
...                             date(2026, 11, 25))][:1]
['aws-ml-engineer-associate']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from certwise.advice.coherence import path_coherence, story_order
from certwise.advice.stacks import live_version
from certwise.catalog.labels import domain_name, ecosystem_name
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.words import and_list

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["START_HERE", "Path", "dominant_path", "next_rung"]

START_HERE = {  # the guide: "where do I start?"
    "ibm-ai-engineering": "the guide's pick for complete beginners: structured, with hands-on projects",
    "google-ai-essentials": "the guide's pick for AI literacy fast: under 10 hours",
}
# the order of candidates: the next rung, then deepening at your level, then further up, then below
NEXT_RUNG, SAME_LEVEL, FURTHER_UP, BELOW = range(4)


@dataclass(frozen=True)
class Path:
    """Where a person's credentials point: an ecosystem (None: vendor-neutral only), its main
    domains, and the highest level rank (1 foundational … 4 specialty) held on it."""

    ecosystem: str | None
    domains: list[str]
    level: int


def dominant_path(creds: list[Credential], as_of: date | None = None) -> Path:
    """The path ``creds`` are on (see the module docstring, point 3).

    Domains weigh by level (what you reached last says more about your direction); the level
    counts only credentials still live on ``as_of`` when any are (a retired specialty is not a
    rung to climb from).
    """
    ecos = Counter(c.ecosystem for c in creds if c.ecosystem != "vendor-neutral")
    eco: str | None = None
    if ecos:
        top = max(ecos.values())
        tied = [e for e, n in ecos.items() if n == top]
        # ties: the ecosystem where you reached the highest level
        eco = max(tied, key=lambda e: (max(LEVEL_RANK[c.level.value] for c in creds if c.ecosystem == e), e))
    path = [c for c in creds if eco is None or c.ecosystem in (eco, "vendor-neutral")]
    doms: Counter[str] = Counter()
    for c in path:
        for d in c.domains:
            doms[d] += LEVEL_RANK[c.level.value]
    domains = [d for d, _ in sorted(doms.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    rungs = [c for c in path if c.kind.value != "learning-path"]
    live = [c for c in rungs if as_of is None or c.status(as_of) != "retired"]
    level = max((LEVEL_RANK[c.level.value] for c in (live or rungs)), default=0)
    return Path(eco, domains, level)


def _name(catalog: Catalog, ident: str) -> str:
    """The name a sentence uses for a held credential (the id only when the catalog lacks it)."""
    return catalog.get(ident).name if catalog.resolve(ident) else ident


def _covered(c: Credential, held: set[str]) -> bool:
    """Held already, or a newer version of it is."""
    return c.id in held or any(s in held for s in c.lifecycle.successors)


def next_rung(held: Iterable[str], catalog: Catalog, as_of: date, *,
              earned: Mapping[str, date | None] | None = None, n: int = 3) -> list[dict[str, str]]:
    """Up to ``n`` next steps for someone holding ``held`` (catalog ids or aliases; unknown ones
    are ignored), best first: ``[{"id", "name", "why"}]``. ``earned`` (when each was earned)
    orders the story the coherence tie-break reads. The rule is the module docstring's.
    """
    order = story_order(held, catalog, earned)
    creds = [catalog.get(i) for i in order]
    held_ids = set(order)
    steps: list[dict[str, str]] = []
    taken: set[str] = set()

    def add(c: Credential, why: str) -> None:
        if c.id not in taken and not _covered(c, held_ids) and c.is_live(as_of):
            taken.add(c.id)
            steps.append({"id": c.id, "name": c.name, "why": why})

    if not creds:
        for ident, why in START_HERE.items():
            c, _ = live_version(ident, catalog, as_of)
            if c is not None:
                add(c, why)
        return steps[:n]

    for c in creds:
        if c.status(as_of) == "retired":
            for s in c.lifecycle.successors:
                succ, _ = live_version(s, catalog, as_of)
                if succ is not None:
                    add(succ, f"the successor of {c.name} (retired {c.lifecycle.retired}) keeps your story current")
                    break

    path = dominant_path(creds, as_of)
    where = (ecosystem_name(path.ecosystem) + " ") if path.ecosystem else ""
    candidates: list[tuple[int, Credential, list[str], list[str]]] = []  # (level, credential, shared, builds on)
    for relaxed in (False, True):  # relaxed: nothing at or above your level, so any level on the path
        for c in catalog:
            if c.kind.value == "learning-path" or not c.is_live(as_of) or _covered(c, held_ids):
                continue
            if path.ecosystem is not None and c.ecosystem != path.ecosystem:
                continue
            if any(p not in held_ids for p in c.prerequisites):
                continue
            shared: list[str] = [d for d in c.domains if d in path.domains]
            builds = sorted(h for h in held_ids if h in c.recommended_before or h in c.prerequisites)
            if not (shared or builds) and not relaxed:
                continue
            rank = LEVEL_RANK[c.level.value]
            if rank < path.level and not (relaxed and rank > 1):
                continue
            candidates.append((rank, c, shared, builds))
        if candidates:
            break
    rung = min((rank for rank, *_ in candidates if rank > path.level), default=None)
    ranked: list[tuple[int, float, str, Credential, str]] = []
    for rank, c, shared, builds in candidates:
        area = and_list([domain_name(d) for d in (shared or c.domains)])
        if rank == rung:
            group, why = NEXT_RUNG, f"the next level on your {where}path ({c.level.value}) in {area}"
        elif rank == path.level:
            group, why = SAME_LEVEL, f"deepens your {where}{area} at the same level"
        elif rank > path.level:
            group, why = FURTHER_UP, f"a later step on your {where}path ({c.level.value}) in {area}"
        else:
            group, why = BELOW, f"broadens your {where}path into {area}"
        if builds:
            why += f"; builds on {and_list([_name(catalog, h) for h in builds])}"
        fit = (15 * len(builds) + 10 * len(shared) + path_coherence([*order, c.id], catalog) / 5
               + (5 - (c.tier or 5)))
        ranked.append((group, -fit, c.id, c, why))
    for *_, c, why in sorted(ranked, key=lambda t: (t[0], t[1], t[2])):
        add(c, why)
    return steps[:n]
