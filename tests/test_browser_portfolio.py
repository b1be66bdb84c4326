
"""The portfolio in Chromium (issue 13, point 6): a plan saved from the results lands in the
portfolio as planned; an upload of a good and a bad badge reports both; removing offers Undo;
the plan page prints cleanly (no navigation or forms, the timeline within the page width)."""

from __future__ import annotations

import json
import re

from badgeutil import ob2_badge
from browserutil import BROWSER, answer_questionnaire

pytestmark = BROWSER

BADGE = ob2_badge("Databricks Certified Machine Learning Associate", "Databricks", "9")


def test_save_the_plan_from_results_and_see_it_planned_in_the_portfolio(page):
    answer_questionnaire(page)
    hint = page.locator("form.save-plan .hint").inner_text()
    names = [i.get_attribute("value") for i in page.locator("form.save-plan input[name=ids]").all()]
    assert names
    page.get_by_role("button", name="Save this plan to my portfolio").click()
    page.wait_for_url(re.compile(r"/portfolio\?done=planned.*#entries$"))
    status = page.locator("#done").inner_text()
    assert "Your plan is saved in your portfolio." in status and "Added as planned:" in status
    for cid in names:
        row = page.locator(f'tr[data-entry]:has(a[href="/credentials/{cid}"])')
        assert row.count() == 1 and "Planned" in row.inner_text()
        assert row.locator("a").first.inner_text() in hint  # the names the button promised
    # saving again adds nothing and says so
    page.go_back()
    page.get_by_role("button", name="Save this plan to my portfolio").click()
    page.wait_for_url(re.compile(r"done=planned"))
    assert "Already in your portfolio, left as they were:" in page.locator("#done").inner_text()


def test_upload_a_good_and_a_bad_badge_reports_both(page, tmp_path):
    good, bad = tmp_path / "dbx-ml.json", tmp_path / "notes.json"
    good.write_text(json.dumps(BADGE))
    bad.write_text('{"type": "Nothing"}')
    page.goto("/portfolio")
    page.get_by_label("Badge files", exact=True).set_input_files([str(good), str(bad)])
    page.get_by_role("button", name="Upload").click()
    report = page.locator("#upload-report")
    report.wait_for()
    words = report.inner_text()
    assert "Badges imported into your portfolio: 1 of 2 files" in words
    assert "dbx-ml.json: imported as Databricks Certified Machine Learning Associate" in words
    assert "notes.json: not imported." in words and "not an Open Badges assertion" in words
    link = report.locator('a[href="/credentials/databricks-ml-associate"]')
    assert link.count() == 1 and link.is_visible()
    assert page.locator('tr[data-entry] a[href="/credentials/databricks-ml-associate"]').count() == 1


def test_remove_then_undo(page):
    page.goto("/portfolio")
    page.get_by_label("I plan to take it").check()
    page.get_by_label("Credential", exact=True).select_option("nvidia-nca-aiio")
    page.get_by_role("button", name="Add", exact=True).click()
    row = page.locator('tr[data-entry]:has(a[href="/credentials/nvidia-nca-aiio"])')
    name = row.locator("a").first.inner_text()
    assert f"Added to your portfolio: {name}." in page.locator("#done").inner_text()
    row.get_by_role("button", name=re.compile("Remove")).click()
    page.wait_for_url(re.compile(r"done=removed"))
    assert f"Removed from your portfolio: {name}." in page.locator("#done").inner_text()
    assert row.count() == 0
    page.get_by_role("button", name="Undo").click()
    page.wait_for_url(re.compile(r"done=restored"))
    assert f"Put back in your portfolio: {name}." in page.locator("#done").inner_text()
    assert row.count() == 1 and "Planned" in row.inner_text()


def _hidden(page, selector: str) -> bool:
    return all(not el.is_visible() for el in page.locator(selector).all())


def test_the_plan_page_prints_cleanly(new_page):
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto("/plan?ids=google-ml-engineer&ids=aws-ml-engineer-associate&ids=databricks-ml-associate"
              "&start=2026-12-01&hours_per_week=3")
    assert page.locator("form.save-plan").is_visible()  # on screen: the save button is there
    page.emulate_media(media="print")
    for selector in ("header.site nav", "form", "button", ".button", "footer.site a", ".skip"):
        assert _hidden(page, selector), f"{selector} shows in print"
    # an A4 page's printable width is about 700 CSS px: lay the page out at that width
    page.set_viewport_size({"width": 700, "height": 1000})
    svg = page.locator("svg.timeline-svg").first
    box = svg.bounding_box()
    main = page.locator("main").bounding_box()
    assert box and main and box["x"] >= main["x"] - 1 and box["x"] + box["width"] <= main["x"] + main["width"] + 1
    assert box["x"] + box["width"] <= 700
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 700, f"the printed page is {scroll} px wide"
    dark = page.evaluate("""() => [...document.querySelectorAll('body, body *')].filter(el => {
        const s = getComputedStyle(el); if (s.display === 'none') return false;
        const m = s.backgroundColor.match(/rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)/);
        if (!m || (m[4] !== undefined && +m[4] === 0)) return false;
        return (+m[1] + +m[2] + +m[3]) / 3 < 128; }).map(el => el.tagName + '.' + el.className)""")
    assert dark == []
    breaks = page.evaluate("getComputedStyle(document.querySelector('.plan-item')).breakInside")
    assert breaks == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_the_reports_fit_a_phone(new_page, tmp_path):
    page = new_page(viewport={"width": 390, "height": 844})
    long_name = tmp_path / ("a-badge-file-with-a-rather-long-name-from-the-provider-" + "x" * 40 + ".json")
    long_name.write_text('{"type": "Nothing"}')
    page.goto("/portfolio")
    page.get_by_label("Badge files", exact=True).set_input_files([str(long_name)])
    page.get_by_role("button", name="Upload").click()
    report = page.locator("#upload-report")
    report.wait_for()
    box = report.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    answer_questionnaire(page)
    save = page.locator("form.save-plan")
    box = save.bounding_box()
    assert box and box["x"] + box["width"] <= 390 and save.get_by_role("button").is_visible()
