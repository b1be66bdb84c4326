"""Schemathesis against the API in-process (issue 11, Tests): every operation of
``/api/v1/openapi.json`` gets generated requests (valid and invalid ones); none may be answered
with a 5xx, and answers must match what the document states.

Bounded and deterministic: ``max_examples`` per operation, ``derandomize=True`` (the same examples
on every run), no example database, no deadline (the first request of an app pays for warm-up).
"""

from __future__ import annotations

from datetime import date

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from certwise.catalog import default_catalog
from certwise.web.app import create_app

APP = create_app(default_catalog(), store_url="sqlite://", as_of=date(2026, 11, 25))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)

# Every response check schemathesis has except two, left out for these reasons (run them by adding
# them here; on 2026-12-01 they reported the following, none of it a crash or a wrong answer):
# * positive_data_acceptance (ST202, "schema-valid request rejected"): the schema cannot say which
#   strings are catalog ids or aliases (``"id": ""`` or an unknown id is a 400 naming the field),
#   that compare needs two ids, that an entry needs an id or a name and issuer, or which uploaded
#   bytes are a badge (415). Those are answers about the catalog and the files, not the shape.
# * negative_data_rejection (ST201, "schema-violating request accepted"): the API is lenient where
#   that harms nobody: ``as_of=`` (empty) means today, and pydantic reads ``"as_of": 0`` in a body as
#   1970-01-01. Making those 422s would break clients that work today; it is a separate decision.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=15, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_answers_as_documented(case):
    case.call_and_validate(checks=CHECKS)
