"""The repository's own docs say what a profile holds (issue 13 point 8): docs/PROFILE.md is
rendered from the profile spec and must be current, and the example files the README uses ship
in examples/."""

from __future__ import annotations

import os
from pathlib import Path

from certwise import profile_doc
from certwise.profile_spec import PROFILE_SPEC

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "PROFILE.md"


def test_profile_doc_is_current():
    text = profile_doc.markdown()
    if os.environ.get("CERTWISE_UPDATE_SNAPSHOTS"):
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, "run: python -m certwise.profile_doc > docs/PROFILE.md"


def test_profile_doc_names_every_field_and_value():
    text = DOC.read_text(encoding="utf-8")
    for f in PROFILE_SPEC:
        assert f"## `{f.name}`" in text
        for v in f.values:
            assert f"| `{v}` |" in text, (f.name, v)


def test_the_example_profile_is_the_documented_one(cli):
    assert (ROOT / "examples" / "profile.yaml").read_text(encoding="utf-8") == profile_doc.example_yaml()
    r = cli("recommend", "--profile", str(ROOT / "examples" / "profile.yaml"), "--json", "--as-of", "2026-11-24")
    assert r.code == 0, r.err
    assert r.json()["recommendations"]


def test_the_examples_are_the_fixtures_they_were_copied_from():
    fixtures = ROOT / "tests" / "fixtures" / "external"
    examples = ROOT / "examples"
    assert (examples / "my-badge.json").read_bytes() == (fixtures / "openbadges-3.0" / "complete.json").read_bytes()
    assert (examples / "their-credentials.ctdl.json").read_bytes() == (fixtures / "ctdl" / "3_import.json").read_bytes()


def test_readme_links_to_the_docs_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/PROFILE.md" in readme
    for doc in [readme, *(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))]:
        assert "SPEC.md" not in doc
