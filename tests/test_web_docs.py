"""The interactive API docs (issue 13 point 7): /api/v1/docs is Swagger UI served from the
package (no CDN, the strict CSP kept), and every operation of the OpenAPI document has an example
request (when it takes a body) and an example answer — the engine's real answer, kept current
here (``CERTWISE_UPDATE_SNAPSHOTS=1`` rewrites src/certwise/web/api_examples.json)."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from certwise.web import api_examples
from certwise.web.app import create_app
from certwise.web.security import CSP

ROOT = Path(__file__).resolve().parents[1]
BADGE = ROOT / "examples" / api_examples.BADGE_FILE


@pytest.fixture(scope="module")
def client(catalog):
    return TestClient(create_app(catalog, store_url="sqlite://", as_of=date(2026, 11, 25)))


def test_docs_page_is_served_from_the_package(client):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP  # the strict policy, unchanged
    html = r.text
    assert "<script>" not in html and " style=" not in html  # no inline code
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(ref.startswith(("/", "#")) and not ref.startswith("//") for ref in refs), refs
    assets = [ref for ref in refs if ref.startswith("/static/")]
    assert {"/static/swagger-ui/swagger-ui-bundle.js", "/static/swagger-ui/swagger-ui.css",
            "/static/api-docs.js"} <= set(assets)
    for ref in assets + ["/api/v1/openapi.json"]:
        assert client.get(ref).status_code == 200, ref
    assert 'data-openapi="/api/v1/openapi.json"' in html


def test_the_vendored_swagger_ui_keeps_its_licence():
    folder = ROOT / "src" / "certwise" / "web" / "static" / "swagger-ui"
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "swagger-ui-dist" in (folder / "VENDORED.md").read_text(encoding="utf-8")


def test_the_api_page_links_to_the_interactive_docs(client):
    assert 'href="/api/v1/docs"' in client.get("/api").text


def _operations(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield method, path, op


def test_every_operation_has_an_example_request_and_answer(client):
    doc = client.get("/api/v1/openapi.json").json()
    ops = list(_operations(doc))
    assert len(ops) == len(api_examples.EXAMPLES)
    for method, path, op in ops:
        where = f"{method.upper()} {path}"
        if "requestBody" in op:
            for media, content in op["requestBody"]["content"].items():
                assert content.get("examples"), f"{where}: no example {media} body"
        ok = [s for s in op["responses"] if s.startswith("2")]
        assert ok, where
        content = op["responses"][ok[0]]["content"]
        assert any("example" in c for c in content.values()), f"{where}: no example answer"
        for p in op.get("parameters", []):
            if p.get("required"):
                assert "example" in p, f"{where}: no example for the required parameter {p['name']}"


def _call(c: TestClient, method: str, path: str, ex: api_examples.Example):
    url = path
    query = {}
    for name, value in ex.params.items():
        if "{" + name + "}" in url:
            url = url.replace("{" + name + "}", str(value))
        else:
            query[name] = value
    if ex.media == "multipart/form-data":
        files = [("files", (BADGE.name, BADGE.read_bytes(), "application/json"))]
        return c.request(method.upper(), url, params=query, files=files)
    return c.request(method.upper(), url, params=query, json=ex.body)


def test_the_example_answers_are_the_engines_answers(catalog):
    """Every example request, sent in order to a fresh app, gets the committed example answer."""
    c = TestClient(create_app(catalog, store_url="sqlite://", as_of=date(2026, 11, 25)))
    answers = {}
    for (method, path), ex in api_examples.EXAMPLES.items():
        r = _call(c, method, path, ex)
        assert r.status_code == ex.status, (method, path, r.text)
        if ex.media == "text/calendar":  # DTSTAMP is when the file was made: pinned for the example
            answer = re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:20261125T090000Z", r.text)
        else:
            answer = api_examples.trim(r.json())
        answers[api_examples.key(method, path)] = answer
    text = json.dumps(answers, indent=1, ensure_ascii=False) + "\n"
    # when an entry was created is the clock's time: pinned for the example
    text = re.sub(r'"created": "[0-9T:-]+Z"', '"created": "2026-11-25T09:00:00Z"', text)
    # portfolio entry ids are random: number them in the order they first appear
    ids: dict[str, str] = {}

    def pinned(m: re.Match[str]) -> str:
        return '"entry_id": "' + ids.setdefault(m.group(1), f"e{len(ids) + 1:011d}") + '"'

    text = re.sub(r'"entry_id": "([0-9a-f]+)"', pinned, text)
    if os.environ.get("CERTWISE_UPDATE_SNAPSHOTS"):
        api_examples.ANSWERS_FILE.write_text(text, encoding="utf-8")
    assert api_examples.ANSWERS_FILE.read_text(encoding="utf-8") == text, (
        "src/certwise/web/api_examples.json is out of date: CERTWISE_UPDATE_SNAPSHOTS=1 rewrites it")


def test_the_example_requests_are_valid_bodies(client):
    """Each example body is accepted as it is shown (the same JSON the docs' Try it out sends)."""
    doc = client.get("/api/v1/openapi.json").json()
    for method, path, op in _operations(doc):
        for media, content in op.get("requestBody", {}).get("content", {}).items():
            if media != "application/json":
                continue
            body = content["examples"]["example"]["value"]
            assert body == api_examples.EXAMPLES[(method, path)].body
