"""The overlay's scoring features, persisted at import: the same advice as computing them afresh,
and never read once the overlay has changed."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.recommend import recommend
from certwise.advice.scoring_index import ScoringIndex
from certwise.advice.scoring_table import FeatureTable
from certwise.catalog import default_catalog
from certwise.catalog.load import Catalog, LazyCredentials
from certwise.catalog.model import EXAMPLE, Credential
from certwise.store import Store
from certwise.store.overlay import overlay_catalog
from certwise.store.overlay_features import current_revision

PROVIDERS = ["Google Cloud", "Microsoft", "NVIDIA", "Databricks", "Amazon Web Services", "Acme Learning",
             "Stanford University", "IBM"]
DOMAINS = ["ml-engineering", "generative-ai", "mlops", "data-engineering", "ai-literacy", "nlp", "deep-learning"]
PROFILES = [
    Profile(),
    Profile(role="developer", cloud="aws", cloud_experience="some", years_experience=4, goal="ml-engineering",
            budget_usd=400, months=4, hours_per_week=8, held=("aws-cloud-practitioner",)),
    Profile(role="researcher", goal="research", years_experience=9, platforms=("nvidia",)),
    Profile(role="student", goal="first-ai-role", budget_usd=0),
]
DATES = [date(2026, 1, 9), date(2026, 11, 24), date(2027, 6, 1)]


def _cred(i: int, rng: random.Random) -> Credential:
    """A varied overlay credential: many are recognised issuers with assessed exams, so they rank."""
    data = json.loads(json.dumps(EXAMPLE))
    lo = rng.choice([0, 49, 150, 300, 900])
    hours = rng.choice([8, 20, 60, 120])
    lifecycle: dict = {}
    if i % 7 == 0:
        lifecycle["launched"] = "2026-06-01"
    if i % 11 == 0:
        lifecycle["retired"] = "2027-01-15"
    if i % 13 == 0:
        lifecycle["successors"] = [f"ov-{i + 1:04d}"]
    data.update(
        id=f"ov-{i:04d}", name=f"Overlay credential {i}", origin="overlay", provider=rng.choice(PROVIDERS),
        level=rng.choice(["foundational", "associate", "professional", "specialty"]),
        kind=rng.choice(["certification-exam", "certification-exam", "professional-certificate", "learning-path"]),
        domains=rng.sample(DOMAINS, rng.randint(1, 3)), ecosystem=rng.choice(["aws", "gcp", "azure", "nvidia",
                                                                              "databricks", "vendor-neutral"]),
        cost={"usd": {"low": lo, "high": lo * 1.5}, "basis": "exam"},
        prep={"hours": {"low": hours, "high": hours * 2}},
        exam={"proctored": rng.random() < 0.7, "performance_based": rng.random() < 0.2},
        best_for=rng.sample(["developer", "student", "researcher", "data-professional"], rng.randint(0, 2)),
        recommended_before=["aws-cloud-practitioner"] if i % 5 == 0 else [],
        lifecycle=lifecycle,
    )
    data["sources"][0]["supports"] = ["cost", "prep", "renewal", "url", "exam", "lifecycle"]
    return Credential.model_validate(data)


def _creds(n: int, seed: int = 3) -> list[Credential]:
    rng = random.Random(seed)
    return [_cred(i, rng) for i in range(n)]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CERTWISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CERTWISE_DATABASE_URL", raising=False)
    return tmp_path / "data"


def _fresh(cat: Catalog) -> Catalog:
    """The same credentials as a plain catalog, its features computed afresh."""
    return Catalog(list(cat))


def test_persisted_features_rank_and_recommend_as_fresh_ones(data_dir):
    with Store() as s:
        s.add_overlay(_creds(120))
        assert s.features_bytes > 0
    cat = overlay_catalog(default_catalog())
    assert isinstance(cat.credentials, LazyCredentials)
    fresh = _fresh(cat)
    assert [c.id for c in fresh] == cat.ids()
    # overlay credentials do rank (recognised issuers, assessed exams), among the shipped ones
    assert sum(s.cred.origin == "overlay" for s in rank(PROFILES[1], fresh, DATES[1], limit=30)) >= 5
    for p in PROFILES:
        for day in DATES:
            assert [(s.cred.id, round(s.score, 9)) for s in rank(p, cat, day, limit=None)] == \
                   [(s.cred.id, round(s.score, 9)) for s in rank(p, fresh, day, limit=None)], (p, day)
            assert recommend(p, cat, day) == recommend(p, fresh, day)


def test_the_index_from_the_table_equals_one_built_from_the_records(data_dir):
    with Store() as s:
        s.add_overlay(_creds(60, seed=9))
    cat = overlay_catalog(default_catalog())
    lazy, built = vars(cat)["scoring_index"], ScoringIndex.build(_fresh(cat))
    assert lazy.gated == built.gated and lazy.predecessors == built.predecessors and lazy.unlocks == built.unlocks
    assert lazy.learning_paths == built.learning_paths and lazy.foundational == built.foundational
    assert sorted(lazy.candidates) == sorted(built.candidates)
    for k, dv in built.values.items():
        assert [lazy.values[k].values[n] for n in lazy.values[k].number_of] == [dv.values[n] for n in dv.number_of]
    assert [lazy.features[i] for i in range(len(cat))] == built.features


def test_features_are_rebuilt_when_the_overlay_changes(data_dir):
    creds = _creds(80, seed=5)
    with Store() as s:
        s.add_overlay(creds[:50])
        s.add_overlay(creds[50:])  # added to what was there: the table covers all 80
        cat = overlay_catalog(default_catalog())
        assert isinstance(cat.credentials, LazyCredentials) and len(cat) == len(default_catalog()) + 80
        p = PROFILES[1]
        assert recommend(p, cat, DATES[1]) == recommend(p, _fresh(cat), DATES[1])
        s.add_overlay([creds[0]], replace=True)
        cat = overlay_catalog(default_catalog())
        assert isinstance(cat.credentials, LazyCredentials) and len(cat) == len(default_catalog()) + 1
        s.clear_overlay()
    assert overlay_catalog(default_catalog()) is not None
    conn = sqlite3.connect(data_dir / "certwise.db")
    assert conn.execute("SELECT COUNT(*) FROM overlay_features").fetchone() == (0,)
    conn.close()


def test_features_of_another_revision_are_never_read(data_dir):
    with Store() as s:
        s.add_overlay(_creds(40, seed=2))
    conn = sqlite3.connect(data_dir / "certwise.db")
    with conn:  # a change the store did not make (another program): the blob no longer matches
        conn.execute("UPDATE overlay_credentials SET imported_at = '2030-01-01 00:00:00.000000' WHERE id = 'ov-0003'")
    conn.close()
    cat = overlay_catalog(default_catalog())
    assert not isinstance(cat.credentials, LazyCredentials)  # read the slow, sure way
    assert len(cat) == len(default_catalog()) + 40
    assert recommend(PROFILES[2], cat, DATES[1]) == recommend(PROFILES[2], _fresh(cat), DATES[1])


def test_the_store_keeps_features_of_its_current_revision(url):
    """SQLite and PostgreSQL alike: the blob is written in the import's transaction, at its revision."""
    with Store(url) as s:
        s.add_overlay(_creds(30, seed=4))
        with s.engine.connect() as conn:
            row = conn.execute(text("SELECT revision, blob FROM overlay_features")).one()
            assert row[0] == current_revision(conn)
            table = FeatureTable.from_blob(bytes(row[1]))
        assert table.ids == sorted(c.id for c in _creds(30, seed=4))
        s.clear_overlay()
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM overlay_features")).scalar() == 0
