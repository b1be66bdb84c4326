"""How long each page takes to render, in-process through the ASGI client.

Median of N warm renders per page (templates compile on the first; each render has an address
of its own, so certwise.web.page_cache does not answer it) and of N repeats of one address
(answered from what the app kept). Target: every page under 100 ms both ways. Not a test:
numbers depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import figure  # noqa: E402

N = int(os.environ.get("BENCH_RUNS", "15"))
TARGET_MS = 100.0
PAGES = [
    "/", "/catalog", "/catalog?q=aws&sort=cost", "/credentials/aws-ml-specialty",
    "/compare?ids=google-ml-engineer&ids=aws-ml-engineer-associate", "/roadmap",
    "/results?role=developer&cloud=aws&years_experience=4&goal=ml-engineering", "/check",
    "/check?name=Certified+AI+Pro&issuer=Acme&price_usd=499&hours=5&assessment=quiz",
    "/plan?ids=google-ml-engineer&start=2026-12-07&hours_per_week=8", "/portfolio", "/faq",
    "/api/v1/credentials",
]


def _median(client: object, paths: list[str]) -> float:
    times = []
    for path in paths:
        t = time.perf_counter()
        client.get(path)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    os.environ.setdefault("CERTWISE_DATA_DIR", tempfile.mkdtemp(prefix="certwise-bench-"))
    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    worst = worst_kept = 0.0
    with TestClient(create_app(store_url="sqlite://", as_of=date(2026, 11, 24))) as client:
        print(f"{'page':78} {'median ms':>10} {'kept ms':>8}")
        for path in PAGES:
            assert client.get(path).status_code == 200, path  # templates compile on the first
            sep = "&" if "?" in path else "?"
            # rendered: an address of its own each time (an unknown parameter), so no kept page answers
            ms = _median(client, [f"{path}{sep}bench={i}" for i in range(N)])
            kept = _median(client, [path] * N)  # the same address again: answered from what the app kept
            worst, worst_kept = max(worst, ms), max(worst_kept, kept)
            print(f"{path[:78]:78} {ms:10.1f} {kept:8.1f}")
    ok = figure("web page, slowest median render (in-process)", worst, "ms", f"< {TARGET_MS:.0f} ms",
                worst < TARGET_MS)
    ok &= figure("web page, slowest median kept answer (in-process)", worst_kept, "ms", f"< {TARGET_MS:.0f} ms",
                 worst_kept < TARGET_MS)
    print(f"slowest median {worst:.1f} ms rendered, {worst_kept:.1f} ms kept — target < {TARGET_MS:.0f} ms: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
