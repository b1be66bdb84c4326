"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
walk the questionnaire, open a shared link, compare, check a certification, download the
calendar, upload a badge. A failing test leaves a screenshot in test-artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path

from browserutil import BROWSER, answer_questionnaire

pytestmark = BROWSER


def test_questionnaire_leads_to_a_result(page):
    answer_questionnaire(page)
    assert page.get_by_role("heading", name="Your results").is_visible()
    top = page.locator("#top-h a")
    assert top.inner_text()
    assert page.get_by_text("Your first pick").is_visible()
    assert page.locator("svg.timeline-svg:visible").count() == 1  # the desktop drawing (the phone one is hidden)
    assert "role=developer" in page.url and "cloud=aws" in page.url and "budget_usd=300" in page.url


def test_a_shared_link_reproduces_the_result(page, new_page):
    answer_questionnaire(page)
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
    assert page.locator("svg.timeline-svg:visible").count() == 1  # the desktop drawing (the phone one is hidden)
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
    page.wait_for_selector("#upload-report")  # the upload's report is the answer to the post itself
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
