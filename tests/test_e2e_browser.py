"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
walk the questionnaire, open a shared link, compare, check a certification, download the
calendar, upload a badge. A failing test leaves a screenshot in test-artifacts/."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TODAY = date(2026, 11, 25)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium); CI installs it"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from certwise.web.app import create_app

    db = tmp_path_factory.mktemp("e2e") / "portfolio.db"
    app = create_app(store_url=f"sqlite:///{db}", as_of=TODAY)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    t = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _shoot_on_failure(request, pages: list[Any], failed_before: int) -> None:
    if request.session.testsfailed <= failed_before:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    for i, pg in enumerate(pages):
        with contextlib.suppress(Exception):  # the page may be gone; the failure itself is what matters
            pg.screenshot(path=str(ARTIFACTS / f"{name}{'-' + str(i) if i else ''}.png"), full_page=True)


@pytest.fixture
def new_page(browser, server, request) -> Iterator[Any]:
    """``new_page(**context_options)``: a page in a fresh context (its own cookies). Every page
    opened this way is saved as a screenshot in test-artifacts/ when the test fails, and any
    Content-Security-Policy violation it logs fails the test."""
    failed_before = request.session.testsfailed
    contexts: list[Any] = []
    pages: list[Any] = []
    csp: list[str] = []

    def make(**options: Any) -> Any:
        options = {"base_url": server, "accept_downloads": True, "viewport": {"width": 1200, "height": 900},
                   **options}
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(15_000)
        pg.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
        pages.append(pg)
        return pg

    yield make
    _shoot_on_failure(request, pages, failed_before)
    for ctx in contexts:
        ctx.close()
    assert not csp, csp


@pytest.fixture
def page(new_page) -> Any:
    return new_page()


def _answer_questionnaire(page) -> None:
    page.goto("/")
    expect_step = page.locator("[data-progress]")
    assert expect_step.inner_text() == "Question 1 of 7"
    page.get_by_label("Developer or engineer").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Years (0 if you're new)").fill("4")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Build and deploy machine-learning systems").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("AWS (Amazon Web Services)").check()
    page.get_by_label("Hands-on time on that cloud").select_option("some")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Up to $300").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Hours a week you can study").select_option("10")
    page.get_by_role("button", name="Next").click()
    assert expect_step.inner_text() == "Question 7 of 7"
    page.get_by_role("button", name="Show my results").click()
    page.wait_for_url(re.compile(r"/results\?"))


def test_questionnaire_leads_to_a_result(page):
    _answer_questionnaire(page)
    assert page.get_by_role("heading", name="Your results").is_visible()
    top = page.locator("#top-h a")
    assert top.inner_text()
    assert page.get_by_text("Your first pick").is_visible()
    assert page.locator("svg.timeline-svg").count() == 1
    assert "role=developer" in page.url and "cloud=aws" in page.url and "budget_usd=300" in page.url


def test_a_shared_link_reproduces_the_result(page, new_page):
    _answer_questionnaire(page)
    link = page.locator("#share-link").input_value()
    top = page.locator("#top-h a").inner_text()
    p2 = new_page()  # someone else, without our cookies
    p2.goto(link)
    assert p2.locator("#top-h a").inner_text() == top
    assert p2.locator("#share-link").input_value() == link


def test_compare_two_credentials(page):
    page.goto("/catalog")
    button = page.locator("#compare-button")
    assert button.is_disabled()
    page.locator("#cmp-google-ml-engineer").check()
    page.locator("#cmp-aws-ml-engineer-associate").check()
    assert button.is_enabled() and "2 selected" in page.locator("#compare-status").inner_text()
    button.click()
    page.wait_for_url(re.compile(r"/compare\?"))
    table = page.locator("table.compare")
    assert "Google Cloud Professional Machine Learning Engineer" in table.inner_text()
    assert "AWS Certified Machine Learning Engineer – Associate" in table.inner_text()


def test_check_a_certification_shows_its_red_flags(page):
    page.goto("/check")
    page.get_by_label("Name, as advertised").fill("Certified AI Professional")
    page.get_by_label("Who issues it").fill("AI Cert Hub")
    page.get_by_label("Price in US dollars").fill("499")
    page.get_by_label("Hours of study or video").fill("6")
    page.get_by_label("How it is assessed").select_option("quiz")
    page.get_by_role("button", name="Check it").click()
    page.wait_for_url(re.compile(r"/check\?"))
    verdict = page.locator("#verdict")
    assert "Skip it" in verdict.inner_text()
    assert page.locator('#verdict [data-code="unrecognized-issuer"]').count() == 1


def test_download_the_calendar(page):
    page.goto("/plan")
    page.get_by_label("Credential 1").select_option("google-ml-engineer")
    page.get_by_label("Start on").fill("2026-12-07")
    page.get_by_label("Hours a week").fill("8")
    page.get_by_role("button", name="Make the plan").click()
    page.wait_for_url(re.compile(r"/plan\?"))  # the click navigates; count() does not wait for it
    assert page.locator("svg.timeline-svg").count() == 1
    with page.expect_download() as info:
        page.locator("#ics-link").click()
    d = info.value
    assert d.suggested_filename == "certwise-plan.ics"
    text = Path(d.path()).read_text()
    assert text.startswith("BEGIN:VCALENDAR") and "Google Cloud Professional Machine Learning Engineer" in text


def test_upload_a_badge_file(page, tmp_path):
    badge = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://x.example/a/1",
             "recipient": {"type": "email", "identity": "a@b.c", "hashed": False},
             "issuedOn": "2025-04-02T10:00:00Z",
             "badge": {"type": "BadgeClass", "id": "https://x.example/b", "criteria": {"narrative": "pass"},
                       "name": "Google Cloud Certified Professional Machine Learning Engineer",
                       "issuer": {"type": "Issuer", "id": "https://x.example/i", "name": "Google Cloud"}}}
    f = tmp_path / "pmle-badge.json"
    f.write_text(json.dumps(badge))
    page.goto("/portfolio")
    page.get_by_label("Badge files", exact=True).set_input_files(str(f))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/portfolio\?done=badges"))
    assert "Badges imported" in page.locator("[role=status]").first.inner_text()
    assert page.locator('tr[data-entry] a[href="/credentials/google-ml-engineer"]').count() == 1
    assert "What your certifications say together" in page.content()


def test_works_with_javascript_off(new_page):
    p = new_page(java_script_enabled=False)
    p.goto("/")
    assert p.locator("fieldset[data-step]:visible").count() == 7
    p.get_by_label("Manager, product person, designer or marketer").check()
    p.get_by_label("Understand AI and use it well in my job").check()
    p.get_by_role("button", name="Show my results").click()
    p.wait_for_url(re.compile(r"/results\?"))
    assert p.locator("#top-h a").inner_text()
    p.goto("/catalog")
    p.locator("#cmp-google-ai-essentials").check()
    p.locator("#cmp-aws-ai-practitioner").check()
    p.locator("#compare-button").click()
    p.wait_for_url(re.compile(r"/compare\?"))
    assert p.locator("table.compare").count() == 1


def test_phone_width_and_keyboard(new_page):
    p = new_page(viewport={"width": 390, "height": 844})
    added = p.request.post("/api/v1/portfolio", data={"id": "azure-fundamentals", "earned": "2025-05-05"})
    assert added.status == 201  # so the portfolio has a table to fit too
    for path in ("/", "/catalog", "/credentials/aws-ml-specialty", "/check", "/plan", "/portfolio"):
        p.goto(path)
        overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)
    p.goto("/catalog")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.className") == "skip"
    p.keyboard.press("Enter")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.tagName") in ("A", "INPUT")
