"""CTDL import at scale: generate N credentials (default 100,000), import them with the CLI as a
person does (``certwise catalog import FILE`` on a terminal, the Rich progress bar shown),
report the rate and the peak memory of the importing process.

    python benchmarks/bench_ctdl_import.py [N] [--keep FILE]

The import runs in a child process on a pseudo-terminal (so the progress bar is drawn), and
its peak RSS is the child's own (``wait4``). For comparison a second child reports the RSS of
merely ``json.load``-ing the same file (what a non-streaming importer would start from).
Targets (``report.figure``): at least 10,000 credentials/s with the bar shown, and a peak
RSS under 200 MB for the 100,000-record file. The CPU-time rate (the importer's and its
worker processes' CPU time together) is printed beside the wall rate, and the peak PSS of the
importer and its workers together beside its own peak RSS.
Everything is written in a temporary folder, removed at the end.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import figure  # noqa: E402

TARGET_RATE = 10_000
TARGET_PEAK_MB = 200.0

PROVIDERS = ["Acme Learning", "Northwind Institute", "Contoso Academy", "Fabrikam Guild", "Globex Training"]
TOPICS = ["Machine Learning", "Generative AI", "Data Engineering", "Deep Learning", "Cloud AI", "MLOps", "NLP"]


def _org(i: int) -> dict:
    return {"@id": f"https://example.org/org/{i}", "@type": "ceterms:CredentialOrganization",
            "ceterms:name": {"en-US": PROVIDERS[i]}}


def _node(i: int) -> dict:
    topic = TOPICS[i % len(TOPICS)]
    return {
        "@id": f"https://example.org/resources/ce-{i:08d}",
        "@type": "ceterms:Certification" if i % 3 else "ceterms:Certificate",
        "ceterms:ctid": f"ce-{i:08d}-0000-4000-8000-000000000000",
        "ceterms:name": {"en-US": f"{topic} Practitioner {i}"},
        "ceterms:description": {"en-US": f"Credential number {i} about {topic.lower()}. " * 4},
        "ceterms:subjectWebpage": f"https://example.org/cred/{i}",
        "ceterms:ownedBy": [f"https://example.org/org/{i % len(PROVIDERS)}"],
        "ceterms:keyword": {"en-US": [topic, "AI", f"kw{i % 97}"]},
        "ceterms:audienceLevelType": [{"@type": "ceterms:CredentialAlignmentObject",
                                       "ceterms:targetNode": "audLevel:IntermediateLevel"}],
        "ceterms:estimatedCost": [{"@type": "ceterms:CostProfile", "ceterms:price": 100 + i % 300,
                                   "ceterms:currency": "USD"}],
        "ceterms:estimatedDuration": [{"@type": "ceterms:DurationProfile", "ceterms:minimumDuration": "PT20H",
                                       "ceterms:maximumDuration": "PT60H"}],
        "ceterms:renewalFrequency": "P3Y",
        "ceterms:renewal": [{"@type": "ceterms:ConditionProfile",
                             "ceterms:description": {"en-US": "Pass the recertification assessment."},
                             "ceterms:estimatedCost": [{"@type": "ceterms:CostProfile", "ceterms:price": 50,
                                                        "ceterms:currency": "USD"}]}],
        "ceterms:requires": [{"@type": "ceterms:ConditionProfile", "ceterms:experience": "One year of practice."}],
        "ceterms:dateEffective": "2024-01-01",
    }


def generate(path: Path, n: int) -> None:
    """Write a CTDL @graph of n credentials (organisations first), one node at a time."""
    with path.open("w", encoding="utf-8") as f:
        f.write('{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [\n')
        for i in range(len(PROVIDERS)):
            f.write(json.dumps(_org(i)) + ",\n")
        for i in range(n):
            f.write(json.dumps(_node(i)) + (",\n" if i < n - 1 else "\n"))
        f.write("]}\n")


def import_on_a_terminal(path: Path, env: dict[str, str]) -> dict[str, float | str]:
    """Run ``certwise catalog import`` on a pseudo-terminal; its wall time, CPU time, peak RSS and output."""
    certwise = str(Path(sys.executable).with_name("certwise"))
    cmd = [certwise, "catalog", "import", str(path), "--as-of", "2026-11-25"]
    t = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal, so Rich draws the bar
        os.execve(certwise, cmd, {**env, "COLUMNS": "120", "TERM": "xterm-256color"})
    out = bytearray()
    pss_peak, sampled = 0, 0.0
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
        if time.perf_counter() - sampled > 0.2:  # the importer and its workers together
            sampled = time.perf_counter()
            pss_peak = max(pss_peak, _pss_kb([pid, *_children(pid)]))
    _, status, usage = os.wait4(pid, 0)
    secs = time.perf_counter() - t
    os.close(fd)
    text = out.decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"certwise catalog import failed:\n{text[-2000:]}")
    return {"seconds": secs, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024, "pss_peak_mb": pss_peak / 1024, "output": text}


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _pss_kb(pids: list[int]) -> int:
    """Proportional set size summed over processes (shared pages counted once in all): Linux only, else 0."""
    total = 0
    for p in pids:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))
    return total


CHILD_JSONLOAD = """
import json, resource, sys
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseline_mb": base}))
"""


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv and argv[0].isdigit() else 100_000
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "ctdl.json"
        t = time.perf_counter()
        generate(path, n)
        size_mb = path.stat().st_size / 1e6
        print(f"generated {n:,} CTDL credentials: {size_mb:,.1f} MB in {time.perf_counter() - t:.1f}s")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(CERTWISE_DATA_DIR=str(Path(tmp) / "data"), CERTWISE_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("CERTWISE_DATABASE_URL", None)
        r = import_on_a_terminal(path, env)
        bar = "progress bar drawn" if re.search(r"importing\s.*━", str(r["output"])) else "NO progress bar seen"
        done = re.search(r"imported (\d+) credentials", str(r["output"]))
        imported = int(done.group(1)) if done else 0
        secs, cpu, peak = float(r["seconds"]), float(r["cpu_seconds"]), float(r["peak_mb"])
        rate = imported / secs
        print(f"certwise catalog import on a terminal ({bar}): {imported:,} in {secs:.1f}s wall = {rate:,.0f}/s "
              f"({imported / cpu:,.0f}/s of CPU time, the importer's and its workers' together)")
        print(f"importer peak RSS {peak:.0f} MB (the whole process: interpreter, modules, catalog, bar; the most "
              "of any one process when a big file is mapped on worker processes)")
        if r["pss_peak_mb"]:
            print(f"importer and its workers together: peak {float(r['pss_peak_mb']):.0f} MB PSS "
                  "(sampled every 0.2 s; pages the workers share with it counted once)")
        jl = json.loads(subprocess.run([sys.executable, "-c", CHILD_JSONLOAD, str(path)], capture_output=True,
                                       text=True, check=True).stdout)
        print(f"for comparison, json.load of the file alone peaks at {jl['peak_mb']:.0f} MB")
        db_mb = sum(f.stat().st_size for f in (Path(tmp) / "data").glob("certwise.db*")) / 1e6
        print(f"database: {db_mb:,.0f} MB")
        ok = imported == n and bar == "progress bar drawn"
        if not ok:
            print(f"FAILED: imported {imported:,} of {n:,}; {bar}")
        ok &= figure(f"ctdl import rate ({n:,}, bar shown)", rate, "credentials/s", f"≥ {TARGET_RATE:,}",
                     rate >= TARGET_RATE)
        ok &= figure(f"ctdl import peak RSS ({n:,})", peak, "MB", f"< {TARGET_PEAK_MB:g} MB", peak < TARGET_PEAK_MB)
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
