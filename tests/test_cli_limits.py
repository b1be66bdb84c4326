"""Every file the CLI reads, at its limits: exit 2, one line on stderr, no traceback, nothing written.

Profiles (``--profile``), evaluate descriptions (``--file``), portfolio files, badges and CTDL, with
the classes of bad input of the hardening issue: recursion depth, integer digits, float overflow,
impossible dates, wrong types, duplicate keys, YAML aliases, size caps (``/dev/zero``), enormous
strings, infinite prices, duplicate ids — and ``roi --salary 1e308 --json``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

AS_OF = "2026-11-25"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
DIGITS = "9" * 5000


def _db() -> Path:
    return Path(os.environ["CERTWISE_DATA_DIR"]) / "certwise.db"


def _rows(table: str) -> int:
    if not _db().exists():
        return 0
    with sqlite3.connect(_db()) as con:
        try:
            return int(con.execute(f"select count(*) from {table}").fetchone()[0])  # noqa: S608 - a fixed name
        except sqlite3.OperationalError:  # no such table: nothing was written
            return 0


def _refused(r, *needles: str) -> str:
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and "Traceback" not in r.out
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("certwise: error: "), lines[0]
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def _write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


# --- profiles and descriptions ----------------------------------------------------------------------

PROFILES = {
    "deep": ("p.yaml", "role: developer\nheld: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    "deep-json": ("p.json", '{"role": "developer", "held": ' + DEEP_JSON + "}", "nested too deeply"),
    "digits": ("p.yaml", f"role: developer\nyears: {DIGITS}\n", "too many digits"),
    "digits-json": ("p.json", f'{{"role": "developer", "years": {DIGITS}}}', "too many digits"),
    "overflow": ("p.yaml", "role: developer\nyears: 1e400\n", "finite"),
    "overflow-json": ("p.json", '{"role": "developer", "years": 1e400}', "too large"),
    "impossible-date": ("p.yaml", "role: developer\nheld: [2026-02-30]\n", "p.yaml"),
    "platforms-number": ("p.yaml", "role: developer\nplatforms: 5\n", "platforms"),
    "held-mapping": ("p.yaml", "role: developer\nheld: {a: 1}\n", "held"),
    "duplicate-key": ("p.yaml", "role: developer\nrole: student\n", "given twice"),
    "duplicate-key-json": ("p.json", '{"role": "developer", "role": "student"}', "given twice"),
    "alias-bomb": ("p.yaml", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nheld: [*b, *b, *b]\n", "aliases"),
    "key-with-newline": ("p.json", '{"ro\\nle": "developer"}', "unknown profile field"),
    "lone-surrogate": ("p.json", '{"role": "developer", "held": ["\\ud800"]}', "not text"),
}


@pytest.mark.parametrize("case", sorted(PROFILES))
def test_recommend_profile_limits(cli, tmp_path, case):
    name, text, needle = PROFILES[case]
    _refused(cli("recommend", "--profile", _write(tmp_path, name, text), "--json", "--as-of", AS_OF), needle)


def test_profile_size_cap_is_stated_and_kept(cli, tmp_path):
    assert "at most 1 MB" in " ".join(cli("recommend", "--help").out.split())
    big = _write(tmp_path, "p.yaml", "role: developer\n" + "# filler\n" * 120_000)
    _refused(cli("recommend", "--profile", big, "--as-of", AS_OF), "larger than")
    _refused(cli("recommend", "--profile", "/dev/zero", "--as-of", AS_OF), "larger than")


DESCRIPTIONS = {
    "digits": ("d.json", f'{{"name": "X", "issuer": "Y", "price_usd": {DIGITS}, "hours": 1}}', "too many digits"),
    "overflow": ("d.json", '{"name": "X", "issuer": "Y", "price_usd": 1e400, "hours": 1}', "too large"),
    "infinity": ("d.json", '{"name": "X", "issuer": "Y", "price_usd": Infinity, "hours": 1}', "finite"),
    "deep": ("d.json", '{"name": ' + DEEP_JSON + "}", "nested too deeply"),
    "duplicate-key": ("d.yaml", "name: X\nname: Y\n", "given twice"),
    "wrong-type": ("d.yaml", "name: X\nissuer: Y\nprice_usd: [1]\nhours: 3\n", "price_usd"),
    "lone-surrogate": ("d.json", '{"name": "\\ud800", "issuer": "Y", "price_usd": 1, "hours": 1}', "not text"),
    "alias": ("d.yaml", "name: &n X\nissuer: *n\nprice_usd: 1\nhours: 1\n", "aliases"),
}


@pytest.mark.parametrize("case", sorted(DESCRIPTIONS))
def test_evaluate_file_limits(cli, tmp_path, case):
    name, text, needle = DESCRIPTIONS[case]
    _refused(cli("evaluate", "--file", _write(tmp_path, name, text), "--as-of", AS_OF), needle)


# --- portfolio files ----------------------------------------------------------------------------------


def _entries(extra: str) -> str:
    return '{"format": "certwise-portfolio", "entries": [{"name": "A", "issuer": "B", "earned": "2025-01-01"' + extra + "}]}"


PORTFOLIOS = {
    "deep": (DEEP_JSON, "nested too deeply"),
    "digits": (_entries(f', "x": {DIGITS}'), "too many digits"),
    "infinity": (_entries(', "x": Infinity'), "finite"),
    "overflow": (_entries(', "x": 1e400'), "too large"),
    "duplicate-key": ('{"entries": [], "entries": []}', "given twice"),
    "impossible-date": ('{"entries": [{"name": "A", "issuer": "B", "earned": "2026-02-30"}]}', "earned"),
    "wrong-type": ('{"entries": [{"name": {"a": 1}, "issuer": "B", "earned": "2025-01-01"}]}', "name"),
    "entries-not-a-list": ('{"entries": 5}', "entries"),
    "lone-surrogate": ('{"entries": [{"name": "\\ud800", "issuer": "B", "earned": "2025-01-01"}]}', "not text"),
    "huge-name": ('{"entries": [{"name": "' + "n" * 100_000 + '", "issuer": "B", "earned": "2025-01-01"}]}',
                  "longer than"),
    "created-out-of-range": (_entries(', "created": "9999-12-31T23:59:59-14:00"'), "created"),
    "javascript-link": (_entries(', "credential_url": "javascript:alert(1)"'), "credential_url"),
}


@pytest.mark.parametrize("case", sorted(PORTFOLIOS))
def test_portfolio_import_limits(cli, tmp_path, case):
    text, needle = PORTFOLIOS[case]
    _refused(cli("portfolio", "import", _write(tmp_path, "p.json", text), "--as-of", AS_OF), needle)
    assert _rows("portfolio_entries") == 0


def test_portfolio_import_size_cap_is_stated_and_kept(cli, tmp_path):
    assert "10 MB" in " ".join(cli("portfolio", "import", "--help").out.split())
    _refused(cli("portfolio", "import", "/dev/zero", "--as-of", AS_OF), "larger than 10 MB")
    assert _rows("portfolio_entries") == 0


# --- badges -----------------------------------------------------------------------------------------

_ASSERTION = {"type": "Assertion", "recipient": {}, "issuedOn": "2025-01-02",
              "badge": {"name": "Robots", "issuer": {"name": "Acme"}}}
BADGES = {
    "deep": ('{"type": "Assertion", "x": ' + DEEP_JSON + "}", "nested too deeply"),
    "digits": ('{"type": "Assertion", "x": ' + DIGITS + "}", "too many digits"),
    "overflow": ('{"type": "Assertion", "x": 1e400}', "too large"),
    "duplicate-key": ('{"type": "Assertion", "type": "Assertion"}', "given twice"),
    "impossible-date": (json.dumps({**_ASSERTION, "issuedOn": "2026-02-30"}), "issuedOn"),
    "timestamp-overflow": (json.dumps({**_ASSERTION, "issuedOn": 1e300}), "issuedOn"),
    "wrong-type": (json.dumps({**_ASSERTION, "badge": 5}), "badge"),
    "lone-surrogate": (json.dumps({**_ASSERTION, "badge": {"name": "\ud800", "issuer": {"name": "Acme"}}}), "not text"),
    "too-large": (json.dumps({**_ASSERTION, "pad": "x" * 600_000}), "larger than 512 KB"),
}


@pytest.mark.parametrize("case", sorted(BADGES))
def test_import_badge_limits(cli, tmp_path, case):
    text, needle = BADGES[case]
    _refused(cli("portfolio", "import-badge", _write(tmp_path, "b.json", text), "--as-of", AS_OF), needle)
    assert _rows("portfolio_entries") == 0


def test_import_badge_from_dev_zero_stops_at_the_stated_cap(cli):
    assert "512 KB" in " ".join(cli("portfolio", "import-badge", "--help").out.split())
    _refused(cli("portfolio", "import-badge", "/dev/zero", "--as-of", AS_OF), "larger than 512 KB")
    assert _rows("portfolio_entries") == 0


# --- CTDL -------------------------------------------------------------------------------------------


def _node(**fields) -> dict:
    return {"@type": "ceterms:Certification", "ceterms:name": "Robot Care",
            "ceterms:ownedBy": [{"ceterms:name": "Acme"}], **fields}


def _graph(*nodes: dict) -> str:
    return json.dumps({"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": list(nodes)})


CTDL = {
    "deep": (DEEP_JSON, "nested too deeply"),
    "digits": ('{"@graph": [{"@type": "ceterms:Certification", "x": ' + DIGITS + "}]}", "too many digits"),
    "infinite-price-number": ('{"@graph": [{"@type": "ceterms:Certification", "ceterms:name": "X", '
                              '"ceterms:estimatedCost": [{"ceterms:price": 1e400}]}]}', "line 1"),
    "nan": ('{"@graph": [{"@type": "ceterms:Certification", "ceterms:name": NaN}]}', "finite"),
    "long-name": (_graph(_node(**{"ceterms:name": "n" * 5000})), "at most 300"),
    "duplicate-ctid": (_graph(_node(**{"ceterms:ctid": "ce-1"}), _node(**{"ceterms:ctid": "ce-1"})), "given twice"),
    "duplicate-id": (_graph(_node(**{"@id": "https://x/1"}), _node(**{"@id": "https://x/1"})), "given twice"),
    "impossible-date": (_graph(_node(**{"ceterms:dateEffective": "2026-02-30"})), "dateEffective"),
    "lone-surrogate": (_graph(_node(**{"ceterms:description": "\ud800"})),
                       "not text"),
    "long-provider": (_graph(_node(**{"ceterms:ownedBy": [{"ceterms:name": "p" * 5000}]})), "at most 300"),
    "long-ctid": (_graph(_node(**{"ceterms:ctid": "ce-" + "1" * 5000})), "at most 300"),
    "long-page": (_graph(_node(**{"ceterms:subjectWebpage": "https://" + "a" * 5000 + ".org"})), "at most 2,000"),
    "duplicate-key": ('{"@graph": [{"@type": "ceterms:Certification", "ceterms:name": "X", "ceterms:name": "Y"}]}',
                      "given twice"),
    "duplicate-top-key": ('{"@context": "x", "@context": "y", "@graph": []}', "given twice"),
}


@pytest.mark.parametrize("case", sorted(CTDL))
def test_catalog_import_limits(cli, tmp_path, case):
    text, needle = CTDL[case]
    _refused(cli("catalog", "import", _write(tmp_path, "c.json", text), "--as-of", AS_OF), needle)
    assert _rows("overlay_credentials") == 0


def test_catalog_import_refuses_a_20_mb_name_with_the_stated_limit(cli, tmp_path):
    assert "8 million characters" in " ".join(cli("catalog", "import", "--help").out.split())
    path = _write(tmp_path, "c.json", _graph(_node(**{"ceterms:name": "n" * 20_000_000})))
    _refused(cli("catalog", "import", path, "--as-of", AS_OF), "8,000,000 characters")
    assert _rows("overlay_credentials") == 0


def test_catalog_import_refuses_a_device(cli):
    _refused(cli("catalog", "import", "/dev/zero", "--as-of", AS_OF), "not a regular file")


def test_catalog_import_of_an_infinite_price_string_is_imported_as_unknown(cli, tmp_path):
    path = _write(tmp_path, "c.json", _graph(_node(**{"ceterms:estimatedCost": [{"ceterms:price": "Infinity"}]})))
    r = cli("catalog", "import", path, "--json", "--as-of", AS_OF)
    assert r.code == 0, r.err
    (cid,) = r.json()["ids"]
    shown = cli("show", cid, "--json", "--as-of", AS_OF)
    assert shown.code == 0, shown.err  # imported, and still there when the catalog is loaded
    cost = shown.json()["cost"]
    assert cost["unknown"] is True
    assert any("not counted" in n for n in shown.json()["notes"])


@pytest.mark.parametrize("as_json", [False, True])
def test_catalog_import_of_a_file_without_credentials_fails_in_both_modes(cli, tmp_path, as_json):
    path = _write(tmp_path, "c.json", json.dumps({"@graph": [{"@type": "ceterms:CredentialOrganization"}]}))
    args = ["catalog", "import", path, "--as-of", AS_OF] + (["--json"] if as_json else [])
    _refused(cli(*args), "no CTDL credentials found")
    assert _rows("overlay_credentials") == 0


# --- honest numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("salary", ["1e308", "inf", "nan", "-5", "0"])
def test_roi_salary_out_of_range_is_one_line(cli, salary):
    _refused(cli("roi", "google-ml-engineer", "--salary", salary, "--json", "--as-of", AS_OF), "--salary")


def test_roi_at_the_largest_salary_prints_valid_json(cli):
    r = cli("roi", "google-ml-engineer", "--salary", "10000000", "--json", "--as-of", AS_OF)
    assert r.code == 0, r.err
    assert "Infinity" not in r.out and "NaN" not in r.out
    json.loads(r.out, parse_constant=lambda s: pytest.fail(f"{s} in the JSON"))


def test_emit_json_never_prints_infinity(capsys):
    from certwise.cli.base import emit_json

    emit_json({"low": float("inf"), "high": [float("nan"), 1.5]})
    out = capsys.readouterr().out
    assert json.loads(out, parse_constant=lambda s: pytest.fail(s)) == {"low": None, "high": [None, 1.5]}
