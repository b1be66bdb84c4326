"""The interactive API docs in Chromium (issue 13 point 7): Swagger UI renders every operation
under the strict CSP (the ``new_page`` fixture fails on any CSP violation), and "Try it out" on a
GET endpoint sends the example request and shows a 200 answer."""

from __future__ import annotations

from browserutil import BROWSER

pytestmark = BROWSER


def test_the_docs_render_every_operation_under_the_csp(new_page, server):
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    doc = page.request.get(f"{server}/api/v1/openapi.json").json()
    count = sum(len(ops) for ops in doc["paths"].values())
    assert page.locator(".opblock").count() == count
    assert page.locator("#docs-loading").is_hidden()
    assert not errors, errors


def test_try_it_out_on_a_get_endpoint_shows_a_200(new_page):
    page = new_page()
    page.goto("/api/v1/docs")
    op = page.locator(".opblock-get").filter(has_text="/api/v1/credentials/{ident}")
    op.locator(".opblock-summary").click()
    op.get_by_role("button", name="Try it out").click()
    ident = op.locator("tr[data-param-name='ident'] input")
    assert ident.input_value() == "google-ml-engineer"  # the example fills the parameter
    op.get_by_role("button", name="Execute").click()
    status = op.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert "Google Cloud Professional Machine Learning Engineer" in op.locator(".live-responses-table").inner_text()


def test_the_example_answer_is_shown_before_trying(new_page):
    page = new_page()
    page.goto("/api/v1/docs")
    op = page.locator(".opblock-post").filter(has_text="/api/v1/recommend")
    op.locator(".opblock-summary").click()
    body = op.locator(".body-param__example, .opblock-section-request-body").first
    body.wait_for()
    assert "ml-engineering" in body.inner_text()
    assert "recommendations" in op.locator(".responses-wrapper").inner_text()
