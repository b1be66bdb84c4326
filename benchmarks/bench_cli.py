"""How fast the CLI answers, as a person feels it: whole-process wall time.

Each command runs N times; we print the median, and the ratio against `python -c pass`
measured in the same run (the machine is shared and noisy, so the ratio travels better
than the milliseconds). Target: every command's median under 250 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N = int(os.environ.get("BENCH_RUNS", "15"))
TARGET_MS = 250.0
BIN = Path(sys.executable).parent
CERTWISE = str(BIN / "certwise") if (BIN / "certwise").exists() else shutil.which("certwise") or "certwise"

COMMANDS = [
    ["list", "--json"],
    ["show", "aws-ml-specialty", "--as-of", "2026-11-24", "--json"],
    ["search", "aws ml specialty", "--json"],
    ["compare", "pmle", "mla-c01", "--json"],
    ["recommend", "--role", "developer", "--cloud", "aws", "--goal", "ml-engineering", "--json"],
    ["evaluate", "aws-genai-developer", "--json"],
    ["list"],
]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return (time.perf_counter() - t) * 1000


def main() -> int:
    env = dict(os.environ)
    # users' Pythons write bytecode caches; a shell that forbids them would time compilation
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CERTWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="certwise-bench-")
    env["COLUMNS"] = "120"
    for args in COMMANDS:  # warm the catalog and bytecode caches
        subprocess.run([CERTWISE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    base = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(N))
    print(f"baseline `python -c pass`: {base:.1f} ms (median of {N})")
    print(f"{'command':62} {'median ms':>10} {'× baseline':>11}")
    worst = 0.0
    for args in COMMANDS:
        ms = statistics.median(timed([CERTWISE, *args], env) for _ in range(N))
        worst = max(worst, ms)
        print(f"{'certwise ' + ' '.join(args):62} {ms:10.1f} {ms / base:11.1f}")
    ok = worst < TARGET_MS
    print(f"slowest median {worst:.1f} ms — target < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
