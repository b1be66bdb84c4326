"""How long each page takes to render, in-process through the ASGI client.

Median of N warm requests per page (templates compile on the first). Target: tens of
milliseconds, every page under 100 ms. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date

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


def main() -> int:
    os.environ.setdefault("CERTWISE_DATA_DIR", tempfile.mkdtemp(prefix="certwise-bench-"))
    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    worst = 0.0
    with TestClient(create_app(store_url="sqlite://", as_of=date(2026, 11, 24))) as client:
        print(f"{'page':78} {'median ms':>10}")
        for path in PAGES:
            assert client.get(path).status_code == 200, path
            times = []
            for _ in range(N):
                t = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - t) * 1000)
            ms = statistics.median(times)
            worst = max(worst, ms)
            print(f"{path[:78]:78} {ms:10.1f}")
    ok = worst < TARGET_MS
    print(f"slowest median {worst:.1f} ms — target < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
