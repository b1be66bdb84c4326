"""Shared fixtures: the real catalog, a CLI runner, and a private data directory per test."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner

from browserutil import ARGS, ARTIFACTS, CHROMIUM, TODAY
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


# --- the browser tests' fixtures (see browserutil.py) ------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from certwise.web.app import create_app

    db = tmp_path_factory.mktemp("e2e") / "portfolio.db"
    app = create_app(store_url=f"sqlite:///{db}", as_of=TODAY)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    t = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _shoot_on_failure(request, pages: list[Any], failed_before: int) -> None:
    if request.session.testsfailed <= failed_before:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    for i, pg in enumerate(pages):
        with contextlib.suppress(Exception):  # the page may be gone; the failure itself is what matters
            pg.screenshot(path=str(ARTIFACTS / f"{name}{'-' + str(i) if i else ''}.png"), full_page=True)


@pytest.fixture
def new_page(browser, server, request) -> Iterator[Any]:
    """``new_page(**context_options)``: a page in a fresh context (its own cookies). Every page
    opened this way is saved as a screenshot in test-artifacts/ when the test fails, and any
    Content-Security-Policy violation it logs fails the test."""
    failed_before = request.session.testsfailed
    contexts: list[Any] = []
    pages: list[Any] = []
    csp: list[str] = []

    def make(**options: Any) -> Any:
        options = {"base_url": server, "accept_downloads": True, "viewport": {"width": 1200, "height": 900},
                   **options}
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(15_000)
        pg.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
        pages.append(pg)
        return pg

    yield make
    _shoot_on_failure(request, pages, failed_before)
    for ctx in contexts:
        ctx.close()
    assert not csp, csp


@pytest.fixture
def page(new_page) -> Any:
    return new_page()


