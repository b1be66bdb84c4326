"""Invariants of recommend, checked over generated profiles and dates (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advice_fixtures import mini_catalog
from certwise.advice import scoring_index
from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.recommend import recommend
from certwise.advice.scoring import ProfileFactors, score
from certwise.advice.scoring_index import ScoringIndex, index_of
from certwise.advice.stacks import in_pool
from certwise.advice.worth import evaluate_credential
from certwise.profile_spec import field

MINI = mini_catalog()
IDS = sorted(c.id for c in MINI)

profiles = st.builds(
    Profile,
    role=st.sampled_from(field("role").values),
    years_experience=st.integers(0, 40),
    cloud=st.sampled_from(field("cloud").values),
    cloud_experience=st.sampled_from(field("cloud_experience").values),
    platforms=st.lists(st.sampled_from(field("platforms").values), unique=True, max_size=3).map(tuple),
    goal=st.sampled_from(field("goal").values),
    budget_usd=st.one_of(st.none(), st.just(0.0), st.floats(1, 30000)),
    hours_per_week=st.floats(0.5, 60),
    months=st.one_of(st.none(), st.floats(0.25, 36)),
    held=st.lists(st.sampled_from(IDS), unique=True, max_size=5).map(tuple),
)
dates = st.dates(date(2023, 1, 1), date(2031, 12, 31))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _catalogs(real):
    return [MINI, real]


@SETTINGS
@given(p=profiles, as_of=dates)
def test_scores_within_0_100_and_every_pick_has_a_reason(p, as_of):
    r = recommend(p, MINI, as_of)
    for rec in r["recommendations"]:
        assert 0 <= rec["score"] <= 100
        assert rec["reasons"] and all(isinstance(x, str) and x for x in rec["reasons"])
        assert all(0 <= v <= 100 for v in rec["factors"].values())
    for s in rank(p, MINI, as_of, limit=None):
        assert 0 <= s.score <= 100


@SETTINGS
@given(p=profiles, as_of=dates)
def test_deterministic(p, as_of):
    assert recommend(p, MINI, as_of) == recommend(p, MINI, as_of)


@SETTINGS
@given(p=profiles, as_of=dates)
def test_held_credentials_are_never_recommended(p, as_of):
    r = recommend(p, MINI, as_of, limit=100)
    assert not set(p.held) & {x["id"] for x in r["recommendations"]}
    assert not set(p.held) & set(r["stack"])


@SETTINGS
@given(p=profiles, as_of=dates)
def test_nothing_on_or_after_its_retirement_date(p, as_of):
    r = recommend(p, MINI, as_of, limit=100)
    for x in r["recommendations"] + [{"id": i} for i in r["stack"]]:
        c = MINI.get(x["id"])
        assert c.lifecycle.retired is None or as_of < c.lifecycle.retired
        assert c.lifecycle.launched is None or as_of >= c.lifecycle.launched


@SETTINGS
@given(p=profiles, as_of=dates, b1=st.floats(0, 5000), extra=st.floats(0.01, 20000))
def test_a_bigger_budget_never_makes_an_affordable_pick_rank_worse(p, as_of, b1, extra):
    b2 = b1 + extra
    low = rank(p.model_copy(update={"budget_usd": b1}), MINI, as_of, limit=None)
    high = rank(p.model_copy(update={"budget_usd": b2}), MINI, as_of, limit=None)
    pos_low = {s.cred.id: i for i, s in enumerate(low)}
    pos_high = {s.cred.id: i for i, s in enumerate(high)}
    score_low = {s.cred.id: s.score for s in low}
    score_high = {s.cred.id: s.score for s in high}
    for s in low:
        c = s.cred
        if c.cost.usd.high > b1:
            continue  # not affordable at the smaller budget
        assert score_high[c.id] >= score_low[c.id] - 1e-9
        above_high = {x.cred.id for x in high[: pos_high[c.id]]}
        above_low = {x.cred.id for x in low[: pos_low[c.id]]}
        newly_affordable = {x.cred.id for x in high if x.cred.cost.usd.high > b1}
        assert above_high <= above_low | newly_affordable


@settings(max_examples=40, deadline=None)
@given(p=profiles, as_of=dates)
def test_invariants_hold_on_the_real_catalog(catalog, p, as_of):
    held = tuple(h for h in p.held if h in catalog)
    p = p.model_copy(update={"held": held})
    r = recommend(p, catalog, as_of)
    for rec in r["recommendations"]:
        c = catalog.get(rec["id"])
        assert c.is_live(as_of) and c.id not in held and rec["reasons"] and 0 <= rec["score"] <= 100



@settings(max_examples=60, deadline=None)
@given(p=profiles, as_of=dates, budget=st.floats(1, 3000))
def test_a_first_pick_over_the_budget_is_named_in_the_warning(catalog, p, as_of, budget):
    """Its card says over_budget (a price over it, or one no source states): the over-budget
    warning names it too."""
    p = p.model_copy(update={"held": tuple(h for h in p.held if h in catalog), "budget_usd": budget})
    r = recommend(p, catalog, as_of)
    if r["recommendations"] and r["recommendations"][0]["over_budget"]:
        first = r["recommendations"][0]["name"]
        assert any(w["code"] == "over-budget" and first in w["message"] for w in r["warnings"]), r["warnings"]


@settings(max_examples=60, deadline=None)
@given(p=profiles, as_of=dates)
def test_a_pick_said_to_fit_the_budget_is_never_over_it_nor_of_unstated_price(catalog, p, as_of):
    """The card's words agree with its flag: "Within your … budget" and "Good value" only for a
    stated price that fits (an unstated one reads as $0 in the record's range)."""
    p = p.model_copy(update={"held": tuple(h for h in p.held if h in catalog)})
    for rec in recommend(p, catalog, as_of)["recommendations"]:
        c = catalog.get(rec["id"])
        says_fits = any(r.startswith(("Within your", "Good value")) for r in rec["reasons"])
        if says_fits:
            assert not c.cost.unknown and not rec["over_budget"], (rec["id"], rec["reasons"])

@settings(max_examples=60, deadline=None)
@given(as_of=dates)
def test_evaluate_scores_within_0_100(as_of):
    for c in MINI:
        r = evaluate_credential(c, MINI, as_of)
        assert 0 <= r["score"] <= 100 and all(0 <= v <= 100 for v in r["criteria"].values())
        assert r["verdict"] in ("worth-it", "situational", "skip") and r["reasons"]


@SETTINGS
@given(p=profiles, as_of=dates, k=st.integers(1, 12))
def test_the_fast_ranking_agrees_with_the_exact_one(p, as_of, k):
    full = rank(p, MINI, as_of, limit=None)
    assert [s.cred.id for s in rank(p, MINI, as_of, limit=k)] == [s.cred.id for s in full[:k]]
    scores = [round(s.score, 9) for s in full]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=30, deadline=None)
@given(p=profiles, as_of=dates, k=st.integers(1, 12))
def test_the_fast_ranking_agrees_with_the_exact_one_on_the_real_catalog(catalog, p, as_of, k):
    p = p.model_copy(update={"held": tuple(h for h in p.held if h in catalog)})
    full = rank(p, catalog, as_of, limit=None)
    assert [s.cred.id for s in rank(p, catalog, as_of, limit=k)] == [s.cred.id for s in full[:k]]


@SETTINGS
@given(p=profiles, as_of=dates)
def test_the_table_path_equals_scoring_every_credential_with_the_model(p, as_of):
    """rank (the table path) = score() on every eligible credential, sorted by score then id."""
    index = index_of(MINI)
    eligible = [MINI.credentials[i] for i in index.on(as_of).eligible]
    free_only = p.budget_usd == 0
    exact = [score(p, c, index, as_of) for c in eligible if c.id not in p.held and not c.gated_for(set(p.held))
             and not (free_only and not (c.cost.is_free or c.cost.financial_aid))]
    exact.sort(key=lambda s: (-round(s.score, 9), s.cred.id))
    ranked = rank(p, MINI, as_of, limit=None, index=index)
    assert [s.cred.id for s in ranked] == [s.cred.id for s in exact]
    assert [s.score for s in ranked] == [s.score for s in exact]
    assert [s.factors for s in ranked] == [s.factors for s in exact]
    assert ranked == exact  # and what explains them: leads_to, replaces, inherited tier, stretch


@settings(max_examples=60, deadline=None)
@given(p=profiles, as_of=dates)
def test_holding_something_the_index_does_not_know_is_scored_by_the_model(p, as_of):
    """(then links to it are unknown to the tables, and every candidate is worked out one by one)"""
    p = p.model_copy(update={"held": (*p.held, "not-in-this-catalog")})
    index = index_of(MINI)
    ranked = rank(p, MINI, as_of, limit=None, index=index)
    assert ranked == [score(p, s.cred, index, as_of) for s in ranked]


@settings(max_examples=40, deadline=None)
@given(p=profiles, as_of=dates)
def test_the_table_path_equals_the_model_on_the_real_catalog(catalog, p, as_of):
    p = p.model_copy(update={"held": tuple(h for h in p.held if h in catalog)})
    index = index_of(catalog)
    ranked = rank(p, catalog, as_of, limit=None, index=index)
    assert ranked == [score(p, s.cred, index, as_of) for s in ranked]


@SETTINGS
@given(p=profiles, as_of=dates, k=st.integers(1, 12), after=st.integers(0, 12))
def test_keep_drops_only_what_it_refuses_after_the_first(p, as_of, k, after):
    full = rank(p, MINI, as_of, limit=k)
    kept = rank(p, MINI, as_of, limit=k, keep=in_pool, keep_after=after)
    assert kept == [s for i, s in enumerate(full) if i < after or in_pool(s.factors, s.status)]


@SETTINGS
@given(p=profiles, as_of=dates, more=st.lists(st.sampled_from(IDS), unique=True, max_size=4))
def test_factors_after_more_holdings_equal_the_model(p, as_of, more):
    index = index_of(MINI)
    now = ProfileFactors(p, index, as_of)
    later = ProfileFactors(p, index, as_of, held=[*p.held, *more])
    for f in index.features:
        status = index.status(f, as_of)
        assert later.factors_after(f, now.factors(f, status)) == later.factors(f, status)


def test_an_index_built_explicitly_ranks_like_the_catalogs_own(catalog):
    p = Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering")
    own = rank(p, catalog, date(2026, 11, 24), limit=None)
    built = rank(p, catalog, date(2026, 11, 24), limit=None, index=ScoringIndex.build(catalog))
    assert [(s.cred.id, s.score) for s in own] == [(s.cred.id, s.score) for s in built]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(p=profiles, as_of=dates)
def test_a_big_catalog_keeps_nothing_per_credential_and_ranks_the_same(monkeypatch, p, as_of):
    """(past PER_CREDENTIAL_KEPT_UP_TO credentials that lead elsewhere, the goal through them is not kept)"""
    monkeypatch.setattr(scoring_index, "PER_CREDENTIAL_KEPT_UP_TO", 0)
    index = index_of(MINI)
    ranked = rank(p, MINI, as_of, limit=None, index=index)
    assert ranked == [score(p, s.cred, index, as_of) for s in ranked]
