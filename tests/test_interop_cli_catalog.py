"""`certwise catalog export|import` from the command line: formats, overlay, failures, a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storeutil import external


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path, monkeypatch):
    """The overlay's pickle cache goes to the test's own folder, not the user's cache."""
    monkeypatch.setenv("CERTWISE_CACHE_DIR", str(tmp_path / "cache"))


AS_OF = "2026-11-25"


def _db() -> Path:
    return Path(os.environ["CERTWISE_DATA_DIR"]) / "certwise.db"


def _one_line_error(r, *needles):
    assert r.code == 2, (r.code, r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    for n in needles:
        assert n in lines[0], lines[0]


@pytest.mark.parametrize("fmt, key", [("ctdl", "@graph"), ("schema-org", "@graph"), ("json", "credentials")])
def test_export_formats(cli, catalog, fmt, key, tmp_path):
    r = cli("catalog", "export", "--format", fmt, "--as-of", AS_OF)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert len(doc[key]) >= len(catalog)
    out = tmp_path / f"cat.{fmt}.json"
    assert cli("catalog", "export", "--format", fmt, "-o", str(out)).code == 0
    assert json.loads(out.read_text())[key]


def test_export_json_is_the_records(cli, catalog):
    doc = json.loads(cli("catalog", "export", "--format", "json").out)
    assert [c["id"] for c in doc["credentials"]] == catalog.ids()
    from certwise.catalog.model import Credential

    assert Credential.model_validate(doc["credentials"][0]) == catalog.credentials[0]


def test_export_bad_format(cli):
    _one_line_error(cli("catalog", "export", "--format", "xml"), "--format 'xml'", "ctdl")


def test_import_fixtures_join_the_catalog(cli):
    ids = []
    for f in sorted(external("ctdl").glob("*.json")):
        r = cli("catalog", "import", str(f), "--json")
        assert r.code == 0, r.err
        res = r.json()
        assert res["imported"] == 1
        ids += res["ids"]
    shown = cli("show", ids[0], "--json", "--as-of", AS_OF)
    assert shown.code == 0, shown.err
    listed = {c["id"] for c in cli("list", "--json").json()["credentials"]}
    assert set(ids) <= listed
    # an overlay credential can go in the portfolio like any other
    assert cli("portfolio", "add", ids[0], "--earned", "2025-01-01").code == 0
    # importing the same file again replaces, it does not duplicate
    again = cli("catalog", "import", str(sorted(external("ctdl").glob("*.json"))[0]), "--json").json()
    assert again["ids"] == ids[:1]
    assert len([c for c in cli("list", "--json").json()["credentials"] if c["id"] in ids]) == len(ids)
    # --replace drops what was imported before
    cli("catalog", "import", str(external("ctdl", "3_import.json")), "--replace")
    listed = {c["id"] for c in cli("list", "--json").json()["credentials"]}
    assert len(set(ids) & listed) == 1


def test_import_human_output(cli):
    r = cli("catalog", "import", str(external("ctdl", "3_import.json")))
    assert r.code == 0 and "imported 1 credentials" in r.out


@pytest.mark.parametrize(
    "content, needles",
    [
        ('{"@graph": [{"@type": "ceterms:Certification"}]}', ("field 'ceterms:name' is missing",)),
        ('{"@graph": [', ("not valid JSON",)),
        ('{"@type": "ceterms:CredentialOrganization", "ceterms:name": "Org"}', ("no CTDL credentials found",)),
    ],
)
def test_import_bad_file_is_one_line_and_writes_nothing(cli, tmp_path, content, needles):
    good = cli("catalog", "import", str(external("ctdl", "4_import.json")), "--json").json()
    bad = tmp_path / "bad.json"
    # a good node first: it must not be kept when a later node fails
    bad.write_text(content)
    _one_line_error(cli("catalog", "import", str(bad)), *needles)
    with sqlite3.connect(_db()) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM overlay_credentials")] == good["ids"]


def test_import_missing_file_creates_nothing(cli, tmp_path):
    _one_line_error(cli("catalog", "import", str(tmp_path / "nope.json")), "no such file")
    assert not _db().exists()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # not Linux
        return []


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_killed_cli_import_leaves_the_overlay_as_it_was(cli, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_ctdl_import import generate

    assert cli("catalog", "import", str(external("ctdl", "4_import.json"))).code == 0
    big = tmp_path / "big.json"
    generate(big, 60_000)
    env = {**os.environ}
    p = subprocess.Popen([sys.executable, "-m", "certwise.cli.main", "catalog", "import", str(big), "--no-progress"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait until the importer holds the write lock (it is mid-transaction), then kill it
    deadline = time.time() + 120
    while True:
        assert p.poll() is None, p.communicate()
        assert time.time() < deadline, "the import never started writing"
        try:
            with sqlite3.connect(_db(), timeout=0.05, isolation_level=None) as conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            break  # locked: the import is writing
        time.sleep(0.05)
    time.sleep(0.5)
    workers = _children(p.pid)  # a file this big is mapped by worker processes (on Linux, 2+ cores)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    deadline = time.time() + 10
    while any(_running(w) for w in workers):  # they die with it: none is left behind
        assert time.time() < deadline, f"worker processes {workers} outlived the killed import"
        time.sleep(0.05)
    with sqlite3.connect(_db()) as conn:
        n = conn.execute("SELECT COUNT(*) FROM overlay_credentials").fetchone()[0]
    assert n == 1
    listed = cli("list", "--json", "--group", "ctdl-import").json()["credentials"]
    assert len(listed) == 1
