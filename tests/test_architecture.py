"""The shape of the code (docs/ARCHITECTURE.md): one-way layers, no import loops, small modules,
one definition of the profile's allowed values, lazy imports only where they pay."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "certwise"
MODULES = sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)
MAX_LINES = 600


def _name(p: Path) -> str:
    parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(p: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for every certwise import in ``p``."""
    tree = ast.parse(p.read_text(encoding="utf-8"))
    inside: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(x) for x in ast.walk(n))
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("certwise"):
            out.append((n.module, n.lineno, id(n) in inside))
            out.extend((f"{n.module}.{a.name}", n.lineno, id(n) in inside) for a in n.names)
        elif isinstance(n, ast.Import):
            out.extend((a.name, n.lineno, id(n) in inside) for a in n.names if a.name.startswith("certwise"))
    return out


def _graph() -> dict[str, set[str]]:
    names = {_name(p) for p in MODULES}
    return {_name(p): {m for m, _, _ in _imports(p) if m in names and m != _name(p)} for p in MODULES}


def test_no_import_cycles():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("layer,forbidden", [
    ("certwise.catalog", ("certwise.advice", "certwise.store", "certwise.interop", "certwise.cli", "certwise.web")),
    ("certwise.advice", ("certwise.store", "certwise.cli", "certwise.web")),
    ("certwise.store", ("certwise.cli", "certwise.web")),
    ("certwise.interop", ("certwise.cli", "certwise.web")),
])
def test_data_flows_one_way(layer, forbidden):
    graph = _graph()
    bad = sorted((m, t) for m, targets in graph.items() if m.startswith(layer)
                 for t in targets if t.startswith(forbidden))
    assert bad == []


def test_no_module_over_600_lines():
    long = {str(p.relative_to(SRC)): n for p in MODULES if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_no_import_error_fallbacks_for_our_own_modules():
    hits = []
    for p in MODULES:
        for n in ast.walk(ast.parse(p.read_text())):
            if not isinstance(n, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in n.handlers if h.type is not None}
            ours = any(isinstance(x, ast.ImportFrom) and (x.module or "").startswith("certwise")
                       for b in n.body for x in ast.walk(b))
            if ours and any("ImportError" in c for c in catches):
                hits.append(f"{p.relative_to(SRC)}:{n.lineno}")
    assert hits == []


def test_the_profiles_allowed_values_are_written_once():
    """No module keeps its own copy of a profile field's allowed values (rules may name a few of them)."""
    from certwise.profile_spec import PROFILE_SPEC

    full = [set(f.values) for f in PROFILE_SPEC if len(f.values) >= 3]
    spec = SRC / "profile_spec.py"
    for p in MODULES:
        if p == spec:
            continue
        for n in ast.walk(ast.parse(p.read_text())):
            if isinstance(n, ast.Tuple | ast.List | ast.Set) and all(isinstance(e, ast.Constant) for e in n.elts):
                values = {e.value for e in n.elts}
                assert values not in full, f"{p.relative_to(SRC)}:{n.lineno} copies a profile field's allowed values"


def test_lazy_imports_only_at_the_cli_entry_and_the_catalog_loader():
    """Imports inside functions are for start-up speed: the CLI commands and the catalog's loader.

    Elsewhere modules import at the top, so the import graph shows who calls whom."""
    allowed = ("certwise.cli", "certwise.catalog.load", "certwise.catalog.cache", "certwise.catalog.model",
               "certwise.settings",
               # on every CLI call's path: rapidfuzz only when a name must be matched, SQLAlchemy
               # only when a database is there (the overlay check) or a portfolio command runs
               "certwise.catalog.search", "certwise.store.overlay")
    # certwise.store's __init__ re-exports on first use: the overlay check runs on every CLI
    # call and must not load the store's classes when there is no database at all
    allowed_pairs = {("certwise.store", "certwise.store.db"), ("certwise.store", "certwise.store.db.Store"),
                     ("certwise.store", "certwise.store.entries"),
                     ("certwise.store.db", "certwise.store.portfolio_io"),
                     ("certwise.store.db", "certwise.store.portfolio_io.ImportedEntry")}
    lazy = sorted({(_name(p), m) for p in MODULES if not _name(p).startswith(allowed)
                   for m, _, inside in _imports(p) if inside} - allowed_pairs)
    assert lazy == []
