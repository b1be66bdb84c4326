"""Issue 11, points 1, 7 and 8 at the web faces: bad input is a 4xx with the one JSON error shape
(API) or a page that says what to fix, never a 500; HTTP conformance (Allow, HEAD, 413, Origin)."""

from __future__ import annotations

import json
import logging
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from badgeutil import ob2_badge
from certwise.web.app import create_app
from certwise.web.deps import DATE_PATTERN

TODAY = date(2026, 11, 25)
JSON = {"content-type": "application/json"}
BADGE = ob2_badge()


@pytest.fixture
def client(catalog):
    logging.getLogger("certwise.web").disabled = True  # a 500 would be logged; the asserts catch it
    app = create_app(catalog, store_url="sqlite://", as_of=TODAY)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    logging.getLogger("certwise.web").disabled = False


def api_error(r, status: int | tuple[int, ...] = (400, 422)) -> dict:
    statuses = (status,) if isinstance(status, int) else status
    assert r.status_code in statuses, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"] and "Traceback" not in r.text
    return body["error"]


def page_error(r) -> str:
    assert r.status_code == 400, r.text[:300]
    assert r.headers["content-type"].startswith("text/html") and "Traceback" not in r.text
    return r.text


@pytest.mark.parametrize("url", [
    "/api/v1/portfolio/renewals?as_of=9999-12-31", "/api/v1/portfolio/renewals?as_of=9999-12-31&within=3650",
    "/api/v1/portfolio?as_of=9999-12-31", "/api/v1/credentials/AI-102?as_of=9999-12-31",
    "/api/v1/compare?ids=AI-102,aws-ml-engineer-associate&as_of=9999-12-31", "/api/v1/credentials?as_of=0000-00-00",
    "/api/v1/credentials?as_of=0001-01-01", "/api/v1/search?q=aws&as_of=2026-02-30",
])
def test_dates_out_of_range_in_queries_are_400(client, url):
    assert "1000-8999" in api_error(client.get(url), 400)["message"]


@pytest.mark.parametrize("url", ["/portfolio?as_of=9999-12-31", "/portfolio/renewals.ics?as_of=9999-12-31",
                                 "/compare?ids=AI-102,aws-ml-engineer-associate&as_of=9999-12-31"])
def test_dates_out_of_range_on_pages_say_what_to_fix(client, url):
    assert "1000-8999" in page_error(client.get(url))


def test_the_last_dates_accepted_still_work(client):
    assert client.post("/api/v1/portfolio", json={"id": "google-ml-engineer", "earned": "8999-12-31",
                                                  "as_of": "8999-12-31"}).status_code == 201
    for url in ["/api/v1/portfolio/renewals?as_of=8999-12-31&within=3650", "/portfolio?as_of=8999-12-31",
                "/portfolio/renewals.ics?as_of=8999-12-31", "/api/v1/credentials/AI-102?as_of=8999-12-31",
                "/api/v1/credentials?as_of=2028-02-29"]:
        assert client.get(url).status_code == 200, url
    r = client.post("/api/v1/audit", json={"holdings": [{"id": "AI-102", "earned": "8999-12-31"}], "as_of": "8999-12-31"})
    assert r.status_code == 200


@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/audit", {"holdings": [{"id": "AI-102", "earned": "9999-12-31"}]}),
    ("/api/v1/audit", {"holdings": [{"name": "x", "earned": "9999-12-30", "expires": "9999-12-31"}]}),
    ("/api/v1/portfolio", {"id": "google-ml-engineer", "earned": "9999-12-31", "as_of": "9999-12-31"}),
    ("/api/v1/plan", {"ids": ["aws-ml-engineer-associate"], "start": "9999-12-31"}),
    ("/api/v1/plan.ics", {"ids": ["aws-ml-engineer-associate"], "start": "9999-12-31"}),
    ("/api/v1/recommend", {"as_of": "9999-12-31"}),
    ("/api/v1/roi", {"id": "AI-102", "salary": 1000, "as_of": "9999-12-31"}),
])
def test_dates_out_of_range_in_bodies_are_422(client, path, body):
    assert "1000-8999" in api_error(client.post(path, json=body), 422)["message"]


@pytest.mark.parametrize(("path", "raw"), [
    ("/api/v1/evaluate", b'{"name":"X","issuer":"Y","hours":10,"price_usd":1e999}'),
    ("/api/v1/plan", b'{"ids":["aws-ml-engineer-associate"],"years_experience":' + b"9" * 5000 + b"}"),
    ("/api/v1/recommend", b'{"years_experience":' + b"9" * 5000 + b"}"),
    ("/api/v1/evaluate", b'{"name":"\\ud800","issuer":"Y","hours":10,"price_usd":1}'),
    ("/api/v1/portfolio", b'{"name":"\\ud800","issuer":"Y","earned":"2025-01-01"}'),
    ("/api/v1/recommend", b"[" * 100_000 + b"]" * 100_000),
    ("/api/v1/recommend", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
])
def test_hostile_json_bodies_are_4xx(client, path, raw):
    api_error(client.post(path, content=raw, headers=JSON))


@pytest.mark.parametrize("body", [
    {"ids": ["aws-ml-engineer-associate"], "hours_per_week": 1e-320},
    {"ids": ["aws-ml-engineer-associate"], "hours_per_week": 5e-324, "start": "8999-12-31"},
])
def test_tiny_study_hours_are_a_400(client, body):
    assert "hours per week" in api_error(client.post("/api/v1/plan", json=body), 400)["message"]


@pytest.mark.parametrize("fields", [{"price_usd": 1e308}, {"hours": 5e-324}, {"hours": 1e308},
                                    {"price_usd": 1e308, "hours": 1}, {"price_usd": 1e308, "hours": 5e-324}])
def test_extreme_floats_in_descriptions_are_answered(client, fields):
    r = client.post("/api/v1/evaluate", json={"name": "X", "issuer": "Y", "price_usd": 100, "hours": 10, **fields})
    assert r.status_code == 200 and "Infinity" not in r.text and "NaN" not in r.text


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1"])
def test_max_cost_that_is_no_amount_is_a_400(client, value):
    assert "max_cost" in api_error(client.get(f"/api/v1/credentials?max_cost={value}"), 400)["message"]
    page = client.get(f"/catalog?max_cost={value}")  # the catalog page lists its filters' errors
    assert page.status_code == 400 and "0 or more" in page.text


@pytest.mark.parametrize(("badge", "words"), [
    ({**BADGE, "expires": "2020-01-01T00:00:00Z"}, "before earned"),
    ({**BADGE, "issuedOn": "9999-12-31T00:00:00Z"}, "in the future"),
    ({**BADGE, "issuedOn": "9999-12-30T00:00:00Z", "expires": "9999-12-31T00:00:00Z"}, "in the future"),
])
def test_badges_the_store_refuses_are_400_on_both_faces(client, badge, words):
    files = [("files", ("b.json", json.dumps(badge).encode(), "application/json"))]
    assert words in api_error(client.post("/api/v1/portfolio/badges", files=files), 400)["message"]
    token = client.get("/portfolio").cookies.get("certwise_csrf") or client.cookies.get("certwise_csrf")
    r = client.post("/portfolio/badges", files=files, data={"csrf_token": token})
    assert r.status_code == 400 and "Traceback" not in r.text  # the portfolio page, with the problem in its words


def test_405_says_what_is_allowed(client):
    r = client.put("/api/v1/credentials")
    api_error(r, 405)
    assert r.headers["allow"] == "GET, HEAD"
    r = client.post("/catalog")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    assert client.get("/api/v1/recommend").headers["allow"] == "POST"


@pytest.mark.parametrize("url", ["/", "/catalog", "/credentials/AI-102", "/faq", "/api/v1/credentials",
                                 "/portfolio/renewals.ics"])
def test_head_works_without_a_body(client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_an_oversized_chunked_upload_is_413(client):
    def chunks():
        for _ in range(8):
            yield b"x" * (1024 * 1024)

    for ctype in ("multipart/form-data; boundary=zz", "application/json"):
        path = "/api/v1/portfolio/badges" if ctype.startswith("multipart") else "/api/v1/recommend"
        r = client.post(path, content=chunks(), headers={"content-type": ctype})
        assert api_error(r, 413)["code"] == "too-large"


def test_origin_null_without_sec_fetch_site_is_refused_on_api_writes(client):
    body = {"id": "AI-102", "salary": 1000}
    assert api_error(client.post("/api/v1/roi", json=body, headers={"origin": "null"}), 403)["code"] == "forbidden"
    ok = client.post("/api/v1/roi", json=body, headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert ok.status_code == 200
    assert client.post("/api/v1/roi", json=body).status_code == 200  # programs send no Origin


def test_openapi_states_the_real_constraints(client):
    doc = client.get("/api/v1/openapi.json").json()
    pattern = re.compile(DATE_PATTERN)
    for bad in ("0000-00-00", "9999-12-31", "2026-02-30", "2026-13-01", "20261125"):
        assert not pattern.match(bad), bad
    assert pattern.match("2026-11-25") and pattern.match("8999-12-31")
    as_of = next(p for p in doc["paths"]["/api/v1/credentials"]["get"]["parameters"] if p["name"] == "as_of")
    assert as_of["schema"]["pattern"] == DATE_PATTERN
    text = json.dumps(doc["components"]["schemas"])
    assert text.count(json.dumps(DATE_PATTERN)) >= 8  # every date in a body
    upload = doc["paths"]["/api/v1/portfolio/badges"]["post"]["requestBody"]["content"]["multipart/form-data"]
    ref = upload["schema"]["$ref"].rsplit("/", 1)[-1]
    assert doc["components"]["schemas"][ref]["properties"]["files"]["minItems"] == 1


@pytest.mark.parametrize("url", [
    "/results?hours_per_week=1e-320&months=5e-324&budget_usd=1e308", "/results?hours_per_week=5e-324",
    "/check?name=X&issuer=Y&price_usd=1e308&hours=5e-324", "/check?name=X&issuer=Y&price_usd=1e308&hours=1",
])
def test_extreme_floats_on_pages_are_answered(client, url):
    r = client.get(url)
    assert r.status_code == 200 and "Traceback" not in r.text


def test_a_pace_past_any_calendar_is_said_in_words(client):
    assert "more than 100 years at that pace" in client.get("/results?hours_per_week=1e-320").text


@pytest.mark.parametrize(("find", "replace"), [
    (b"Google Cloud Certified Professional Machine Learning Engineer", b"Zork \\ud800 Badge"),
    (b"https://x.example/a/1", b"https://x.example/\\udc00"),
])
def test_a_badge_with_text_the_store_cannot_keep_is_a_400_on_both_faces(client, find, replace):
    raw = json.dumps(BADGE).encode().replace(find, replace)
    files = [("files", ("b.json", raw, "application/json"))]
    assert "b.json" in api_error(client.post("/api/v1/portfolio/badges", files=files), 400)["message"]
    token = client.get("/portfolio").cookies.get("certwise_csrf") or client.cookies.get("certwise_csrf")
    assert client.post("/portfolio/badges", files=files, data={"csrf_token": token}).status_code == 400
    assert client.get("/api/v1/portfolio").json()["entries"] == []


def test_a_badge_with_a_5000_digit_number_is_a_4xx(client):
    raw = json.dumps(BADGE).encode()[:-1] + b', "x": ' + b"9" * 5000 + b"}"
    api_error(client.post("/api/v1/portfolio/badges", files=[("files", ("b.json", raw, "application/json"))]),
              (400, 413, 415, 422))
