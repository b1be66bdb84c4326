"""Build once, render twice: for every command the CLI and the API both offer, the same input
gives the same JSON (SPEC.md §4 and §5). The CLI runs in-process; the API through the ASGI client
on a store of its own; both as of the same day."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from certwise.web.app import create_app

DAY = "2026-11-25"


@pytest.fixture
def api(catalog, tmp_path, monkeypatch):
    """The API on the same SQLite file the CLI uses in this test (CERTWISE_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'faces.db'}"
    monkeypatch.setenv("CERTWISE_DATABASE_URL", url)
    with TestClient(create_app(catalog, store_url=url)) as c:
        yield c


def both(cli, api, args: list[str], method: str, path: str, **kw):
    r = cli(*args, "--json")
    assert r.code == 0, r.err
    resp = api.request(method, path, **kw)
    assert resp.status_code < 300, resp.text
    return r.json(), resp.json()


PROFILE = {"role": "developer", "cloud": "aws", "cloud_experience": "some", "years_experience": 4,
           "goal": "ml-engineering", "budget_usd": 500, "hours_per_week": 8, "held": ["aws-cloud-practitioner"]}
PROFILE_FLAGS = ["--role", "developer", "--cloud", "aws", "--cloud-experience", "some", "--years", "4",
                 "--goal", "ml-engineering", "--budget", "500", "--hours", "8", "--held", "aws-cloud-practitioner"]

# (CLI arguments, HTTP method, API path, request keywords): one row per command both faces offer.
CASES = {
    "list": (["list", "--as-of", DAY], "GET", "/api/v1/credentials", {"params": {"as_of": DAY}}),
    "list-filtered": (["list", "--provider", "aws", "--max-cost", "200", "--sort", "cost", "--as-of", DAY], "GET",
                      "/api/v1/credentials", {"params": {"provider": "aws", "max_cost": "200", "sort": "cost",
                                                         "as_of": DAY}}),
    "show": (["show", "pmle", "--as-of", DAY], "GET", "/api/v1/credentials/pmle", {"params": {"as_of": DAY}}),
    "compare": (["compare", "google-ml-engineer", "aws-ml-engineer-associate", "--as-of", DAY], "GET",
                "/api/v1/compare", {"params": {"ids": ["google-ml-engineer", "aws-ml-engineer-associate"],
                                               "as_of": DAY}}),
    "search": (["search", "aws ml", "--as-of", DAY], "GET", "/api/v1/search", {"params": {"q": "aws ml",
                                                                                           "as_of": DAY}}),
    "recommend": (["recommend", *PROFILE_FLAGS, "--as-of", DAY], "POST", "/api/v1/recommend",
                  {"json": {**PROFILE, "as_of": DAY}}),
    "evaluate-id": (["evaluate", "AI-102", "--as-of", DAY], "POST", "/api/v1/evaluate",
                    {"json": {"id": "AI-102", "as_of": DAY}}),
    "evaluate-for-me": (["evaluate", "AIF-C01", "--role", "developer", "--years", "12", "--goal", "ml-engineering",
                         "--as-of", DAY], "POST", "/api/v1/evaluate",
                        {"json": {"id": "AIF-C01", "as_of": DAY,
                                  "profile": {"role": "developer", "years_experience": 12, "goal": "ml-engineering"}}}),
    "stack-named": (["stack", "ml-engineer", "--as-of", DAY], "GET", "/api/v1/stacks/ml-engineer",
                    {"params": {"as_of": DAY}}),
    "stack-profile": (["stack", *PROFILE_FLAGS, "--as-of", DAY], "POST", "/api/v1/stacks",
                      {"json": {**PROFILE, "as_of": DAY}}),
    "plan": (["plan", "aws-ai-practitioner", "aws-ml-engineer-associate", "--start", DAY, "--hours-per-week", "6"],
             "POST", "/api/v1/plan", {"json": {"ids": ["aws-ai-practitioner", "aws-ml-engineer-associate"],
                                              "start": DAY, "hours_per_week": 6}}),
    "roi": (["roi", "google-ml-engineer", "--salary", "90000", "--as-of", DAY], "POST", "/api/v1/roi",
            {"json": {"id": "google-ml-engineer", "salary": 90000, "as_of": DAY}}),
    "audit": (["audit", "--held", "aws-cloud-practitioner", "--held", "aws-ai-practitioner", "--as-of", DAY], "POST",
              "/api/v1/audit", {"json": {"held": ["aws-cloud-practitioner", "aws-ai-practitioner"], "as_of": DAY}}),
    "portfolio-list": (["portfolio", "list", "--as-of", DAY], "GET", "/api/v1/portfolio", {"params": {"as_of": DAY}}),
    "portfolio-renewals": (["portfolio", "renewals", "--within", "90", "--as-of", DAY], "GET",
                           "/api/v1/portfolio/renewals", {"params": {"within": 90, "as_of": DAY}}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_and_api_give_the_same_json(cli, api, name):
    args, method, path, kw = CASES[name]
    if name.startswith("portfolio"):
        assert cli("portfolio", "add", "aws-ai-practitioner", "--earned", "2024-03-01").code == 0
    out, body = both(cli, api, args, method, path, **kw)
    assert out == body


def test_evaluate_a_description_is_the_same_on_both(cli, api, tmp_path):
    desc = {"name": "Certified AI Professional", "issuer": "AI Academy Online", "price_usd": 299, "hours": 6,
            "assessment": "quiz"}
    f = tmp_path / "c.json"
    import json

    f.write_text(json.dumps(desc))
    out, body = both(cli, api, ["evaluate", "--file", str(f), "--as-of", DAY], "POST", "/api/v1/evaluate",
                     json={**desc, "as_of": DAY})
    assert out == body


def test_every_api_route_with_a_cli_twin_is_walked():
    """A new endpoint that mirrors a command must join CASES (the walk stays complete)."""
    from certwise.web.api import router

    walked = {(m, p) for _, m, p, _ in CASES.values()} | {("POST", "/api/v1/evaluate")}
    for route in router.routes:
        for m in route.methods:  # type: ignore[attr-defined]
            path = route.path  # type: ignore[attr-defined]
            if path in ("/api/v1/stacks", "/api/v1/plan.ics", "/api/v1/portfolio/badges") and m != "POST" or \
                    path in ("/api/v1/plan.ics", "/api/v1/portfolio/badges", "/api/v1/portfolio",
                             "/api/v1/portfolio/{ident}") and m in ("POST", "DELETE"):
                continue  # files, or writes the CLI tests cover with their own fixtures
            if path == "/api/v1/stacks" and m == "GET":
                continue  # the list of stack names: the CLI prints it in `stack --help`
            concrete = path.replace("{ident}", "pmle").replace("{name}", "ml-engineer")
            assert (m, concrete) in walked, f"{m} {path} has no CLI twin in the walk"
