"""The web app under load, against FastAPI's own ceiling measured in the same run (issue 12, point 1).

Starts three servers on loopback, each a subprocess in its own process group:

* a minimal FastAPI app with one ``async`` POST endpoint that reads a small JSON body and
  returns small JSON (the framework's ceiling on this machine, served by the same uvicorn
  settings),
* ``certwise serve`` (one worker) with a fresh SQLite store in a temporary data directory, and
* ``certwise serve --workers 2`` beside it,

then drives each endpoint with 32 connections and prints requests/s and latency percentiles.
Each endpoint is measured in 2 s slices, in turn with the baseline, round after round, so that
a load from other programs that comes and goes weighs on all alike. The load generator is
``wrk`` (installed with apt-get when missing and running as root); without it a bounded asyncio
one in this file takes its place (it costs CPU on the same machine, so its figures are lower).

Measured: the baseline; ``POST /api/v1/recommend`` with one realistic profile (after the first
request it is answered from what the worker kept, see certwise.web.page_cache), the same with 2
workers, and with a new profile on every request (the engine's own cost, informational);
``GET /api/v1/credentials``; a credential page; the results page, kept and (informational)
rendered every request. The p99 figures come from one
uninterrupted run each of the baseline and recommend.

Targets (ratios to the baseline of the same run): recommend ≥ 50% of the baseline's
requests/s and p99 < 50 ms; the catalog list, a credential page and the results page ≥ 35%.
Everything started is stopped by process group, also on error. ``BENCH_LOAD_SECONDS``
changes the seconds per endpoint (default 8); the whole script runs in under two minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import figure  # noqa: E402

SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "8"))
SLICE = 2.0  # seconds: each endpoint is measured in slices, in turn with the baseline
ROUNDS = max(1, round(SECONDS / SLICE))
WARMUP = 20  # sequential requests to each target first (the servers load the catalog at start)
TAIL = 6.0  # seconds of one uninterrupted run for the p99 of recommend and of the baseline
CONNECTIONS = 32

PROFILE = {"role": "developer", "years_experience": 4, "cloud": "aws", "cloud_experience": "some",
           "platforms": ["pytorch"], "goal": "ml-engineering", "motive": "hiring-signal",
           "budget_usd": 1500, "hours_per_week": 8, "held": []}
RESULTS_QUERY = "role=developer&years_experience=4&cloud=aws&cloud_experience=some&goal=ml-engineering"

BASELINE_APP = """
import sys
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

class Hello(BaseModel):
    name: str

app = FastAPI()

@app.post("/hello")
async def hello(body: Hello) -> dict:  # async: no threadpool hop, the framework's own ceiling
    return {"hello": body.name}

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False,
            server_header=False)
"""


@dataclass
class Endpoint:
    name: str
    method: str
    path: str
    body: bytes = b""


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


# --- servers ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A subprocess in its own process group; ``stop`` ends the group (the server and its workers)."""

    def __init__(self, name: str, argv: list[str], port: int, env: dict[str, str]) -> None:
        self.name, self.port = name, port
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True)

    def wait_ready(self, probe: Endpoint, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: {err[-2000:]}")
            try:
                status, _ = request(self.port, probe)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        # workers left behind by a server that died first keep the group (and its id) alive
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        if self.proc.stderr:
            self.proc.stderr.close()


def request(port: int, ep: Endpoint) -> tuple[int, bytes]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{ep.path.replace('__N__', '1')}", method=ep.method,
                                 data=ep.body.replace(b"__N__", b"1") or None,
                                 headers={"content-type": "application/json"} if ep.body else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# --- load generators --------------------------------------------------------------------------

WRK_SCRIPT = """
wrk.method = os.getenv("BENCH_METHOD")
local body = os.getenv("BENCH_BODY")
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
-- __N__ in the body or the path gets a new number each request (a question never asked before)
if string.find(body, "__N__", 1, true) or string.find(wrk.path, "__N__", 1, true) then
  request = function()
    local n = tostring(math.random(1, 100000000))
    local b = nil
    if body ~= "" then b = string.gsub(body, "__N__", n) end
    return wrk.format(nil, (string.gsub(wrk.path, "__N__", n)), nil, b)
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH-RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def find_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.environ.get("BENCH_NO_INSTALL"):
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk with apt-get …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False, timeout=120)
        return shutil.which("wrk")
    return None


def run_wrk(wrk: str, script: Path, port: int, ep: Endpoint, seconds: float) -> Result:
    env = {**os.environ, "BENCH_METHOD": ep.method, "BENCH_BODY": ep.body.decode()}
    argv = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
            "-s", str(script), f"http://127.0.0.1:{port}{ep.path}"]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next((x for x in out.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    n, micros, p50, p99, errors = (int(x) for x in line.split()[1:])
    return Result(n / (micros / 1e6), p50 / 1000, p99 / 1000, errors)


async def _python_load(port: int, ep: Endpoint, seconds: float) -> Result:
    """32 keep-alive HTTP/1.1 connections, each sending its next request when the last is answered."""
    ctype = "Content-Type: application/json\r\n" if ep.body else ""
    counter = iter(range(1, 1 << 62))

    def head() -> bytes:
        n = str(next(counter))
        body = ep.body.replace(b"__N__", n.encode())
        return (f"{ep.method} {ep.path.replace('__N__', n)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{ctype}"
                f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < stop_at:
                t = time.perf_counter()
                writer.write(head())
                status_line = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - t)
                if not status_line.split(b" ")[1].startswith(b"2"):
                    errors += 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(CONNECTIONS)))
    took = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    return Result(len(latencies) / took, statistics.median(latencies or [0]) * 1000, p99 * 1000, errors)


def load(wrk: str | None, script: Path, port: int, ep: Endpoint, seconds: float) -> Result:
    if wrk:
        return run_wrk(wrk, script, port, ep, seconds)
    return asyncio.run(_python_load(port, ep, seconds))


# --- the run ----------------------------------------------------------------------------------

def check(port: int, ep: Endpoint) -> None:
    status, body = request(port, ep)
    if status != 200:
        raise RuntimeError(f"{ep.name}: {ep.method} {ep.path} answered {status}: {body[:300]!r}")


def combine(slices: list[Result]) -> Result:
    """Slices of equal length: their mean rate; the median of their percentiles (a slice's p99
    includes its start, 32 new connections at once: the p99 figures come from :data:`TAIL` runs)."""
    return Result(statistics.fmean(r.rps for r in slices), statistics.median(r.p50_ms for r in slices),
                  statistics.median(r.p99_ms for r in slices), sum(r.errors for r in slices))


def interleaved(wrk: str | None, script: Path, targets: list[tuple[int, Endpoint]]) -> list[Result]:
    """Each target in turn for SLICE seconds, round after round: a load on the machine that comes
    and goes (other programs) then weighs on every target alike, and the ratios stay fair."""
    for port, ep in targets:
        for _ in range(WARMUP):
            check(port, ep)
    slices: list[list[Result]] = [[] for _ in targets]
    for _ in range(ROUNDS):
        for i, (port, ep) in enumerate(targets):
            slices[i].append(load(wrk, script, port, ep, SLICE))
    out = [combine(s) for s in slices]
    for (_, ep), r in zip(targets, out, strict=True):
        print(f"{ep.name:36} {r.rps:10.0f} {r.p50_ms:9.1f} {r.p99_ms:9.1f} {r.errors:7d}", flush=True)
    return out


def main() -> int:
    wrk = find_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="certwise-load-"))
    env = {**os.environ, "CERTWISE_DATA_DIR": str(tmp / "data"), "CERTWISE_CACHE_DIR": str(tmp / "cache"),
           "PYTHONUNBUFFERED": "1"}
    env.pop("CERTWISE_DATABASE_URL", None)  # a fresh SQLite store in the temporary data directory
    script = tmp / "bench.lua"
    script.write_text(WRK_SCRIPT)
    (tmp / "baseline.py").write_text(BASELINE_APP)
    hello = Endpoint("baseline: FastAPI hello POST", "POST", "/hello", b'{"name": "world"}')
    recommend = Endpoint("POST /api/v1/recommend", "POST", "/api/v1/recommend", json.dumps(PROFILE).encode())
    recommend2 = Endpoint("POST /api/v1/recommend, 2 workers", "POST", recommend.path, recommend.body)
    # every request a profile never asked before (a budget of its own): the engine works each one out
    fresh = Endpoint("POST /api/v1/recommend, new profiles", "POST", recommend.path,
                     json.dumps({**PROFILE, "budget_usd": 0}).replace('"budget_usd": 0', '"budget_usd": __N__').encode())
    pages = [
        Endpoint("GET /api/v1/credentials", "GET", "/api/v1/credentials"),
        Endpoint("GET /credentials/<id> (page)", "GET", "/credentials/aws-ml-specialty"),
        Endpoint("GET /results?… (page)", "GET", f"/results?{RESULTS_QUERY}"),
    ]
    # the results page at an address of its own each time (an extra parameter): rendered, not kept
    rendered = Endpoint("GET /results?… rendered each time", "GET", f"/results?{RESULTS_QUERY}&n=__N__")
    print(f"load: {'wrk' if wrk else 'python asyncio (wrk not found)'}, {CONNECTIONS} connections; "
          f"{ROUNDS} rounds of {SLICE:g} s per endpoint, in turn with the baseline")
    servers: list[Server] = []
    try:
        argv = [sys.executable, "-m", "certwise.cli.main", "serve", "--port"]
        ports = [free_port() for _ in range(3)]
        servers = [Server("baseline", [sys.executable, str(tmp / "baseline.py"), str(ports[0])], ports[0], env),
                   Server("certwise serve", [*argv, str(ports[1])], ports[1], env),
                   Server("certwise serve --workers 2", [*argv, str(ports[2]), "--workers", "2"], ports[2], env)]
        for server, probe in zip(servers, (hello, recommend, recommend), strict=True):
            server.wait_ready(probe)
        base, cw, two = ports
        print(f"{'endpoint':36} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
        b1, rec, rec2, new, drawn, *rest = interleaved(
            wrk, script, [(base, hello), (cw, recommend), (two, recommend2), (cw, fresh), (cw, rendered),
                          *((cw, ep) for ep in pages)])
        others = [(ep, b1, r) for ep, r in zip(pages, rest, strict=True)]
        # the tail: one uninterrupted run each, the baseline and recommend in turn
        tail_base = load(wrk, script, base, hello, TAIL)
        tail_rec = load(wrk, script, cw, recommend, TAIL)
        print(f"p99 over {TAIL:g} s uninterrupted: baseline {tail_base.p99_ms:.1f} ms, recommend "
              f"{tail_rec.p99_ms:.1f} ms ({tail_base.rps:.0f} and {tail_rec.rps:.0f} req/s)")
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    ok = True
    ratio = rec.rps / b1.rps
    print(f"\nrecommend: {ratio:.0%} of the baseline's requests/s, p99 {tail_rec.p99_ms:.1f} ms")
    ok &= figure("web recommend / FastAPI baseline", ratio * 100, "% of baseline req/s", "≥ 50%", ratio >= 0.5)
    ok &= figure("web recommend p99 (32 connections)", tail_rec.p99_ms, "ms", "< 50 ms", tail_rec.p99_ms < 50)
    # what the machine allows: the baseline's own tail in the same run (other programs' load shows here)
    figure("web baseline p99 (32 connections)", tail_base.p99_ms, "ms", "(informational)", True)
    # the same profile again is answered from what the worker kept; a new profile costs the engine
    print(f"recommend, a new profile each request: {new.rps / b1.rps:.0%} of the baseline, p99 {new.p99_ms:.1f} ms")
    figure("web recommend, new profiles / baseline", new.rps / b1.rps * 100, "% of baseline req/s",
           "(informational)", True)
    print(f"results page rendered every request: {drawn.rps / b1.rps:.0%} of the baseline")
    figure("web results page rendered / baseline", drawn.rps / b1.rps * 100, "% of baseline req/s",
           "(informational)", True)
    for ep, b, r in others:
        share = r.rps / b.rps
        print(f"{ep.name}: {share:.0%} of the baseline")
        ok &= figure(f"web {ep.name} / baseline", share * 100, "% of baseline req/s", "≥ 35%", share >= 0.35)
    gain = rec2.rps / rec.rps
    print(f"recommend with 2 workers: {rec2.rps:.0f} req/s, {gain:.2f}× one worker "
          f"(on {os.cpu_count()} CPUs shared with the load generator)")
    # informational: on a 2-CPU machine wrk takes a share of the CPUs (and other programs theirs),
    # so what a second worker adds depends on the machine more than on certwise
    figure(f"web recommend, 2 workers / 1 worker ({os.cpu_count()} CPUs)", gain, "×", "(informational)", True)
    errors = sum(r.errors for r in (b1, rec, rec2, new, drawn, tail_base, tail_rec)) + sum(r.errors for _, _, r in others)
    if errors:
        print(f"{errors} requests failed")
    return 0 if ok and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
