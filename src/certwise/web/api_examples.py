"""Example requests and answers for every operation of the JSON API, for its OpenAPI document
(and so the interactive docs at ``/api/v1/docs``).

The requests are written here; the answers in ``api_examples.json`` are the engine's real
answers to them (as of :data:`AS_OF`, on the shipped catalog, in a fresh portfolio), with long
lists cut to their first items by :func:`trim`. ``tests/test_web_docs.py`` re-runs every request
and fails when the file is out of date (``CERTWISE_UPDATE_SNAPSHOTS=1`` rewrites it).

:func:`install` adds them to an app's OpenAPI document, keyed by method and path, so the route
declarations in :mod:`certwise.web.api` stay as they are.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

ANSWERS_FILE = Path(__file__).with_name("api_examples.json")
AS_OF = "2026-11-25"
KEEP = 2  # items kept of a long list in an example answer


class Example:
    """One operation's example: path/query parameters, a body, the success status."""

    def __init__(self, params: dict[str, Any] | None = None, body: Any = None, status: int = 200,
                 summary: str = "", media: str = "application/json") -> None:
        self.params = params or {}
        self.body = body
        self.status = status
        self.summary = summary
        self.media = media


BADGE_FILE = "my-badge.json"  # examples/my-badge.json: an Open Badges 3.0 credential

# In the order a reader would try them (the portfolio ones build on each other).
EXAMPLES: dict[tuple[str, str], Example] = {
    ("get", "/api/v1/credentials"): Example({"ecosystem": "aws", "level": "associate", "as_of": AS_OF}),
    ("get", "/api/v1/credentials/{ident}"): Example({"ident": "google-ml-engineer", "as_of": AS_OF}),
    ("get", "/api/v1/compare"): Example({"ids": ["google-ml-engineer", "aws-ml-engineer-associate"],
                                         "as_of": AS_OF}),
    ("get", "/api/v1/search"): Example({"q": "ai-102", "limit": 3, "as_of": AS_OF}),
    ("post", "/api/v1/recommend"): Example(body={
        "role": "developer", "years_experience": 4, "cloud": "gcp", "cloud_experience": "some",
        "goal": "ml-engineering", "as_of": AS_OF, "limit": 3}, summary="A developer on Google Cloud"),
    ("post", "/api/v1/evaluate"): Example(body={
        "name": "AI Certified Professional", "issuer": "Global AI Academy", "price_usd": 499, "hours": 6,
        "assessment": "quiz", "hands_on": False, "as_of": AS_OF}, summary="A credential you are being sold"),
    ("get", "/api/v1/stacks"): Example(),
    ("get", "/api/v1/stacks/{name}"): Example({"name": "ml-engineer", "as_of": AS_OF}),
    ("post", "/api/v1/stacks"): Example(body={"role": "data-professional", "years_experience": 3, "cloud": "azure",
                                              "goal": "data-to-ai", "as_of": AS_OF}, summary="A data analyst on Azure"),
    ("post", "/api/v1/plan"): Example(body={"ids": ["aws-ai-practitioner"], "start": "2026-12-01",
                                            "hours_per_week": 5}, summary="One credential, 5 hours a week"),
    ("post", "/api/v1/plan.ics"): Example(body={"ids": ["aws-ai-practitioner"], "start": "2026-12-01",
                                                "hours_per_week": 5}, media="text/calendar",
                                          summary="The same plan for a calendar"),
    ("post", "/api/v1/roi"): Example(body={"id": "google-ml-engineer", "salary": 120000, "as_of": AS_OF},
                                     summary="On a $120,000 salary"),
    ("post", "/api/v1/audit"): Example(body={"held": ["aws-cloud-practitioner", "aws-ai-practitioner"],
                                             "as_of": AS_OF}, summary="Two AWS credentials"),
    ("post", "/api/v1/portfolio"): Example(body={"id": "aws-cloud-practitioner", "earned": "2024-02-01",
                                                 "as_of": AS_OF}, status=201, summary="A credential you hold"),
    ("get", "/api/v1/portfolio"): Example({"as_of": AS_OF}),
    ("get", "/api/v1/portfolio/renewals"): Example({"within": 3650, "as_of": AS_OF}),
    ("post", "/api/v1/portfolio/badges"): Example({"as_of": AS_OF}, body={"files": [BADGE_FILE]}, status=201,
                                                  media="multipart/form-data", summary="An Open Badges file"),
    ("delete", "/api/v1/portfolio/{ident}"): Example({"ident": "aws-cloud-practitioner", "as_of": AS_OF}),
}


def trim(value: Any) -> Any:
    """The answer with every list cut to its first :data:`KEEP` items (an example, not the data)."""
    if isinstance(value, dict):
        return {k: trim(v) for k, v in value.items()}
    if isinstance(value, list):
        return [trim(v) for v in value[:KEEP]]
    return value


def load_answers() -> dict[str, Any]:
    """``{"METHOD path": answer}`` from :data:`ANSWERS_FILE`."""
    return json.loads(ANSWERS_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def key(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def add_examples(doc: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Put each operation's example parameters, body and answer into an OpenAPI document."""
    for (method, path), ex in EXAMPLES.items():
        op = doc.get("paths", {}).get(path, {}).get(method)
        if op is None:
            continue
        for p in op.get("parameters", []):
            if p["name"] in ex.params:
                p["example"] = ex.params[p["name"]]
        if ex.body is not None and "requestBody" in op:
            for media, content in op["requestBody"].get("content", {}).items():
                body = ex.body
                if media == "multipart/form-data":  # a file field: show it as the file's content
                    body = {"files": ["(the contents of a badge file, e.g. examples/" + BADGE_FILE + ")"]}
                content["examples"] = {"example": {"summary": ex.summary or "Example", "value": body}}
        answer = answers.get(key(method, path))
        if answer is not None:
            response = op.setdefault("responses", {}).setdefault(str(ex.status), {"description": "OK"})
            response.setdefault("content", {}).setdefault(ex.media if ex.media != "multipart/form-data"
                                                          else "application/json", {})["example"] = answer
    return doc


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` carry the examples (computed once, like FastAPI's own)."""
    plain: Callable[[], dict[str, Any]] = app.openapi
    done: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        if not done:
            app.openapi_schema = add_examples(copy.deepcopy(plain()), load_answers())
            done.append(app.openapi_schema)
        return done[0]

    app.openapi = openapi  # type: ignore[method-assign]
