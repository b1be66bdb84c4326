"""The JSON API (SPEC.md §5) through the ASGI client: same answers as the engine and the CLI,
errors in one shape, never a 5xx for bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient

from badgeutil import ob2_badge
from certwise.web.app import create_app

TODAY = date(2026, 11, 25)
SPEC_IDS = [
    "google-ml-engineer", "aws-ml-specialty", "azure-ai-engineer", "ibm-ai-engineering", "deeplearningai-tensorflow",
    "google-ai-essentials", "aws-genai-developer", "databricks-ml-professional", "stanford-ai-programs",
    "mit-ml-ai-certificate", "harvard-data-science", "aws-cloud-practitioner", "azure-fundamentals",
    "aws-ml-engineer-associate", "aws-ai-practitioner", "azure-ai-apps-agents-developer", "azure-ai-fundamentals",
    "tensorflow-developer-certificate",
]


@pytest.fixture
def client(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


def assert_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "message", "fields"}
    assert err["message"] and "Traceback" not in err["message"]
    if code:
        assert err["code"] == code
    return err


# --- catalog ----------------------------------------------------------------------------------

def test_credentials_lists_every_spec_id(client):
    body = client.get("/api/v1/credentials").json()
    ids = [c["id"] for c in body["credentials"]]
    assert body["as_of"] == "2026-11-25" and body["count"] == len(ids)
    assert set(SPEC_IDS) <= set(ids)


def test_credentials_filter_search_sort(client):
    aws = client.get("/api/v1/credentials", params={"ecosystem": "aws"}).json()["credentials"]
    assert aws and all(c["ecosystem"] == "aws" for c in aws)
    hit = client.get("/api/v1/credentials", params={"q": "AI-102"}).json()["credentials"]
    assert hit[0]["id"] == "azure-ai-engineer"
    cheap = client.get("/api/v1/credentials", params={"sort": "cost"}).json()["credentials"]
    costs = [c["cost_usd"]["low"] for c in cheap if c["cost_usd"]]
    assert costs == sorted(costs)
    stated = [c["cost_usd"] is not None for c in cheap]
    assert stated == sorted(stated, reverse=True)  # prices no source states come last
    retired = client.get("/api/v1/credentials", params={"status": "retired"}).json()["credentials"]
    assert {"aws-ml-specialty", "tensorflow-developer-certificate"} <= {c["id"] for c in retired}


def test_credentials_bad_filter_is_400_in_words(client):
    err = assert_error(client.get("/api/v1/credentials", params={"level": "wizard", "sort": "price"}), 400, "bad-input")
    assert "level 'wizard'" in err["message"] and "sort 'price'" in err["message"]


def test_credential_by_alias_is_the_cli_show_json(client, cli):
    api = client.get("/api/v1/credentials/MLS-C01").json()
    assert api["id"] == "aws-ml-specialty" and api["status"] == "retired"
    assert {r["id"] for r in api["replaced_by"]} >= {"aws-ml-engineer-associate"}
    assert api["fact_sources"]["cost"][0]["verified"]
    shown = cli("show", "aws-ml-specialty", "--json", "--as-of", "2026-11-25").json()
    for key, value in shown.items():  # the API is the CLI's answer, plus the worth-it breakdown
        assert api[key] == value, key
    assert api["worth"]["verdict"] in ("worth-it", "situational", "skip")
    assert api["three_year_cost"]["total_usd"]["low"] >= 300


def test_unknown_credential_is_404_with_a_suggestion(client):
    err = assert_error(client.get("/api/v1/credentials/aws-ml-specialtyy"), 404, "not-found")
    assert "aws-ml-specialty" in err["message"]


def test_compare_and_its_limits(client):
    r = client.get("/api/v1/compare", params=[("ids", "pmle"), ("ids", "MLA-C01")]).json()
    assert [c["id"] for c in r["credentials"]] == ["google-ml-engineer", "aws-ml-engineer-associate"]
    assert {row["field"] for row in r["rows"]} >= {"cost", "prep", "status", "worth"}
    assert_error(client.get("/api/v1/compare", params={"ids": "pmle"}), 400)
    seven = [("ids", i) for i in SPEC_IDS[:7]]  # the CLI's and the API's limit is six (the page shows four)
    assert "at most 6" in assert_error(client.get("/api/v1/compare", params=seven), 400)["message"]


def test_search(client):
    r = client.get("/api/v1/search", params={"q": "pmle"}).json()
    assert r["results"][0]["id"] == "google-ml-engineer"


# --- advice -----------------------------------------------------------------------------------

def test_recommend_is_the_engine_answer(client, catalog):
    from certwise.advice.profile import profile_from
    from certwise.advice.recommend import recommend

    body = {"role": "developer", "cloud": "aws", "years_experience": 4, "goal": "ml-engineering"}
    api = client.post("/api/v1/recommend", json=body).json()
    engine = recommend(profile_from(body, catalog=catalog), catalog, TODAY)
    assert api == json.loads(json.dumps(engine))
    assert api["as_of"] == "2026-11-25" and api["stage"] == "mid"
    assert all(r["status"] != "retired" for r in api["recommendations"])


def test_recommend_as_of_the_guide_date_and_limit(client):
    r = client.post("/api/v1/recommend", json={"role": "career-changer", "as_of": "2026-01-09", "limit": 3}).json()
    assert r["as_of"] == "2026-01-09" and len(r["recommendations"]) <= 3


def test_recommend_bad_input(client):
    err = assert_error(client.post("/api/v1/recommend", json={"role": "wizard"}), 422, "invalid")
    assert err["fields"][0]["field"] == "role" and "developer" in err["message"]  # the enum, from the spec
    err = assert_error(client.post("/api/v1/recommend", json={"rol": "developer"}), 422, "invalid")
    assert err["fields"][0]["field"] == "rol"
    assert_error(client.post("/api/v1/recommend", json={"hours_per_week": 0}), 422)
    assert_error(client.post("/api/v1/recommend", json={"held": ["no-such-cert"]}), 400)
    assert_error(client.post("/api/v1/recommend", content=b"{not json", headers={"content-type": "application/json"}), 422)


def test_evaluate_id_and_description(client):
    ok = client.post("/api/v1/evaluate", json={"id": "pmle"}).json()
    assert ok["id"] == "google-ml-engineer" and set(ok["criteria"]) == {
        "recognition", "practical", "specificity", "value", "currency"}
    mill = client.post("/api/v1/evaluate", json={
        "name": "Certified AI Professional", "issuer": "AI Cert Hub", "price_usd": 499, "hours": 6,
        "assessment": "quiz"}).json()
    assert mill["verdict"] == "skip" and mill["id"] is None
    assert {"generic-title", "unrecognized-issuer"} <= {f["code"] for f in mill["red_flags"]}
    assert_error(client.post("/api/v1/evaluate", json={}), 400)
    assert_error(client.post("/api/v1/evaluate", json={"name": "X"}), 400)


def test_stacks(client):
    assert "ml-engineer" in client.get("/api/v1/stacks").json()["stacks"]
    s = client.get("/api/v1/stacks/ml-engineer").json()
    assert s["name"] == "ml-engineer" and s["steps"] and 0 <= s["coherence"] <= 100
    assert "ml-engineer" in assert_error(client.get("/api/v1/stacks/nope"), 404)["message"]
    mine = client.post("/api/v1/stacks", json={"role": "non-technical", "goal": "ai-literacy"}).json()
    assert mine["steps"]


def test_plan_and_its_calendar(client):
    body = {"ids": ["pmle"], "start": "2026-12-07", "hours_per_week": 8}
    p = client.post("/api/v1/plan", json=body).json()
    assert p["start"] == "2026-12-07" and p["items"][0]["id"] == "google-ml-engineer"
    assert p["items"][0]["milestones"]
    ics = client.post("/api/v1/plan.ics", json=body)
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")
    err = assert_error(client.post("/api/v1/plan", json={"ids": ["aws-ml-specialty"]}), 400)
    assert "aws-ml-engineer-associate" in err["message"]
    assert_error(client.post("/api/v1/plan", json={"ids": []}), 422)


def test_roi(client):
    r = client.post("/api/v1/roi", json={"id": "pmle", "salary": 100000}).json()
    assert r["uplift_pct"] == {"low": 25, "high": 25} and r["payback_months"]["low"] < 1
    assert_error(client.post("/api/v1/roi", json={"id": "pmle", "salary": 0}), 422)
    assert_error(client.post("/api/v1/roi", json={"id": "zzz-nothing", "salary": 1}), 400)


def test_audit(client):
    a = client.post("/api/v1/audit", json={"held": ["pmle", "az-900"]}).json()
    assert 0 <= a["coherence"] <= 100 and a["story"]
    custom = client.post("/api/v1/audit", json={"holdings": [
        {"name": "Certified AI Professional", "issuer": "AI Cert Hub", "earned": "2025-01-01"}]}).json()
    assert custom["unrecognized"]


# --- portfolio --------------------------------------------------------------------------------

def test_portfolio_add_list_renewals_remove(client):
    assert client.get("/api/v1/portfolio").json()["entries"] == []
    r = client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2025-02-01"})
    assert r.status_code == 201 and r.json()["expires"] == "2027-02-01"
    client.post("/api/v1/portfolio", json={"name": "Robots", "issuer": "Acme", "earned": "2024-01-01"})
    assert len(client.get("/api/v1/portfolio").json()["entries"]) == 2
    due = client.get("/api/v1/portfolio/renewals", params={"within": 120}).json()["renewals"]
    assert [d["id"] for d in due] == ["google-ml-engineer"] and due[0]["days_left"] == 68
    assert client.post("/api/v1/audit", json={"portfolio": True}).json()["coherence"] >= 0
    assert client.delete("/api/v1/portfolio/PMLE").json()["removed"]["id"] == "google-ml-engineer"
    assert_error(client.delete("/api/v1/portfolio/PMLE"), 404)


def test_portfolio_add_bad_input(client):
    assert "future" in assert_error(client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "2030-01-01"}),
                                    400)["message"]
    assert_error(client.post("/api/v1/portfolio", json={"earned": "2025-01-01"}), 400)
    assert_error(client.post("/api/v1/portfolio", json={"id": "pmle", "earned": "yesterday"}), 422)


BADGE = ob2_badge()


def test_portfolio_badges_upload(client):
    files = [("files", ("pmle.json", json.dumps(BADGE).encode(), "application/json"))]
    r = client.post("/api/v1/portfolio/badges", files=files)
    assert r.status_code == 201, r.text
    (row,) = r.json()["imported"]
    assert row["id"] == "google-ml-engineer" and row["source"] == "badge" and row["matched"]
    assert client.get("/api/v1/portfolio").json()["entries"][0]["source"] == "badge"


def test_portfolio_badges_limits(client):
    png = [("files", ("badge.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"))]
    assert "JSON" in assert_error(client.post("/api/v1/portfolio/badges", files=png), 415, "unsupported-type")["message"]
    exe = [("files", ("x.exe", b"MZ\x90\x00", "application/octet-stream"))]
    assert_error(client.post("/api/v1/portfolio/badges", files=exe), 415)
    big = [("files", ("big.json", b"{" + b" " * (600 * 1024) + b"}", "application/json"))]
    assert_error(client.post("/api/v1/portfolio/badges", files=big), 413, "too-large")
    many = [("files", (f"b{i}.json", b"{}", "application/json")) for i in range(11)]
    assert_error(client.post("/api/v1/portfolio/badges", files=many), 400)
    notbadge = [("files", ("x.json", b'{"type": "Nothing"}', "application/json"))]
    assert "x.json" in assert_error(client.post("/api/v1/portfolio/badges", files=notbadge), 400)["message"]
    assert client.get("/api/v1/portfolio").json()["entries"] == []  # nothing written on failure


# --- the contract -----------------------------------------------------------------------------

def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for p in ("/api/v1/recommend", "/api/v1/evaluate", "/api/v1/credentials", "/api/v1/credentials/{ident}",
              "/api/v1/stacks/{name}", "/api/v1/plan", "/api/v1/roi", "/api/v1/audit", "/api/v1/portfolio"):
        assert p in paths, p
    assert "ErrorResponse" in doc["components"]["schemas"]
    assert not any(p.startswith("/catalog") or p == "/" for p in paths)  # pages are not API


def test_unknown_endpoint_and_method(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not-found")
    assert_error(client.put("/api/v1/recommend", json={}), 405)


def test_crash_is_500_in_the_same_shape_without_a_trace(catalog, monkeypatch):
    from certwise.web import services

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "recommend_data", boom)
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY), raise_server_exceptions=False) as c:
        err = assert_error(c.post("/api/v1/recommend", json={}), 500, "internal")
        assert "secret" not in err["message"]


def test_evaluate_with_a_profile_adds_the_fit(client):
    r = client.post("/api/v1/evaluate", json={"id": "google-ml-engineer", "profile": {"role": "career-changer"}})
    assert r.status_code == 200
    fit = r.json()["fit"]
    assert fit["verdict"] == "not-for-you" and fit["instead"] and any(a.startswith("goal") for a in fit["assumed"])
    assert_error(client.post("/api/v1/evaluate", json={"name": "X", "profile": {"role": "developer"}}), 400)
    assert_error(client.post("/api/v1/evaluate", json={"id": "pmle", "profile": {"role": "wizard"}}), 422)
