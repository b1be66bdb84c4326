"""A broken store never takes the catalog down (issue 11, point 3).

Each case — a corrupt file, a file cut in half, an unwritable data folder, an unwritable
cache folder, a database written by a newer certwise — is set up in the test's own data
folder. Catalog and advice commands and pages keep working on the built-in catalog; the
portfolio says in one line what is wrong (CLI exit 2, API 503 ``store-unavailable``); a newer
database is never modified.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from certwise.catalog.model import EXAMPLE, Credential
from certwise.store import Store, StoreUnavailable
from certwise.web.app import create_app

AS_OF = ("--as-of", "2026-12-01")

CATALOG_COMMANDS = [
    ("list", "--json"),
    ("show", "pmle", "--json"),
    ("search", "aws", "ml", "--json"),
    ("compare", "pmle", "mla-c01", "--json"),
    ("recommend", "--json", *AS_OF),
    ("evaluate", "pmle", "--json", *AS_OF),
    ("stack", "ml-engineer", "--json", *AS_OF),
    ("plan", "aws-ai-practitioner", "--json", *AS_OF),
    ("roi", "google-ml-engineer", "--salary", "100000", "--json", *AS_OF),
    ("faq", "--json", *AS_OF),
]

PORTFOLIO_COMMANDS = [
    ("portfolio", "list", "--json"),
    ("portfolio", "add", "pmle", "--earned", "2025-01-15"),
    ("portfolio", "plan", "pmle"),
    ("portfolio", "renewals"),
    ("portfolio", "export"),
    ("portfolio", "remove", "pmle"),
]

PAGES = ["/", "/catalog", "/credentials/pmle", "/compare?ids=pmle,mla-c01", "/faq", "/roadmap",
         "/plan?ids=aws-ai-practitioner"]


def _overlay_cred(i: int) -> Credential:
    data = json.loads(json.dumps(EXAMPLE))
    data.update(id=f"fault-overlay-{i}", name=f"Fault Overlay {i}", origin="overlay")
    return Credential.model_validate(data)


def _data_dir() -> Path:
    return Path(os.environ["CERTWISE_DATA_DIR"])


def _valid_db(rows: int = 40) -> Path:
    """A certwise database with an entry and an overlay of ``rows`` credentials (several pages)."""
    path = _data_dir() / "certwise.db"
    with Store(f"sqlite:///{path}") as s:
        s.add_entry(name="Robots", issuer="Acme", earned=None, state="planned")
        s.add_overlay(_overlay_cred(i) for i in range(rows))
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return path


def _corrupt() -> str:
    path = _data_dir() / "certwise.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(bytes(range(256)) * 64)
    return "is not a certwise database (corrupt or not SQLite)"


def _truncated() -> str:
    path = _valid_db()
    data = path.read_bytes()
    assert len(data) >= 8 * 4096
    path.write_bytes(data[: len(data) // 2])
    return "is not a certwise database (corrupt or not SQLite)"


def _unwritable_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # a file where the data folder should be (chmod does not stop root, this does)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CERTWISE_DATA_DIR", str(blocker / "certwise"))
    return "cannot be written"


def _newer() -> str:
    path = _valid_db()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff99'")
    conn.commit()
    conn.close()
    return "was created by a newer certwise (revision ffff99)"


@pytest.fixture(params=["corrupt", "truncated", "unwritable-data-dir", "newer"])
def broken(request, tmp_path, monkeypatch) -> str:
    """A broken store in the test's data folder; the value is what the error must say."""
    monkeypatch.setenv("CERTWISE_CACHE_DIR", str(tmp_path / "cache"))
    if request.param == "corrupt":
        return _corrupt()
    if request.param == "truncated":
        return _truncated()
    if request.param == "unwritable-data-dir":
        return _unwritable_dir(tmp_path, monkeypatch)
    return _newer()


def _snapshot() -> dict[str, tuple[bytes, int]]:
    path = _data_dir() / "certwise.db"
    return {"db": (path.read_bytes(), path.stat().st_mtime_ns)} if path.is_file() else {}


def test_catalog_and_advice_commands_work_on_the_builtin_catalog(broken, cli):
    before = _snapshot()
    for args in CATALOG_COMMANDS:
        r = cli(*args)
        assert r.code == 0, (args, r.err)
        json.loads(r.out)
        store_lines = [line for line in r.err.splitlines() if "portfolio database" in line]
        assert len(store_lines) <= 1 and "Traceback" not in r.err, (args, r.err)  # at most one line about it
        for line in store_lines:
            assert line.startswith("certwise: warning: the catalog overlay was skipped:") and broken in line
    assert not any(c["id"].startswith("fault-overlay") for c in cli("list", "--json").json()["credentials"])
    assert _snapshot() == before


def test_portfolio_commands_say_what_is_wrong_in_one_line(broken, cli, tmp_path):
    before = _snapshot()
    ctdl = tmp_path / "empty.json"
    ctdl.write_text("{}")
    for args in [*PORTFOLIO_COMMANDS, ("catalog", "import", str(ctdl))]:
        r = cli(*args)
        assert r.code == 2, (args, r.out, r.err)
        lines = r.err.strip().splitlines()
        assert len(lines) == 1, (args, r.err)
        assert lines[0].startswith("certwise: error: the portfolio database at ") and broken in lines[0], lines
        assert "CERTWISE_DATABASE_URL elsewhere" in lines[0]
    assert _snapshot() == before


def test_the_web_catalog_works_and_the_portfolio_answers_503(broken):
    before = _snapshot()
    with TestClient(create_app(None, store_url=None, as_of=None)) as c:
        for page in PAGES:
            r = c.get(page)
            assert r.status_code == 200, (page, r.status_code)
        assert c.get("/api/v1/credentials/pmle").status_code == 200
        assert c.post("/api/v1/recommend", json={"role": "developer"}).status_code == 200
        ids = {x["id"] for x in c.get("/api/v1/credentials").json()["credentials"]}
        assert not any(i.startswith("fault-overlay") for i in ids)
        for method, path, body in [("GET", "/api/v1/portfolio", None),
                                   ("POST", "/api/v1/portfolio", {"id": "pmle", "earned": "2025-01-15"}),
                                   ("DELETE", "/api/v1/portfolio/pmle", None),
                                   ("GET", "/api/v1/portfolio/renewals", None)]:
            r = c.request(method, path, json=body)
            assert r.status_code == 503, (method, path, r.text)
            err = r.json()
            assert set(err) == {"error"} and err["error"]["code"] == "store-unavailable"
            assert err["error"]["fields"] == [] and broken in err["error"]["message"]
        page = c.get("/portfolio")
        assert page.status_code == 503 and broken in page.text.replace("&#39;", "'")
        assert "Traceback" not in page.text
    assert _snapshot() == before


def test_a_newer_database_is_never_modified_nor_migrated(tmp_path):
    path = tmp_path / "certwise-data" / "certwise.db"
    _newer()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for _ in range(2):
        with pytest.raises(StoreUnavailable) as e:
            Store(f"sqlite:///{path}")
        assert e.value.reason == "newer" and str(path) in e.value.message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("ffff99",)
    conn.close()


@pytest.mark.parametrize("cache", ["file", "under-a-file"])
def test_an_unwritable_cache_folder_changes_nothing(cache, tmp_path, monkeypatch, cli):
    _valid_db(rows=3)
    blocker = tmp_path / "cache-file"
    blocker.write_text("x")
    monkeypatch.setenv("CERTWISE_CACHE_DIR", str(blocker if cache == "file" else blocker / "certwise"))
    for args in CATALOG_COMMANDS:
        r = cli(*args)
        assert r.code == 0 and "warning" not in r.err and "Traceback" not in r.err, (args, r.err)
    assert any(c["id"] == "fault-overlay-0" for c in cli("list", "--json").json()["credentials"])
    r = cli("portfolio", "list", "--json")
    assert r.code == 0 and r.err == "" and [e["name"] for e in r.json()["entries"]] == ["Robots"]
    with TestClient(create_app(None, store_url=None, as_of=None)) as c:
        assert c.get("/catalog").status_code == 200 and c.get("/portfolio").status_code == 200
        assert c.get("/api/v1/portfolio").status_code == 200


@pytest.mark.parametrize(("error", "reason", "words"), [
    (sqlite3.OperationalError("database or disk is full"), "full", "the disk is full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "unwritable", "read-only"),
    (sqlite3.OperationalError("unable to open database file"), "unwritable", "read-only"),
    (sqlite3.DatabaseError("database disk image is malformed"), "corrupt", "corrupt"),
    (OSError(28, "No space left on device"), "full", "the disk is full"),
    (OSError(13, "Permission denied"), "unwritable", "read-only directory"),
])
def test_each_database_fault_is_worded(error, reason, words):
    from certwise.store.faults import fault_for

    fault = fault_for(error, "/data/certwise.db")
    assert fault is not None and fault.reason == reason and words in fault.message
    assert fault.message.startswith("the portfolio database at /data/certwise.db ") and "\n" not in fault.message
    assert fault_for(sqlite3.IntegrityError("UNIQUE constraint failed"), "x") is None  # a bug stays a bug


def test_a_database_server_that_does_not_answer_is_503_on_the_web():
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    with TestClient(create_app(None, store_url=url, as_of=None)) as c:
        assert c.get("/catalog").status_code == 200
        r = c.get("/api/v1/portfolio")
        assert r.status_code == 503 and r.json()["error"]["code"] == "store-unavailable"
        assert "cannot be reached" in r.json()["error"]["message"] and "secret" not in r.text


def test_audit_of_a_broken_portfolio_says_it_in_one_line(cli, tmp_path, monkeypatch):
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("CERTWISE_DATABASE_URL", f"sqlite:///{db}")
    r = cli("audit")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "not a certwise database" in r.err


def test_a_connection_the_server_drops_mid_command_is_worded_as_such():
    import psycopg

    from certwise.store.faults import fault_for

    err = psycopg.OperationalError("terminating connection due to administrator command")
    fault = fault_for(err, "postgresql://db.example/certwise")
    assert fault is not None and "lost its connection" in str(fault) and "nothing was written" in str(fault)
    assert "\n" not in str(fault)
