"""The recommend command, and the profile flags and helpers every advice command shares.

Each command parses its input, calls one function in ``certwise.advice`` and renders the
result: JSON (``--json``, exactly the engine's dict) or Rich for people. Rich and the engine are
imported inside the commands so that ``certwise --help`` and ``--json`` runs start fast.
evaluate, stack, roi and faq live in :mod:`certwise.cli.evaluate_cmds`, so that recommend does
not build their ~30 options on every call.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from certwise.cli.base import (
    as_of_option,
    console,
    emit_json,
    fail,
    json_option,
    load_catalog_or_fail,
)

F = TypeVar("F", bound=Callable[..., Any])

WARN_STYLE = {
    "starting-too-advanced": "bold red", "over-budget": "red", "cramming": "red", "collecting": "yellow",
    "superseded": "cyan", "retiring": "yellow",
}
FLAG_STYLE = "red"
VERDICT_STYLE = {"worth-it": "bold green", "situational": "bold yellow", "skip": "bold red"}
STATUS_STYLE = {"active": "green", "beta": "cyan", "retiring": "yellow", "retired": "red", "upcoming": "blue"}

def _profile_flag(f: Any) -> Callable[[F], F]:
    """The Click option of one profile field, from its spec."""
    if f.kind == "choice":
        helptext = f"{f.help} One of: {', '.join(f.values)}."
        return click.option(*f.flags, f.name, metavar="|".join(f.values) if len(f.values) <= 4 else f.name.upper(),
                            help=helptext)
    if f.kind in ("choices", "ids"):
        values = f" One or more of: {', '.join(f.values)}." if f.values else ""
        return click.option(*f.flags, f.name, multiple=True, metavar=f.metavar or f.name.upper(),
                            help=f"{f.help}{values}")
    typ = int if f.kind == "whole" else float
    return click.option(*f.flags, f.name, type=typ, metavar=f.metavar or "N", help=f.help)


def profile_options(f: F) -> F:
    """The profile flags of SPEC.md §3, generated from the profile spec (flags override --profile)."""
    from certwise.profile_spec import PROFILE_SPEC

    opts = [click.option("--profile", "profile_path", metavar="FILE", type=click.Path(dir_okay=False),
                         help="A YAML or JSON profile (the same fields; at most 1 MB, no YAML anchors/aliases, "
                              "no repeated keys). Flags override it.")]
    opts += [_profile_flag(spec) for spec in PROFILE_SPEC]
    for o in reversed(opts):
        f = o(f)
    return f


def _overrides(kw: dict[str, Any]) -> dict[str, Any]:
    from certwise.profile_spec import PROFILE_SPEC

    out: dict[str, Any] = {}
    for spec in PROFILE_SPEC:
        v = kw.get(spec.name)
        out[spec.name] = (list(v) if v else None) if spec.is_list else v
    return out


def _any_flag(over: dict[str, Any]) -> bool:
    return any(v not in (None, [], ()) for v in over.values())


def profile_hint(e: Any) -> str:
    """A ProfileError as the CLI says it: the problem, then which flag or file to fix."""
    from certwise.profile_spec import field

    msg = str(e)
    if e.field == "held" and msg.find("unknown credential") >= 0:
        return f"{msg} (find ids with `certwise search`)"
    if e.field:
        flag = field(e.field).flags[0]
        return f"{msg} (fix the profile file)" if e.path else f"{msg} (fix the profile or {flag})"
    return msg


def build_profile(kw: dict[str, Any], catalog: Any, *, interactive: bool = False) -> Any:
    """The Profile from --profile and flags; asks on a terminal when ``interactive`` and nothing was given."""
    from certwise.advice.profile import ProfileError, load_profile, profile_from

    over = _overrides(kw)
    path = kw.get("profile_path")
    try:
        if path:
            return load_profile(path, over, catalog=catalog)
        if not _any_flag(over) and interactive:
            if _is_terminal() and not kw.get("no_input"):
                return profile_from(_ask(), None, catalog=catalog)
            click.echo("certwise: no profile given and no terminal to ask on; using the defaults (career-changer, "
                       "0 years, no cloud, goal first-ai-role, 5 h/week, no budget limit). "
                       "Pass --profile FILE or flags such as --role and --goal.", err=True)
        return profile_from({}, over, catalog=catalog)
    except ProfileError as e:
        fail(profile_hint(e))


def _is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # pragma: no cover
        return False


def _ask() -> dict[str, Any]:
    """The profile's questions (from the spec), asked on stderr so that --json output stays clean."""
    from certwise.profile_spec import PROFILE_SPEC

    click.echo("A few questions (Enter keeps the default):", err=True)
    d: dict[str, Any] = {}
    for f in PROFILE_SPEC:
        if f.name in ("platforms", "motive") or (f.name == "cloud_experience" and d.get("cloud", "none") == "none"):
            continue  # platforms are asked by the web form only: the terminal keeps to the essentials
        if f.kind == "choice":
            default = "some" if f.name == "cloud_experience" else f.default
            d[f.name] = str(click.prompt(f.question, type=click.Choice(f.values), default=default, err=True,
                                         show_choices=True))
        elif f.kind == "whole":
            d[f.name] = click.prompt(f.question, type=click.IntRange(min=0), default=f.default, err=True)
        elif f.kind == "number" and f.default is not None:
            d[f.name] = click.prompt(f.question, type=click.FloatRange(min=0, min_open=True),
                                     default=float(f.default), err=True)
        else:
            blank = "no limit" if f.kind == "number" else "none"
            sep = ", comma-separated" if f.is_list else ""
            answer = click.prompt(f"{f.question} ({f.metavar or 'value'}{sep}; blank = {blank})", default="",
                                  show_default=False, err=True)
            if str(answer).strip():
                d[f.name] = answer
    return d


# --- recommend ------------------------------------------------------------------------------------


@click.command("recommend")
@click.argument("profile_file", required=False, metavar="[PROFILE]", type=click.Path(dir_okay=False))
@profile_options
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="How many to list.")
@click.option("--no-input", "no_input", is_flag=True, help="Never ask questions; use defaults for what is not given.")
@as_of_option
@json_option
def recommend_cmd(profile_file: str | None, limit: int, no_input: bool, as_of: date, as_json: bool,
                  **kw: Any) -> None:
    """Which certifications are worth it for you, best first, with reasons and warnings.

    PROFILE is a YAML or JSON profile file (the same as --profile). With no profile on a
    terminal it asks a few questions; otherwise it uses the defaults.

    \b
    Examples:
      certwise recommend
      certwise recommend me.yaml --json
      certwise recommend --role developer --cloud aws --cloud-experience some --years 4
      certwise recommend --profile me.yaml --budget 0 --json
    """
    from certwise.advice.recommend import recommend

    if profile_file and kw.get("profile_path"):
        fail("give the profile file once: as PROFILE or as --profile, not both")
    kw["profile_path"] = kw.get("profile_path") or profile_file
    cat = load_catalog_or_fail()
    kw["no_input"] = no_input
    profile = build_profile(kw, cat, interactive=True)
    result = recommend(profile, cat, as_of, limit=limit)
    if as_json:
        emit_json(result)
        return
    _render_recommend(result)


def _money(r: dict[str, Any] | None) -> str:
    from certwise.words import usd

    return usd(r)


def _hours(r: dict[str, Any]) -> str:
    from certwise.words import span

    return span(r, "h")


def _status(s: str) -> str:
    return f"[{STATUS_STYLE.get(s, 'white')}]{s}[/]"


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def _render_warnings(con: Any, warnings: list[dict[str, str]], style_map: dict[str, str], title: str) -> None:
    if not warnings:
        return
    con.print(f"\n[bold]{title}[/]")
    for w in warnings:
        style = style_map.get(w["code"], "yellow")
        con.print(f"  [{style}]▲ {w['code']}[/]: {_esc(w['message'])}")


def _render_recommend(r: dict[str, Any]) -> None:
    from rich.panel import Panel
    from rich.table import Table

    con = console()
    p = r["profile"]
    who = f"{p['role']}, {p['years_experience']} yrs ({r['stage']}), cloud {p['cloud']}, goal {p['goal']}"
    con.print(f"[bold]certwise recommend[/] — as of {r['as_of']} · {_esc(who)}")
    if r.get("before_you_certify"):
        con.print(f"[bold cyan]First:[/] {_esc(r['before_you_certify']['message'])}")
    recs = r["recommendations"]
    if not recs:
        con.print("[yellow]No credential fits these constraints.[/]")
    else:
        top = recs[0]
        body = "\n".join(f"• {_esc(x)}" for x in top["reasons"])
        if top.get("budget_note"):
            body += f"\n[red]{_esc(top['budget_note'])}[/]"
        meta = (f"{_esc(top['provider'])} · {_money(top['cost_usd'])} · {_hours(top['prep_hours'])} prep · "
                f"{_status(top['status'])} · score {top['score']}/100")
        con.print(Panel(f"{meta}\n\n{body}", title=f"[bold green]Top pick: {_esc(top['name'])}[/] ({top['id']})",
                        title_align="left", border_style="green"))
        if len(recs) > 1:
            rows = [(str(i), x["id"], str(x["score"]), _money(x["cost_usd"]), _hours(x["prep_hours"]),
                     x["status"], x["name"]) for i, x in enumerate(recs[1:], start=2)]
            t = Table(show_edge=False, header_style="bold", pad_edge=False)
            for n, (col, right) in enumerate((("#", True), ("id", False), ("score", True), ("cost", False),
                                              ("prep", False), ("status", False))):
                width = max(len(col), *(len(r[n]) for r in rows))
                t.add_column(col, justify="right" if right else "left", no_wrap=True, min_width=width)
            room = con.width - sum(max(len(col), *(len(row[n]) for row in rows)) + 3 for n, col in
                                   enumerate(("#", "id", "score", "cost", "prep", "status"))) - 2
            wide = room >= 12
            if wide:  # the name only where it fits; the id says the same in fewer letters
                t.add_column("name", no_wrap=True, overflow="ellipsis", max_width=room)
            for row in rows:
                cells = [*row[:5], _status(row[5])] + ([_esc(row[6])] if wide else [])
                t.add_row(*cells)
            con.print(t)
    _render_warnings(con, r["warnings"], WARN_STYLE, "Warnings")
    if r["stack"]:
        con.print("\n[bold]Then continue with[/]")
        for i, sid in enumerate(r["stack"], start=1):
            con.print(f"  {i}. {sid}")
    if r["free_resources"]:
        con.print(f"\n[bold]Free preparation[/]: {', '.join(r['free_resources'])}")
    con.print(f"[dim]Catalog checked {r['catalog_checked']}.[/]")
    g = r.get("guidance") or {}
    if g:
        con.print(f"\n[bold]Your stage[/]: {_esc(g['stage'])}")
        for line in g.get("framework", []):
            con.print(f"  [dim]Guide:[/] {_esc(line)}")
        if g.get("making_it_count"):
            con.print("\n[bold]Make it count[/]")
            for line in g["making_it_count"]:
                con.print(f"  • {_esc(line)}")


def register(cli: click.Group) -> None:
    """Add recommend to the certwise group (evaluate, stack, roi and faq: :mod:`certwise.cli.evaluate_cmds`)."""
    cli.add_command(recommend_cmd)
