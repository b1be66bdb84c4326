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

The exact scores come from the *factor tables* too (:func:`factor_tables`: each factor per
distinct value, summed in the order of the weights, so to the bit what ``weighted_total`` gives):
a credential's ten factors are its row of them, except the goal through what it leads to and
what reads holdings or a retirement date. What depends on a few traits of the person only (the
platform, level and persona tables, the goal through what a credential leads to) is kept per
kind of person on the index (:meth:`~certwise.advice.scoring_index.ScoringIndex.for_kind`), so
a new profile mostly reads what an earlier one of its kind worked out.

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
from collections.abc import Callable
from datetime import date
from itertools import compress, repeat
from operator import add, mul, neg
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
    # what depends on a few traits of the person is kept per kind of person (on the index)
    return {
        "goal": factors.goal_by_domains_number(),
        "ecosystem": index.for_kind(factors.ecosystem_kind(), lambda: [
            factors.ecosystem_fit(eco, tensorflow) for eco, _, tensorflow in eco_level]),
        "level": index.for_kind(factors.level_kind(), lambda: [
            factors.level_fit(level, eco) for eco, level, _ in eco_level]),
        "recognition": [rec for rec, _ in standing],
        "prestige": [factors.prestige_fit(university) for _, _, university in prestige_progression],
        "budget": [factors.budget_fit(low, high, free, aid, unknown) for low, high, free, aid, unknown in values["cost"]],
        "persona": index.for_kind(factors.persona_kind(), lambda: [factors.persona_fit(b) for b in values["best_for"]]),
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
assert tuple(WEIGHTS) == FACTOR_NAMES and FACTOR_NAMES[0] == "goal", "the factor tables follow the order of the factors"


def _rows(by_factor: dict[str, list[float]], keys: dict[str, list[int]], slots: list[int]) -> list[tuple[float, ...]]:
    """Each slot's factors from the factor tables, in the order of the factors (columns built in C)."""
    columns = [list(map(by_factor[name].__getitem__, map(keys[kind].__getitem__, slots))) for name, kind in FACTOR_KEYS]
    return list(zip(*columns, strict=True))


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
         index: ScoringIndex | None = None, fit: ProfileFactors | None = None,
         keep: Callable[[dict[str, float], str], bool] | None = None, keep_after: int = 0) -> list[Scored]:
    """Live, non-learning-path, not-held credentials, best first (score desc, then id).

    Budget 0 keeps only free and financial-aid options. ``limit=None`` ranks everything.
    ``index`` is the catalog's :class:`~certwise.advice.scoring_index.ScoringIndex`
    (default: :func:`~certwise.advice.scoring_index.index_of` the catalog); ``fit``: the
    person's :class:`~certwise.advice.scoring.ProfileFactors` on ``as_of`` with that index, if made.
    ``keep(factors, status)``: of the ranked after the first ``keep_after``, only those it accepts
    are returned (in the same order; the others cost no Scored).
    """
    index = index if index is not None else index_of(catalog)
    view = index.on(as_of)
    factors = fit if fit is not None else ProfileFactors(profile, index, as_of)
    by_factor = factor_tables(factors, index, as_of)
    keys = view.keys
    n_all = len(view.eligible)
    if limit is None or n_all <= limit + RESCORE_EXTRA:
        # every credential is a candidate: what the tables would add up to is not needed, only
        # which ones are excluded (here: paid ones when only free ones count; held and gated below)
        if factors.profile.budget_usd == 0:
            paid = [not (free or aid) for _, _, free, aid, _ in index.values["cost"].values]
            scores = [EXCLUDED if x else 0.0 for x in map(paid.__getitem__, keys["cost"])]
        else:
            scores = [0.0] * n_all
    else:
        tables = points_tables(factors, index, as_of, by_factor)
        # one C-level pass per table: a sum of look-ups, linear in the catalog
        first, second, *rest = ("standing", *KEY_KINDS)
        scores = list(map(add, map(tables[first].__getitem__, keys[first]),
                          map(tables[second].__getitem__, keys[second])))
        for kind in rest:
            scores = list(map(add, scores, map(tables[kind].__getitem__, keys[kind])))
    # the exact model for the few the tables cannot score alone. Unless something held is not in the
    # index (then its links are unknown here and every candidate is worked out one by one), one that
    # only leads elsewhere differs from its row of the factor tables in the goal alone (through what
    # it leads to: kept per kind of person); a retiring one (time left) or one linked to what is
    # held (progression) is worked out with factors_from_keys
    by_id, features, status_of = index.by_id, index.features, view.status
    tabled = factors.held <= by_id.keys()
    linked = {by_id[i].position for i in factors.linked_to_held() if i in by_id} if factors.held else set()
    exact = set(view.exact) | linked
    through = index.for_kind(("goal through", factors.goal_kind, as_of, factors.readiness_row()), lambda: {
        p: factors.goal_fit(features[p]) for p in view.exact if features[p].id in index.unlocks}) \
        if tabled and index.keeps_per_credential() else {}
    known: dict[int, tuple[tuple[float, ...] | dict[str, float], float]] = {}  # position -> (factors, total)
    todo = [(position, n) for position in exact
            if (n := view.slot.get(position)) is not None and scores[n] > REAL_SCORE_ABOVE]
    for (position, n), row in zip(todo, _rows(by_factor, keys, [n for _, n in todo]), strict=True):
        status = status_of.get(position, "active")
        if position in through and status != "retiring" and position not in linked:
            row = (through[position], *row[1:])  # (the goal is the first factor)
            known[position] = (row, sum(map(mul, factors.weight_row, row)))
        else:
            fa = factors.factors_from_keys(features[position], status, dict(zip(FACTOR_NAMES, row, strict=True)))
            known[position] = (fa, weighted_total(fa, factors.weights))
        scores[n] = known[position][1]
    for h in factors.held:
        hf = by_id.get(h)
        if hf is not None and hf.position in view.slot:
            scores[view.slot[hf.position]] = EXCLUDED
    for position in index.gated:  # "hold one of these first": closed until one is held
        if position in view.slot and index.catalog.credentials[position].gated_for(factors.held):
            scores[view.slot[position]] = EXCLUDED
    ids = view.ids
    # the candidates, in id order (so that a stable sort by score leaves equal scores by id)
    if limit is None or n_all <= limit + RESCORE_EXTRA:  # all that are not excluded
        slots_by_id = view.id_order()
        order = list(compress(slots_by_id, map(REAL_SCORE_ABOVE.__lt__, map(scores.__getitem__, slots_by_id))))
    else:
        # the (limit+5)-th best score; every credential at or above it (ties included) is a candidate
        floor = max(heapq.nlargest(limit + RESCORE_EXTRA, scores)[-1] - 1e-6, REAL_SCORE_ABOVE)
        order = list(compress(range(n_all), map(floor.__lt__, scores)))
        if len(order) > limit + RESCORE_EXTRA:
            order.sort(key=lambda i: (-round(scores[i], 9), ids[i]))
            order = order[: limit + RESCORE_EXTRA]
        order.sort(key=ids.__getitem__)
    # exact scores: one that leads nowhere and links to nothing held is the sum of its row
    # (weight × factor in the order of the factors: weighted_total's sum)
    eligible = view.eligible
    rows = _rows(by_factor, keys, order)
    totals: list[float] = list(map(sum, map(map, repeat(mul), repeat(factors.weight_row), rows)))
    for i, n in enumerate(order):
        position = eligible[n]
        if position in exact or not tabled:
            k = known.get(position)
            if k is None:
                fa = factors.factors(features[position], status_of.get(position, "active"))
                k = known[position] = (fa, weighted_total(fa, factors.weights))
            totals[i] = k[1]
    # best first: score (to 9 places) descending, then id
    rounded = list(map(neg, map(round, totals, repeat(9))))
    best = sorted(range(len(order)), key=rounded.__getitem__)
    out = []
    for place, i in enumerate(best if limit is None else best[:limit]):
        position = eligible[order[i]]
        f, status = features[position], status_of.get(position, "active")
        k = known.get(position)
        its = k[0] if k is not None else rows[i]
        fa = its if isinstance(its, dict) else dict(zip(FACTOR_NAMES, its, strict=True))
        if keep is None or place < keep_after or keep(fa, status):
            out.append(factors.scored(f, status, fa, totals[i]))
    return out
