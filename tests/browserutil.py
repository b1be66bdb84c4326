"""What the browser tests share: where Chromium is, the pinned day, the mark every browser test
file sets (``pytestmark = BROWSER``), and walking the questionnaire. The fixtures (``server``,
``browser``, ``new_page``, ``page``) live in conftest.py so every test_browser_*.py file has them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TODAY = date(2026, 11, 25)

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium); CI installs it"),
]


def answer_questionnaire(page) -> None:
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
