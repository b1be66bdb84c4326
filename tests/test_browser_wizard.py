"""The questionnaire has no dead ends (issue 13.1), in real Chromium at desktop and phone widths:
Next will not pass a bad answer, "Show my results" opens the step of the first bad answer, and a
link the server refuses comes back as the questionnaire, opened at the first problem, with every
problem listed in the question's words."""

from __future__ import annotations

import re

import pytest

from browserutil import BROWSER
from certwise import profile_spec

pytestmark = BROWSER

WIDTHS = [pytest.param({"width": 1366, "height": 900}, id="desktop"),
          pytest.param({"width": 390, "height": 844}, id="phone")]
YEARS_Q = profile_spec.field("years_experience").question
HOURS_Q = profile_spec.field("hours_per_week").question


def _progress(page) -> str:
    return page.locator("[data-progress]").inner_text()


def _visible_step(page) -> int:
    """The 1-based number of the one step shown."""
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('fieldset[data-step]'))
                                    .map((s, i) => s.hidden ? 0 : i + 1).filter(Boolean)""")
    assert len(shown) == 1, shown
    return shown[0]


def _in_view(page, locator) -> None:
    """The element is on screen: inside the viewport's width, and scrolled into view."""
    box = locator.bounding_box()  # relative to the viewport
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= vw + 1, (box, vw)
    assert box["y"] >= 0 and box["y"] + box["height"] <= vh + 1, (box, vh)


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("bad", ["-3", "2.5", "61"])
def test_next_stays_on_a_step_with_a_bad_answer_and_says_why(new_page, viewport, bad):
    page = new_page(viewport=viewport)
    page.goto("/")
    page.get_by_role("button", name="Next").click()
    assert _progress(page) == "Question 2 of 7"
    years = page.get_by_label("Years (0 if you're new)")
    years.fill(bad)
    page.get_by_role("button", name="Next").click()
    assert _progress(page) == "Question 2 of 7" and _visible_step(page) == 2
    error = page.locator("#years_experience-error")
    assert error.is_visible()
    assert error.inner_text() == f"You wrote “{bad}”: give a whole number from 0 to 60, like 4."
    _in_view(page, error)
    assert page.evaluate("document.activeElement.id") == "years_experience"
    assert years.get_attribute("aria-invalid") == "true"
    assert "years_experience-error" in years.get_attribute("aria-describedby")
    # corrected, the message goes and Next moves on
    years.fill("3")
    assert not error.is_visible() and years.get_attribute("aria-invalid") is None
    page.get_by_role("button", name="Next").click()
    assert _progress(page) == "Question 3 of 7"


def test_enter_in_a_bad_field_does_not_move_on_either(page):
    page.goto("/")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Years (0 if you're new)").fill("-3")
    page.get_by_label("Years (0 if you're new)").press("Enter")
    assert _progress(page) == "Question 2 of 7"
    assert page.locator("#years_experience-error").is_visible()
    assert "/results" not in page.url


@pytest.mark.parametrize("viewport", WIDTHS)
def test_show_my_results_jumps_to_the_first_bad_answer(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/")
    for _ in range(6):
        page.get_by_role("button", name="Next").click()
    assert _progress(page) == "Question 7 of 7"
    # an answer gone bad behind the user's back (another tab, an extension, a hand-edited link)
    page.evaluate("document.getElementById('years_experience').value = '2.5'")
    page.get_by_role("button", name="Show my results").click()
    assert "/results" not in page.url
    assert _progress(page) == "Question 2 of 7" and _visible_step(page) == 2
    error = page.locator("#years_experience-error")
    assert error.inner_text() == "You wrote “2.5”: give a whole number from 0 to 60, like 4."
    _in_view(page, error)
    assert page.evaluate("document.activeElement.id") == "years_experience"
    # fixed, the same button goes to the results
    page.get_by_label("Years (0 if you're new)").fill("2")
    page.get_by_role("button", name="Skip the rest and show results").click()
    page.wait_for_url(re.compile(r"/results\?"))
    assert page.get_by_role("heading", name="Your results").is_visible()


def test_skip_the_rest_on_an_early_step_also_stops_at_a_bad_answer(page):
    page.goto("/?years_experience=-3")  # the link fills the answer in
    page.get_by_role("button", name="Skip the rest and show results").click()
    assert _progress(page) == "Question 2 of 7"
    assert page.locator("#years_experience-error").is_visible()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_a_refused_link_reopens_the_questionnaire_at_the_first_problem(new_page, viewport):
    page = new_page(viewport=viewport)
    resp = page.goto("/results?role=developer&years_experience=abc&hours_per_week=0&cloud=aws")
    assert resp.status == 400
    box = page.locator("[data-problems]")
    assert box.is_visible()
    items = box.locator("li")
    assert items.count() == 2
    first, second = items.nth(0).inner_text(), items.nth(1).inner_text()
    assert first.startswith(YEARS_Q) and "whole number from 0 to 60" in first and "“abc”" in first
    assert second.startswith(HOURS_Q) and "above 0" in second and "“0”" in second
    text = page.locator("main").inner_text()
    assert "years_experience" not in text and "hours_per_week" not in text
    _in_view(page, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # no sideways scrolling
    # opened at step 2, with the message beside the field, the other answers kept
    assert _progress(page) == "Question 2 of 7" and _visible_step(page) == 2
    assert page.locator("#years_experience-error").is_visible()
    assert page.evaluate("document.querySelector('input[name=role]:checked').value") == "developer"
    assert page.evaluate("document.querySelector('input[name=cloud]:checked').value") == "aws"
    # the second problem's link opens its step and the field
    items.nth(1).get_by_role("link").click()
    assert _progress(page) == "Question 6 of 7"
    assert page.evaluate("document.activeElement.id") == "hours_per_week"
    hours_error = page.locator("#hours_per_week-error")
    assert hours_error.is_visible()
    _in_view(page, hours_error)
    # both fixed, the questionnaire gets to the results
    page.get_by_label("Hours a week you can study").select_option("10")
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Back").click()
    assert _progress(page) == "Question 2 of 7"
    page.get_by_label("Years (0 if you're new)").fill("5")
    page.get_by_role("button", name="Skip the rest and show results").click()
    page.wait_for_url(re.compile(r"/results\?"))
    assert "years_experience=5" in page.url and "hours_per_week=10" in page.url


def test_without_javascript_every_step_and_every_problem_show(new_page):
    page = new_page(java_script_enabled=False)
    resp = page.goto("/results?years_experience=abc&hours_per_week=0")
    assert resp.status == 400
    assert page.locator("[data-problems] li").count() == 2
    assert page.locator("fieldset[data-step]:visible").count() == 7
    assert page.locator("#years_experience-error").is_visible() and page.locator("#hours_per_week-error").is_visible()
