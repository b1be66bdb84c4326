"""Shared fixtures: the real catalog, a CLI runner, and a private data directory per test."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner

from certwise.catalog import default_catalog

# the validated-catalog cache goes to a folder of this test session, not the user's cache
os.environ.setdefault("CERTWISE_CACHE_DIR", tempfile.mkdtemp(prefix="certwise-test-cache-"))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own CERTWISE_DATA_DIR so nothing touches the user's database."""
    monkeypatch.setenv("CERTWISE_DATA_DIR", str(tmp_path / "certwise-data"))
    monkeypatch.delenv("CERTWISE_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def catalog():
    return default_catalog()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    """A fresh store URL: a SQLite file, and a fresh PostgreSQL schema where a server is configured."""
    from storeutil import postgres_schema_url, sqlite_url

    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        yield from postgres_schema_url()


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli():
    """Run the certwise CLI in-process: ``cli("show", "pmle", "--json")`` → Result."""
    from certwise.cli.main import cli as group

    def run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        r = runner.invoke(group, list(args), input=input, prog_name="certwise")
        if r.exception and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r.exit_code, r.stdout, r.stderr)

    return run


_REQUIRED = {"postgres": "CERTWISE_REQUIRE_POSTGRES", "browser": "CERTWISE_REQUIRE_BROWSER"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (CERTWISE_REQUIRE_POSTGRES / _BROWSER set) a skipped server or browser test fails."""
    import os

    outcome = yield
    rep = outcome.get_result()
    if rep.skipped and call.when in ("setup", "call"):
        for mark, env in _REQUIRED.items():
            if item.get_closest_marker(mark) and os.environ.get(env):
                rep.outcome = "failed"
                reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
                rep.longrepr = f"{mark} test skipped but {env} is set: {reason}"
