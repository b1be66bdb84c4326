"""How recommend's time grows with the catalog, and how fast the CLI answers.

Run: ``.venv/bin/python benchmarks/bench_recommend.py [--sizes 1000,10000,100000] [--repeat 7]``

Prints a table of catalog size against median milliseconds: the first ("cold") call includes
building the catalog's ScoringIndex (certwise.advice.scoring_index.index_of); later ("warm")
calls reuse it, as a long-running web server does. The ms/1k column shows whether growth is linear (flat) or worse (rising). Then it
times ``certwise recommend … --json`` as a subprocess against ``python -c pass`` in the same run.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from certwise.advice.profile import Profile
from certwise.advice.recommend import recommend
from certwise.catalog import default_catalog
from certwise.catalog.load import Catalog
from certwise.catalog.model import DOMAINS, ECOSYSTEMS, PERSONAS, Credential, Level

AS_OF = date(2026, 11, 24)
PROFILES = [
    Profile(),
    Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering",
            budget_usd=400, months=4, hours_per_week=8, held=("aws-cloud-practitioner",)),
    Profile(role="researcher", goal="research", years_experience=9, platforms=("nvidia",)),
]
LEVELS = ["foundational", "associate", "professional", "specialty", "program"]


def generated_catalog(n: int, seed: int = 7) -> Catalog:
    """``n`` credentials varied from the real records (copies with new ids and attributes)."""
    rng = random.Random(seed)
    base = [c for c in default_catalog()]
    out: list[Credential] = []
    for i in range(n):
        b = base[i % len(base)]
        if i < len(base):
            out.append(b)
            continue
        lo = rng.choice([0, 49, 99, 100, 150, 165, 200, 300, 800, 3000])
        hours = rng.choice([5, 15, 40, 80, 120, 300])
        update = {
            "id": f"{b.id}-g{i}",
            "name": f"{b.name} variant {i}",
            "aliases": [],
            "domains": rng.sample(DOMAINS, rng.randint(1, 4)),
            "ecosystem": rng.choice(ECOSYSTEMS),
            "level": Level(LEVELS[rng.randrange(len(LEVELS))]),
            "best_for": rng.sample(PERSONAS, rng.randint(0, 3)),
            "tier": rng.choice([None, None, None, 1, 2, 3, 4]),
            "cost": b.cost.model_copy(update={"usd": b.cost.usd.model_copy(update={"low": lo, "high": lo * 1.5})}),
            "prep": b.prep.model_copy(update={"hours": b.prep.hours.model_copy(update={"low": hours,
                                                                                      "high": hours * 2})}),
            "recommended_before": [base[rng.randrange(len(base))].id] if rng.random() < 0.2 else [],
        }
        out.append(b.model_copy(update=update))
    return Catalog(out)


def _ms(f) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    f()
    return (time.perf_counter() - t) * 1000


def bench_sizes(sizes: list[int], repeat: int) -> None:
    real = default_catalog()
    print(f"recommend in-process, as of {AS_OF}, {len(PROFILES)} profiles, median of {repeat} runs each\n")
    warm = statistics.median([_ms(lambda p=p: recommend(p, real, AS_OF)) for p in PROFILES for _ in range(repeat)])
    print(f"real catalog ({len(real)} credentials): {warm:.2f} ms warm\n")
    print(f"{'credentials':>12} {'cold ms':>9} {'warm ms':>9} {'warm ms/1k':>11}")
    for n in sizes:
        cat = generated_catalog(n)
        cold = _ms(lambda cat=cat: recommend(PROFILES[0], cat, AS_OF))
        times = [_ms(lambda p=p, cat=cat: recommend(p, cat, AS_OF)) for p in PROFILES for _ in range(repeat)]
        med = statistics.median(times)
        print(f"{n:>12,} {cold:>9.1f} {med:>9.1f} {med / (n / 1000):>11.2f}")


def bench_cli(repeat: int) -> None:
    """Subprocess timings, interleaved so that machine load affects all three alike.

    Bytecode caching is switched on for the children (PYTHONDONTWRITEBYTECODE removed) and a
    warm-up run writes the .pyc files and the catalog cache, as on a user's machine.
    """
    import os

    exe = Path(sys.executable)
    certwise = str(exe.with_name("certwise"))
    cmds = {
        "python -c pass": [str(exe), "-c", "pass"],
        "certwise --version": [certwise, "--version"],
        "certwise recommend … --json": [certwise, "recommend", "--role", "developer", "--cloud", "aws",
                                        "--cloud-experience", "some", "--years", "4", "--goal", "ml-engineering",
                                        "--json", "--as-of", "2026-11-24"],
    }
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(c: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(c, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return (time.perf_counter() - t) * 1000

    for c in cmds.values():
        run(c)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, c in cmds.items():
            times[k].append(run(c))
    base = statistics.median(times["python -c pass"])
    print(f"\nsubprocess, median of {repeat} (interleaved):")
    for k, ts in times.items():
        m = statistics.median(ts)
        extra = "" if k == "python -c pass" else f"  ({m - base:.1f} ms above the interpreter)"
        print(f"  {k:<30} {m:7.1f} ms{extra}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-cli", action="store_true")
    a = ap.parse_args()
    bench_sizes([int(x) for x in a.sizes.split(",")], a.repeat)
    if not a.no_cli:
        bench_cli(a.repeat)


if __name__ == "__main__":
    main()
