"""`make bench`: run every benchmarks/bench_*.py in turn and print what each measured.

Speed and memory targets live here, never in timed unit tests. Each script prints medians
over repeated runs, and ratios against a baseline measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not only or p.stem.removeprefix("bench_") in only)
    failed = 0
    for p in scripts:
        print(f"\n=== {p.stem} ===", flush=True)
        rc = subprocess.call([sys.executable, str(p)])
        if rc:
            print(f"{p.name} failed its target (exit {rc})")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
