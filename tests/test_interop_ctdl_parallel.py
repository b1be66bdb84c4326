"""A big CTDL import on worker processes gives what the one-process reader gives: the same rows in
the same order under the same ids, the same first error, and no worker left behind."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

import certwise.interop.ctdl_parallel as par
from certwise.interop.ctdl_import import CtdlError, CtdlReader
from certwise.store import Store
from certwise.store.overlay_rows import prepare

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.skipif(not par.worker_count(), reason="worker processes need Linux and two cores")


def _node(i: int) -> dict:
    owner: object = [f"urn:org:{i % 3}"]
    if i % 11 == 0:
        owner = ["urn:org:late"]  # waits for its owner, named at the end
    elif i % 13 == 0:
        owner = ["urn:org:renamed"]  # named once, then again under another name
    elif i % 17 == 0:
        owner = [{"@id": "urn:org:1"}]
    return {"@id": f"https://example.org/c/{i}", "@type": "ceterms:Certification",
            "ceterms:ctid": f"ce-{i:06d}", "ceterms:ownedBy": owner,
            "ceterms:name": {"en-US": "Same Name" if i % 7 == 0 else f"Deep Learning {i}"},  # ids -2, -3 …
            "ceterms:estimatedCost": [{"ceterms:price": i % 300, "ceterms:currency": "USD"}],
            "ceterms:dateEffective": "2024-01-01"}


def _nodes(n: int = 700) -> list[dict]:
    nodes: list[dict] = [{"@id": f"urn:org:{k}", "@type": "ceterms:CredentialOrganization",
                          "ceterms:name": f"Org {k}"} for k in range(3)]
    for i in range(n):
        nodes.append(_node(i))
        if i in (300, 320):
            nodes.append({"@id": "urn:org:renamed", "@type": "ceterms:CredentialOrganization",
                          "ceterms:name": f"Renamed at {i}"})
    nodes.append({"@id": "urn:org:late", "@type": "ceterms:CredentialOrganization", "ceterms:name": "Late"})
    return nodes


def _write(tmp_path, nodes, tail: str = ""):
    p = tmp_path / "big.json"
    p.write_text('{"@graph": [' + ",\n".join(json.dumps(n) for n in nodes) + tail + "]}")
    return p


def _one_process(p):
    return [prepare(c) for c in CtdlReader(p, reserved_ids={"org-1-deep-learning-4"}, verified=TODAY)]


def _workers(p, monkeypatch):
    monkeypatch.setattr(par, "CHUNK", 64)  # many chunks, and an organisation renamed inside one
    rows = par.ParallelRows(CtdlReader(p, reserved_ids={"org-1-deep-learning-4"}, verified=TODAY), 2)
    procs: list = []
    try:
        with rows:
            procs = [w.proc for w in rows._pool]
            assert len(procs) == 2
            return list(rows)
    finally:
        assert procs and all(not proc.is_alive() for proc in procs)  # stopped and joined, error or not


@pytest.mark.parametrize("in_flight", [3, 1, 0])  # 0: every chunk mapped by the reading process
def test_the_workers_give_the_same_rows_in_the_same_order(tmp_path, monkeypatch, in_flight):
    monkeypatch.setattr(par, "IN_FLIGHT", in_flight)
    p = _write(tmp_path, _nodes())
    one = _one_process(p)
    ids = [r.id for r in one]
    assert "org-1-deep-learning-4" not in ids and "org-1-deep-learning-4-2" in ids  # reserved
    assert "org-0-same-name-2" in ids and any(i.startswith("late-") for i in ids)
    assert any(i.startswith("renamed-at-300-") for i in ids) and any(i.startswith("renamed-at-320-") for i in ids)
    assert _workers(p, monkeypatch) == one


def _error(fn):
    with pytest.raises(CtdlError) as e:
        fn()
    return str(e.value)


@pytest.mark.parametrize("spoil", ["map-then-duplicate", "duplicate-then-map", "json", "validation", "pending"])
def test_the_workers_give_the_same_first_error(tmp_path, monkeypatch, spoil):
    monkeypatch.setattr(par, "IN_FLIGHT", 1)  # chunks mapped by workers and by the reading process
    nodes, tail = _nodes(), ""
    if spoil == "map-then-duplicate":
        nodes[402]["ceterms:dateEffective"] = "soon"
        nodes[450]["ceterms:ctid"] = nodes[100]["ceterms:ctid"]
    elif spoil == "duplicate-then-map":
        nodes[402]["ceterms:ctid"] = nodes[100]["ceterms:ctid"]
        nodes[450]["ceterms:dateEffective"] = "soon"
    elif spoil == "json":
        nodes[450]["ceterms:dateEffective"] = "soon"
        tail = ", {oops"
    elif spoil == "validation":
        nodes[200]["ceterms:name"] = "x" * 301
    else:  # a credential waiting for its owner fails after the whole file is read
        nodes[14]["ceterms:dateEffective"] = "soon"
        assert nodes[14]["ceterms:ownedBy"] == ["urn:org:late"]
    p = _write(tmp_path, nodes, tail)
    one = _error(lambda: _one_process(p))
    assert one.startswith("big.json")
    assert _error(lambda: _workers(p, monkeypatch)) == one


def test_catalog_import_on_workers_stores_what_one_process_stores(tmp_path, monkeypatch, cli):
    p = _write(tmp_path, _nodes(300))
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    assert cli("catalog", "import", str(p), "--as-of", "2026-11-25").code == 0
    store = Store()
    with_workers = [c.model_dump() for c in store.overlay_credentials()]
    store.close()
    monkeypatch.setenv("CERTWISE_DATA_DIR", str(tmp_path / "other"))
    monkeypatch.setattr(par, "worker_count", lambda: 0)
    assert cli("catalog", "import", str(p), "--as-of", "2026-11-25").code == 0
    store = Store()
    assert [c.model_dump() for c in store.overlay_credentials()] == with_workers
    store.close()


def test_a_small_file_or_one_core_is_read_in_this_process(tmp_path, monkeypatch):
    p = _write(tmp_path, _nodes(5))
    reader = CtdlReader(p, verified=TODAY)
    with par.prepared_rows(reader) as rows:
        assert rows is reader
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    with par.prepared_rows(reader) as rows:
        assert rows is reader


def _boom(orgs, jobs):
    raise KeyError("a bug")


def _die(orgs, jobs):
    os._exit(3)


@pytest.mark.parametrize("worker, said", [(_boom, "failed:\nTraceback"), (_die, "stopped (exit code 3)")])
def test_a_worker_that_fails_or_dies_is_an_error_not_a_hang(tmp_path, monkeypatch, worker, said):
    p = _write(tmp_path, _nodes(100))
    monkeypatch.setattr(par, "_prepare_chunk", worker)  # the workers are forked: they run it
    with pytest.raises(RuntimeError) as e:
        _workers(p, monkeypatch)
    assert said in str(e.value)


def _die_at_start(*args):
    os._exit(3)


@pytest.mark.parametrize("where", ["_prepare_chunk", "_work"])
def test_catalog_import_whose_worker_dies_says_one_line_and_keeps_nothing(tmp_path, monkeypatch, cli, where):
    """Killed on its first chunk (this process then finds its pipe closed, reading or, a moment
    later, writing) or before it reads anything: the same one line, exit 2, nothing stored."""
    p = _write(tmp_path, _nodes(1000))
    monkeypatch.setattr(par, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(par, where, _die if where == "_prepare_chunk" else _die_at_start)  # as if killed for memory
    r = cli("catalog", "import", str(p), "--as-of", "2026-11-25")
    assert r.code == 2, r
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "worker process of the import stopped (exit code 3)" in lines[0], r.err
    assert "nothing was imported" in lines[0] and "Traceback" not in r.err
    store = Store()
    assert list(store.overlay_credentials()) == []
    store.close()
