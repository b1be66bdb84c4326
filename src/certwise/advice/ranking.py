"""Rank a whole catalog for a person, fast: the model of :mod:`certwise.advice.scoring` as tables.

Each factor reads a few attributes of a credential — the goal fit its domains, the platform
and level fits its ecosystem and level, the budget fit its cost … — and a catalog has far
fewer distinct values of those than credentials. So :func:`rank` computes every factor once
per distinct value (a *points table*: weight × factor), and a credential's score is the sum of
its entries in the tables: one pass per table over the catalog, linear in its size.

Some credentials need more than their own attributes: a retiring one (its time factor depends
on its retirement date), a foundation that leads elsewhere (its goal fit is that of what it
leads to), one that builds on or succeeds what the person holds (progression). Those are scored
one by one with :meth:`~certwise.advice.scoring.ProfileFactors.factors`, and the top of the
list is always re-scored exactly, so the ranking equals scoring every credential with
:func:`~certwise.advice.scoring.score` (tests/test_advice_properties.py checks it).

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> from certwise.advice.profile import Profile
>>> top = rank(Profile(role="developer", cloud="gcp", cloud_experience="some", years_experience=4,
...                    goal="ml-engineering"), default_catalog(), date(2026, 1, 9), limit=3)
>>> [s.cred.id for s in top][0]
'google-ml-engineer'
"""

from __future__ import annotations

import heapq
from datetime import date
from itertools import compress, repeat
from operator import add, neg
from typing import TYPE_CHECKING

from certwise.advice.profile import Profile
from certwise.advice.scoring import WEIGHTS, ProfileFactors, Scored, weighted_total
from certwise.advice.scoring_index import KEY_KINDS, ScoringIndex, index_of

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["rank", "points_tables", "factor_tables", "EXCLUDED"]

EXCLUDED = -1e12  # the score of a credential that must not be ranked (held; paid when only free ones count)
REAL_SCORE_ABOVE = -1e11  # every real score is above this; excluded ones are below
RESCORE_EXTRA = 5  # candidates beyond ``limit`` re-scored exactly, so that table rounding never decides


def factor_tables(factors: ProfileFactors, index: ScoringIndex, as_of: date) -> dict[str, list[float]]:
    """Each factor for every distinct value of the key kind it reads (the date's "standing" gives
    recognition and practical): ``table[factor][n]`` is the factor of the ``n``-th distinct value.

    For a credential the tables can score (not one of :attr:`DateView.exact`, nothing linked to
    what is held) these are its factors exactly as :meth:`ProfileFactors.factors` computes them.
    """
    values = {k: index.values[k].values for k in KEY_KINDS}
    standing = index.on(as_of).standing.values
    eco_level = values["ecosystem_level"]
    prestige_progression = values["prestige_progression"]
    return {
        "goal": factors.goal_by_domains_number(),
        "ecosystem": [factors.ecosystem_fit(eco, tensorflow) for eco, _, tensorflow in eco_level],
        "level": [factors.level_fit(level, eco) for eco, level, _ in eco_level],
        "recognition": [rec for rec, _ in standing],
        "prestige": [factors.prestige_fit(university) for _, _, university in prestige_progression],
        "budget": [factors.budget_fit(low, high, free, aid, unknown) for low, high, free, aid, unknown in values["cost"]],
        "persona": [factors.persona_fit(b) for b in values["best_for"]],
        "practical": [practical for _, practical in standing],
        "time": [factors.time_fit(hours) for hours in values["prep"]],
        "progression": [factors.progression_unlinked(has_prerequisites, eco)
                        for has_prerequisites, eco, _ in prestige_progression],
    }


FACTOR_KEYS = (("goal", "domains"), ("ecosystem", "ecosystem_level"), ("level", "ecosystem_level"),
               ("recognition", "standing"), ("prestige", "prestige_progression"), ("budget", "cost"),
               ("persona", "best_for"), ("practical", "standing"), ("time", "prep"),
               ("progression", "prestige_progression"))
"""Each factor (in the order of WEIGHTS) and the key kind its table is indexed by."""
FACTOR_NAMES = tuple(name for name, _ in FACTOR_KEYS)
assert tuple(WEIGHTS) == FACTOR_NAMES, "the factor tables follow the order of the factors"


def points_tables(factors: ProfileFactors, index: ScoringIndex, as_of: date,
                  by_factor: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Weight × factor for every distinct value of each key kind (and the date's "standing").

    ``table[kind][n]`` is the points of the ``n``-th distinct value of that kind; a
    credential's table-path score is the sum over kinds of ``table[kind][its number]``.
    ``by_factor``: the :func:`factor_tables` (computed here if not given).
    """
    w = factors.weights
    t = by_factor if by_factor is not None else factor_tables(factors, index, as_of)
    free_only = factors.profile.budget_usd == 0
    return {
        "standing": [w["recognition"] * rec + w["practical"] * practical
                     for rec, practical in zip(t["recognition"], t["practical"], strict=True)],
        "domains": [w["goal"] * g for g in t["goal"]],
        "ecosystem_level": [w["ecosystem"] * e + w["level"] * lv for e, lv in zip(t["ecosystem"], t["level"], strict=True)],
        "best_for": [w["persona"] * v for v in t["persona"]],
        "cost": [(w["budget"] * b) if (free or aid or not free_only) else EXCLUDED
                 for b, (_, _, free, aid, _) in zip(t["budget"], index.values["cost"].values, strict=True)],
        "prep": [w["time"] * v for v in t["time"]],
        "prestige_progression": [w["prestige"] * pr + w["progression"] * pg
                                 for pr, pg in zip(t["prestige"], t["progression"], strict=True)],
    }


def rank(profile: Profile, catalog: Catalog, as_of: date, limit: int | None = 10,
         index: ScoringIndex | None = None, fit: ProfileFactors | None = None) -> list[Scored]:
    """Live, non-learning-path, not-held credentials, best first (score desc, then id).

    Budget 0 keeps only free and financial-aid options. ``limit=None`` ranks everything.
    ``index`` is the catalog's :class:`~certwise.advice.scoring_index.ScoringIndex`
    (default: :func:`~certwise.advice.scoring_index.index_of` the catalog); ``fit``: the
    person's :class:`~certwise.advice.scoring.ProfileFactors` on ``as_of`` with that index, if made.
    """
    index = index if index is not None else index_of(catalog)
    view = index.on(as_of)
    factors = fit if fit is not None else ProfileFactors(profile, index, as_of)
    by_factor = factor_tables(factors, index, as_of)
    tables = points_tables(factors, index, as_of, by_factor)
    keys = view.keys
    # one C-level pass per table: a sum of look-ups, linear in the catalog
    first, second, *rest = ("standing", *KEY_KINDS)
    scores = list(map(add, map(tables[first].__getitem__, keys[first]), map(tables[second].__getitem__, keys[second])))
    for kind in rest:
        scores = list(map(add, scores, map(tables[kind].__getitem__, keys[kind])))
    # the exact model for the few the tables cannot score
    by_id = index.by_id
    exact = set(view.exact)
    if factors.held:
        exact.update(by_id[i].position for i in factors.linked_to_held() if i in by_id)
    exact_factors: dict[int, dict[str, float]] = {}
    for position in exact:
        n = view.slot.get(position)
        if n is None or scores[n] <= REAL_SCORE_ABOVE:
            continue
        by_keys = dict(zip(FACTOR_NAMES, [by_factor[name][keys[kind][n]] for name, kind in FACTOR_KEYS], strict=True))
        fa = exact_factors[position] = factors.factors_from_keys(
            index.features[position], view.status.get(position, "active"), by_keys)
        scores[n] = weighted_total(fa, factors.weights)
    for h in factors.held:
        hf = by_id.get(h)
        if hf is not None and hf.position in view.slot:
            scores[view.slot[hf.position]] = EXCLUDED
    for position in index.gated:  # "hold one of these first": closed until one is held
        if position in view.slot and index.catalog.credentials[position].gated_for(factors.held):
            scores[view.slot[position]] = EXCLUDED
    ids = view.ids
    n_all = len(scores)
    if limit is None or n_all <= limit + RESCORE_EXTRA:
        floor = REAL_SCORE_ABOVE
    else:
        # the (limit+5)-th best score; every credential at or above it (ties included) is a candidate
        floor = max(heapq.nlargest(limit + RESCORE_EXTRA, scores)[-1] - 1e-6, REAL_SCORE_ABOVE)
    order = list(compress(range(n_all), map(floor.__lt__, scores)))
    if limit is not None and len(order) > limit + RESCORE_EXTRA:
        order.sort(key=lambda i: (-round(scores[i], 9), ids[i]))
        order = order[: limit + RESCORE_EXTRA]
    # the factors of the rest are their entries in the factor tables (unless something held is not
    # in the index: then its links are unknown here, and everything is scored exactly)
    tabled = factors.held <= by_id.keys()
    columns = [list(map(by_factor[name].__getitem__, map(keys[kind].__getitem__, order))) for name, kind in FACTOR_KEYS]
    out = []
    eligible, features, status_of = view.eligible, index.features, view.status
    for n, row in zip(order, zip(*columns, strict=True), strict=True):
        position = eligible[n]
        f, status = features[position], status_of.get(position, "active")
        if tabled and position not in exact:  # (not exact: it leads to nothing)
            out.append(factors.scored_from_row(f, status, FACTOR_NAMES, row))
        else:
            out.append(factors.scored(f, status, exact_factors.get(position)))
    # best first: score (to 9 places) descending, then id
    sort_keys = list(zip(map(neg, map(round, [s.score for s in out], repeat(9))), [s.cred.id for s in out], strict=True))
    out = [out[i] for i in sorted(range(len(out)), key=sort_keys.__getitem__)]
    return out if limit is None else out[:limit]
