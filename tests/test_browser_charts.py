"""The charts and the retired toggle in real Chromium, at a desktop (1366 px) and a phone (390 px)
width: each chart lies within the viewport and the page's main column, every point of the cost ×
study time chart is a target of its own and opens its credential's page, and the catalog's
"Show retired credentials" toggle shows retired ones dimmed with links to their successors."""

from __future__ import annotations

import re

import pytest

from browserutil import BROWSER

pytestmark = BROWSER

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def column(page) -> dict[str, float]:
    """The main column's content box (the page's padding excluded)."""
    return page.evaluate("""() => {
        const m = document.querySelector('main'); const r = m.getBoundingClientRect(); const s = getComputedStyle(m);
        return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight)};
    }""")


def assert_fits(page, locator, viewport) -> dict[str, float]:
    box = locator.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100, box
    col = column(page)
    assert box["x"] >= col["left"] - 0.5 and box["x"] + box["width"] <= col["right"] + 0.5, (box, col)
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (box, viewport)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= viewport["width"], f"the page scrolls sideways: {scroll} px"
    return box


def visible_chart(page):
    charts = page.locator("svg.cost-chart")
    shown = [charts.nth(i) for i in range(charts.count()) if charts.nth(i).is_visible()]
    assert len(shown) == 1, "exactly one layout of the chart shows"
    return shown[0]


@pytest.mark.parametrize("size", WIDTHS)
def test_the_catalog_chart_fits_and_each_point_is_its_own_target(new_page, size):
    viewport = WIDTHS[size]
    page = new_page(viewport=viewport)
    page.goto("/catalog")
    page.locator("#chart > summary").click()
    chart = visible_chart(page)
    assert chart.get_attribute("data-layout") == ("wide" if size == "desktop" else "narrow")
    box = assert_fits(page, chart, viewport)
    if size == "phone":
        assert box["width"] >= 330  # fills the phone's column: its text stays legible
    # every legend entry and axis label is inside the picture (nothing clipped)
    for text in chart.locator("text").all():
        t = text.bounding_box()
        assert t and t["x"] >= box["x"] - 1 and t["x"] + t["width"] <= box["x"] + box["width"] + 1, text.text_content()
    # each point: the topmost element at its centre belongs to that point's own link
    misses = page.evaluate("""(svg) => {
        const out = [];
        for (const a of svg.querySelectorAll('a.chart-point')) {
            a.scrollIntoView({block: 'center', inline: 'center'});
            const r = a.querySelector('.mark').getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            if (!hit || hit.closest('a.chart-point') !== a) out.push(a.dataset.id);
        }
        return out;
    }""", chart.element_handle())
    assert not misses, f"points covered by others: {misses}"


@pytest.mark.parametrize("size", WIDTHS)
def test_clicking_a_point_opens_that_credentials_page(new_page, size):
    page = new_page(viewport=WIDTHS[size])
    page.goto("/catalog/chart?provider=Google+Cloud")
    chart = visible_chart(page)
    assert_fits(page, chart, WIDTHS[size])
    point = chart.get_by_role("link", name=re.compile(r"^Google Cloud Professional Machine Learning Engineer \(Google"))
    assert point.get_attribute("data-id") == "google-ml-engineer"  # its accessible name, in words, from <title>
    point.click()
    page.wait_for_url(re.compile(r"/credentials/google-ml-engineer$"))
    assert page.locator("h1").inner_text() == "Google Cloud Professional Machine Learning Engineer"


@pytest.mark.parametrize("size", WIDTHS)
def test_the_three_year_chart_fits_the_credential_page(new_page, size):
    viewport = WIDTHS[size]
    page = new_page(viewport=viewport)
    page.goto("/credentials/aws-ml-engineer-associate")
    chart = page.locator("svg.three-year-chart")
    assert chart.is_visible()
    box = assert_fits(page, chart, viewport)
    texts = chart.locator("text").all_text_contents()
    assert "To earn it" in texts and "$150" in texts and "$75" in texts and "$225" in texts
    for text in chart.locator("text").all():
        t = text.bounding_box()
        assert t and t["x"] + t["width"] <= box["x"] + box["width"] + 1, text.text_content()


@pytest.mark.parametrize("size", WIDTHS)
def test_the_retired_toggle_shows_dimmed_retired_credentials_with_their_successors(new_page, size):
    page = new_page(viewport=WIDTHS[size])
    page.goto("/catalog")
    assert page.locator('li.card[data-id="aws-ml-specialty"]').count() == 0
    page.get_by_label("Show retired credentials").check()
    page.get_by_role("button", name="Show", exact=True).click()  # the form, without JavaScript's help
    page.wait_for_url(re.compile(r"retired=show"))
    card = page.locator('li.card.retired[data-id="aws-ml-specialty"]')
    assert card.is_visible()
    assert float(card.evaluate("e => getComputedStyle(e).opacity")) < 1
    assert page.locator("li.card.retired").count() == 4
    successor = card.get_by_role("link", name="AWS Certified Machine Learning Engineer – Associate")
    assert successor.is_visible()
    successor.click()
    page.wait_for_url(re.compile(r"/credentials/aws-ml-engineer-associate$"))
    page.go_back()
    page.locator("#hide-retired").click()
    assert page.locator("li.card.retired").count() == 0


def test_a_retired_credentials_page_plans_its_successor(page):
    page.goto("/credentials/azure-ai-engineer")
    assert page.get_by_role("link", name="Plan my study for this").count() == 0
    successor = "Microsoft Certified – Azure AI Apps and Agents Developer Associate"
    assert page.get_by_role("link", name=f"Plan its successor: {successor}").count() == 2  # the note and the actions
    page.get_by_role("link", name=f"Plan its successor: {successor}").first.click()
    page.wait_for_url(re.compile(r"/plan\?ids=azure-ai-apps-agents-developer"))
    assert page.locator("svg.timeline-svg:visible").count() == 1
    assert page.get_by_text("Please check").count() == 0


def test_the_chart_points_take_keyboard_focus_with_a_visible_mark(new_page):
    page = new_page(viewport=WIDTHS["desktop"])
    page.goto("/catalog/chart?provider=NVIDIA")
    page.locator("text=Back to the list, with the same filters").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('a.chart-point') !== null")
    assert focused, "Tab reaches the first point of the chart"
    width = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('.mark')).strokeWidth")
    assert float(width.removesuffix("px")) >= 3, width
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/credentials/nvidia-"))
