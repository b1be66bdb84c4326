"""`certwise serve --workers N`: several processes answer, sharing one store (SQLite or PostgreSQL),
and all of them stop with the server."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _call(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"content-type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=20) as r:  # a new connection each time
        return r.status, json.loads(r.read())


def _group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def served(url, tmp_path):
    """``certwise serve --workers 2`` on a free port over ``url``; its base address."""
    env = {**os.environ, "CERTWISE_DATABASE_URL": url, "CERTWISE_DATA_DIR": str(tmp_path / "data"),
           "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "certwise.cli.main", "serve", "--port", "0", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)  # its own process group: stopped by its id below
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "the server printed nothing"
        line = proc.stdout.readline()
        assert line.startswith("certwise is running at http://127.0.0.1:") and "2 workers" in line, line
        base = line.split()[4].rstrip("/")
        deadline = time.monotonic() + 60
        while len(_children(proc.pid) - {p for p in _children(proc.pid) if _is_tracker(p)}) < 2:
            assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read() if proc.poll() else ""
            time.sleep(0.2)
        yield proc, base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def _is_tracker(pid: int) -> bool:
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True


def test_two_workers_share_the_store_and_stop_cleanly(served):
    proc, base = served
    workers = {p for p in _children(proc.pid) if not _is_tracker(p)}
    assert len(workers) == 2, workers
    status, listing = _call(base, "GET", "/api/v1/credentials")
    assert status == 200 and len(listing["credentials"]) > 50
    status, added = _call(base, "POST", "/api/v1/portfolio", {"id": "pmle", "earned": "2025-01-15"})
    assert status == 201 and added["id"] == "google-ml-engineer"
    # new connections land on either worker: every one of them sees the entry the other wrote
    for _ in range(12):
        status, portfolio = _call(base, "GET", "/api/v1/portfolio")
        assert status == 200 and [e["id"] for e in portfolio["entries"]] == ["google-ml-engineer"]
    os.killpg(proc.pid, signal.SIGTERM)  # what Ctrl+C or a service manager sends
    assert proc.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while not _group_gone(proc.pid):  # the workers (and multiprocessing's helper) stop with it
        assert time.monotonic() < deadline, f"left running: {_children(1) & workers}"
        time.sleep(0.1)
    assert all(not Path(f"/proc/{w}").exists() for w in workers)
