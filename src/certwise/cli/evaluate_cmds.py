"""The advice commands besides recommend: evaluate, stack, roi and faq.

Each command parses its input, calls one function in ``certwise.advice`` and renders the
result: JSON (``--json``, exactly the engine's dict) or Rich for people. The profile flags and
the helpers they share with recommend are :mod:`certwise.cli.advice_cmds`'.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from certwise.advice.money import MAX_SALARY  # the library's rule, stated in --help
from certwise.cli import advice_cmds
from certwise.cli.advice_cmds import (
    VERDICT_STYLE,
    _any_flag,
    _esc,
    _money,
    _overrides,
    _render_warnings,
    build_profile,
    profile_options,
)
from certwise.cli.base import (
    as_of_option,
    console,
    emit_json,
    fail,
    get_credential,
    json_option,
    load_catalog_or_fail,
    with_unpriced,
)

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
        if not as_json and result["fit"]["ask"] and advice_cmds._is_terminal():  # the one terminal check
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
              f"{with_unpriced(_money(r['total_cost_usd']), r['total_cost_usd'], r.get('cost_not_stated', []))} · "
              f"{r['total_months']['low']:g}–{r['total_months']['high']:g} months")
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


def register(cli: click.Group) -> None:
    """Add evaluate, stack, roi and faq to the certwise group."""
    for cmd in (evaluate_cmd, stack_cmd, roi_cmd, faq_cmd):
        cli.add_command(cmd)
