"""Helpers for the store tests: a fresh SQLite file or PostgreSQL schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Third-party credential-standard files (Open Badges, CTDL, schema.org), copied into the
# repository with their sources and licences (tests/fixtures/external/SOURCES.md).
SHARED_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "external"


def external(*parts: str) -> Path:
    """A file (or folder) of tests/fixtures/external; a missing one is an error, never a skip."""
    p = SHARED_FIXTURES.joinpath(*parts)
    if not p.exists():
        pytest.fail(f"test fixture {p} is missing: it ships in the repository (tests/fixtures/external)")
    return p


def postgres_base_url() -> str:
    url = os.environ.get("CERTWISE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CERTWISE_REQUIRE_POSTGRES"):
            pytest.fail("CERTWISE_REQUIRE_POSTGRES is set but CERTWISE_TEST_POSTGRES_URL is not")
        pytest.skip(
            "PostgreSQL not configured: set CERTWISE_TEST_POSTGRES_URL=postgresql+psycopg://user:pass@host/db "
            "(CI does) to run the PostgreSQL tests"
        )
    return url


def postgres_schema_url() -> Iterator[str]:
    """A throwaway schema on the test server, so parallel tests never share tables."""
    from sqlalchemy import create_engine

    base = postgres_base_url()
    schema = "cw_" + uuid.uuid4().hex[:12]
    engine = create_engine(base)
    with engine.begin() as c:
        c.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as c:
            c.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"
