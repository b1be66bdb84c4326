"""A big CTDL import on every core: worker processes map, validate and prepare the credentials,
this process reads the file, keeps its order and its file-wide rules, and stores the rows.

:func:`prepared_rows` gives what ``certwise catalog import`` hands the store. For a file of
:data:`PARALLEL_MIN_BYTES` or more, on Linux with two cores or more, that is
:class:`ParallelRows`: this process streams the nodes (:meth:`CtdlReader.jobs`: the JSON read,
the organisations noted, the pending owners) and checks each CTID and @id once, in file order;
chunks of :data:`CHUNK` nodes go to the workers, which turn each node into a
:class:`~certwise.store.overlay_rows.PreparedRow` (or the node's one-line error); the rows come
back in file order and get their final ids here (``-2``, ``-3`` … in file order, as
:meth:`Mapper.unique_id` numbers them). The result is the file's credentials in the same
order with the same ids, and the same first error, as the one-process reader gives. Smaller
files are read in this process: starting workers costs more than they save.

Workers are started (forked) on entering, before any thread of this process is (a progress
bar's), ignore Ctrl-C (this process stops them), are stopped and joined on leaving, whatever
happened, and die with this process if it is killed. At most :data:`IN_FLIGHT` chunks per
worker are out at a time, so memory stays bounded however big the file.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from certwise.interop.ctdl_import import CtdlError, CtdlReader, Mapper
from certwise.interop.ctdl_values import as_list
from certwise.store.overlay_rows import PreparedRow, prepare

PARALLEL_MIN_BYTES = 4_000_000  # about 3,000 records: below that one process is quicker
CHUNK = 200  # nodes per task
IN_FLIGHT = 3  # tasks out per worker
MAX_WORKERS = 4

Job = tuple[dict[str, Any], str, bool]


def worker_count() -> int:
    """How many workers a big import uses here (0: read it in this process)."""
    if not sys.platform.startswith("linux"):  # fork is the cheap, safe start only there
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS) if cores >= 2 else 0


def prepared_rows(reader: CtdlReader) -> AbstractContextManager[Any]:
    """A context giving what to store: ``reader`` itself (credentials, one process) for a small
    file, else a :class:`ParallelRows` (prepared rows, workers started on entering)."""
    workers = worker_count()
    if workers and reader.total_bytes >= PARALLEL_MIN_BYTES:
        return ParallelRows(reader, workers)
    return nullcontext(reader)


class ParallelRows:
    """The prepared rows of ``reader``'s file, mapped by ``workers`` processes, in file order."""

    def __init__(self, reader: CtdlReader, workers: int) -> None:
        self.reader, self.workers = reader, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelRows:
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker,
                                        initargs=(self.reader.path, self.reader.verified, os.getpid()))
        for f in [self.pool.submit(_ready) for _ in range(self.workers)]:
            f.result()  # every worker forked now, before the caller starts threads
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __iter__(self) -> Iterator[PreparedRow]:
        pool = self.pool
        if pool is None:
            raise RuntimeError("ParallelRows is iterated inside its `with` block")
        reader = self.reader
        mapper = Mapper(reader.path, reader.reserved, reader.verified)
        jobs = reader.jobs(mapper)
        out: deque[Future[list[PreparedRow | str]]] = deque()
        chunk: list[Job] = []
        orgs: dict[str, str] = {}  # the organisations the chunk's nodes name, as known when each was read
        error: CtdlError | None = None
        while True:
            try:
                job = next(jobs, None)
                if job is None:
                    break
                mapper.check_seen(job[0], job[1])
            except CtdlError as e:  # after the rows before it, as the one-process reader does
                error = e
                break
            named = _named_orgs(job[0], mapper.orgs)
            if named and any(orgs.get(ref, name) != name for ref, name in named.items()):
                out.append(pool.submit(_prepare_chunk, orgs, chunk))  # an organisation renamed since
                chunk, orgs = [], {}
            orgs.update(named)
            chunk.append(job)
            if len(chunk) >= CHUNK:
                out.append(pool.submit(_prepare_chunk, orgs, chunk))
                chunk, orgs = [], {}
            while len(out) > IN_FLIGHT * self.workers:
                yield from _numbered(mapper, out.popleft().result())
        if chunk:
            out.append(pool.submit(_prepare_chunk, orgs, chunk))
        while out:
            yield from _numbered(mapper, out.popleft().result())
        if error is not None:
            raise error


def _numbered(mapper: Mapper, results: list[PreparedRow | str]) -> Iterator[PreparedRow]:
    """The rows under their final ids, in order; a node's error is raised where it stands."""
    for r in results:
        if isinstance(r, str):
            raise CtdlError(r)
        yield r.with_id(mapper.unique_id(r.id))


def _named_orgs(node: dict[str, Any], orgs: dict[str, str]) -> dict[str, str]:
    """The known organisations a node's owners and offerers name by @id (what the mapper looks up)."""
    named: dict[str, str] = {}
    if not orgs:
        return named
    for fld in ("ceterms:ownedBy", "ceterms:offeredBy"):
        for ref in as_list(node.get(fld)):
            if isinstance(ref, dict):
                ref = ref.get("@id")
            if isinstance(ref, str) and ref in orgs:
                named[ref] = orgs[ref]
    return named


# --- in a worker ---------------------------------------------------------------------------------


class _WorkerMapper(Mapper):
    """Maps nodes without numbering ids: the reading process numbers them, in file order."""

    def unique_id(self, base: str) -> str:
        return base or "ctdl-credential"


_MAPPER: _WorkerMapper | None = None
_PR_SET_PDEATHSIG = 1  # prctl(2), Linux


def _start_worker(path: Path, verified: date, parent: int) -> None:
    global _MAPPER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the reading process's to handle
    with suppress(OSError, AttributeError):  # die with the reading process, even killed (SIGKILL: no time to stop us)
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that took hold
        os._exit(1)
    _MAPPER = _WorkerMapper(path, set(), verified)


def _ready() -> bool:
    return True


def _prepare_chunk(orgs: dict[str, str], jobs: list[Job]) -> list[PreparedRow | str]:
    """Each node's prepared row; a node that cannot be imported gives its error and ends the chunk."""
    mapper = _MAPPER
    assert mapper is not None
    mapper.orgs = orgs
    out: list[PreparedRow | str] = []
    for node, where, check_text in jobs:
        try:
            out.append(prepare(mapper.build(node, where, check_text=check_text)))
        except CtdlError as e:
            out.append(str(e))
            break
    return out
