"""The questionnaire's answers the server refuses (issue 13.1), through the ASGI client: every
problem listed at once, each in the question's words (from the profile spec), linked to its field,
the questionnaire reopened at the step of the first, the other answers kept, status 400, and
never a field name or Python's way of quoting in the page's text."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from certwise import profile_spec as spec
from certwise.web.app import create_app
from certwise.web.forms import STEPS, anchor, check_answers, step_of

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def client():
    from certwise.catalog import default_catalog

    with TestClient(create_app(default_catalog(), store_url="sqlite://", as_of=TODAY)) as c:
        yield c


class Page(HTMLParser):
    """The page's visible text, the problems listed at the top, the ids, the open step and the
    names of the fields inside each step."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.problems: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.steps: list[list[str]] = []
        self.open_step = 0
        self.errors: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self._skip = 0
        self._in_problems = False
        self._li: list[str] | None = None
        self._error: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
            self.attrs[a["id"] or ""] = a
        if tag in ("script", "style", "title"):
            self._skip += 1
        if "data-problems" in a:
            self._in_problems = True
        if self._in_problems and tag == "li":
            self._li = []
        if self._in_problems and tag == "a":
            self.links.append((a.get("href") or "").lstrip("#"))
        if tag == "fieldset" and "data-step" in a:
            self.steps.append([])
            if "data-open" in a:
                self.open_step = len(self.steps)
        if tag in ("input", "select") and a.get("type") != "hidden" and self.steps:
            name = a.get("name") or ""
            if name not in self.steps[-1]:
                self.steps[-1].append(name)
        if tag == "p" and "field-error" in (a.get("class") or ""):
            self._error = (a.get("id") or "").removesuffix("-error")
            self.errors[self._error] = ""

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if tag == "li" and self._li is not None:
            self.problems.append(" ".join("".join(self._li).split()))
            self._li = None
        if tag == "div" and self._in_problems:
            self._in_problems = False
        if tag == "p":
            self._error = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._li is not None:
            self._li.append(data)
        if self._error is not None:
            self.errors[self._error] += data

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def page(client, url: str, status: int = 400) -> Page:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    assert "Traceback" not in r.text
    return Page(r.text)


def question(name: str) -> str:
    return spec.field(name).question


# Python's and the engine's ways of saying things, which a page must not show
NOT_WORDS = re.compile(r"'[^'\s]*'|must be|is not one of:|None|nan\b(?!”)|got |ProfileError|ValueError")


def assert_plain(p: Page) -> None:
    text = p.words
    for f in spec.PROFILE_SPEC:
        if "_" in f.name:
            assert f.name not in text, f"the page shows the field name {f.name}"
    for line in p.problems:
        assert not NOT_WORDS.search(line), line


# --- each kind of bad answer ----------------------------------------------------------------------

BAD = [
    ("years_experience", "-3"), ("years_experience", "2.5"), ("years_experience", "1e9"),
    ("years_experience", "abc"), ("years_experience", "61"), ("years_experience", "nan"),
    ("years_experience", "inf"), ("years_experience", "9" * 400),
    ("hours_per_week", "0"), ("hours_per_week", "-1"), ("hours_per_week", "169"), ("hours_per_week", "nan"),
    ("budget_usd", "-5"), ("budget_usd", "abc"), ("budget_usd", "nan"), ("budget_usd", "-inf"),
    ("months", "0"), ("months", "soon"),
    ("role", "wizard"), ("goal", "fame"), ("motive", "money"), ("cloud", "oracle"), ("cloud", "ibm"),
    ("cloud_experience", "decades"), ("platforms", "cobol"), ("held", "no-such-credential-at-all"),
]


@pytest.mark.parametrize(("name", "value"), BAD)
def test_each_bad_answer_is_one_problem_in_the_questions_words(client, name, value):
    p = page(client, f"/results?{name}={value}")
    assert len(p.problems) == 1, p.problems
    line = p.problems[0]
    assert line.startswith(question(name) + " — "), line
    assert spec.field(name).fix in line
    shown = value if len(value) <= 40 else value[:40] + "…"
    assert f"“{shown}”" in line
    assert_plain(p)
    # linked to its field, which carries the message beside it, on the step that is opened
    assert p.links == [anchor(name)] and anchor(name) in p.ids
    assert p.open_step == step_of(name)
    assert p.errors[name].endswith(".") and not p.errors[name][0].islower()
    assert name in p.steps[step_of(name) - 1]


def test_every_problem_is_listed_in_the_questionnaires_order(client):
    url = ("/results?hours_per_week=0&years_experience=abc&role=wizard&cloud=oracle&budget_usd=-5"
           "&held=zzqqxx&platforms=cobol&months=0&goal=fame&motive=money&cloud_experience=decades")
    p = page(client, url)
    order = ["role", "years_experience", "goal", "motive", "cloud", "cloud_experience", "budget_usd",
             "hours_per_week", "months", "held", "platforms"]
    assert len(p.problems) == len(order)
    for line, name in zip(p.problems, order, strict=True):
        assert line.startswith(question(name)), (line, name)
    assert p.open_step == 1  # role is asked first
    assert "Please check these 11 answers" in p.words
    assert_plain(p)


def test_the_issues_example_lists_both_problems_and_opens_the_years_step(client):
    p = page(client, "/results?years_experience=abc&hours_per_week=0")
    assert p.problems == [
        "How many years have you worked in tech or data? — you wrote “abc”: give a whole number from 0 to 60, like 4.",
        "Hours a week you can study — you wrote “0”: give a number of hours above 0 and at most 168, like 5.",
    ]
    assert p.open_step == 2 and p.links == ["years_experience", "hours_per_week"]
    assert p.attrs["years_experience"].get("aria-invalid") == "true"
    assert "years_experience-error" in (p.attrs["years_experience"].get("aria-describedby") or "")
    assert_plain(p)


def test_the_question_words_come_from_the_profile_spec(client, monkeypatch):
    f = spec.field("years_experience")
    monkeypatch.setitem(spec._BY_NAME, "years_experience", spec.FieldSpec(
        f.name, f.kind, f.default, help=f.help, question="Years in tech, roughly?", minimum=f.minimum,
        maximum=f.maximum, rule=f.rule, fix="say how many, like 7"))
    p = page(client, "/results?years_experience=abc")
    assert p.problems == ["Years in tech, roughly? — you wrote “abc”: say how many, like 7."]


# --- what the page keeps, what it drops ---------------------------------------------------------

def test_the_other_answers_stay_filled_in(client):
    r = client.get("/results", params={"role": "developer", "cloud": "Google", "years_experience": "2.5",
                                       "goal": "ml-engineering", "hours_per_week": "10", "months": "6",
                                       "budget_usd": "300", "held": "AZ-900, nothing-like-it",
                                       "platforms": ["spark", "pytorch"], "motive": "learning",
                                       "cloud_experience": "some"})
    assert r.status_code == 400
    html = r.text
    for name, value in (("role", "developer"), ("cloud", "gcp"), ("goal", "ml-engineering"),
                        ("budget_usd", "300"), ("platforms", "spark"), ("platforms", "pytorch")):
        assert re.search(rf'name="{name}" value="{value}" checked', html), (name, value)
    for name, value in (("hours_per_week", "10"), ("months", "6"), ("motive", "learning"),
                        ("cloud_experience", "some")):
        assert re.search(rf'<select id="{name}" name="{name}".*?<option value="{value}" selected>', html, re.S)
    assert 'value="2.5"' in html  # the typed answer, to correct
    assert 'value="AZ-900, nothing-like-it"' in html  # as typed, not as catalog ids
    problems = Page(html).problems
    assert len(problems) == 2 and "“nothing-like-it”" in problems[1] and "AZ-900" not in problems[1]


def test_a_bad_pick_goes_back_to_its_default(client):
    html = client.get("/results?role=wizard&budget_usd=-5&hours_per_week=0").text
    assert 'name="role" value="career-changer" checked' in html
    assert re.search(r'name="budget_usd" value="" checked', html)
    assert re.search(r'<option value="5" selected>About 5 hours', html)


def test_unknown_held_credentials_are_each_named_with_what_was_meant(client):
    p = page(client, "/results?held=AWS+AI+Practioner")
    assert len(p.problems) == 1 and "did you mean" in p.problems[0]
    assert "AWS Certified AI Practitioner" in p.problems[0]  # by its name, not its id
    assert "aws-ai-practitioner" not in p.words
    many = ",".join(f"unknown-thing-{i}" for i in range(12))
    p = page(client, f"/results?held={many}")
    assert len(p.problems) == 6 and "and 7 more we don't know" in p.problems[-1]


def test_a_bad_date_in_the_link_is_listed_too_and_dropped(client):
    r = client.get("/results?as_of=2026-02-30&years_experience=-1")
    assert r.status_code == 400
    p = Page(r.text)
    assert len(p.problems) == 2 and p.problems[1].startswith("The date in the link, “2026-02-30”")
    assert 'name="as_of"' not in r.text
    good = client.get("/results?as_of=2026-02-01&years_experience=-1").text
    assert 'name="as_of" value="2026-02-01"' in good


def test_odd_answers_are_escaped_and_shortened(client):
    p = page(client, "/results?held=%3Cscript%3Ealert(1)%3C/script%3E&role=%0Ax" + "y" * 80)
    assert "<script>alert(1)</script>" not in client.get("/results?held=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert any("“x" + "y" * 39 + "…”" in line for line in p.problems)


def test_what_results_does_not_ask_is_ignored(client):
    # max_cost is the catalog's filter, not a question of the questionnaire
    assert client.get("/results?max_cost=nan&role=developer").status_code == 200


@pytest.mark.parametrize(("url", "status"), [
    ("/results?years_experience=0", 200), ("/results?years_experience=60", 200),
    ("/results?years_experience=61", 400), ("/results?hours_per_week=168", 200),
    ("/results?hours_per_week=169", 400), ("/results?budget_usd=0", 200), ("/results?hours_per_week=0.5", 200),
])
def test_the_bounds_are_the_engines(client, url, status):
    assert client.get(url).status_code == status


# --- the page and the spec agree ----------------------------------------------------------------

def test_the_steps_hold_the_fields_forms_steps_say(client):
    p = page(client, "/", status=200)
    assert [tuple(s) for s in p.steps] == list(STEPS)
    assert sorted(n for s in STEPS for n in s) == sorted(spec.FIELDS)
    assert p.open_step == 0 and not p.problems and not p.errors
    for name in spec.FIELDS:
        assert anchor(name) in p.ids


def test_the_years_constraints_in_the_html_are_the_specs(client):
    a = page(client, "/", status=200).attrs["years_experience"]
    f = spec.field("years_experience")
    assert (a["type"], a["min"], a["max"], a["step"]) == ("number", "0", str(f.maximum), "1")
    assert a["data-fix"] == f.fix


def test_check_answers_returns_the_good_answers_normalised(catalog):
    good, problems = check_answers({"cloud": "Google", "years_experience": "4", "hours_per_week": "0",
                                    "platforms": ["Spark"]}, catalog)
    assert good == {"cloud": "gcp", "years_experience": 4, "platforms": ["spark"]}
    assert [p.field for p in problems] == ["hours_per_week"]


def test_the_check_page_words_the_persons_answers_the_same_way(client):
    p = page(client, "/check?id=pmle&role=wizard&years_experience=-1")
    assert any(x.startswith(question("role") + " — ") for x in p.text)
    assert "How many years have you worked in tech or data? — you wrote “-1”" in p.words
