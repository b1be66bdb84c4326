"""`make bench`: run every benchmarks/bench_*.py in turn, show what each printed, then one summary
table of every figure with its target and pass/fail (figures come from ``report.figure``).

Speed and memory targets live here, never in timed unit tests. Each script prints medians
over repeated runs, and ratios against a baseline measured in the same run.
``python benchmarks/run.py web_load cli`` runs only those scripts.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from report import parse  # noqa: E402


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not only or p.stem.removeprefix("bench_") in only)
    figures: list[dict] = []
    failed: list[str] = []
    for p in scripts:
        print(f"\n=== {p.stem} ===", flush=True)
        proc = subprocess.Popen([sys.executable, str(p)], stdout=subprocess.PIPE, text=True, bufsize=1)
        assert proc.stdout is not None
        for line in proc.stdout:
            fig = parse(line)
            if fig is None:
                print(line, end="", flush=True)
            else:
                fig["script"] = p.stem.removeprefix("bench_")
                figures.append(fig)
        if proc.wait():
            failed.append(p.name)
    print(f"\n=== summary ({machine()}) ===")
    w = max([len(f["name"]) for f in figures] + [6])
    print(f"{'figure':{w}}  {'value':>12}  {'unit':24}  {'target':14}  result")
    for f in figures:
        print(f"{f['name']:{w}}  {f['value']:>12,.3g}  {f['unit']:24}  {f['target']:14}  "
              f"{'pass' if f['passed'] else 'FAIL'}")
    missed = [f["name"] for f in figures if not f["passed"]]
    if missed or failed:
        print(f"\n{len(missed)} figure(s) missed their target; scripts that failed: {', '.join(failed) or 'none'}")
        return 1
    print(f"\nall {len(figures)} figures met their targets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
