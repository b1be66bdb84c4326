"""Pages speak in names (issue 13 points 2 and 9): Chromium visits every page the navigation
reaches and a set of representative URLs, and the visible text (``document.body.innerText``; on
the /api page without its code samples) has no ``certwise …`` command, no raw catalog id (outside
URLs) and no slug of the catalog's vocabulary (``certification-exam``, ``ml-practitioner``, ``gcp``).
Compare reads as one column at 390 px, without sideways scrolling."""

from __future__ import annotations

import re
import typing
from urllib.parse import urlsplit

import pytest

from browserutil import BROWSER
from certwise.catalog import default_catalog
from certwise.catalog import model as m
from certwise.cli.main import LAZY_COMMANDS
from certwise.profile_spec import PROFILE_SPEC

pytestmark = BROWSER

CATALOG = default_catalog()
IDS = sorted((c.id for c in CATALOG), key=len, reverse=True)


def _slugs() -> set[str]:
    values: set[str] = set()
    for t in (m.Domain, m.Ecosystem, m.RenewalMethod, m.Access):
        values |= set(typing.get_args(t))
    values |= {k.value for k in m.Kind} | {lv.value for lv in m.Level} | set(m.PERSONAS)
    values |= {v for f in PROFILE_SPEC for v in f.values}
    # hyphenated values are not words (except these English compounds, which labels use as words:
    # "Non-technical", "Vendor-neutral"); of the single words, only those no sentence would use
    english = {"non-technical", "vendor-neutral", "hands-on", "one-time", "third-party"}
    return ({v for v in values if "-" in v} - english) | {"gcp", "aws", "azure", "mlops", "nlp", "databricks", "nvidia"}


SLUGS = sorted(_slugs(), key=len, reverse=True)
COMMAND = re.compile(r"\bcertwise (?:" + "|".join(sorted(map(re.escape, LAZY_COMMANDS))) + r")\b")
URLISH = re.compile(r"\S*(?:://|/)\S*")


def _partners_only() -> str:
    return next(c.id for c in CATALOG if "anthropic" in c.id)


def _retired() -> str:
    return "aws-ml-specialty"


REPRESENTATIVE = [
    "/",
    "/results?role=developer&years_experience=4&cloud=gcp&cloud_experience=some&goal=ml-engineering",
    "/results?role=non-technical&goal=ai-literacy&motive=shared-vocabulary",
    "/catalog",
    "/credentials/google-ml-engineer",
    f"/credentials/{_retired()}",
    f"/credentials/{_partners_only()}",
    "/compare?ids=google-ml-engineer&ids=aws-ml-engineer-associate&ids=azure-ai-engineer",
    "/check?id=aws-ml-specialty",
    "/plan?ids=aws-ai-practitioner",
    "/faq",
    "/roadmap",
    "/api",
]

# Findings on pages other helpers own (issue 13), left for the lead to fix after merging; each
# names what it found. strict=False: they pass once fixed.
KNOWN: dict[str, str] = {
    f"/credentials/{_partners_only()}": "credential page (charts helper): a source quote shown in a blockquote is a "
    "dataset row that starts with the raw id 'anthropic-claude-certified-architect-foundations' (show the "
    "quote without the row's id column, or leave such quotes off the page)",
    "/portfolio": "portfolio page (portfolio helper): the lead says 'the same store as the <code>certwise "
    "portfolio</code> command'; with an entry, the next steps say 'builds on aws-ai-practitioner' (the audit's "
    "next-step sentence uses the id, not the name)",
}


def visible_text(page, url: str) -> str:
    """The page's visible text; on the API page without its code samples."""
    samples = "main code, main pre" if urlsplit(url).path == "/api" else ""
    return page.evaluate("""(samples) => {
        const hide = samples ? [...document.querySelectorAll(samples)].filter(e => !e.hidden) : [];
        hide.forEach(e => { e.hidden = true; });
        const text = document.body.innerText;
        hide.forEach(e => { e.hidden = false; });
        return text;
    }""", samples)


def findings(text: str) -> list[str]:
    out = [f"command text {hit!r}" for hit in COMMAND.findall(text)]
    words = URLISH.sub(" ", text)
    for ident in IDS:
        if re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", words):
            out.append(f"raw id {ident!r}")
    for slug in SLUGS:
        if re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", words):
            out.append(f"slug {slug!r}")
    return out


def _check(page, url: str) -> None:
    r = page.goto(url)
    assert r is not None and r.status < 400, (url, r and r.status)
    found = findings(visible_text(page, url))
    assert not found, f"{url}: {found}"


def _marked(url: str):
    reason = KNOWN.get(url)
    return pytest.param(url, marks=pytest.mark.xfail(reason=reason, strict=False)) if reason else url


@pytest.mark.parametrize("url", [_marked(u) for u in REPRESENTATIVE])
def test_representative_pages_speak_in_names(new_page, url):
    _check(new_page(), url)


def test_every_page_in_the_navigation_speaks_in_names(new_page):
    page = new_page()
    page.goto("/")
    links = page.locator("header nav a, footer a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    urls = sorted({u for u in links if u and u.startswith("/")})
    assert {"/catalog", "/roadmap", "/check", "/plan", "/portfolio", "/faq", "/api"} <= set(urls)
    problems = []
    for url in urls:
        page.goto(url)
        found = findings(visible_text(page, url))
        if found and url not in KNOWN:
            problems.append(f"{url}: {found}")
    assert not problems, problems


def test_the_portfolio_speaks_in_names_empty_and_with_an_entry(new_page, server):
    page = new_page()
    page.goto("/portfolio")
    found = [f"empty: {f}" for f in findings(visible_text(page, "/portfolio"))]
    r = page.request.post(f"{server}/api/v1/portfolio",
                          data={"id": "aws-ai-practitioner", "earned": "2025-03-01"})
    assert r.status == 201, r.text()
    try:
        page.goto("/portfolio")
        assert "AWS Certified AI Practitioner" in page.locator("main").inner_text()
        found += [f"with an entry: {f}" for f in findings(visible_text(page, "/portfolio"))]
    finally:
        page.request.delete(f"{server}/api/v1/portfolio/aws-ai-practitioner")
    if found and "/portfolio" in KNOWN:
        pytest.xfail(f"{KNOWN['/portfolio']}: {found}")
    assert not found, found


def test_compare_reads_as_one_column_on_a_phone(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("/compare?ids=google-ml-engineer&ids=aws-ml-engineer-associate&ids=azure-ai-engineer")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"compare is {width} px wide at 390 px"
    cards = page.locator(".compare-card")
    assert cards.count() == 3
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert all(b and b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # one column, top to bottom
    first = cards.first.inner_text()
    assert "Google Cloud Professional Machine Learning Engineer" in first and "Cost (USD)" in first
    assert not findings(page.evaluate("document.body.innerText"))


def test_compare_stays_side_by_side_on_a_desktop(new_page):
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto("/compare?ids=google-ml-engineer&ids=aws-ml-engineer-associate")
    assert page.locator("table.compare").is_visible()
    assert page.locator(".compare-cards").is_hidden()


def test_the_checker_finds_what_it_should():
    assert findings("see certwise roi for more") == ["command text 'certwise roi'"]
    assert findings("let aws-ai-practitioner lapse") == ["raw id 'aws-ai-practitioner'"]
    assert findings("a certification-exam on gcp") == ["slug 'certification-exam'", "slug 'gcp'"]
    assert findings("https://x.example/aws-ai-practitioner and /credentials/aws-ai-practitioner") == []
    assert findings("AWS Certified AI Practitioner, Google Cloud") == []
