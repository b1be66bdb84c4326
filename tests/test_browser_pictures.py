"""Pictures that fit, measured in Chromium at a 1366 px desktop and a 390 px phone (issue 13,
point 3): the roadmap and every legend entry inside the viewport and the main column (on an
800 px tablet too, drawn at its own size), the stacks' boxes inside the viewport, the
timeline's last month label inside its drawing and the whole timeline on the phone's screen
(nothing to scroll sideways)."""

from __future__ import annotations

import pytest

from browserutil import BROWSER

pytestmark = BROWSER

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PLAN = "/plan?ids=aws-ai-practitioner&ids=aws-genai-developer&ids=google-ml-engineer&start=2026-11-25&hours_per_week=5"
RESULTS = "/results?role=developer&cloud=aws&years_experience=4&goal=ml-engineering"

# the main column's content box, the viewport, and the boxes of what a selector matches and shows
MEASURE = """(sel) => {
  const m = document.querySelector('main'), cs = getComputedStyle(m), r = m.getBoundingClientRect();
  const box = (e) => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top,
                                                                     bottom: b.bottom, width: b.width, text: e.textContent}; };
  return {
    column: {left: r.left + parseFloat(cs.paddingLeft), right: r.right - parseFloat(cs.paddingRight)},
    viewport: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    boxes: [...document.querySelectorAll(sel)].map(box).filter((b) => b.width > 0),
  };
}"""


def _measure(page, selector: str) -> dict:
    return page.evaluate(MEASURE, selector)


# each box's words against its rectangle: the names the server wrapped really fit (no font metrics there)
OVERFLOW = """(sel) => [...document.querySelectorAll(sel)].filter((a) => a.getBoundingClientRect().width > 0)
  .flatMap((a) => { const r = a.querySelector('rect').getBoundingClientRect();
    return [...a.querySelectorAll('text')].map((t) => t.getBoundingClientRect())
      .filter((t) => t.left < r.left - 0.5 || t.right > r.right + 0.5 || t.bottom > r.bottom + 0.5)
      .map(() => a.textContent); })"""


def _inside(box: dict, left: float, right: float) -> bool:
    return box["left"] >= left - 0.5 and box["right"] <= right + 0.5


ROADMAPS = {"desktop": "wide", "tablet": "medium", "phone": "narrow"}


@pytest.mark.parametrize("size", ROADMAPS, ids=list(ROADMAPS))
def test_the_roadmap_and_every_legend_entry_fit_the_column(new_page, size):
    page = new_page(viewport=SIZES.get(size, {"width": 800, "height": 1000}))
    page.goto("/roadmap")
    shown = f"svg.roadmap-{ROADMAPS[size]}"
    assert page.locator(shown).is_visible() and page.locator("svg.roadmap-svg:visible").count() == 1
    m = _measure(page, f"{shown}, {shown} .rm-legend-entry")
    col, vw = m["column"], m["viewport"]
    svg, *entries = m["boxes"]
    assert len(entries) >= 10  # every domain drawn and "Retired"
    assert m["scrollWidth"] <= vw  # nothing hides behind a sideways scrollbar
    for b in [svg, *entries]:
        assert _inside(b, 0, vw), b
        assert _inside(b, col["left"], col["right"]), (b, col)
    if size != "phone":
        assert svg["width"] >= 700  # drawn at its size, not shrunk to fit
    texts = {e["text"] for e in entries}
    assert {"Generative AI", "ML engineering", "Retired (dashed)"} <= texts
    # the boxes themselves: none beyond the column either
    boxes = _measure(page, f"{shown} a.rm-box rect")["boxes"]
    assert len(boxes) > 50 and all(_inside(b, col["left"], col["right"]) for b in boxes)
    assert page.evaluate(OVERFLOW, f"{shown} a.rm-box") == []


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_stacks_boxes_fit_the_screen(new_page, size):
    page = new_page(viewport=SIZES[size])
    page.goto("/stacks")
    assert page.get_by_role("heading", name="The ML Engineer Stack").is_visible()
    m = _measure(page, "svg.stack-svg, svg.stack-svg .st-box")
    vw, col = m["viewport"], m["column"]
    assert m["scrollWidth"] <= vw
    assert len(m["boxes"]) > 10
    for b in m["boxes"]:
        assert _inside(b, 0, vw) and _inside(b, col["left"], col["right"]), b
    assert page.get_by_role("img", name="The Generative AI Stack").is_visible()
    assert page.evaluate(OVERFLOW, "svg.stack-svg a") == []
    # a box leads to the credential's page
    page.locator("svg.stack-svg a.st-step").first.click()
    page.wait_for_url("**/credentials/**")


@pytest.mark.parametrize("path", [PLAN, RESULTS], ids=["plan", "results"])
@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_timeline_shows_its_last_month_and_fits_a_phone(new_page, size, path):
    page = new_page(viewport=SIZES[size])
    page.goto(path)
    shown = "svg.timeline-wide" if size == "desktop" else "svg.timeline-narrow"
    assert page.locator("svg.timeline-svg:visible").count() == 1 and page.locator(shown).is_visible()
    m = _measure(page, f"{shown}, {shown} .tl-month, {shown} .tl-exam-label, {shown} .tl-legend-entry")
    svg, *parts = m["boxes"]
    assert len(parts) >= 5
    for b in parts:  # the last month's label, the exam labels and the legend are not clipped
        assert _inside(b, svg["left"], svg["right"]), (b, svg)
    names = _measure(page, f"{shown} .tl-name")["boxes"]
    name_right = svg["left"] + (238 if size == "desktop" else svg["width"])  # the names' column, or the width
    assert names and all(_inside(b, svg["left"], name_right) for b in names), names
    months = _measure(page, f"{shown} .tl-month")["boxes"]
    assert len(months) >= 6 and _inside(max(months, key=lambda b: b["right"]), svg["left"], svg["right"])
    hint = page.get_by_text("Scroll sideways")
    fits = _inside(svg, 0, m["viewport"]) and m["scrollWidth"] <= m["viewport"]
    assert fits or hint.is_visible()
    if size == "phone":
        assert fits and svg["width"] <= 358 + 0.5  # the whole plan on the phone's screen
