"""Safety of the web app: escaping, CSP and headers, CSRF, cross-site and size limits, Host checks."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from certwise.catalog.load import Catalog
from certwise.catalog.model import EXAMPLE, Credential
from certwise.web.app import create_app

TODAY = date(2026, 11, 25)
EVIL = "<script>alert(1)</script>"


@pytest.fixture
def evil_catalog(catalog):
    bad = Credential.model_validate({**EXAMPLE, "id": "evil-cert", "name": EVIL, "provider": f"{EVIL} Corp",
                                     "summary": f"Summary {EVIL}", "aliases": ['"><img src=x onerror=alert(2)>']})
    return Catalog(list(catalog)).with_overlay([bad])


@pytest.fixture
def client(evil_catalog):
    with TestClient(create_app(evil_catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/portfolio").text).group(1)


@pytest.mark.parametrize("path", [
    "/catalog", "/catalog?q=evil", "/credentials/evil-cert", "/compare?ids=evil-cert&ids=pmle", "/roadmap",
    "/roadmap.svg", "/check?id=evil-cert", "/plan?ids=evil-cert",
])
def test_a_credential_named_script_shows_as_text(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[-500:]
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_user_strings_are_escaped_everywhere(client):
    r = client.get("/check", params={"name": EVIL, "issuer": EVIL, "price_usd": "10", "hours": "5"})
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text
    r = client.get("/catalog", params={"q": EVIL})
    assert "<script>alert(1)" not in r.text
    r = client.get("/results", params={"role": EVIL})
    assert r.status_code == 400 and "<script>alert(1)" not in r.text
    token = _token(client)
    client.post("/portfolio/add", data={"csrf_token": token, "state": "held", "name": EVIL, "issuer": EVIL,
                                        "earned": "2025-01-01", "credential_url": "javascript:alert(1)"})
    html = client.get("/portfolio").text
    assert "<script>alert(1)" not in html and 'href="javascript:' not in html
    client.post("/portfolio/add", data={"csrf_token": token, "state": "held", "name": EVIL, "issuer": EVIL,
                                        "earned": "2025-01-01"})
    html = client.get("/portfolio").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    api = client.get("/api/v1/portfolio").json()
    assert api["entries"][0]["name"] == EVIL  # JSON keeps the text as it is


def test_security_headers_on_pages_api_static_and_errors(client):
    for path in ("/", "/api/v1/credentials", "/static/style.css", "/nope", "/api/v1/nope"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_csrf_cookie_is_strict_and_httponly(client):
    cookie = client.get("/").headers["set-cookie"]
    assert "certwise_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_forms_that_write_need_the_token(client):
    client.get("/portfolio")
    for path, data in (("/portfolio/add", {"id": "pmle", "earned": "2025-01-01"}),
                       ("/portfolio/remove", {"entry_id": "x"}),
                       ("/portfolio/badges", {})):
        r = client.post(path, data=data)
        assert r.status_code == 403 and "Reload the page" in r.text
        r = client.post(path, data={**data, "csrf_token": "forged-forged-forged-forged"})
        assert r.status_code == 403
    assert client.get("/api/v1/portfolio").json()["entries"] == []


def test_a_token_from_another_browser_is_refused(evil_catalog):
    app = create_app(evil_catalog, store_url="sqlite://", as_of=TODAY)
    with TestClient(app) as alice, TestClient(app) as mallory:
        stolen = _token(mallory)
        alice.get("/portfolio")
        r = alice.post("/portfolio/add", data={"csrf_token": stolen, "id": "pmle", "earned": "2025-01-01"})
        assert r.status_code == 403


def test_cross_site_writes_are_refused(client):
    token = _token(client)
    r = client.post("/portfolio/add", data={"csrf_token": token, "id": "pmle", "earned": "2025-01-01"},
                    headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2025-01-01"},
                    headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    ok = client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2025-01-01"},
                     headers={"origin": "http://testserver"})
    assert ok.status_code == 201


def test_request_bodies_are_limited(client):
    r = client.post("/api/v1/recommend", content=b"{" + b" " * (7 * 1024 * 1024) + b"}",
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too-large"


def test_loopback_server_refuses_other_host_names(evil_catalog):
    app = create_app(evil_catalog, store_url="sqlite://", allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/catalog").status_code == 200
        assert c.get("/catalog", headers={"host": "attacker.example"}).status_code == 400


def test_no_inline_event_handlers_or_styles_in_templates():
    from pathlib import Path

    import certwise.web

    root = Path(certwise.web.__file__).parent / "templates"
    for f in root.glob("*.html"):
        text = f.read_text()
        assert not re.search(r"\son[a-z]+=", text), f
        assert " style=" not in text, f
        assert "|safe" not in text.replace(" ", ""), f
