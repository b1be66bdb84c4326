"""CTDL import at scale: generate N credentials (default 100,000), import them, report the
rate and the peak memory of the importing process.

    python benchmarks/bench_ctdl_import.py [N] [--keep FILE]

The file is written node by node and the import runs in a child process, so the peak RSS
reported is the importer's alone. For comparison the child also reports the RSS of merely
``json.load``-ing the same file (what a non-streaming importer would start from).
Target: the importer's peak RSS stays far below json.load's, and does not grow with N.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


CHILD_IMPORT = """
import json, resource, sys, time
from datetime import date
from certwise.interop.ctdl_import import iter_ctdl_credentials
from certwise.store import Store
path, url = sys.argv[1], sys.argv[2]
store = Store(url)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
cpu0 = time.process_time()
n = store.add_overlay(iter_ctdl_credentials(path, verified=date(2026, 11, 25)), batch_size=2000)
secs = time.perf_counter() - t
print(json.dumps({"n": n, "seconds": secs, "cpu_seconds": time.process_time() - cpu0, "baseline_mb": base,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

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
        env = {**os.environ, "CERTWISE_DATA_DIR": str(Path(tmp) / "data")}
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        out = subprocess.run([sys.executable, "-c", CHILD_IMPORT, str(path), url], env=env,
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        rate = r["n"] / r["seconds"]
        print(f"imported {r['n']:,} in {r['seconds']:.1f}s: {rate:,.0f} credentials/s "
              f"({r['n'] / r['cpu_seconds']:,.0f}/s of CPU time; the gap is other load on the machine)")
        print(f"importer peak RSS {r['peak_mb']:.0f} MB (baseline after imports {r['baseline_mb']:.0f} MB, "
              f"so {r['peak_mb'] - r['baseline_mb']:.0f} MB for the import)")
        jl = json.loads(subprocess.run([sys.executable, "-c", CHILD_JSONLOAD, str(path)], capture_output=True,
                                       text=True, check=True).stdout)
        print(f"for comparison, json.load of the file alone peaks at {jl['peak_mb']:.0f} MB")
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
        print(f"database: {db_mb:,.0f} MB")
        ok = r["n"] == n and (r["peak_mb"] - r["baseline_mb"]) < max(200.0, 0.5 * (jl["peak_mb"] - jl["baseline_mb"]))
        if not ok:
            print("FAILED: the import did not stay in bounded memory (or lost records)")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
