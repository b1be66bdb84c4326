"""evaluate: the worth-it test and the certificate-mill red flags, triggered and not."""

from __future__ import annotations

import pytest

from advice_fixtures import JAN, NOV, mini_catalog
from certwise.advice.worth import (
    DescriptionError,
    evaluate_credential,
    evaluate_description,
    is_generic_title,
)

MILL = {"name": "AI Certified Professional", "issuer": "Global AI Academy", "price_usd": 1500, "hours": 8,
        "assessment": "quiz", "hands_on": False, "renewal_years": None, "url": "https://example.com"}
SOLID = {"name": "Databricks Certified Machine Learning Professional", "issuer": "Databricks", "price_usd": 200,
         "hours": 90, "assessment": "proctored-exam", "hands_on": True, "renewal_years": 2}


@pytest.fixture(scope="module")
def mini():
    return mini_catalog()


def flags(r):
    return {f["code"] for f in r["red_flags"]}


def test_shape(mini):
    r = evaluate_credential(mini.get("google-ml-engineer"), mini, NOV)
    assert set(r) >= {"name", "id", "score", "verdict", "criteria", "red_flags", "reasons"}
    assert set(r["criteria"]) == {"recognition", "practical", "specificity", "value", "currency"}
    assert all(0 <= v <= 100 for v in r["criteria"].values()) and 0 <= r["score"] <= 100


def test_tier_one_cloud_certification_is_worth_it(mini):
    r = evaluate_credential(mini.get("google-ml-engineer"), mini, NOV)
    assert r["verdict"] == "worth-it" and not r["red_flags"]
    assert r["criteria"]["recognition"] == 100 and r["criteria"]["specificity"] >= 90


def test_retired_is_skip_and_names_the_successor(mini):
    r = evaluate_credential(mini.get("aws-ml-specialty"), mini, NOV)
    assert r["verdict"] == "skip" and "retired" in flags(r)
    assert "Aws Ml Engineer Associate" in next(f["message"] for f in r["red_flags"] if f["code"] == "retired")  # by name
    before = evaluate_credential(mini.get("aws-ml-specialty"), mini, JAN)
    assert "retired" not in flags(before) and before["verdict"] != "skip"


def test_university_programs_are_situational(mini):
    r = evaluate_credential(mini.get("stanford-ai-programs"), mini, NOV)
    assert r["verdict"] == "situational"
    assert any("prestige" in x for x in r["reasons"])


def test_mill_in_the_catalog_is_skip(mini):
    r = evaluate_credential(mini.get("ai-mill-cert"), mini, NOV)
    assert r["verdict"] == "skip"
    assert {"generic-title", "unrecognized-issuer", "no-hands-on", "expensive-for-depth"} <= flags(r)


def test_mill_description_raises_every_flag(mini):
    r = evaluate_description(MILL, mini, NOV)
    assert r["id"] is None and r["verdict"] == "skip" and r["score"] < 45
    assert flags(r) == {"generic-title", "unrecognized-issuer", "no-hands-on", "quiz-only", "expensive-for-depth"}
    for f in r["red_flags"]:
        assert f["message"] and "\n" not in f["message"]


def test_solid_description_raises_none(mini):
    r = evaluate_description(SOLID, mini, NOV)
    assert flags(r) == set() and r["verdict"] == "worth-it"


@pytest.mark.parametrize("change,flag", [
    ({"name": "Certified AI Expert"}, "generic-title"),
    ({"issuer": "Acme Learning Hub"}, "unrecognized-issuer"),
    ({"hands_on": False, "assessment": "quiz"}, "no-hands-on"),
    ({"assessment": "quiz"}, "quiz-only"),
    ({"price_usd": 2500, "hours": 10, "issuer": "Acme Learning Hub"}, "expensive-for-depth"),
])
def test_each_red_flag_alone(mini, change, flag):
    assert flag not in flags(evaluate_description(SOLID, mini, NOV))
    assert flag in flags(evaluate_description({**SOLID, **change}, mini, NOV))


def test_catalogued_name_gets_its_id(mini):
    r = evaluate_description({**SOLID, "name": "google-ml-engineer", "issuer": "Google Cloud"}, mini, NOV)
    assert r["id"] == "google-ml-engineer"


@pytest.mark.parametrize("desc,fragment", [
    ({"issuer": "x", "price_usd": 1, "hours": 1}, "field 'name' is missing"),
    ({**SOLID, "assessment": "vibes"}, "field 'assessment'"),
    ({**SOLID, "price_usd": -1}, "field 'price_usd'"),
    ({**SOLID, "hours": 0}, "field 'hours'"),
    ({**SOLID, "colour": "blue"}, "unknown field 'colour'"),
    (["not", "a", "mapping"], "is a mapping of fields"),
])
def test_bad_descriptions_give_one_line(mini, desc, fragment):
    with pytest.raises(DescriptionError) as e:
        evaluate_description(desc, mini, NOV)
    assert fragment in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("title,generic", [
    ("AI Certified Professional", True), ("Certified Artificial Intelligence Expert", True),
    ("AWS Certified Machine Learning – Specialty", False), ("TensorFlow Developer Certificate", False),
    ("Google AI Essentials", False),
])
def test_generic_titles(title, generic):
    assert is_generic_title(title) is generic


def test_real_catalog_picks_are_not_skips(catalog):
    for cid in ("google-ml-engineer", "ibm-ai-engineering", "google-ai-essentials", "deeplearningai-tensorflow"):
        if cid in catalog:
            assert evaluate_credential(catalog.get(cid), catalog, NOV)["verdict"] == "worth-it", cid


def test_an_unstated_price_is_not_read_as_free_value(catalog):
    """24 records say no source states the price (their range reads $0–0): their value for money is
    not judged — it counts as the weighted average of the other criteria, so the score is the score
    on what is known — and the reasons say so. (It was 100, as if they were free: MIT's program too.)"""
    from certwise.advice.worth import CRITERIA_WEIGHTS

    unknown = [c for c in catalog if c.cost.unknown]
    assert unknown
    for c in unknown:
        r = evaluate_credential(c, catalog, NOV)
        known = {k: v for k, v in r["criteria"].items() if k != "value"}
        on_known = sum(CRITERIA_WEIGHTS[k] * v for k, v in known.items()) / sum(CRITERIA_WEIGHTS[k] for k in known)
        assert r["criteria"]["value"] == round(on_known) and abs(r["score"] - on_known) <= 1, c.id
        assert any("value for money is not judged" in x for x in r["reasons"]), c.id
    mit = evaluate_credential(catalog.get("mit-ml-ai-certificate"), catalog, NOV)
    assert mit["criteria"]["value"] < 100
