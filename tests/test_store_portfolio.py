"""The Store's portfolio: add, plan, list, remove, renewals, export/import — SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pytest

from certwise.catalog.model import EXAMPLE, Credential
from certwise.store import Store, StoreError
from certwise.store.db import HEAD_REVISION, NewEntry
from storeutil import sqlite_url


def _cred(**kw) -> Credential:
    data = json.loads(json.dumps(EXAMPLE))
    data.update(kw)
    return Credential.model_validate(data)


@pytest.fixture
def store(url):
    s = Store(url)
    yield s
    s.close()


def test_add_uses_provider_rule_for_expiry(store):
    e = store.add_entry(_cred(), earned=date(2024, 2, 29))
    assert (e.id, e.state, e.source) == ("example-cert", "held", "manual")
    assert e.expires == date(2026, 2, 28)  # 2 years, clamped to the month's end
    assert e.name == "Example Certification" and e.issuer == "Example"


def test_explicit_expiry_wins_and_no_rule_means_no_expiry(store):
    assert store.add_entry(_cred(), earned=date(2025, 1, 1), expires=date(2025, 6, 1)).expires == date(2025, 6, 1)
    never = _cred(id="never-expires", renewal={"validity_years": None, "method": "none"})
    assert store.add_entry(never, earned=date(2025, 1, 1)).expires is None


def test_expiry_before_earned_is_refused(store):
    with pytest.raises(StoreError, match="before earned"):
        store.add_entry(_cred(), earned=date(2025, 1, 1), expires=date(2024, 1, 1))
    assert store.list_entries() == []


def test_one_entry_per_credential_plan_then_hold(store):
    planned = store.add_entry(_cred(), state="planned")
    assert planned.state == "planned" and planned.earned is None and planned.expires is None
    held = store.add_entry(_cred(), earned=date(2025, 5, 1), credential_url="https://cred.example/1")
    assert held.entry_id == planned.entry_id and held.state == "held"
    assert len(store.list_entries()) == 1
    with pytest.raises(StoreError, match="already held"):
        store.add_entry(_cred(), state="planned")


def test_custom_entries_and_listing_order(store):
    store.add_entry(None, name="Robots 101", issuer="Acme", earned=date(2020, 1, 1))
    store.add_entry(_cred(), earned=date(2019, 1, 1))
    store.add_entry(_cred(id="later-cert", name="Later"), state="planned")
    got = [(e.id, e.state) for e in store.list_entries()]
    assert got == [("example-cert", "held"), (None, "held"), ("later-cert", "planned")]
    assert [e.name for e in store.list_entries(state="planned")] == ["Later"]
    with pytest.raises(StoreError, match="field 'name': required"):
        store.add_entry(None, earned=date(2020, 1, 1))


def test_remove_by_entry_id_catalog_id_or_name(store):
    a = store.add_entry(_cred(), earned=date(2025, 1, 1))
    b = store.add_entry(None, name="Robots 101", issuer="Acme", earned=date(2020, 1, 1))
    c = store.add_entry(_cred(id="third-cert", name="Third"), state="planned")
    assert store.remove_entry(a.entry_id).entry_id == a.entry_id
    assert store.remove_entry("robots 101").entry_id == b.entry_id
    assert store.remove_entry("third-cert").entry_id == c.entry_id
    assert store.list_entries() == []
    with pytest.raises(StoreError, match="no portfolio entry 'nope'"):
        store.remove_entry("nope")


def test_add_entries_is_all_or_nothing(store):
    with pytest.raises(StoreError):
        store.add_entries([NewEntry(_cred(), earned=date(2025, 1, 1)), NewEntry(None, name="")])
    assert store.list_entries() == []


def test_renewals_window_and_order(store):
    store.add_entry(_cred(id="soon", name="Soon"), earned=date(2025, 1, 10))  # expires 2027-01-10
    store.add_entry(_cred(id="gone", name="Gone"), earned=date(2022, 1, 1))  # expired 2024-01-01
    store.add_entry(_cred(id="far", name="Far"), earned=date(2026, 6, 1))  # 2028
    store.add_entry(_cred(id="plan", name="Plan"), state="planned")
    due = store.renewals(date(2026, 11, 25), within_days=90)
    assert [(d.entry.id, d.status) for d in due] == [("gone", "expired"), ("soon", "due")]
    assert due[1].days_left == 46
    assert [d.entry.id for d in store.renewals(date(2026, 11, 25), within_days=10)] == ["gone"]


def test_export_import_round_trip_loses_nothing(store, url, tmp_path):
    store.add_entry(_cred(), earned=date(2025, 1, 1), credential_url="https://cred.example/x")
    store.add_entry(None, name="Robots 101", issuer="Acme", earned=date(2020, 1, 1), source="badge")
    store.add_entry(_cred(id="planned-one", name="Planned"), state="planned")
    exported = store.export_portfolio()
    text = json.dumps(exported)

    other = Store(sqlite_url(tmp_path / "other"))
    other.import_portfolio(json.loads(text))
    again = other.export_portfolio()
    assert again["entries"] == exported["entries"]
    # importing twice replaces, it does not duplicate
    other.import_portfolio(json.loads(text))
    assert other.export_portfolio()["entries"] == exported["entries"]
    other.close()


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"name": "x", "state": "owned"}], "entries[1]: field 'state'"),
        ([{"name": "x", "earned": "yesterday"}], "entries[1]: field 'earned'"),
        ([{"issuer": "x"}], "entries[1]: field 'name'"),
        ([{"name": "b", "earned": "2025-01-01", "expires": "2024-01-01"}], "entries[1]: field 'expires'"),
        ([{"name": "a", "earned": "2025-01-01"}, {"name": "A", "earned": "2025-01-01"}],
         "entries[2]: the same credential as entries[1]"),
        # the rules of `portfolio add`: a held credential was earned, not after as_of; links are web addresses
        ([{"name": "b"}], "entries[1]: field 'earned': required for a credential you hold"),
        ([{"name": "b", "earned": "2030-01-01"}], "entries[1]: field 'earned': 2030-01-01 is in the future"),
        ([{"name": "b", "earned": "2025-01-01", "credential_url": "javascript:alert(1)"}],
         "entries[1]: field 'credential_url': 'javascript:alert(1)' is not a web address"),
    ],
)
def test_import_is_validated_and_all_or_nothing(store, entries, message):
    store.add_entry(_cred(), earned=date(2025, 1, 1))
    before = store.export_portfolio()["entries"]
    with pytest.raises(StoreError) as exc:
        store.import_portfolio({"format": "certwise-portfolio", "entries": [{"name": "ok", "earned": "2025-01-01"},
                                                                           *entries]}, as_of=date(2026, 11, 25))
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)
    assert store.export_portfolio()["entries"] == before


def test_import_rejects_what_is_not_a_portfolio(store):
    with pytest.raises(StoreError, match="no 'entries'"):
        store.import_portfolio({"hello": 1})
    with pytest.raises(StoreError, match="'format'"):
        store.import_portfolio({"format": "other", "entries": []})


def test_migrations_head_matches_constant(url):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from certwise.store.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    s = Store(url)
    with s.engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
    s.close()


def test_sqlite_is_wal_with_busy_timeout(tmp_path):
    s = Store(sqlite_url(tmp_path))
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    s.close()


def test_in_memory_store():
    s = Store("sqlite://")
    s.add_entry(_cred(), earned=date(2025, 1, 1))
    assert len(s.list_entries()) == 1


def test_default_url_comes_from_settings(tmp_path, monkeypatch):
    from certwise.settings import database_url, sqlite_path

    monkeypatch.setenv("CERTWISE_DATA_DIR", str(tmp_path / "d"))
    assert database_url() == f"sqlite:///{tmp_path / 'd' / 'certwise.db'}"
    s = Store()
    s.add_entry(_cred(), earned=date(2025, 1, 1))
    s.close()
    assert sqlite_path(database_url()).is_file()
    monkeypatch.setenv("CERTWISE_DATABASE_URL", "sqlite:///" + str(tmp_path / "x.db"))
    assert Store().url.endswith("x.db")


def test_postgres_url_is_normalised_to_psycopg():
    from certwise.store.db import normalise_url

    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
