"""The catalog overlay: stored credentials join the catalog; no overlay costs nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from certwise.catalog.load import Catalog
from certwise.catalog.model import EXAMPLE, Credential
from certwise.store import Store
from storeutil import postgres_schema_url


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path, monkeypatch):
    """The overlay's pickle cache goes to the test's own folder, not the user's cache."""
    monkeypatch.setenv("CERTWISE_CACHE_DIR", str(tmp_path / "cache"))


def _cred(i: int | str, **kw) -> Credential:
    data = json.loads(json.dumps(EXAMPLE))
    data.update(id=f"overlay-{i}", name=f"Overlay {i}", origin="overlay", **kw)
    return Credential.model_validate(data)


def test_add_overlay_streams_batches_in_one_transaction(url):
    s = Store(url)
    seen: list[int] = []
    n = s.add_overlay((_cred(i) for i in range(25)), batch_size=10, progress=seen.append)
    assert n == 25 and seen == [10, 20, 25]
    got = s.overlay_credentials()
    assert len(got) == 25 and got[0] == _cred(0)
    # same ids again: replaced, not duplicated
    s.add_overlay([_cred(0, summary="changed")])
    assert s.overlay_count() == 25
    assert next(c for c in s.overlay_credentials() if c.id == "overlay-0").summary == "changed"
    assert s.add_overlay([_cred("only")], replace=True) == 1
    assert s.overlay_ids() == {"overlay-only"}
    assert s.clear_overlay() == 1 and s.overlay_count() == 0
    s.close()


def test_add_overlay_rolls_back_when_the_source_fails(url):
    s = Store(url)
    s.add_overlay([_cred("keep")])

    def broken():
        for i in range(30):
            yield _cred(i)
        raise ValueError("bad record 30")

    with pytest.raises(ValueError):
        s.add_overlay(broken(), batch_size=10)
    assert [c.id for c in s.overlay_credentials()] == ["overlay-keep"]
    s.close()


def test_overlay_catalog_without_database_returns_the_same_catalog():
    from certwise.store.overlay import overlay_catalog

    cat = Catalog([_cred("base")])
    assert overlay_catalog(cat) is cat  # no database file in the private data dir


def test_overlay_catalog_with_empty_database_returns_the_same_catalog():
    from certwise.store.overlay import overlay_catalog

    Store().close()  # creates the default database, with no overlay rows
    cat = Catalog([_cred("base")])
    assert overlay_catalog(cat) is cat


def test_overlay_catalog_adds_stored_credentials():
    from certwise.store.overlay import overlay_catalog

    s = Store()
    s.add_overlay([_cred("a"), _cred("b")])
    s.close()
    cat = overlay_catalog(Catalog([_cred("base")]))
    assert cat.ids() == ["overlay-base", "overlay-a", "overlay-b"]
    assert cat.get("overlay-a").origin == "overlay"


def test_overlay_catalog_through_a_non_sqlite_url(monkeypatch):
    from certwise.store.overlay import overlay_catalog

    for url in postgres_schema_url():
        monkeypatch.setenv("CERTWISE_DATABASE_URL", url)
        s = Store()
        s.add_overlay([_cred("pg")])
        s.close()
        assert "overlay-pg" in overlay_catalog(Catalog()).ids()


test_overlay_catalog_through_a_non_sqlite_url = pytest.mark.postgres(test_overlay_catalog_through_a_non_sqlite_url)


def test_overlay_check_does_not_import_sqlalchemy_or_pydantic(tmp_path):
    code = (
        "import sys\n"
        "from certwise.catalog.load import Catalog\n"
        "from certwise.store.overlay import overlay_catalog\n"
        "c = Catalog()\n"
        "assert overlay_catalog(c) is c\n"
        "bad = [m for m in ('sqlalchemy', 'alembic', 'pydantic') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {"CERTWISE_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    # once without a database file, once with an empty one
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    subprocess.run(
        [sys.executable, "-c", "from certwise.store import Store; Store().close()"], check=True, env=env
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_overlay_record_dates_survive(url):
    s = Store(url)
    c = _cred("dated", lifecycle={"launched": "2025-01-01"},
              sources=[{"url": "https://x.example", "supports": ["cost", "prep", "renewal", "url", "lifecycle"],
                        "verified": "2026-11-25"}])
    s.add_overlay([c])
    (back,) = s.overlay_credentials()
    assert back == c and back.lifecycle.launched == date(2025, 1, 1)
    s.close()
