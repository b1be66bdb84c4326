"""advice.scoring, scoring_index and ranking: the model for one credential, the index it reads."""

from __future__ import annotations

from datetime import date

from advice_fixtures import NOV, cred, mini_catalog
from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.scoring import WEIGHTS, ProfileFactors, score, weighted_total
from certwise.advice.scoring_index import ScoringIndex, index_of
from certwise.catalog.load import Catalog

AWS = Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering")


def test_score_is_the_weighted_sum_of_ten_factors():
    mini = mini_catalog()
    s = score(AWS, mini.get("aws-ml-engineer-associate"), index_of(mini), NOV)
    assert list(s.factors) == list(WEIGHTS)
    assert all(0 <= v <= 1 for v in s.factors.values())
    assert s.score == weighted_total(s.factors) == sum(WEIGHTS[k] * v for k, v in s.factors.items())
    assert s.factors["ecosystem"] == 1.0 and s.status == "active"


def test_score_knows_the_date_retired_predecessors_and_beta():
    mini = mini_catalog()
    index = index_of(mini)
    s = score(AWS, mini.get("aws-ml-engineer-associate"), index, NOV)
    assert [r.id for r in s.replaces] == ["aws-ml-specialty"] and s.inherited_tier == 1
    before = score(AWS, mini.get("aws-ml-engineer-associate"), index, date(2026, 1, 9))
    assert before.replaces == [] and before.inherited_tier is None
    assert s.factors["recognition"] > before.factors["recognition"]  # the guide's pick passes to its successor


def test_index_of_keeps_one_index_per_catalog_object_and_rebuilds_when_the_list_changes():
    mini = mini_catalog()
    index = index_of(mini)
    assert index_of(mini) is index and index.is_current_for(mini)
    assert index_of(mini_catalog()) is not index  # another catalog object, its own index
    mini.credentials.append(cred("new-one"))
    assert not index.is_current_for(mini)
    assert "new-one" in index_of(mini).by_id


def test_an_index_is_passed_explicitly_and_never_shared_by_accident():
    a = Catalog([cred("x-one", domains=["ai-literacy"]), cred("x-two")])
    b = Catalog([cred("x-one", domains=["ml-engineering"]), cred("x-two")])
    p = Profile(goal="ml-engineering")
    ia, ib = ScoringIndex.build(a), ScoringIndex.build(b)
    assert rank(p, a, NOV, index=ia)[0].cred.id == "x-two"
    assert rank(p, b, NOV, index=ib)[0].cred.id == "x-one"


def test_profile_factors_readiness_moves_with_what_is_held():
    mini = mini_catalog()
    index = index_of(mini)
    newcomer = ProfileFactors(Profile(cloud="aws", cloud_experience="none"), index, NOV)
    holder = ProfileFactors(Profile(cloud="aws", cloud_experience="none",
                                    held=("aws-cloud-practitioner", "aws-ai-practitioner")), index, NOV)
    assert newcomer.readiness("aws") == 1.0
    assert holder.readiness("aws") == 2.0  # one level above what you hold there


def test_the_index_views_a_date_once_and_keeps_only_a_few():
    mini = mini_catalog()
    index = ScoringIndex.build(mini)
    assert index.on(NOV) is index.on(NOV)
    assert "aws-ml-specialty" not in index.on(NOV).ids and "aws-ml-specialty" in index.on(date(2026, 1, 9)).ids
    assert "kaggle-learn" not in index.on(NOV).ids and "ai-mill-cert" not in index.on(NOV).ids
