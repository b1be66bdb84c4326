"""A malformed catalog file fails loudly, naming the file, the field and the problem."""

from __future__ import annotations

from pathlib import Path

import yaml

from certwise.catalog.load import DATA_DIR, load_catalog
from certwise.catalog.model import EXAMPLE


def _write(tmp_path: Path, name: str, data) -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return p


def test_example_record_loads(tmp_path):
    _write(tmp_path, "example-cert", EXAMPLE)
    cat, errors = load_catalog(tmp_path)
    assert errors == [] and cat.ids() == ["example-cert"]


def test_bad_field_names_file_and_field(tmp_path):
    bad = {**EXAMPLE, "cost": {"usd": {"low": 300, "high": 100}, "basis": "exam"}}
    p = _write(tmp_path, "example-cert", bad)
    _, errors = load_catalog(tmp_path)
    assert len(errors) == 1
    assert str(p) in errors[0] and "cost.usd" in errors[0] and "below low" in errors[0]


def test_missing_required_field(tmp_path):
    bad = {k: v for k, v in EXAMPLE.items() if k != "provider"}
    _write(tmp_path, "example-cert", bad)
    _, errors = load_catalog(tmp_path)
    assert any("field 'provider'" in e and "required" in e.lower() for e in errors)


def test_unknown_field_is_rejected(tmp_path):
    _write(tmp_path, "example-cert", {**EXAMPLE, "prise": 10})
    _, errors = load_catalog(tmp_path)
    assert any("field 'prise'" in e for e in errors)


def test_unsourced_fact_is_rejected(tmp_path):
    bad = {**EXAMPLE, "salary_uplift": {"pct": {"low": 10, "high": 20}, "basis": "hearsay"}}
    _write(tmp_path, "example-cert", bad)
    _, errors = load_catalog(tmp_path)
    assert any("salary_uplift" in e and "without a source" in e for e in errors)


def test_yaml_syntax_error_names_line(tmp_path):
    p = _write(tmp_path, "broken", "id: broken\nname: [unclosed\n")
    _, errors = load_catalog(tmp_path)
    assert errors and str(p) in errors[0] and "line" in errors[0]


def test_id_must_match_file_name(tmp_path):
    _write(tmp_path, "other-name", EXAMPLE)
    _, errors = load_catalog(tmp_path)
    assert any("does not match the file name" in e for e in errors)


def test_unknown_reference(tmp_path):
    _write(tmp_path, "example-cert", {**EXAMPLE, "lifecycle": {"successors": ["no-such-thing"]},
                                      "sources": [{**EXAMPLE["sources"][0], "supports": ["cost", "prep", "renewal", "url", "lifecycle"]}]})
    _, errors = load_catalog(tmp_path)
    assert any("unknown credential id 'no-such-thing'" in e for e in errors)


def test_validate_command_ok_and_failing(cli, tmp_path):
    r = cli("catalog", "validate")
    assert r.code == 0 and "all valid" in r.out
    _write(tmp_path, "example-cert", {**EXAMPLE, "tier": 9})
    r = cli("catalog", "validate", str(tmp_path))
    assert r.code == 2
    assert "example-cert.yaml" in r.err and "field 'tier'" in r.err
    assert "Traceback" not in r.err


def test_validate_missing_path(cli, tmp_path):
    r = cli("catalog", "validate", str(tmp_path / "nope"))
    assert r.code == 2 and "no such file" in r.err


def test_shipped_files_are_one_per_credential():
    files = sorted(DATA_DIR.glob("*.yaml"))
    assert len(files) == len({f.stem for f in files}) >= 40


def _imports(path: Path, package: str) -> set[str]:
    """The modules of ``package`` that a module names in any import (lazy ones included)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m == package or m.startswith(package + ".")}


def test_catalog_modules_import_each_other_without_a_loop():
    import graphlib

    pkg = Path(__file__).resolve().parents[1] / "src" / "certwise" / "catalog"
    graph = {}
    for p in pkg.glob("*.py"):
        name = "certwise.catalog" if p.stem == "__init__" else f"certwise.catalog.{p.stem}"
        graph[name] = _imports(p, "certwise.catalog") - {name}
    modules = set(graph)
    list(graphlib.TopologicalSorter({m: deps & modules for m, deps in graph.items()}).static_order())  # CycleError
