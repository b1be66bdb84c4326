"""How recommend's time grows with the catalog, and how fast the first recommend is after a big import.

Run: ``.venv/bin/python benchmarks/bench_recommend.py [--sizes 1000,10000,100000] [--repeat 7] [--ctdl N]``

1. The real catalog's median milliseconds, warm, for three profiles asked again and again and for
   300 varied profiles each asked once (what a server pays for a new profile; informational).
   Then a table of catalog size against median milliseconds (in-process, generated catalogs): the
   first ("cold") call includes building the catalog's ScoringIndex
   (certwise.advice.scoring_index.index_of); later ("warm") calls reuse it, as a long-running
   web server does. The ms/1k column shows whether growth is linear (flat) or worse (rising).
2. The cold start the issue names (``report.figure``, target < 0.25 s): ``--ctdl`` credentials
   (default 100,000) are imported from a generated CTDL file into a fresh store with
   ``certwise catalog import`` (which also leaves the shipped catalog's cache, as on a user's
   machine), then a NEW process loads the catalog with its overlay and asks for one
   recommendation; we time that
   first recommend (catalog + overlay load, scoring features, ranking) and, for comparison,
   the second one in the same process and a whole ``certwise recommend --json`` process. It
   also says what the import persisted for the scorer, and how large it is.
The CLI's own start-up is benchmarks/bench_cli.py. Temporary files are removed at the end.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_ctdl_import import generate  # noqa: E402
from report import figure  # noqa: E402

from certwise.advice.profile import Profile
from certwise.advice.recommend import recommend
from certwise.catalog import default_catalog
from certwise.catalog.load import Catalog
from certwise.catalog.model import DOMAINS, ECOSYSTEMS, PERSONAS, Credential, Level
from certwise.profile_spec import field

AS_OF = date(2026, 11, 24)
PROFILES = [
    Profile(),
    Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering",
            budget_usd=400, months=4, hours_per_week=8, held=("aws-cloud-practitioner",)),
    Profile(role="researcher", goal="research", years_experience=9, platforms=("nvidia",)),
]
LEVELS = ["foundational", "associate", "professional", "specialty", "program"]
FRESH_PROFILES = 300  # varied profiles, each asked once (the engine's cost for a new profile, issue 12)


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


def unseen_profiles(n: int, ids: list[str], seed: int = 12) -> list[Profile]:
    """``n`` varied profiles, every field drawn from profile_spec's choices (and a few budgets, hours,
    months and holdings): what a web server sees when each request brings a new profile."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        kw: dict = {name: rng.choice(field(name).values) for name in ("role", "cloud", "cloud_experience", "goal",
                                                                      "motive")}
        out.append(Profile(**kw, platforms=tuple(rng.sample(field("platforms").values, rng.randint(0, 2))),
                           years_experience=rng.randint(0, 15),
                           budget_usd=rng.choice([None, 0, 100, 300, 1500, float(rng.randint(1, 3000))]),
                           hours_per_week=rng.choice([2, 5, 8, 10, 20]), months=rng.choice([None, 1, 3, 6, 12]),
                           held=tuple(rng.sample(ids, rng.choice([0, 0, 1, 2, 3, 5])))))
    return out


def _ms(f) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    f()
    return (time.perf_counter() - t) * 1000


def bench_sizes(sizes: list[int], repeat: int) -> None:
    real = default_catalog()
    print(f"recommend in-process, as of {AS_OF}, {len(PROFILES)} profiles, median of {repeat} runs each\n")
    warm = statistics.median([_ms(lambda p=p: recommend(p, real, AS_OF)) for p in PROFILES for _ in range(repeat)])
    print(f"real catalog ({len(real)} credentials): {warm:.2f} ms warm")
    fresh = statistics.median([_ms(lambda p=p: recommend(p, real, AS_OF))
                               for p in unseen_profiles(FRESH_PROFILES, sorted(real.ids()))])
    print(f"real catalog, a new profile each call ({FRESH_PROFILES} varied profiles): {fresh:.2f} ms median\n")
    figure("recommend, a new profile each call (real catalog)", fresh, "ms", "(informational)", True)
    print(f"{'credentials':>12} {'cold ms':>9} {'warm ms':>9} {'warm ms/1k':>11}")
    for n in sizes:
        cat = generated_catalog(n)
        cold = _ms(lambda cat=cat: recommend(PROFILES[0], cat, AS_OF))
        times = [_ms(lambda p=p, cat=cat: recommend(p, cat, AS_OF)) for p in PROFILES for _ in range(repeat)]
        med = statistics.median(times)
        print(f"{n:>12,} {cold:>9.1f} {med:>9.1f} {med / (n / 1000):>11.2f}")


TARGET_COLD_S = 0.25

CHILD_COLD = """
import json, time
from datetime import date
from certwise.cli.base import load_catalog_or_fail
from certwise.advice.profile import Profile
from certwise.advice.recommend import recommend
p = Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering")
t = time.perf_counter()
cat = load_catalog_or_fail()
first = recommend(p, cat, date(2026, 11, 24))
cold = time.perf_counter() - t
t = time.perf_counter()
recommend(p, cat, date(2026, 11, 24))
from certwise.advice.scoring_index import index_of
print(json.dumps({"cold": cold, "warm": time.perf_counter() - t, "size": len(cat),
                  "rankable": len(index_of(cat).candidates), "lazy": type(cat.credentials).__name__,
                  "top": [r["id"] for r in first["recommendations"][:3]]}))
"""


def persisted(data: Path) -> list[tuple[str, int]]:
    """What the store holds for the scorer besides the records: (table, bytes)."""
    import sqlite3

    conn = sqlite3.connect(data / "certwise.db")
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = []
        for name in names:
            if name.startswith("overlay_") and name != "overlay_credentials":
                cols = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
                size = sum(conn.execute(f"SELECT COALESCE(SUM(LENGTH({c})), 0) FROM {name}").fetchone()[0]
                           for c in cols)
                out.append((name, int(size)))
        return out
    finally:
        conn.close()


def bench_cold_after_import(n: int) -> bool:
    """Import ``n`` CTDL credentials, then time the first recommend of a new process."""
    with tempfile.TemporaryDirectory(prefix="certwise-bench-cold-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CERTWISE_DATABASE_URL")}
        env.update(CERTWISE_DATA_DIR=str(Path(tmp) / "data"), CERTWISE_CACHE_DIR=str(Path(tmp) / "cache"))
        path = Path(tmp) / "ctdl.json"
        generate(path, n)
        certwise = str(Path(sys.executable).with_name("certwise"))
        t = time.perf_counter()
        out = subprocess.run([certwise, "catalog", "import", str(path), "--no-progress", "--json"], env=env,
                             capture_output=True, text=True, check=True)  # as a person does: the CLI
        print(f"\nimported {json.loads(out.stdout)['imported']:,} CTDL credentials with `certwise catalog import` "
              f"in {time.perf_counter() - t:.1f}s")
        kept = persisted(Path(tmp) / "data")
        if kept:
            print("persisted for the scorer at import: " + ", ".join(f"table {name}, {size / 1e6:.1f} MB" for name, size
                                                                      in kept)
                  + " — one FeatureTable blob (certwise.advice.scoring_table): the ids in order, each credential's"
                    " number among the distinct values of the scorer's six keys (each value stored once), which"
                    " may be ranked at all, learning paths, successors, prerequisites and foundations; keyed by"
                    " the overlay's revision (row count and newest import) and rewritten with every change")
        else:
            print("persisted for the scorer: nothing beyond the records (features are rebuilt on first use)")
        r = json.loads(subprocess.run([sys.executable, "-c", CHILD_COLD], env=env, capture_output=True, text=True,
                                      check=True).stdout)
        print(f"new process, {r['size']:,} credentials ({r['lazy']}; {r['rankable']:,} may be ranked, the rest are "
              f"learning paths, certificate mills or closed): first recommend {r['cold'] * 1000:,.0f} ms "
              f"(catalog + overlay + features + ranking), second {r['warm'] * 1000:,.0f} ms; top {r['top']}")
        t = time.perf_counter()
        subprocess.run([certwise, *"recommend --role developer --cloud aws --goal ml-engineering --json".split()],
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        print(f"a whole `certwise recommend --json` process after that: {(time.perf_counter() - t) * 1000:,.0f} ms")
        return figure(f"cold first recommend after {n:,} CTDL imported", r["cold"], "s",
                      f"< {TARGET_COLD_S:g} s", r["cold"] < TARGET_COLD_S)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ctdl", type=int, default=100_000, help="CTDL credentials imported before the cold start")
    a = ap.parse_args()
    bench_sizes([int(x) for x in a.sizes.split(",")], a.repeat)
    return 0 if bench_cold_after_import(a.ctdl) else 1


if __name__ == "__main__":
    raise SystemExit(main())
