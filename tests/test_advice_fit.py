"""'Is it worth it for me?': the fit of one credential to one person on a date (CLI and library),
with hypothesis properties: a retired credential is never worth it, the verdict is deterministic,
and an answer the fit does not use never flips it."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certwise.advice.fit import fit
from certwise.advice.profile import Profile
from certwise.profile_spec import field

DAY = date(2026, 12, 1)

profiles = st.builds(
    Profile,
    role=st.sampled_from(field("role").values),
    years_experience=st.integers(0, 25),
    cloud=st.sampled_from(field("cloud").values),
    goal=st.sampled_from(field("goal").values),
    motive=st.sampled_from(field("motive").values),
    budget_usd=st.one_of(st.none(), st.just(0.0), st.floats(1, 5000)),
    hours_per_week=st.floats(1, 40),
)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(p=profiles, ident=st.sampled_from(["aws-ml-specialty", "azure-ai-engineer", "tensorflow-developer-certificate"]))
def test_a_retired_credential_is_never_worth_it(catalog, p, ident):
    f = fit(catalog.get(ident), p, catalog, DAY)
    assert f["verdict"] == "not-for-you" and f["instead"]


@SETTINGS
@given(p=profiles, ident=st.sampled_from(["google-ml-engineer", "google-ai-essentials", "iapp-aigp",
                                          "aws-ai-practitioner", "stanford-ai-programs"]))
def test_the_verdict_is_deterministic_and_unmoved_by_an_answer_it_does_not_use(catalog, p, ident):
    c = catalog.get(ident)
    a, b = fit(c, p, catalog, DAY), fit(c, p, catalog, DAY)
    assert a == b and a["verdict"] in ("worth-it", "depends", "not-for-you") and a["reasons"]
    with_months = p.model_copy(update={"months": 6.0})  # a deadline changes the plan, not the fit
    assert fit(c, with_months, catalog, DAY)["verdict"] == a["verdict"]


def test_the_guides_own_cases(catalog):
    def verdict(ident, **kw):
        return fit(catalog.get(ident), Profile(**kw), catalog, DAY)["verdict"]

    # a fundamentals course is right for shared vocabulary, not a learning investment for an engineer
    assert verdict("google-ai-essentials", role="leader", goal="ai-literacy", motive="shared-vocabulary") == "worth-it"
    assert verdict("google-ai-essentials", role="ml-practitioner", years_experience=10, goal="ml-engineering",
                   motive="learning") != "worth-it"
    # starting too advanced / right level
    assert verdict("google-ml-engineer", role="career-changer") == "not-for-you"
    assert verdict("google-ml-engineer", role="ml-practitioner", years_experience=5, cloud="gcp",
                   cloud_experience="some", goal="ml-engineering", motive="hiring-signal") == "worth-it"
    # a university programme is overkill for a product manager
    assert verdict("stanford-ai-programs", role="non-technical", goal="ai-literacy") != "worth-it"
    # closed to individuals
    assert verdict("anthropic-claude-certified-architect-foundations", role="developer", goal="generative-ai") \
        == "not-for-you"


def test_what_you_hold_changes_the_fit(catalog):
    second = fit(catalog.get("azure-ai-fundamentals"), Profile(role="developer", held=("aws-ai-practitioner",)),
                 catalog, DAY)
    assert second["verdict"] == "depends" and "adds little" in " ".join(second["reasons"])
    rung = fit(catalog.get("aws-ml-engineer-associate"),
               Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=3,
                       held=("aws-cloud-practitioner", "aws-ai-practitioner")), catalog, DAY)
    assert rung["verdict"] == "worth-it" and "next rung" in " ".join(rung["reasons"])


def test_a_retiring_exam_is_worth_finishing_only_if_the_plan_reaches_it(catalog):
    c = catalog.get("aws-ml-specialty")
    early = fit(c, Profile(role="ml-practitioner", years_experience=5, cloud="aws", cloud_experience="extensive",
                           hours_per_week=20), catalog, date(2026, 1, 9))
    late = fit(c, Profile(role="ml-practitioner", years_experience=5, cloud="aws", cloud_experience="extensive",
                          hours_per_week=2), catalog, date(2026, 1, 9))
    assert "Worth finishing" in " ".join(early["reasons"]) and "days before its last day" in " ".join(early["reasons"])
    assert late["verdict"] == "not-for-you" and "after it retires" in " ".join(late["reasons"])


def test_evaluate_with_a_profile_on_the_cli(cli):
    r = cli("evaluate", "AIF-C01", "--role", "developer", "--years", "12", "--goal", "ml-engineering",
            "--as-of", "2026-12-01", "--json")
    assert r.code == 0, r.err
    j = r.json()
    assert j["verdict"] in ("worth-it", "situational", "skip")  # the credential's own verdict stays
    assert j["fit"]["verdict"] == "not-for-you" and j["fit"]["instead"]
    assert "hours_per_week: 5" in j["fit"]["assumed"] and not any(a.startswith("role") for a in j["fit"]["assumed"])
    plain = cli("evaluate", "AIF-C01", "--as-of", "2026-12-01", "--json").json()
    assert "fit" not in plain
    text = cli("evaluate", "AIF-C01", "--role", "developer", "--years", "12", "--as-of", "2026-12-01").out
    assert "For you" in text
    bad = cli("evaluate", "--file", "x.yaml", "--role", "developer")
    assert bad.code == 2 and "catalogued credential" in bad.err


def test_an_incomplete_profile_says_what_would_change_the_verdict(catalog):
    f = fit(catalog.get("stanford-ai-programs"), Profile(role="leader"), catalog, DAY, given=["role"])
    assert "goal: first-ai-role" in f["assumed"] and "goal" in f["ask"] and len(f["ask"]) <= 2


# --- the README's table: a dozen personas × credentials, generated here and checked ----------------

PERSONAS = [
    ("Founder who needs shared vocabulary", "google-ai-essentials",
     dict(role="leader", years_experience=12, goal="ai-literacy", motive="shared-vocabulary")),
    ("ML engineer, 10 years, wants to learn", "google-ai-essentials",
     dict(role="ml-practitioner", years_experience=10, goal="ml-engineering", motive="learning")),
    ("Career changer, no experience", "google-ml-engineer", dict(role="career-changer")),
    ("GCP ML practitioner job-hunting", "google-ml-engineer",
     dict(role="ml-practitioner", years_experience=5, cloud="gcp", cloud_experience="some", goal="ml-engineering",
          motive="hiring-signal")),
    ("Product manager, AI literacy", "stanford-ai-programs", dict(role="non-technical", goal="ai-literacy")),
    ("Senior leader moving into AI leadership", "stanford-ai-programs",
     dict(role="leader", years_experience=15, goal="leadership")),
    ("Governance lead", "iapp-aigp", dict(role="leader", years_experience=10, goal="ai-governance")),
    ("Developer on AWS after two foundations", "aws-ml-engineer-associate",
     dict(role="developer", cloud="aws", cloud_experience="some", years_experience=3,
          held=("aws-cloud-practitioner", "aws-ai-practitioner"))),
    ("Developer who holds AWS AI Practitioner", "azure-ai-fundamentals",
     dict(role="developer", held=("aws-ai-practitioner",))),
    ("Senior developer moving into ML", "aws-ai-practitioner",
     dict(role="developer", years_experience=12, goal="ml-engineering")),
    ("Developer building with Claude", "anthropic-claude-certified-architect-foundations",
     dict(role="developer", years_experience=4, goal="generative-ai")),
    ("AWS user who wants the old ML Specialty", "aws-ml-specialty",
     dict(role="ml-practitioner", years_experience=5, cloud="aws", cloud_experience="extensive")),
]


def fit_table(catalog) -> str:
    rows = ["| Person | Credential | Fit | First reason |", "|---|---|---|---|"]
    for who, ident, profile in PERSONAS:
        c = catalog.get(ident)
        f = fit(c, Profile(**profile), catalog, DAY)
        rows.append(f"| {who} | {c.name} | {f['verdict']} | {f['reasons'][0].replace('|', '/')} |")
    return "\n".join(rows)


def test_the_readme_table_of_personas_is_current(catalog):
    import os
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- fit-table:start -->\n", "\n<!-- fit-table:end -->"
    table = fit_table(catalog)
    current = text[text.index(start) + len(start): text.index(end)]
    if os.environ.get("CERTWISE_UPDATE_README") and current != table:
        head, tail = text.split(start, 1)
        readme.write_text(head + start + table + end + tail.split(end, 1)[1], encoding="utf-8")
        current = table
    assert current == table, "regenerate with CERTWISE_UPDATE_README=1"


def test_on_a_terminal_evaluate_asks_for_the_answers_that_matter(cli, monkeypatch):
    import certwise.cli.advice_cmds as mod

    monkeypatch.setattr(mod, "_is_terminal", lambda: True)
    r = cli("evaluate", "stanford-ai-programs", "--role", "leader", "--as-of", "2026-12-01", input="leadership\n\n")
    assert r.code == 0, r.err
    assert "change the verdict most" in r.err and "For you: worth-it" in r.out
