"""The rules for adding a portfolio entry (store.entry_rules): one home for the CLI, the web and imports."""

from __future__ import annotations

from datetime import date

import pytest

from certwise.interop.openbadges import Badge
from certwise.store import EntryError, Store, StoreError
from certwise.store.badge_import import record_badges
from certwise.store.entry_rules import credential_link, entry_date, new_entry, record_entry

AS_OF = date(2026, 11, 25)


def test_a_catalog_entry_from_form_text(catalog):
    e = new_entry(catalog, AS_OF, id=" PMLE ", name="ignored", issuer="ignored", state="", earned="2025-03-01",
                  expires="", credential_url=" https://cred.example/1 ")
    assert (e.credential.id, e.name, e.issuer, e.state) == ("google-ml-engineer", None, None, "held")
    assert (e.earned, e.expires, e.credential_url) == (date(2025, 3, 1), date(2027, 3, 1), "https://cred.example/1")


def test_a_custom_entry_needs_name_and_issuer(catalog):
    e = new_entry(catalog, AS_OF, name="Robots 101", issuer="Acme", earned=date(2024, 5, 5))
    assert (e.credential, e.name, e.issuer, e.expires) == (None, "Robots 101", "Acme", None)
    with pytest.raises(EntryError) as exc:
        new_entry(catalog, AS_OF, name="Robots 101", earned=date(2024, 5, 5))
    assert (exc.value.field, exc.value.code) == ("id", "required")


def test_planned_entries_keep_no_dates_and_are_not_retired(catalog):
    e = new_entry(catalog, AS_OF, id="google-ml-engineer", state="planned", earned="2025-01-01")
    assert (e.state, e.earned, e.expires) == ("planned", None, None)
    retired = next(c for c in catalog if c.status(AS_OF) == "retired")
    with pytest.raises(EntryError) as exc:
        new_entry(catalog, AS_OF, id=retired.id, state="planned")
    assert (exc.value.field, exc.value.code) == ("id", "retired") and "successor" in exc.value.problem


@pytest.mark.parametrize(
    "fields, field, code",
    [
        ({"id": "no-such-cert", "earned": "2025-01-01"}, "id", "unknown-credential"),
        ({"id": "pmle"}, "earned", "required"),
        ({"id": "pmle", "earned": "March"}, "earned", "not-a-date"),
        ({"id": "pmle", "earned": "2026-11-26"}, "earned", "future"),
        ({"id": "pmle", "earned": "2025-01-01", "expires": "2024-12-31"}, "expires", "before-earned"),
        ({"id": "pmle", "earned": "2025-01-01", "expires": "soon"}, "expires", "not-a-date"),
        ({"id": "pmle", "earned": "2025-01-01", "state": "maybe"}, "state", "not-allowed"),
        ({"name": "x" * 501, "issuer": "Acme", "earned": "2025-01-01"}, "name", "too-long"),
        ({"id": "pmle", "earned": "2025-01-01", "credential_url": "javascript:alert(1)"}, "credential_url",
         "not-a-web-address"),
    ],
)
def test_each_problem_names_its_field_in_no_face_s_words(catalog, fields, field, code):
    with pytest.raises(EntryError) as exc:
        new_entry(catalog, AS_OF, **fields)
    e = exc.value
    assert (e.field, e.code) == (field, code)
    assert e.message == f"field '{field}': {e.problem}" == str(e)
    assert "--" not in e.message and "certwise " not in e.message and "\n" not in e.message
    assert isinstance(e, StoreError)  # what the CLI's and the web's store handlers already catch


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
     "vbscript:x", "file:///etc/passwd", "ftp://x.example/a", "https://", "//x.example/a", "x.example/a",
     "https://x.example/a b", "https://x.example/\nSet-Cookie:x", "https://x.example/" + "a" * 2000],
)
def test_credential_links_are_web_addresses_only(url):
    with pytest.raises(EntryError) as exc:
        credential_link(url)
    assert exc.value.field == "credential_url"


@pytest.mark.parametrize("url", ["https://www.credly.com/badges/abc", "http://x.example", "HTTPS://X.example/a?b=1"])
def test_web_links_are_kept(url):
    assert credential_link(url) == url


def test_dates_from_text_dates_or_nothing():
    assert entry_date(date(2025, 1, 2), "earned") == entry_date("2025-01-02", "earned") == date(2025, 1, 2)
    assert entry_date(None, "earned") is entry_date("  ", "earned") is None


def test_the_store_itself_refuses_unsafe_links():
    from certwise.catalog.model import EXAMPLE, Credential

    with Store("sqlite://") as s, pytest.raises(EntryError, match="credential_url"):
        s.add_entry(Credential.model_validate(EXAMPLE), earned=date(2025, 1, 1), credential_url="javascript:x")


def test_record_entry_adds_a_checked_entry(catalog):
    with Store("sqlite://") as s:
        e = record_entry(s, catalog, AS_OF, id="pmle", earned="2025-03-01")
        assert (e.id, e.expires) == ("google-ml-engineer", date(2027, 3, 1))
        with pytest.raises(EntryError):
            record_entry(s, catalog, AS_OF, id="pmle", earned="2027-01-01")
        assert len(s.list_entries()) == 1


def _badge(**kw) -> Badge:
    base = {"id": None, "name": "Robots", "issuer": "Acme", "earned": date(2025, 1, 1), "expires": None,
            "file": "/tmp/up/robots.json", "format": "ob2"}
    return Badge(**{**base, **kw})


@pytest.mark.parametrize(
    "badge, field, code",
    [
        (_badge(earned=date(2027, 1, 1)), "earned", "future"),
        (_badge(expires=date(2024, 1, 1)), "expires", "before-earned"),
    ],
)
def test_badges_keep_the_same_date_rules_and_name_their_file(catalog, badge, field, code):
    with Store("sqlite://") as s:
        with pytest.raises(EntryError) as exc:
            record_badges(s, [_badge(name="Fine"), badge], catalog, AS_OF)
        assert (exc.value.field, exc.value.code, exc.value.where) == (field, code, "robots.json")
        assert str(exc.value).startswith("robots.json: field ")
        assert s.list_entries() == []  # all or nothing
