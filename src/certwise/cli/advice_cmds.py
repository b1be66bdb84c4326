"""The advice commands: recommend, evaluate, stack, roi.

Each command parses its input, calls one function in ``certwise.advice`` and renders the
result: JSON (``--json``, exactly the engine's dict) or Rich for people. Rich and the engine are
imported inside the commands so that ``certwise --help`` and ``--json`` runs start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from certwise.advice.money import MAX_SALARY  # the library's rule, stated in --help
from certwise.cli.base import (
    as_of_option,
    console,
    emit_json,
    fail,
    get_credential,
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


# --- evaluate ------------------------------------------------------------------------------------------


@click.command("evaluate")
@click.argument("ident", required=False, metavar="ID")
@click.option("--file", "file_path", type=click.Path(dir_okay=False), metavar="CERT.yaml",
              help="Evaluate a credential described in a YAML/JSON file (name, issuer, price_usd, hours, "
                   "assessment, hands_on, renewal_years, url; at most 1 MB, no YAML anchors/aliases, "
                   "no repeated keys).")
@profile_options
@as_of_option
@json_option
def evaluate_cmd(ident: str | None, file_path: str | None, as_of: date, as_json: bool, **kw: Any) -> None:
    """Is it worth it — and is it worth it for you? The guide's test: recognition, practical,
    specificity, value, currency; with profile flags or --profile, also the fit for you.

    With a profile the answer adds "fit": worth-it, depends or not-for-you for you on that date,
    the reasons, better picks instead, the defaults it assumed, and the one or two answers that
    would change the verdict most.

    \b
    Examples:
      certwise evaluate aws-ml-specialty
      certwise evaluate AIF-C01 --role developer --years 6 --goal ml-engineering
      certwise evaluate google-ai-essentials --role leader --goal ai-literacy --motive shared-vocabulary --json
      certwise evaluate --file some-ai-cert.yaml --json
    """
    from certwise.advice.worth import DescriptionError, evaluate_credential, evaluate_description

    if bool(ident) == bool(file_path):
        fail("give a credential ID or --file CERT.yaml (one of them)")
    cat = load_catalog_or_fail()
    personal = bool(kw.get("profile_path")) or _any_flag(_overrides(kw))
    if file_path:
        if personal:
            fail("the fit for you needs a catalogued credential: give its ID (a description is judged on its own)")
        desc = _read_mapping(file_path)
        try:
            result = evaluate_description(desc, cat, as_of)
        except DescriptionError as e:
            fail(f"{file_path}: {e}")
    elif personal:
        from certwise.advice.fit import evaluate_for

        assert ident is not None
        cred = get_credential(cat, ident)
        given = _given(kw)
        profile = build_profile(kw, cat)
        result = evaluate_for(cred, profile, cat, as_of, given=given)
        if not as_json and result["fit"]["ask"] and _is_terminal():
            answers = _ask_fields(result["fit"]["ask"])  # the one or two answers that matter most
            try:
                profile = profile.model_copy(update=answers)
            except ValueError as e:
                fail(str(e))
            result = evaluate_for(cred, profile, cat, as_of, given=given | set(answers))
    else:
        assert ident is not None
        result = evaluate_credential(get_credential(cat, ident), cat, as_of)
    if as_json:
        emit_json(result)
        return
    _render_evaluate(result)


def _ask_fields(names: list[str]) -> dict[str, Any]:
    """Ask for a few profile fields on the terminal (stderr), by their spec's question and choices."""
    from certwise.advice.profile import profile_from
    from certwise.profile_spec import field

    click.echo("Two answers would change the verdict most (Enter keeps the default):", err=True)
    raw: dict[str, Any] = {}
    for name in names:
        f = field(name)
        if f.kind == "choice":
            raw[name] = click.prompt(f.question, type=click.Choice(f.values), default=f.default, err=True,
                                     show_choices=True)
        else:
            answer = click.prompt(f.question, default="" if f.default is None else str(f.default), err=True)
            if str(answer).strip():
                raw[name] = answer
    p = profile_from(raw)  # the spec's checks and spellings
    return {k: getattr(p, k) for k in raw}


def _given(kw: dict[str, Any]) -> set[str]:
    """The profile fields answered in --profile's file and by flags."""
    from certwise.advice.profile import given_fields

    path = kw.get("profile_path")
    return given_fields(_read_mapping(path) if path else None, _overrides(kw))


def _read_mapping(path: str) -> Any:
    from certwise.userfiles import UserFileError, read_mapping

    try:
        return read_mapping(path, what="credential description file")
    except UserFileError as e:
        fail(str(e))


def _render_evaluate(r: dict[str, Any]) -> None:
    from rich.table import Table

    con = console()
    v = r["verdict"]
    ident = f" ({r['id']})" if r.get("id") else ""
    con.print(f"[bold]{_esc(r['name'])}[/]{ident} — [{VERDICT_STYLE[v]}]{v}[/] · score {r['score']}/100")
    t = Table(show_header=False, show_edge=False, box=None)
    t.add_column("criterion", style="bold")
    t.add_column("score", justify="right")
    t.add_column("bar")
    for k, val in r["criteria"].items():
        colour = "green" if val >= 70 else ("yellow" if val >= 45 else "red")
        t.add_row(k, str(val), f"[{colour}]" + "█" * (val // 10) + "[/]")
    con.print(t)
    _render_warnings(con, r["red_flags"], {}, "Red flags")
    con.print("\n[bold]Why[/]")
    for x in r["reasons"]:
        con.print(f"  • {_esc(x)}")
    f = r.get("fit")
    if f:
        style = {"worth-it": "bold green", "depends": "bold yellow", "not-for-you": "bold red"}[f["verdict"]]
        con.print(f"\n[bold]For you[/]: [{style}]{f['verdict']}[/]")
        for x in f["reasons"]:
            con.print(f"  • {_esc(x)}")
        if f["instead"]:
            con.print(f"  [bold]Instead[/]: {', '.join(f['instead'])}")
        if f["assumed"]:
            con.print(f"  [dim]Assumed: {_esc('; '.join(f['assumed']))}[/]")
        if f["ask"]:
            flags = " and ".join(f"--{a.replace('_', '-')}" for a in f["ask"])
            con.print(f"  [cyan]Tell me {flags} — those answers would change the verdict most.[/]")


# --- stack ------------------------------------------------------------------------------------------------


@click.command("stack")
@click.argument("name", required=False)
@profile_options
@as_of_option
@json_option
def stack_cmd(name: str | None, as_of: date, as_json: bool, **kw: Any) -> None:
    """A coherent stack: ml-engineer, ai-product, data-to-ai, generative-ai, or one for your profile.

    \b
    Examples:
      certwise stack ml-engineer
      certwise stack data-to-ai --held aws-data-engineer-associate
      certwise stack --profile me.yaml --json
    """
    from certwise.advice.stacks import STACK_NAMES, named_stack, stack_for_profile

    cat = load_catalog_or_fail()
    over = _overrides(kw)
    if name is None and not kw.get("profile_path") and not _any_flag(over):
        fail(f"give a stack name ({', '.join(STACK_NAMES)}) or --profile FILE / profile flags for your own")
    if name is not None:
        if name not in STACK_NAMES:
            fail(f"unknown stack '{name}'; choose one of: {', '.join(STACK_NAMES)} (or --profile for your own)")
        profile = build_profile(kw, cat)
        result = named_stack(name, cat, as_of, held=profile.held)
    else:
        profile = build_profile(kw, cat)
        result = stack_for_profile(profile, cat, as_of)
    if as_json:
        emit_json(result)
        return
    _render_stack(result)


def _render_stack(r: dict[str, Any]) -> None:
    con = console()
    con.print(f"[bold]{_esc(r['title'])}[/] — coherence {r['coherence']}/100 · "
              f"{_money(r['total_cost_usd'])} · {r['total_months']['low']:g}–{r['total_months']['high']:g} months")
    for i, st in enumerate(r["steps"], start=1):
        head = f"[bold]{st['id']}[/] {_esc(st.get('name', ''))}" if "id" in st else f"[bold]{_esc(st['label'])}[/]"
        if st.get("optional"):
            head += " [dim](optional)[/]"
        con.print(f"  {i}. {head}")
        con.print(f"     [dim]{_esc(st['why'])}[/]")
        for key, label in (("alternatives", "or"), ("options", "options"), ("held", "you hold")):
            if st.get(key):
                con.print(f"     {label}: {', '.join(st[key])}")
    if r.get("skipped_held"):
        con.print(f"  [green]Already held, skipped:[/] {', '.join(r['skipped_held'])}")


# --- roi ------------------------------------------------------------------------------------------------------


@click.command("roi")
@click.argument("ident", metavar="ID")
@click.option("--salary", type=float, metavar="USD",
              help=f"Your yearly salary in USD (required; above 0, at most {MAX_SALARY:,}).")
@as_of_option
@json_option
def roi_cmd(ident: str, salary: float | None, as_of: date, as_json: bool) -> None:
    """Three-year cost and, where a source gives a figure, salary uplift and payback.

    \b
    Examples:
      certwise roi google-ml-engineer --salary 120000
      certwise roi MLS-C01 --salary 95000 --json
    """
    from certwise.advice.details import roi_report

    if salary is None:
        fail("--salary is required: your yearly salary in USD, e.g. --salary 90000")
    cat = load_catalog_or_fail()
    cred = get_credential(cat, ident)
    try:
        result = roi_report(cred, salary, as_of)
    except ValueError as e:
        fail(f"--{e}")
    if as_json:
        emit_json(result)
        return
    _render_roi(result)


def _render_roi(r: dict[str, Any]) -> None:
    con = console()
    con.print(f"[bold]{_esc(r['name'])}[/] ({r['id']}) — as of {r['as_of']}")
    con.print(f"  Cost to earn: {_money(r['cost_usd'])}; over three years: [bold]{_money(r['three_year_cost_usd'])}[/]")
    con.print(f"  [dim]Renewal: {_esc(r['renewal_rule'])}[/]")
    for x in r["renewals"]:
        cost = _money(x["cost_usd"]) if x["cost_usd"] else "—"
        con.print(f"    year {x['year']}: {cost} ({_esc(x['how'])})")
    if r["uplift_pct"] is None:
        con.print(f"  [yellow]No salary figure[/]: {_esc(r['caveat'])}")
        return
    u, usd, pb = r["uplift_pct"], r["uplift_usd_per_year"], r["payback_months"]
    from certwise.words import pct, span, usd_amount

    con.print(f"  Reported uplift: [green]{pct(u)}[/] ≈ {_money(usd)} a year on {usd_amount(r['salary_usd'])}")
    if pb:
        con.print(f"  Payback: [bold]{span(pb, 'months')}[/]")
    src = r.get("source") or {}
    if src:
        con.print(f"  [dim]Source: {_esc(src.get('title') or src.get('url') or src.get('ref', ''))}[/]")
    con.print(f"  [yellow]Caveat[/]: {_esc(r['caveat'])}")


def register(cli: click.Group) -> None:
    """Add recommend, evaluate, stack and roi to the certwise group."""
    for cmd in (recommend_cmd, evaluate_cmd, stack_cmd, roi_cmd, faq_cmd):
        cli.add_command(cmd)


@click.command("faq")
@as_of_option
@json_option
def faq_cmd(as_of: date, as_json: bool) -> None:
    """The guide's frequently asked questions, answered from the catalog as of a date."""
    from certwise.advice.faq import faq

    answers = faq(load_catalog_or_fail(), as_of)
    if as_json:
        emit_json({"as_of": as_of.isoformat(), "questions": answers})
        return
    for q in answers:
        click.echo(click.style(q["question"], bold=True))
        click.echo(q["answer"] + "\n")
