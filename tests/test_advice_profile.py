"""The profile: defaults, stages, spellings, files, flags over files, and one-line errors."""

from __future__ import annotations

import pytest

from advice_fixtures import mini_catalog
from certwise.advice.profile import Profile, ProfileError, load_profile, profile_from, stage_for


def test_defaults_follow_the_spec():
    p = profile_from({})
    assert p.to_json() == {
        "role": "career-changer", "years_experience": 0, "cloud": "none", "cloud_experience": "none",
        "platforms": [], "goal": "first-ai-role", "motive": "any", "budget_usd": None, "hours_per_week": 5, "months": None,
        "held": [],
    }
    assert p.stage == "early"


@pytest.mark.parametrize("years,stage", [(0, "early"), (2, "early"), (3, "mid"), (7, "mid"), (8, "senior"), (30, "senior")])
def test_career_stages(years, stage):
    assert stage_for(years) == stage
    assert Profile(years_experience=years).stage == stage


def test_spellings_and_short_keys():
    p = profile_from({"Role": "ML_Practitioner", "cloud": "Google", "budget": 300, "hours": 8, "years": 4,
                      "platforms": "databricks, spark"})
    assert (p.role, p.cloud, p.budget_usd, p.hours_per_week, p.years_experience) == (
        "ml-practitioner", "gcp", 300, 8, 4)
    assert p.platforms == ("databricks", "spark")


def test_flags_override_the_file(tmp_path):
    f = tmp_path / "me.yaml"
    f.write_text("role: developer\ncloud: aws\nbudget_usd: 100\n")
    p = load_profile(f, {"budget_usd": 500, "cloud": None})
    assert (p.role, p.cloud, p.budget_usd) == ("developer", "aws", 500)


def test_json_profile(tmp_path):
    f = tmp_path / "me.json"
    f.write_text('{"role": "student", "goal": "deep-learning"}')
    assert load_profile(f).goal == "deep-learning"


def test_held_aliases_resolve_through_the_catalog():
    cat = mini_catalog()
    p = profile_from({"held": "Aws Cloud Practitioner, ibm-ai-engineering"}, {"held": ["ibm-ai-engineering"]},
                     catalog=cat)
    assert p.held == ("ibm-ai-engineering",)  # flags replace the file's list
    p = profile_from({"held": ["AWS-CLOUD-PRACTITIONER", "aws-cloud-practitioner"]}, catalog=cat)
    assert p.held == ("aws-cloud-practitioner",)


def test_held_real_aliases(catalog):
    if "aws-ml-specialty" not in catalog:
        pytest.skip("record not there yet")
    p = profile_from({"held": ["MLS-C01"]}, catalog=catalog)
    assert p.held == ("aws-ml-specialty",)


@pytest.mark.parametrize("data,fragment", [
    ({"role": "wizard"}, "role 'wizard' is not one of: career-changer"),
    ({"goal": "fame"}, "goal 'fame' is not one of: ai-literacy"),
    ({"cloud": "oracle"}, "cloud 'oracle' is not one of"),
    ({"budget_usd": -5}, "budget_usd must be a number ≥ 0"),
    ({"hours_per_week": 0}, "hours_per_week must be a number above 0"),
    ({"months": 0}, "months must be a number above 0"),
    ({"years_experience": -1}, "years_experience must be a whole number"),
    ({"platforms": ["cobol"]}, "platforms 'cobol' is not one of"),
    ({"favourite": "x"}, "unknown profile field 'favourite'"),
])
def test_bad_profiles_give_one_clear_line(data, fragment):
    with pytest.raises(ProfileError) as e:
        profile_from(data)
    msg = str(e.value)
    assert fragment in msg and "\n" not in msg


def test_unknown_held_id_suggests():
    with pytest.raises(ProfileError, match="held: unknown credential 'aws-ml-specialtyy'"):
        profile_from({"held": ["aws-ml-specialtyy"]}, catalog=mini_catalog())


@pytest.mark.parametrize("text,fragment", [
    ("role: [developer\n", "is not valid YAML"),
    ("- just\n- a list\n", "a profile is a mapping"),
    ("role: wizard\n", "role 'wizard'"),
])
def test_bad_files_name_the_file(tmp_path, text, fragment):
    f = tmp_path / "p.yaml"
    f.write_text(text)
    with pytest.raises(ProfileError) as e:
        load_profile(f)
    assert str(e.value).startswith(str(f)) and fragment in str(e.value) and "\n" not in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "nope.yaml")


def test_empty_file_is_the_defaults(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("")
    assert load_profile(f) == Profile()
