"""The PostgreSQL server going away in the middle of a command, made deterministic: certwise talks
to the server through a small TCP relay of this test's own, and the relay is cut right after the
command's first INSERT. The command must end in one line (exit 2 on the CLI, 503 on the API) and the
database must hold nothing of the change: the write is one transaction.

A database written by a newer certwise (an unknown Alembic revision) is refused on PostgreSQL as on
SQLite, and never modified."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from certwise.store.db import Store
from certwise.store.entries import StoreUnavailable
from storeutil import postgres_schema_url

pytestmark = pytest.mark.postgres


class Relay:
    """Forwards loopback connections to the PostgreSQL server until ``cut()``: then every open
    connection is closed at once and new ones are refused, as when the server stops."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.socks: list[socket.socket] = []
        self.lock = threading.Lock()
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if not self.open:
                    client.close()
                    continue
                server = socket.create_connection(self.target)
                self.socks += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self.lock:
            self.open = False
            for s in self.socks:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.socks.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def schema_url() -> Iterator[str]:
    yield from postgres_schema_url()


@pytest.fixture
def relayed(schema_url) -> Iterator[tuple[str, Relay]]:
    """(the same database's URL through the relay, the relay)."""
    parts = urlsplit(schema_url)
    relay = Relay(parts.hostname or "127.0.0.1", parts.port or 5432)
    netloc = f"{parts.username}:{parts.password}@127.0.0.1:{relay.port}"
    try:
        yield urlunsplit(parts._replace(netloc=netloc)), relay
    finally:
        relay.close()


@pytest.fixture
def cut_after_first_insert(relayed) -> Iterator[list[str]]:
    """Cut the relay right after the first INSERT into the portfolio that goes through it."""
    _, relay = relayed
    seen: list[str] = []

    def after(conn, cursor, statement, *args):
        through_relay = f":{relay.port}/" in str(conn.engine.url.render_as_string(hide_password=True))
        if through_relay and not seen and statement.lstrip().upper().startswith("INSERT INTO PORTFOLIO_ENTRIES"):
            seen.append(statement)
            relay.cut()

    event.listen(Engine, "after_cursor_execute", after)
    yield seen
    event.remove(Engine, "after_cursor_execute", after)


def _names(url: str) -> list[str]:
    with Store(url) as s:
        return sorted(e.name for e in s.list_entries())


def _export(entries: list[tuple[str, str]]) -> dict:
    return {"format": "certwise-portfolio", "version": 1,
            "entries": [{"id": cid, "state": "planned", "name": name} for cid, name in entries]}


def test_the_server_stopping_mid_import_is_one_line_and_nothing_is_written(relayed, schema_url, cut_after_first_insert,
                                                                           cli, catalog, tmp_path, monkeypatch):
    url, _ = relayed
    with Store(schema_url) as s:  # one entry there before, straight to the server
        s.add_entry(catalog.get("aws-ai-practitioner"), state="planned")
    before = _names(schema_url)
    f = tmp_path / "portfolio.json"
    f.write_text(json.dumps(_export([("google-ml-engineer", "Professional Machine Learning Engineer"),
                                     ("azure-ai-fundamentals", "Azure AI Fundamentals"),
                                     ("aws-genai-developer", "AWS Certified Generative AI Developer")])))
    monkeypatch.setenv("CERTWISE_DATABASE_URL", url)
    r = cli("portfolio", "import", str(f))
    assert cut_after_first_insert, "the command never reached its first INSERT"
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "lost its connection" in lines[0] and "nothing was written" in lines[0], r.err
    assert "Traceback" not in r.err + r.out
    assert _names(schema_url) == before  # the relay is gone; read straight from the server


def test_the_server_stopping_mid_add_is_503_on_the_api(relayed, schema_url, cut_after_first_insert):
    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    url, _ = relayed
    with TestClient(create_app(store_url=url)) as c:
        r = c.post("/api/v1/portfolio", json={"id": "google-ml-engineer", "state": "planned"})
    assert cut_after_first_insert
    assert r.status_code == 503, r.text
    err = r.json()["error"]
    assert "lost its connection" in err["message"]
    assert _names(schema_url) == []


def test_a_newer_certwise_database_on_postgresql_is_refused_and_left_alone(schema_url, cli, monkeypatch):
    Store(schema_url).close()  # create the tables
    engine = create_engine(schema_url)
    with engine.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff99'")
        tables = sorted(r[0] for r in c.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
    with pytest.raises(StoreUnavailable) as e:
        Store(schema_url)
    assert e.value.reason == "newer"
    monkeypatch.setenv("CERTWISE_DATABASE_URL", schema_url)
    r = cli("portfolio", "list")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "newer certwise" in r.err
    assert cli("list", "--json").code == 0  # the catalog still works
    with engine.begin() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "ffff99"
        assert sorted(r[0] for r in c.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) == tables
    engine.dispose()
