"""What the web keeps between requests (certwise.web.memo, page_cache, the catalog's overlay check):
the same answers as without keeping, the security headers on every one, and nothing kept that
depends on the browser or the store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from certwise.catalog.load import Catalog
from certwise.web import page_cache, services, state
from certwise.web.app import create_app
from certwise.web.page_cache import kept_path

TODAY_PARAMS = {"role": "developer", "cloud": "aws", "years_experience": "4", "goal": "ml-engineering"}


@pytest.fixture
def fresh(catalog):
    # a catalog object of its own, so answers kept by other tests' apps do not answer here
    with TestClient(create_app(Catalog(list(catalog)), store_url="sqlite://")) as c:
        yield c


def test_a_kept_page_is_the_same_page_with_the_security_headers(fresh):
    first = fresh.get("/results", params=TODAY_PARAMS)
    again = fresh.get("/results", params=TODAY_PARAMS)
    assert first.status_code == again.status_code == 200 and first.text == again.text
    for r in (first, again):
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"
    # a browser without the cookie gets a cookie of its own with the kept page
    # (the page's save-plan form carries that browser's own token, the rest is the kept page)
    other = TestClient(fresh.app)
    r = other.get("/results", params=TODAY_PARAMS)
    token = re.compile(r'name="csrf_token" value="[^"]*"')
    assert token.findall(first.text) and token.findall(r.text) != token.findall(first.text)
    assert token.sub("", r.text) == token.sub("", first.text) and "certwise_csrf=" in r.headers["set-cookie"]
    assert r.cookies.get("certwise_csrf") != fresh.cookies.get("certwise_csrf")


def test_a_kept_answer_is_the_answer_of_the_engine(fresh, monkeypatch):
    body = {"role": "developer", "cloud": "gcp", "as_of": "2026-11-25"}
    first = fresh.post("/api/v1/recommend", json=body).json()
    calls = []
    monkeypatch.setattr(services, "recommend_data", lambda *a, **k: calls.append(a) or {})
    assert fresh.post("/api/v1/recommend", json=body).json() == first and calls == []
    # another question is worked out
    assert fresh.post("/api/v1/recommend", json={**body, "cloud": "aws"}).json() == {} and len(calls) == 1
    # bad input is still refused every time (validation runs before anything kept answers)
    for _ in range(2):
        assert fresh.post("/api/v1/recommend", json={**body, "role": "wizard"}).status_code == 422


def test_the_portfolio_is_never_kept(fresh):
    assert not kept_path("/portfolio") and not kept_path("/api/v1/portfolio")
    before = fresh.get("/portfolio").text
    assert fresh.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2025-01-15"}).status_code == 201
    after = fresh.get("/portfolio").text
    assert after != before and "Google Cloud Professional Machine Learning Engineer" in after
    assert [e["id"] for e in fresh.get("/api/v1/portfolio").json()["entries"]] == ["google-ml-engineer"]


def test_a_kept_page_with_a_form_carries_each_browsers_own_token(fresh, monkeypatch):
    # no kept page has a form today; the portfolio (never kept) stands in for one that would
    monkeypatch.setattr(page_cache, "PATHS", page_cache.PATHS | {"/portfolio"})
    first = fresh.get("/portfolio")
    mine = fresh.cookies.get("certwise_csrf")
    assert mine and mine in first.text
    other = TestClient(fresh.app)
    kept = other.get("/portfolio")
    theirs = other.cookies.get("certwise_csrf")
    assert theirs and theirs != mine and theirs in kept.text and mine not in kept.text
    assert kept.text.replace(theirs, "T") == first.text.replace(mine, "T")
    assert int(kept.headers["content-length"]) == len(kept.content)
    # the token in the kept page is the one the form post is checked against
    r = other.post("/portfolio/add", data={"csrf_token": theirs, "id": "pmle", "earned": "2025-01-15"},
                   follow_redirects=False)
    assert r.status_code in (200, 303), r.text[:300]


def test_head_of_a_kept_page_has_no_body(fresh):
    assert fresh.get("/catalog").status_code == 200
    r = fresh.head("/catalog")
    assert r.status_code == 200 and r.content == b""


def test_errors_are_not_kept(fresh):
    assert fresh.get("/credentials/no-such-thing").status_code == 404
    assert fresh.get("/api/v1/credentials", params={"sort": "nonsense"}).status_code == 400
    assert fresh.get("/credentials/pmle").status_code == 200  # an alias: a redirect to the id, then the page


def test_an_overlay_import_reaches_the_web_within_the_recheck(tmp_path, monkeypatch, cli):
    monkeypatch.setattr(state, "OVERLAY_RECHECK", 0.0)  # look every time: the test need not wait 2 s
    with TestClient(create_app(None, store_url=None)) as c:
        ids = {x["id"] for x in c.get("/api/v1/credentials").json()["credentials"]}
        assert "acme-ai-practitioner" not in ids
        ctdl = tmp_path / "acme.json"
        ctdl.write_text(_CTDL)
        r = cli("catalog", "import", str(ctdl))
        assert r.code == 0, r.err
        ids = {x["id"] for x in c.get("/api/v1/credentials").json()["credentials"]}
        assert any(i.startswith("acme") for i in ids), sorted(ids)[:5]


_CTDL = """{
  "@context": "https://credreg.net/ctdl/schema/context/json",
  "@graph": [{
    "@type": "ceterms:Certification",
    "@id": "https://example.org/acme-ai-practitioner",
    "ceterms:ctid": "ce-00000000-0000-0000-0000-000000000001",
    "ceterms:name": {"en-US": "Acme AI Practitioner"},
    "ceterms:description": {"en-US": "A test credential."},
    "ceterms:ownedBy": [{"@type": "ceterms:CredentialOrganization", "ceterms:name": {"en-US": "Acme"}}],
    "ceterms:subjectWebpage": "https://example.org/acme"
  }]
}"""


def test_a_repeated_advice_body_is_answered_as_before(fresh, monkeypatch):
    body = {"role": "data-professional", "cloud": "azure", "as_of": "2026-11-25"}
    first = fresh.post("/api/v1/recommend", json=body)
    assert first.status_code == 200
    monkeypatch.setattr(services, "recommend_data", lambda *a, **k: 1 / 0)  # the route must not run again
    again = fresh.post("/api/v1/recommend", json=body)
    assert again.status_code == 200 and again.content == first.content
    assert "default-src 'self'" in again.headers["content-security-policy"]
    # the same bytes as another content type are another request (and refused as before)
    other = fresh.post("/api/v1/recommend", content=first.request.content, headers={"content-type": "text/plain"})
    assert other.status_code in (400, 415, 422)
    # another site's browser is still refused before anything kept answers
    cross = fresh.post("/api/v1/recommend", json=body, headers={"origin": "https://evil.example"})
    assert cross.status_code == 403


def test_a_big_body_is_passed_on_whole(fresh):
    held = [f"x{i:05d}" for i in range(9000)]  # ~80 KB: more than page_cache keeps, read by the route
    r = fresh.post("/api/v1/recommend", json={"role": "developer", "held": held})
    assert r.status_code in (400, 422) and "x00000" in r.text
