"""docs/PROFILE.md, rendered from the profile spec (:mod:`certwise.profile_spec`): every field,
its spellings, its bound, its default and its allowed values, so the docs never drift from the
code (``tests/test_profile_doc.py`` fails when the committed file is out of date).

Regenerate with ``python -m certwise.profile_doc > docs/PROFILE.md``.

>>> "| `role` |" in markdown()
True
"""

from __future__ import annotations

from certwise.profile_spec import PROFILE_SPEC, FieldSpec

_KINDS = {
    "choice": "one of the values below",
    "choices": "a list of the values below (in a file a YAML list; on the command line repeat the flag "
               "or comma-separate)",
    "whole": "a whole number",
    "number": "a number",
    "ids": "a list of catalog ids, exam codes or names (repeat the flag or comma-separate)",
}


def _default(f: FieldSpec) -> str:
    if f.default is None:
        return "not set"
    if isinstance(f.default, tuple):
        return "empty" if not f.default else ", ".join(f"`{v}`" for v in f.default)
    return f"`{f.default}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# A plausible person, one line per field (examples/profile.yaml is this file; the test checks it).
EXAMPLE: tuple[tuple[str, str], ...] = (
    ("role", "developer"),
    ("years_experience", "4"),
    ("cloud", "aws"),
    ("cloud_experience", "some"),
    ("platforms", "[pytorch]"),
    ("goal", "ml-engineering"),
    ("motive", "hiring-signal"),
    ("budget_usd", "300"),
    ("hours_per_week", "5"),
    ("months", "6"),
    ("held", "[aws-cloud-practitioner]"),
)


def example_yaml() -> str:
    """The example profile file (every field of the spec, in its order)."""
    given = dict(EXAMPLE)
    return "".join(f"{f.name}: {given[f.name]}\n" for f in PROFILE_SPEC)


def markdown() -> str:
    """The text of docs/PROFILE.md."""
    out = [
        "# The profile: who you are, in certwise's words",
        "",
        "<!-- generated from src/certwise/profile_spec.py by `python -m certwise.profile_doc`; do not edit -->",
        "",
        "`certwise recommend`, `evaluate` (for the fit), `stack` and `plan`, the web questionnaire and the",
        "API's `POST /api/v1/recommend` all take the same profile. Every field is optional; a field you",
        "leave out takes its default. Give it as flags (`certwise recommend --role developer …`), as a",
        "YAML or JSON file (`--profile me.yaml`, flags override the file) or as the JSON body of the API.",
        "A file may also spell a key with one of its other names, and some values have other",
        "spellings (`google` for `gcp`).",
        "",
        "| field | flags | what it is | type | default |",
        "|---|---|---|---|---|",
    ]
    for f in PROFILE_SPEC:
        out.append(f"| `{f.name}` | {' '.join(f'`{x}`' for x in f.flags)} | {_cell(f.help)} | "
                   f"{_cell(f.rule or _KINDS[f.kind])} | {_default(f)} |")
    for f in PROFILE_SPEC:
        out += ["", f"## `{f.name}`", "", f"{f.help} The questionnaire asks: *{f.question}*", ""]
        facts = [f"Type: {f.rule or _KINDS[f.kind]}.", f"Default: {_default(f)}."]
        if f.aliases:
            facts.append("Other names in a file: " + ", ".join(f"`{a}`" for a in f.aliases) + ".")
        out.append(" ".join(facts))
        if f.choices:
            out += ["", "| value | means |", "|---|---|"]
            out += [f"| `{c.value}` | {_cell(c.label)}{' — ' + _cell(c.hint) if c.hint else ''} |" for c in f.choices]
        if f.value_aliases:
            spellings = ", ".join(f"`{k}` → `{v}`" for k, v in f.value_aliases.items() if k)
            out += ["", f"Other spellings accepted: {spellings}."]
        if f.presets:
            out += ["", "The questionnaire offers: " + "; ".join(
                f"{p.label} (`{p.value}`)" if p.value else f"{p.label} (not set)" for p in f.presets) + "."]
    out += ["", "## An example profile file", "", "```yaml", example_yaml().rstrip("\n"), "```", "",
            "The same file ships as `examples/profile.yaml`: `certwise recommend --profile examples/profile.yaml`.",
            ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
