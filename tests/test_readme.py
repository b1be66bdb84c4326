"""The README stays true: two quick-start commands, and every example command in it runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a ```sh block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands():
    assert _quick_start_commands() == ["make run", "make test"]


def test_make_targets_set_up_then_run_and_test():
    run = subprocess.run(["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m venv" in run and "pip install" in run and "certwise serve" in run
    test = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "pip install" in test and "pytest" in test and "ruff" in test and "mypy" in test


def _readme_examples() -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^\$ certwise (.+)$", README, re.M)]


def test_readme_has_usage_examples():
    assert len(_readme_examples()) >= 6


def test_the_readme_shows_the_example_file_it_uses():
    yaml_block = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert yaml_block
    assert yaml_block.group(1) == (ROOT / "examples" / "mill.yaml").read_text(encoding="utf-8")


def test_every_file_the_readme_examples_name_ships_in_examples():
    named = {m for line in _readme_examples() for m in re.findall(r"examples/[\w.-]+", line)}
    assert {"examples/mill.yaml", "examples/my-badge.json", "examples/their-credentials.ctdl.json",
            "examples/profile.yaml"} <= named
    assert all((ROOT / n).is_file() for n in named), named


def test_every_readme_example_runs_in_order(cli, tmp_path, monkeypatch):
    """Run the README's examples top to bottom, as a reader would, from a copy of the repository's
    examples/ (the commands write files beside them)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for line in _readme_examples():
        args = shlex.split(line.split(" > ")[0])
        if args[0] == "serve":
            continue
        r = cli(*args)
        assert r.code == 0, f"certwise {line}: {r.err}"


def _all_commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, f"{prefix}{name} ")


def test_every_command_has_help():
    from certwise.cli.main import cli as group

    group.load_all()
    for name, cmd in _all_commands(group):
        assert (cmd.help or "").strip(), f"`certwise {name}` has no help text"
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden:
                assert p.help, f"`certwise {name}` option {p.opts} has no help"


def test_lazy_command_table_matches_the_modules():
    """`certwise X` imports only X's module; the table that says which must not drift."""
    from certwise.cli.main import LAZY_COMMANDS, _Group

    g = _Group("certwise")
    g.load_all()
    assert set(g.commands) == set(LAZY_COMMANDS)
    for name, modules in LAZY_COMMANDS.items():
        solo = _Group("certwise")
        solo._load(modules)
        assert name in solo.commands, (name, modules)


def test_readme_python_example_runs(capsys):
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block
    exec(compile(block.group(1), "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "google-ml-engineer"


def test_the_readme_names_every_profile_field():
    from pathlib import Path

    from certwise.profile_spec import FIELDS

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in FIELDS)
