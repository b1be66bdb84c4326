"""Badges whose signature is not verified say so (issue 11, point 5).

Keys are made here: a VC-JWT signed with an embedded JWK (or a did:key) is verified; a tampered
one and ``alg: none`` are refused; one with no key at hand is stored unverified and never turns
a planned entry into a held one.
"""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from joserfc import jws
from joserfc.jwk import ECKey, OKPKey

from certwise.interop.jwt_verify import did_key_jwk
from certwise.interop.openbadges import BadgeError, read_badge_bytes, read_badges
from certwise.store import Store
from certwise.store.badge_import import record_badges
from certwise.store.entry_rules import new_entry

pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
AS_OF = date(2026, 11, 25)
PMLE = "Google Cloud Certified Professional Machine Learning Engineer"


def _payload(name: str = PMLE, issuer: str = "Google Cloud", issuer_id: str | None = None) -> dict:
    iss = {"name": issuer, **({"id": issuer_id} if issuer_id else {})}
    return {"vc": {"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": iss,
                   "credentialSubject": {"achievement": {"name": name}}}, "nbf": 1735689600}


def _b64(d: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()


def _signed(key, alg: str, payload: dict, embed: bool = True, kid: str | None = None) -> str:
    header = {"alg": alg, **({"jwk": key.as_dict(private=False)} if embed else {}), **({"kid": kid} if kid else {})}
    return jws.serialize_compact(header, json.dumps(payload).encode(), key, algorithms=[alg])


def _file(tmp_path, token: str, name: str = "badge.jwt"):
    p = tmp_path / name
    p.write_text(token)
    return p


def _b58(b: bytes) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    n, out = int.from_bytes(b, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    return "1" * (len(b) - len(b.lstrip(b"\0"))) + out


@pytest.mark.parametrize("make, alg", [(lambda: OKPKey.generate_key("Ed25519"), "EdDSA"),
                                       (lambda: ECKey.generate_key("P-256"), "ES256")])
def test_embedded_jwk_verifies(tmp_path, catalog, make, alg):
    token = _signed(make(), alg, _payload())
    (b,) = read_badges([_file(tmp_path, token)], catalog, AS_OF)
    assert b.verified and b.id == "google-ml-engineer" and b.to_dict()["verified"] is True


def test_did_key_issuer_verifies(tmp_path, catalog):
    key = OKPKey.generate_key("Ed25519")
    raw = base64.urlsafe_b64decode(key.as_dict(private=False)["x"] + "==")
    did = "did:key:z" + _b58(b"\xed\x01" + raw)
    assert did_key_jwk(did) == {"kty": "OKP", "crv": "Ed25519", "x": key.as_dict(private=False)["x"]}
    token = _signed(key, "EdDSA", _payload(issuer_id=did), embed=False, kid=f"{did}#{did[8:]}")
    assert read_badges([_file(tmp_path, token)], catalog, AS_OF)[0].verified
    other = OKPKey.generate_key("Ed25519")  # signed by someone else, claiming that did:key
    forged = _signed(other, "EdDSA", _payload(issuer_id=did), embed=False)
    with pytest.raises(BadgeError) as e:
        read_badges([_file(tmp_path, forged)], catalog, AS_OF)
    assert e.value.code == "bad-signature"


def test_tampered_jwt_is_refused(tmp_path, catalog):
    token = _signed(OKPKey.generate_key("Ed25519"), "EdDSA", _payload(name="Robots"))
    head, _, sig = token.split(".")
    tampered = f"{head}.{_b64(_payload())}.{sig}"  # the name changed after signing
    with pytest.raises(BadgeError) as e:
        read_badges([_file(tmp_path, tampered, "forged.jwt")], catalog, AS_OF)
    assert (e.value.code, e.value.file, e.value.field) == ("bad-signature", "forged.jwt", "signature")
    assert "forged.jwt" in e.value.message and "\n" not in e.value.message


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_refused(tmp_path, catalog, alg):
    token = f"{_b64({'alg': alg})}.{_b64(_payload())}."
    with pytest.raises(BadgeError) as e:
        read_badges([_file(tmp_path, token, "unsigned.jwt")], catalog, AS_OF)
    assert e.value.code == "unsigned" and e.value.message.startswith("unsigned.jwt: ")
    with pytest.raises(BadgeError):
        read_badge_bytes("unsigned.jwt", token.encode())


def test_no_offline_key_is_unverified_and_keeps_a_planned_entry(tmp_path, catalog, url):
    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(), embed=False, kid="did:web:example.com#1")
    (b,) = read_badges([_file(tmp_path, token)], catalog, AS_OF)
    assert (b.verified, b.id) == (False, "google-ml-engineer")
    with Store(url) as store:
        store.add_entries([new_entry(catalog, AS_OF, id="google-ml-engineer", state="planned")])
        (row,) = record_badges(store, [b], catalog, AS_OF)
        assert row["kept"] and row["state"] == "planned" and row["badge_verified"] is False
        assert row["note"] == "kept your planned entry: this badge's signature could not be checked"
        (e,) = store.list_entries()
        assert (e.state, e.verified, e.source) == ("planned", True, "manual")
        store.remove_entry(e.entry_id)  # with nothing there, it is recorded, marked unverified
        (row,) = record_badges(store, [b], catalog, AS_OF)
        assert (row["kept"], row["state"], row["verified"]) == (False, "held", False)
        (e,) = store.list_entries()
        assert e.to_dict()["verified"] is False
        # a verified badge for the same credential makes it verified
        (v,) = read_badges([_file(tmp_path, _signed(OKPKey.generate_key("Ed25519"), "EdDSA", _payload()))],
                           catalog, AS_OF)
        (row,) = record_badges(store, [v], catalog, AS_OF)
        assert (row["kept"], row["verified"]) == (False, True)


def test_plain_json_badges_are_unverified(tmp_path, catalog):
    p = tmp_path / "b.json"
    p.write_text(json.dumps({"type": "Assertion", "issuedOn": "2025-01-02", "recipient": {},
                             "badge": {"name": "Robots", "issuer": {"name": "Acme"}}}))
    assert read_badges([p], catalog, AS_OF)[0].verified is False


def test_migration_upgrades_an_existing_database(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from certwise.store.db import HEAD_REVISION, MIGRATIONS_DIR

    db_url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for eid, source in (("m1", "manual"), ("b1", "badge")):
            conn.execute(text("INSERT INTO portfolio_entries (entry_id, key, credential_id, name, issuer, state, "
                              "source, created) VALUES (:e, :k, NULL, :n, 'Acme', 'held', :s, '2026-01-01 00:00:00')"),
                         {"e": eid, "k": f"custom:{eid}|acme", "n": eid, "s": source})
    engine.dispose()
    with Store(db_url) as store:
        got = {e.entry_id: e.verified for e in store.list_entries()}
        assert got == {"m1": True, "b1": False}  # badges imported before signatures were checked
        (e,) = [x for x in store.list_entries() if x.entry_id == "m1"]
        assert e.to_dict()["verified"] is True
    with create_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION


def test_cli_marks_unverified_entries(cli, tmp_path):
    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(name="Robots", issuer="Acme"), embed=False)
    p = _file(tmp_path, token)
    r = cli("portfolio", "import-badge", str(p), "--as-of", AS_OF.isoformat())
    assert r.code == 0 and "unverified" in r.out
    listing = cli("portfolio", "list", "--as-of", AS_OF.isoformat())
    assert "unverified" in listing.out
    (entry,) = cli("portfolio", "list", "--json").json()["entries"]
    assert entry["verified"] is False
    bad = _file(tmp_path, f"{_b64({'alg': 'none'})}.{_b64(_payload())}.", "none.jwt")
    r = cli("portfolio", "import-badge", str(bad))
    assert r.code == 2 and "none.jwt" in r.err and len(r.err.strip().splitlines()) == 1


def test_web_page_and_api_mark_unverified_badges(catalog):
    import re

    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(), embed=False)
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=AS_OF)) as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/portfolio").text).group(1)
        r = client.post("/portfolio/badges", data={"csrf_token": csrf},
                        files=[("files", ("pmle.jwt", token.encode(), "application/octet-stream"))])
        assert r.status_code == 200 and "Unverified" in r.text
        none = f"{_b64({'alg': 'none'})}.{_b64(_payload())}."
        r = client.post("/portfolio/badges", data={"csrf_token": csrf},
                        files=[("files", ("none.jwt", none.encode(), "application/octet-stream"))])
        assert 400 <= r.status_code < 500 and "none.jwt" in r.text


def test_web_import_says_when_a_planned_entry_was_kept(catalog):
    import re

    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(), embed=False)
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=AS_OF)) as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/portfolio").text).group(1)
        client.post("/portfolio/add", data={"csrf_token": csrf, "id": "google-ml-engineer",
                                            "state": "planned"})
        r = client.post("/portfolio/badges", data={"csrf_token": csrf},
                        files=[("files", ("pmle.jwt", token.encode(), "application/octet-stream"))])
        assert r.status_code == 200 and "signature could not be checked" in r.text
        api = client.get("/api/v1/portfolio").json()
        assert [(e["state"], e["verified"]) for e in api["entries"]] == [("planned", True)]


def test_the_person_may_choose_to_let_an_unverified_badge_update_an_entry(tmp_path, catalog, cli):
    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(), embed=False, kid="did:web:example.com#1")
    badge = _file(tmp_path, token)
    assert cli("portfolio", "plan", "google-ml-engineer", "--as-of", AS_OF.isoformat()).code == 0
    kept = cli("portfolio", "import-badge", str(badge), "--as-of", AS_OF.isoformat())
    assert kept.code == 0 and "--accept-unverified" in kept.out
    assert [e["state"] for e in cli("portfolio", "list", "--json").json()["entries"]] == ["planned"]
    chosen = cli("portfolio", "import-badge", str(badge), "--accept-unverified", "--as-of", AS_OF.isoformat(),
                 "--json")
    assert chosen.code == 0 and chosen.json()["imported"][0]["kept"] is False
    (e,) = cli("portfolio", "list", "--json").json()["entries"]
    assert (e["state"], e["verified"]) == ("held", False)  # held by your choice, still marked unverified


def test_the_web_offers_the_same_choice(catalog):
    import re

    from fastapi.testclient import TestClient

    from certwise.web.app import create_app

    token = _signed(ECKey.generate_key("P-256"), "ES256", _payload(), embed=False)
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=AS_OF)) as client:
        page = client.get("/portfolio").text
        assert 'name="accept_unverified"' in page
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        client.post("/portfolio/add", data={"csrf_token": csrf, "id": "google-ml-engineer", "state": "planned"})
        r = client.post("/portfolio/badges", data={"csrf_token": csrf, "accept_unverified": "1"},
                        files=[("files", ("pmle.jwt", token.encode(), "application/octet-stream"))])
        assert r.status_code == 200
        assert [(e["state"], e["verified"]) for e in client.get("/api/v1/portfolio").json()["entries"]] \
            == [("held", False)]
