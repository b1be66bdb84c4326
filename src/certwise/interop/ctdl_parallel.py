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
worker are out at a time; when every worker has that many, this process maps the next chunk
itself rather than wait (it has time to spare: reading and storing is the smaller share of
the work). At most :data:`MAX_OUT` chunks per worker are read and not yet stored, so memory
stays bounded however big the file.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from certwise.interop.ctdl_import import CtdlError, CtdlReader, Mapper
from certwise.interop.ctdl_values import as_list
from certwise.store.overlay_rows import PreparedRow, prepare

PARALLEL_MIN_BYTES = 8_000_000  # about 5,000 records: below that starting workers gains nothing measurable
CHUNK = 200  # nodes per task
IN_FLIGHT = 3  # chunks out at each worker; when all have as many, this process maps the next itself
PIPE_BYTES = 1 << 20  # each pipe's buffer (Linux's most for anyone): three chunks of ordinary records fit
MAX_OUT = 6  # chunks per worker read and not yet stored, at most (mapped here while a worker lags)
MAX_WORKERS = 4

Job = tuple[dict[str, Any], str, bool]


class WorkerFailed(RuntimeError):
    """A worker process of the import stopped or failed (killed, out of memory, a bug): the
    import is abandoned and, since rows are stored in one transaction, nothing is kept."""


def worker_count() -> int:
    """How many workers a big import uses here (0: read it in this process)."""
    if not sys.platform.startswith("linux"):  # fork is the cheap, safe start only there
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores - 1, MAX_WORKERS)  # this process maps chunks too when the workers are full


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
        self._pool: list[_Worker] = []

    def __enter__(self) -> ParallelRows:
        ctx = multiprocessing.get_context("fork")
        try:
            for _ in range(self.workers):
                self._pool.append(_Worker(ctx, self.reader.path, self.reader.verified))
        except BaseException:
            self._stop(hurry=True)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop(hurry=exc is not None)

    def _stop(self, *, hurry: bool) -> None:
        """Stop every worker and wait for it: asked to when all went well, terminated otherwise."""
        pool, self._pool = self._pool, []
        for w in pool:
            w.stop(hurry=hurry)
        for w in pool:
            w.join()

    def __iter__(self) -> Iterator[PreparedRow]:
        pool = self._pool
        if not pool:
            raise RuntimeError("ParallelRows is iterated inside its `with` block")
        reader = self.reader
        mapper = Mapper(reader.path, reader.reserved, reader.verified)
        own = _WorkerMapper(reader.path, set(), reader.verified)  # for the chunks mapped here
        jobs = reader.jobs(mapper)
        # each chunk not yet stored, in file order: its rows (mapped here) or the worker mapping it
        out: deque[_Worker | list[PreparedRow | str]] = deque()
        busy = [0]  # chunks out at the workers
        sent = 0

        def dispatch(orgs: dict[str, str], chunk: list[Job]) -> Iterator[PreparedRow]:
            """Store what is ready, then hand the chunk to the next worker, or map it here when
            every worker has its fill (this process would otherwise wait for them)."""
            nonlocal sent
            yield from drain(block=False)
            if busy[0] < IN_FLIGHT * len(pool):
                out.append(pool[sent % len(pool)].send(orgs, chunk))
                sent += 1
                busy[0] += 1
            else:
                out.append(_prepare_with(own, orgs, chunk))
            if len(out) > MAX_OUT * len(pool):  # a worker far behind: wait for it
                yield from drain(block=True, keep=MAX_OUT * len(pool))

        def drain(*, block: bool, keep: int = 0) -> Iterator[PreparedRow]:
            while len(out) > keep:
                head = out[0]
                if isinstance(head, _Worker):
                    if not block and not head.ready():
                        return
                    busy[0] -= 1
                    rows = head.receive()
                else:
                    rows = head
                out.popleft()
                yield from _numbered(mapper, rows)

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
                yield from dispatch(orgs, chunk)  # an organisation renamed since
                chunk, orgs = [], {}
            orgs.update(named)
            chunk.append(job)
            if len(chunk) >= CHUNK:
                yield from dispatch(orgs, chunk)
                chunk, orgs = [], {}
        if chunk:
            yield from dispatch(orgs, chunk)
        yield from drain(block=True)
        if error is not None:
            raise error


class _Worker:
    """One worker process and its two pipes; this process talks to it from one thread only.

    Chunks go in and rows come out pickled, in the order sent. The worker reads its pipe in a
    thread of its own and writes back from another, so neither side waits on the other's
    pipe while it works: no deadlock, and no thread here.
    """

    def __init__(self, ctx: Any, path: Path, verified: date) -> None:
        tasks_in, self.tasks = ctx.Pipe(duplex=False)
        self.results, results_out = ctx.Pipe(duplex=False)
        import fcntl  # Unix only, as workers are (see worker_count)

        for end in (self.tasks, self.results):  # room for the chunks out at once: a write seldom waits
            with suppress(OSError, AttributeError):
                fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self.proc = ctx.Process(target=_work, args=(tasks_in, results_out, path, verified, os.getpid()),
                                name="certwise-ctdl-worker", daemon=True)
        self.proc.start()
        tasks_in.close()  # the worker's ends: closed here, so its death reads as the end of its pipe
        results_out.close()

    def send(self, orgs: dict[str, str], chunk: list[Job]) -> _Worker:
        try:
            self.tasks.send_bytes(pickle.dumps((orgs, chunk), pickle.HIGHEST_PROTOCOL))
        except OSError:  # its end of the pipe is gone (killed): the same error as a receive finds
            raise self._stopped() from None
        return self

    def _stopped(self) -> WorkerFailed:
        self.proc.join(1)
        return WorkerFailed(f"a worker process of the import stopped (exit code {self.proc.exitcode})")

    def ready(self) -> bool:
        """Is the answer to the oldest chunk sent here in (or the worker gone)?"""
        return bool(self.results.poll())

    def receive(self) -> list[PreparedRow | str]:
        try:
            kind, value = pickle.loads(self.results.recv_bytes())
        except (EOFError, OSError):
            raise self._stopped() from None
        if kind == "crash":
            raise WorkerFailed(f"a worker process of the import failed:\n{value}")
        return value  # type: ignore[no-any-return]

    def stop(self, *, hurry: bool) -> None:
        if not hurry:
            with suppress(OSError):
                self.tasks.send_bytes(b"")  # the end: it leaves once the chunks before are done
        if hurry or not self.proc.is_alive():
            self.proc.terminate()

    def join(self) -> None:
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.tasks.close()
        self.results.close()


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


def _work(tasks: Any, results: Any, path: Path, verified: date, parent: int) -> None:
    """A worker's life: chunks in, rows out, until the empty message (or its pipe's end)."""
    _start_worker(path, verified, parent)
    inbox: queue.SimpleQueue[bytes] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def read() -> None:
        try:
            while True:
                data = tasks.recv_bytes()
                inbox.put(data)
                if not data:
                    return
        except (EOFError, OSError):
            inbox.put(b"")

    def write() -> None:
        with suppress(OSError):
            while (data := outbox.get()) is not None:
                results.send_bytes(data)

    threading.Thread(target=read, daemon=True).start()
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    while data := inbox.get():
        try:
            answer: tuple[str, Any] = ("rows", _prepare_chunk(*pickle.loads(data)))
        except BaseException:  # a bug: said once, in the reading process
            outbox.put(pickle.dumps(("crash", traceback.format_exc()), pickle.HIGHEST_PROTOCOL))
            break
        outbox.put(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    outbox.put(None)
    writer.join()


def _prepare_chunk(orgs: dict[str, str], jobs: list[Job]) -> list[PreparedRow | str]:
    """In a worker: each node's prepared row (see :func:`_prepare_with`)."""
    assert _MAPPER is not None
    return _prepare_with(_MAPPER, orgs, jobs)


def _prepare_with(mapper: _WorkerMapper, orgs: dict[str, str], jobs: list[Job]) -> list[PreparedRow | str]:
    """Each node's prepared row; a node that cannot be imported gives its error and ends the chunk."""
    mapper.orgs = orgs
    out: list[PreparedRow | str] = []
    for node, where, check_text in jobs:
        try:
            out.append(prepare(mapper.build(node, where, check_text=check_text)))
        except CtdlError as e:
            out.append(str(e))
            break
    return out
