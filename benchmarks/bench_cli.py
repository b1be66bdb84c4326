"""How fast the CLI answers, as a person feels it: whole-process wall time.

Each command runs N times (BENCH_RUNS, default 15), interleaved with the baseline so that the
machine's other load falls on both alike; we print the medians and the ratio against a bare
``python -I -c pass`` of the same interpreter measured in the same run (the machine is shared
and noisy, so the ratio travels better than the milliseconds).

Targets (reported through ``report.figure``): ``certwise recommend … --json`` at most 6× the
bare interpreter, and every command's median under 250 ms. The processes' CPU time is printed
beside the wall time: on a loaded machine the wall time waits for a core, the CPU time does not.
The catalog cache and bytecode caches are warmed first, as on a user's machine; the data and
cache folders are temporary and removed at the end.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import figure  # noqa: E402

N = int(os.environ.get("BENCH_RUNS", "15"))
TARGET_MS = 250.0
TARGET_RATIO = 6.0
BIN = Path(sys.executable).parent
CERTWISE = str(BIN / "certwise") if (BIN / "certwise").exists() else shutil.which("certwise") or "certwise"
BASELINE = [sys.executable, "-I", "-c", "pass"]
RECOMMEND = ["recommend", "--role", "developer", "--cloud", "aws", "--goal", "ml-engineering", "--json"]

COMMANDS = [
    ["list", "--json"],
    ["show", "aws-ml-specialty", "--as-of", "2026-11-24", "--json"],
    ["search", "aws ml specialty", "--json"],
    ["compare", "pmle", "mla-c01", "--json"],
    RECOMMEND,
    ["evaluate", "aws-genai-developer", "--json"],
    ["list"],
    ["--version"],
]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run."""
    c0, t = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return (time.perf_counter() - t) * 1000, (_children_cpu() - c0) * 1000


def main() -> int:
    env = dict(os.environ)
    # users' Pythons write bytecode caches; a shell that forbids them would time compilation
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = Path(tempfile.mkdtemp(prefix="certwise-bench-cli-"))
    env["CERTWISE_DATA_DIR"] = str(tmp / "data")
    env["CERTWISE_CACHE_DIR"] = str(tmp / "cache")
    env["COLUMNS"] = "120"
    try:
        runs = [BASELINE] + [[CERTWISE, *args] for args in COMMANDS]
        for cmd in runs:  # warm the catalog and bytecode caches
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        wall: list[list[float]] = [[] for _ in runs]
        cpu: list[list[float]] = [[] for _ in runs]
        for _ in range(N):
            for i, cmd in enumerate(runs):
                w, c = timed(cmd, env)
                wall[i].append(w)
                cpu[i].append(c)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base, base_cpu = statistics.median(wall[0]), statistics.median(cpu[0])
    print(f"baseline `python -I -c pass`: {base:.1f} ms wall, {base_cpu:.1f} ms CPU (median of {N}, interleaved)")
    print(f"{'command':66} {'wall ms':>8} {'× base':>7} {'CPU ms':>7} {'× base':>7}")
    ok = True
    worst = 0.0
    for args, ws, cs in zip(COMMANDS, wall[1:], cpu[1:], strict=True):
        ms, c = statistics.median(ws), statistics.median(cs)
        worst = max(worst, ms)
        print(f"{'certwise ' + ' '.join(args):66} {ms:8.1f} {ms / base:7.1f} {c:7.1f} {c / base_cpu:7.1f}")
        if args is RECOMMEND:
            ok &= figure("cli recommend --json", ms / base, "× python -I -c pass", f"≤ {TARGET_RATIO:g}×",
                         ms / base <= TARGET_RATIO)
    ok &= figure("cli slowest command median", worst, "ms", f"< {TARGET_MS:g} ms", worst < TARGET_MS)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
