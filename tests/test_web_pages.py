"""The pages through the ASGI client: each renders the engine's answer, in plain words, with
every field labelled, clear empty states, errors in the page and no stack traces."""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from certwise.web.app import create_app

TODAY = date(2026, 11, 25)
PAGES = [
    "/", "/catalog", "/catalog?q=aws&sort=cost", "/credentials/aws-ml-specialty", "/credentials/google-ml-engineer",
    "/compare?ids=google-ml-engineer&ids=aws-ml-engineer-associate", "/roadmap",
    "/results?role=developer&cloud=aws&years_experience=4&goal=ml-engineering", "/check",
    "/check?name=Certified+AI+Pro&issuer=Acme&price_usd=499&hours=5&assessment=quiz",
    "/plan", "/plan?ids=google-ml-engineer&start=2026-12-07&hours_per_week=8", "/portfolio", "/api",
]


@pytest.fixture
def client(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


class Form(HTMLParser):
    """Collects inputs, labels and inline scripts/styles to check a page's basics."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.inline_scripts = 0
        self.style_attrs = 0
        self.ids: list[str] = []
        self._in_label = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"] or "")
        if "style" in a:
            self.style_attrs += 1
        if tag == "script" and not a.get("src"):
            self.inline_scripts += 1
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append({**a, "_wrapped": "1" if self._in_label else None})
        if tag == "title" and not self.title:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "label":
            self._in_label -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(html: str) -> Form:
    f = Form()
    f.feed(html)
    return f


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_labelled_and_without_inline_code(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[-2000:]
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    page = parse(r.text)
    assert page.title.strip().endswith("certwise")
    assert page.inline_scripts == 0 and page.style_attrs == 0  # the CSP allows neither
    unlabelled = [c for c in page.controls
                  if not (c.get("id") in page.label_for or c.get("aria-label") or c.get("_wrapped"))]
    assert not unlabelled, unlabelled
    dupes = {i for i in page.ids if page.ids.count(i) > 1}
    assert not dupes
    assert 'name="viewport"' in r.text and 'lang="en"' in r.text
    assert "//cdn" not in r.text and "https://fonts" not in r.text  # every asset is local


def test_static_assets_are_served(client):
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert "wizard" in client.get("/static/app.js").text
    assert client.get("/favicon.ico", follow_redirects=True).status_code == 200


# --- catalog ----------------------------------------------------------------------------------

def test_catalog_lists_filters_searches_and_sorts(client, catalog):
    html = client.get("/catalog", params={"retired": "show"}).text  # retired ones are hidden by default
    for cid in ("google-ml-engineer", "aws-ml-specialty", "google-ai-essentials"):
        assert f'href="/credentials/{cid}"' in html
    assert f"{len(catalog)} of {len(catalog)} shown" in html
    aws = client.get("/catalog", params={"provider": "Amazon Web Services"}).text
    assert "/credentials/aws-ml-engineer-associate" in aws and "/credentials/google-ml-engineer" not in aws
    hit = client.get("/catalog", params={"q": "AI-102"}).text
    first_card = re.search(r'<li class="card[^"]*" data-id="([^"]+)"', hit)  # the best match lists first
    assert first_card and first_card.group(1) == "azure-ai-engineer"
    cheap = client.get("/catalog", params={"sort": "cost", "free": "1"}).text
    assert "/credentials/kaggle-learn" in cheap and "/credentials/stanford-ai-programs" not in cheap


def test_catalog_empty_state_and_bad_filter(client):
    html = client.get("/catalog", params={"q": "underwater basket weaving"}).text
    assert "Nothing matches" in html
    bad = client.get("/catalog", params={"max_cost": "lots", "level": "guru"})
    text = html_lib.unescape(bad.text)
    assert bad.status_code == 400
    # every problem, named as the form labels it (not "max_cost 'lots'")
    assert "“Most you'd pay (USD)”: you wrote “lots”: give a number of US dollars" in text
    assert "“Level”: “guru” is not one of the choices" in text
    assert "max_cost '" not in text and "max_cost:" not in text


def test_credential_page_has_every_fact_its_sources_and_the_verdict(client):
    html = client.get("/credentials/aws-ml-specialty").text
    assert "Retired" in html and "Take instead" in html
    assert 'href="/credentials/aws-ml-engineer-associate"' in html
    assert "verified" in html and 'id="src-1"' in html and 'href="#src-1"' in html
    assert "Is it worth it?" in html and "<meter" in html and "Red flags" in html
    assert "Cost over 3 years" in html and "MLS-C01" in html


def test_alias_redirects_to_the_canonical_page(client):
    r = client.get("/credentials/PMLE", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/credentials/google-ml-engineer"


def test_unknown_credential_page_is_404_in_words(client):
    r = client.get("/credentials/google-ml-enginer")
    assert r.status_code == 404 and "google-ml-engineer" in r.text and "Traceback" not in r.text


def test_compare_side_by_side_and_its_limits(client):
    html = client.get("/compare", params=[("ids", "pmle"), ("ids", "AI-103")]).text
    assert "Side by side" in html and "Worth-it score" in html and "Cost (USD)" in html
    one = client.get("/compare", params={"ids": "pmle"})
    assert one.status_code == 400 and "two to four" in one.text
    five = client.get("/compare", params=[("ids", i) for i in ("pmle", "mla-c01", "ai-103", "az-900", "aif-c01")])
    assert five.status_code == 400 and "at most 4" in five.text


def test_roadmap_picture_links_every_credential_and_marks_retired(client, catalog):
    html = client.get("/roadmap").text
    svg = html[html.index("<svg"):html.index("</svg>")]
    for c in catalog:
        assert f'href="/credentials/{c.id}"' in svg
    assert "RETIRED" in svg and 'stroke-dasharray' in svg
    assert "<title" in svg and "<desc" in svg
    assert "The roadmap in words" in html  # the text alternative
    r = client.get("/roadmap.svg")
    assert r.headers["content-type"].startswith("image/svg+xml") and r.text.startswith("<?xml")



def test_pictures_open_credentials_on_the_date_the_page_shows(client):
    """A page dated with ?as_of links its pictures' boxes to the credential on that same date,
    as its text lists do (roadmap in three widths, the stacks, the cost chart, the SVG download)."""
    for url in ("/roadmap?as_of=2025-06-01", "/stacks?as_of=2025-06-01", "/catalog?as_of=2025-06-01",
                "/roadmap.svg?as_of=2025-06-01"):
        html = client.get(url).text
        svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
        hrefs = [h for s in svgs for h in re.findall(r'href="(/credentials/[^"]*)"', s)]
        assert hrefs, url
        assert all(h.endswith("?as_of=2025-06-01") for h in hrefs), (url, [h for h in hrefs if "as_of" not in h][:3])
    undated = client.get("/roadmap").text
    assert "?as_of=" not in undated[undated.index("<svg"):undated.index("</svg>")]

# --- start and results ------------------------------------------------------------------------

def test_start_is_a_short_questionnaire_with_defaults(client):
    html = client.get("/").text
    assert html.count("<fieldset data-step>") == 7
    assert 'value="career-changer" checked' in html and 'action="/results"' in html


def test_results_show_pick_alternatives_warnings_stack_timeline_and_share_link(client):
    q = {"role": "developer", "cloud": "aws", "years_experience": "4", "goal": "ml-engineering"}
    r = client.get("/results", params=q)
    html = r.text
    for part in ("Your first pick", "Why", "Alternatives", "What to take after it", "Your timeline",
                 "Free resources", "Share these results", "timeline-svg"):
        assert part in html, part
    share = re.search(r'id="share-link" type="text" readonly value="([^"]+)"', html).group(1)
    share = share.replace("&amp;", "&")
    params = dict(parse_qsl(urlsplit(share).query))
    assert params["role"] == "developer" and params["cloud"] == "aws" and params["years_experience"] == "4"
    again = client.get(urlsplit(share).path + "?" + urlsplit(share).query).text
    top = re.search(r'<h2 id="top-h"><a href="([^"]+)"', html).group(1)
    assert re.search(r'<h2 id="top-h"><a href="([^"]+)"', again).group(1) == top


def test_results_warnings_for_a_free_only_beginner(client):
    html = client.get("/results", params={"role": "career-changer", "budget_usd": "0", "hours_per_week": "2"}).text
    assert "Your first pick" in html or "No credential fits" in html


def test_results_bad_answers_show_the_form_again_with_the_message(client):
    r = client.get("/results", params={"role": "wizard", "hours_per_week": "5"})
    assert r.status_code == 400
    assert "wizard" in r.text and "Please check" in r.text and "<fieldset data-step>" in r.text
    r = client.get("/results", params={"held": "no-such-credential-at-all"})
    assert r.status_code == 400 and "no-such-credential-at-all" in r.text


# --- check, plan ------------------------------------------------------------------------------

def test_check_a_mill(client):
    html = client.get("/check", params={"name": "Certified AI Professional", "issuer": "AI Cert Hub",
                                        "price_usd": "499", "hours": "6", "assessment": "quiz"}).text
    assert "Skip it" in html and "Red flags" in html and 'data-code="generic-title"' in html


def test_check_a_catalogued_one_and_missing_fields(client):
    assert "google-ml-engineer" in client.get("/check", params={"id": "pmle"}).text
    r = client.get("/check", params={"name": "", "price_usd": "abc"})
    assert r.status_code == 400
    text = unescape(r.text)
    assert "Give the credential's name" in text and "'abc' is not a number" in text


def test_plan_page_timeline_milestones_and_ics(client):
    q = {"ids": "google-ml-engineer", "start": "2026-12-07", "hours_per_week": "8"}
    html = client.get("/plan", params=q).text
    assert "timeline-svg" in html and "Milestones" in html and "Download the calendar" in html
    link = re.search(r'href="(/plan\.ics\?[^"]+)"', html).group(1).replace("&amp;", "&")
    ics = client.get(link)
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"] and "BEGIN:VEVENT" in ics.text


def test_plan_page_says_which_prices_no_source_states(client):
    html = client.get("/plan", params=[("ids", "ibm-genai-engineering"), ("ids", "aws-ml-engineer-associate"),
                                       ("start", "2026-12-07"), ("hours_per_week", "8")]).text
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "total cost $150 (no price stated for IBM Generative AI Engineering Professional Certificate)" in text
    assert "No source states its price: ask the issuer." in text

def test_plan_errors_in_words(client):
    r = client.get("/plan", params={"ids": "aws-ml-specialty", "start": "2026-12-07"})
    assert r.status_code == 400 and "retired" in r.text and "aws-ml-engineer-associate" in r.text
    r = client.get("/plan", params={"ids": "pmle", "start": "next week"})
    assert r.status_code == 400 and "“Start on”: you wrote “next week”: give a date" in html_lib.unescape(r.text)
    assert client.get("/plan.ics", params={"ids": "pmle", "hours_per_week": "x"}).status_code == 400


# --- portfolio --------------------------------------------------------------------------------

def csrf(client) -> str:
    html = client.get("/portfolio").text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_portfolio_empty_add_remove(client):
    assert "Nothing here yet" in client.get("/portfolio").text
    token = csrf(client)
    r = client.post("/portfolio/add", data={"csrf_token": token, "state": "held", "id": "google-ml-engineer",
                                            "earned": "2025-02-01"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/portfolio?done=added")
    html = client.get(r.headers["location"]).text
    assert "Added to your portfolio" in html and "Google Cloud Professional Machine Learning Engineer" in html
    assert "Renewals in the next" in html and "What your certifications say together" in html
    entry = re.search(r'name="entry_id" value="([^"]+)"', html).group(1)
    r = client.post("/portfolio/remove", data={"csrf_token": token, "entry_id": entry})
    assert r.status_code == 200 and "Removed from your portfolio" in r.text and "Nothing here yet" in r.text


def test_portfolio_add_errors_are_in_the_page(client):
    token = csrf(client)
    r = client.post("/portfolio/add", data={"csrf_token": token, "state": "held", "id": "", "name": "X"})
    assert r.status_code == 400 and "give the name and the issuer" in r.text
    r = client.post("/portfolio/add", data={"csrf_token": token, "state": "held", "id": "pmle"})
    assert r.status_code == 400 and "date you earned it" in r.text


def test_portfolio_writes_go_through_the_cli_store(catalog, tmp_path, cli, monkeypatch):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("CERTWISE_DATABASE_URL", url)
    with TestClient(create_app(catalog, as_of=TODAY)) as c:  # no store_url: the CLI's database
        token = csrf(c)
        c.post("/portfolio/add", data={"csrf_token": token, "state": "planned", "id": "AI-103"})
    listed = cli("portfolio", "list", "--json").json()
    assert [e["id"] for e in listed["entries"]] == ["azure-ai-apps-agents-developer"]
    cli("portfolio", "add", "az-900", "--earned", "2025-05-05")
    with TestClient(create_app(catalog, as_of=TODAY)) as c:
        assert "Microsoft Certified – Azure Fundamentals" in c.get("/portfolio").text or "AZ-900" in c.get("/portfolio").text


def test_portfolio_badge_upload(client):
    from test_web_api import BADGE

    token = csrf(client)
    files = [("files", ("pmle.json", json.dumps(BADGE).encode(), "application/json"))]
    r = client.post("/portfolio/badges", data={"csrf_token": token}, files=files)
    assert r.status_code == 200 and "Badges imported" in r.text and "/credentials/google-ml-engineer" in r.text
    bad = client.post("/portfolio/badges", data={"csrf_token": token},
                      files=[("files", ("badge.png", b"\x89PNG\r\n\x1a\nxxxx", "image/png"))])
    assert bad.status_code == 415 and "Upload the badge's JSON file" in unescape(bad.text)
    none = client.post("/portfolio/badges", data={"csrf_token": token})
    assert none.status_code == 400 and "Choose one or more badge files" in none.text


# --- errors and speed -------------------------------------------------------------------------

def test_404_and_500_pages_are_plain_words(catalog, monkeypatch):
    from certwise.web import services

    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY), raise_server_exceptions=False) as c:
        r = c.get("/no/such/page")
        assert r.status_code == 404 and "There is no page at this address" in r.text
        monkeypatch.setattr(services, "roadmap_data", lambda *a: 1 / 0)
        r = c.get("/roadmap")
        assert r.status_code == 500 and "Something went wrong" in r.text
        assert "ZeroDivisionError" not in r.text and "Traceback" not in r.text


def test_credential_page_works_out_the_payback(client):
    html = unescape(client.get("/credentials/google-ml-engineer", params={"salary": "100000"}).text)
    assert "Reported uplift 25%" in html and "$25,000 a year" in html and "not a controlled study" in html
    assert "No sourced salary figure" in client.get("/credentials/azure-fundamentals", params={"salary": "5e4"}).text
    assert "Give your yearly salary" in client.get("/credentials/google-ml-engineer", params={"salary": "-1"}).text


def test_a_bad_date_is_a_page_in_words_with_the_navigation(client):
    r = client.get("/catalog", params={"as_of": "tomorrow"})
    assert r.status_code == 400 and "is not a date" in r.text and 'href="/portfolio"' in r.text


def test_portfolio_renewals_calendar(client):
    client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2025-02-01"})
    html = client.get("/portfolio").text
    assert 'href="/portfolio/renewals.ics"' in html
    ics = client.get("/portfolio/renewals.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and "2027" in ics.text


def test_plan_form_names_each_bad_field(client):
    r = client.get("/plan?ids=google-ml-engineer&start=notadate&hours_per_week=abc&years_experience=1.5")
    assert r.status_code == 400
    text = html_lib.unescape(r.text)
    for msg in ("“Start on”: you wrote “notadate”: give a date",
                "“Hours a week”: you wrote “abc”: give a number of hours above 0 and at most 168",
                "“Years in tech or data”: you wrote “1.5”: give a whole number from 0 to 60"):
        assert msg in text


def test_results_say_first_when_a_certificate_is_not_the_lever_and_honour_a_free_budget(client):
    html = client.get("/results", params={"role": "developer", "years_experience": "6", "goal": "ml-engineering"}).text
    assert "a certificate is rarely what moves you" in html
    free = client.get("/results", params={"role": "career-changer", "budget_usd": "0"}).text
    assert "Free only with financial aid" in free
    assert free.index("Free resources to prepare") < free.index("Your first pick")
    paid = client.get("/results", params={"role": "career-changer"}).text
    assert paid.index("Your first pick") < paid.index("Free resources to prepare")


def test_check_it_for_me_from_a_credential_page(client):
    page = client.get("/credentials/google-ml-engineer").text
    assert "/check?id=google-ml-engineer" in page
    form = client.get("/check", params={"id": "google-ml-engineer"}).text
    assert "Check it for me" in form and "Is it worth it for me?" in form
    mine = client.get("/check", params={"id": "google-ml-engineer", "role": "career-changer"})
    assert mine.status_code == 200 and "For you" in mine.text and "Not for you" in mine.text
    assert "Starting too advanced" in mine.text and "Better for you" in mine.text
    bad = client.get("/check", params={"id": "google-ml-engineer", "years_experience": "-3"})
    assert bad.status_code == 400 and "How many years have you worked in tech or data?" in bad.text


def test_the_questionnaire_asks_why_and_the_answer_reaches_the_results(client):
    start = client.get("/").text
    assert 'name="motive"' in start and "A shared vocabulary with my team" in start
    r = client.get("/results", params={"role": "leader", "goal": "ai-literacy", "motive": "shared-vocabulary"})
    assert r.status_code == 200 and "motive=shared-vocabulary" in r.text  # kept in the share link


SLUGS = ("certification-exam", "professional-certificate", "university-program", "ml-practitioner",
         "data-professional", "non-technical", "vendor-neutral")


@pytest.mark.parametrize("path", [
    "/", "/catalog", "/roadmap", "/faq", "/check?id=aws-ml-specialty", "/compare?ids=pmle&ids=mla-c01",
    "/results?role=developer&cloud=aws&years_experience=4", "/credentials/aws-ml-specialty",
    "/credentials/azure-ai-engineer", "/plan?ids=google-ml-engineer&start=2026-12-07&hours_per_week=8",
])
def test_pages_speak_in_names_not_ids_commands_or_slugs(client, catalog, path):
    import re

    html = client.get(path).text
    text = re.sub(r"<(script|style|head)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)  # what a person reads: no tags, no link targets
    ids = [i for i in catalog.ids() if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)]
    commands = re.findall(r"certwise (?:recommend|evaluate|plan|roi|audit|portfolio|show|list|search|compare|"
                          r"stack|catalog|serve|faq)\b", text)
    assert ids == [] and commands == []
    assert not [s for s in SLUGS if re.search(rf"\b{s}\b", text)]


def test_the_stylesheet_s_blocks_are_all_closed():
    """Each topic adds its own block to style.css: an unclosed @media swallows every later rule."""
    from pathlib import Path

    import certwise.web

    css = (Path(certwise.web.__file__).parent / "static" / "style.css").read_text()
    depth = 0
    for n, line in enumerate(css.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"style.css line {n}: a '}}' closes nothing"
    assert depth == 0, "style.css ends with an unclosed block"
