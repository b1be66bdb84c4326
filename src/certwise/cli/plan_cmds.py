"""`certwise plan` (a dated study plan, optionally as a calendar) and `certwise audit`."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from certwise.cli.base import (
    QUIET_OVERLAY,
    as_of_option,
    console,
    emit_json,
    fail,
    get_credential,
    json_option,
    load_catalog_or_fail,
    parse_date,
    with_unpriced,
)
from certwise.words import span, years


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for x in values for v in x.split(",") if v.strip()]


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename: all or nothing."""
    import tempfile

    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory", str(target))
    parent = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _ics_error(path: str, e: OSError) -> str:
    reason = e.strerror or str(e)
    return f"cannot write the calendar to '{path}': {reason} (check that the folder exists and is writable)"


# --- plan -------------------------------------------------------------------------------------


@click.command("plan")
@click.argument("ids", nargs=-1, metavar="ID…")
@click.option("--start", metavar="YYYY-MM-DD", help="First day of study (default: --as-of, i.e. today).")
@click.option("--hours-per-week", "--hours", "hours", type=float, default=None, metavar="N",
              help="Hours you can study each week (default: the profile's, else 5).")
@click.option("--years-experience", "--years", "years", type=int, default=None, metavar="N",
              help="Years working in tech or data; more years plan fewer study hours.")
@click.option("--ics", "ics", metavar="FILE", help="Also write the plan as an iCalendar file ('-' for stdout).")
@click.option("--profile", "profile_path", metavar="FILE",
              help="A profile (YAML/JSON): its hours and years; with no ID, plan the stack built for it.")
@as_of_option
@json_option
def plan_cmd(ids: tuple[str, ...], start: str | None, hours: float | None, years: int | None, ics: str | None,
             profile_path: str | None, as_of: date, as_json: bool) -> None:
    """A dated study plan: study weeks, a project for every topic, exam and renewal dates.

    Give one or more credential ids (or exam codes); several are put in order, prerequisites
    first. Study hours come from each credential's prep range, adjusted for experience.

    \b
    Examples:
      certwise plan aws-ai-practitioner --start 2026-12-01 --hours-per-week 5
      certwise plan ibm-ai-engineering aws-ml-engineer-associate --hours 8 --ics plan.ics
      certwise plan PMLE --years-experience 4 --json
    """
    from certwise.advice.plan import PlanError, make_plan

    if ics == "-" and as_json:
        fail("--ics - writes the calendar to stdout, so it cannot be combined with --json; give --ics FILE")
    cat = load_catalog_or_fail()
    wanted = _split(ids)
    held: tuple[str, ...] = ()
    if profile_path:
        prof = _load_profile(profile_path, cat)
        hours = prof.hours_per_week if hours is None else hours
        years = prof.years_experience if years is None else years
        held = tuple(prof.held)
        if not wanted:
            wanted = _profile_stack(prof, cat, as_of)
    if hours is None:
        hours = 5.0
    if not math.isfinite(hours) or hours <= 0:
        fail(f"--hours-per-week must be more than 0 (got {hours:g}); e.g. --hours-per-week 5")
    if years is not None and years < 0:
        fail(f"--years-experience must be 0 or more (got {years})")
    begin = parse_date(start, "--start") if start is not None else as_of
    if not wanted:
        fail("name at least one credential to plan, e.g. `certwise plan aws-ai-practitioner --hours-per-week 5`")
    creds = [get_credential(cat, i) for i in wanted]
    try:
        plan = make_plan(creds, begin, hours, years or 0, cat, held=held, as_of=as_of)
    except PlanError as e:
        fail(str(e))

    if ics:
        from certwise.interop.ical import plan_to_ics

        data = plan_to_ics(plan)
        if ics == "-":
            sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(data.decode())
            return
        try:
            write_atomic(ics, data)
        except OSError as e:
            fail(_ics_error(ics, e))
        plan["ics"] = str(ics)
    if as_json:
        emit_json(plan)
        return
    render_plan(plan)


def _load_profile(path: str, cat: Any) -> Any:
    from certwise.advice.profile import ProfileError, load_profile

    try:
        return load_profile(path, catalog=cat)
    except ProfileError as e:
        fail(str(e))


def _profile_stack(prof: Any, cat: Any, as_of: date) -> list[str]:
    """The stack built for a profile (advice.stacks.stack_for_profile), as credential ids."""
    from certwise.advice.stacks import stack_for_profile

    stack = stack_for_profile(prof, cat, as_of)
    out = [s["id"] for s in stack["steps"] if s["id"] not in prof.held]
    if not out:
        fail("the stack for this profile has no catalogued credentials left to plan; name the ids to plan")
    return out


# A table's ids stay whole up to this many characters; a longer one folds, or the columns beside it
# (dates, cost, state) would not fit 80 columns.
ID_FOLD = 34


def _money(r: dict[str, Any] | None) -> str:
    """A plan's cost: "free", "$150" or "$150–$300" (whole dollars); "not stated" when no source
    states the price."""
    if r is None:
        return "not stated"
    if not r["high"]:
        return "free"
    return span((round(r["low"]), round(r["high"])), prefix="$")


_WARN_STYLE = {"retiring": "yellow", "cramming": "yellow", "upcoming": "cyan", "missing-prerequisite": "red"}


def render_plan(plan: dict[str, Any]) -> None:
    """The plan for people: a timeline table, then milestones per credential."""
    from rich import box
    from rich.table import Table

    con = console()
    yrs = plan["years_experience"]
    con.print(
        f"[bold]Study plan[/] {plan['start']} → {plan['end']} · {plan['hours_per_week']} h/week · "
        f"{plan['stage']} career ({years(yrs)}) · total "
        f"{with_unpriced(_money(plan['total_cost_usd']), plan['total_cost_usd'], plan.get('cost_not_stated', []))}"
    )
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    widest = max((len(it["id"]) for it in plan["items"]), default=0)
    t.add_column("Credential", overflow="fold", ratio=1, min_width=max(18, min(widest, ID_FOLD)))
    for col in ("Study", "Exam, cost", "Renew by"):  # the cost under the exam: room for a long id on 80 columns
        t.add_column(col, no_wrap=True)
    for n, it in enumerate(plan["items"], 1):
        renew = it["renewal_due"] or "never"
        if it["renewal_window_start"] and it["renewal_due"]:
            days = (date.fromisoformat(it["renewal_due"]) - date.fromisoformat(it["renewal_window_start"])).days
            renew += f"\n[dim]{days}-day window[/]"
        t.add_row(
            f"[bold]{n}. {it['name']}[/]\n[dim]{it['id']}[/]",
            f"{it['study_start']}\n[dim]{it['study_weeks']} wk, {it['study_hours']} h[/]",
            it["exam_date"] + ("" if it["finish"] == "exam" else "\n[dim]finish[/]") + f"\n{_money(it['cost_usd'])}",
            renew,
        )
    con.print(t)
    for it in plan["items"]:
        con.print(f"\n[bold]{it['name']}[/] — milestones")
        for m in it["milestones"]:
            label = "after" if m["kind"] == "after" else f"wk {m['week']:>2}"
            style = {"build": "green", "share": "cyan", "review": "magenta", "after": "blue"}.get(m["kind"], "white")
            con.print(f"  [{style}]{label}[/]  [bold]{m['topic']}[/]: {m['project']}")
    for w in plan.get("warnings", []):
        con.print(f"[{_WARN_STYLE.get(w['code'], 'yellow')}]! {w['code']}[/]: {w['message']}")
    con.print(f"[dim]Study hours: {plan['adjustment']}.[/]")
    if plan.get("ics"):
        con.print(f"Calendar written to {plan['ics']} (import it into your calendar app).")
    else:
        con.print("[dim]Put it in your calendar: add --ics plan.ics[/]")


# --- audit ------------------------------------------------------------------------------------


@click.command("audit")
@click.option("--held", multiple=True, metavar="ID[@DATE]",
              help="A credential you hold, optionally with the date earned (aws-ai-practitioner@2025-03-01); "
              "repeatable or comma-separated.")
@click.option("--badge", "badges", multiple=True, metavar="FILE",
              help="An Open Badges file (2.0 assertion or 3.0 credential); repeatable.")
@click.option("--portfolio", is_flag=True, help="Audit your stored portfolio (`certwise portfolio list`).")
@click.option("--soon-days", type=click.IntRange(min=0), default=90, show_default=True, metavar="DAYS",
              help="Count credentials expiring within this many days as expiring soon.")
@as_of_option
@json_option
def audit_cmd(held: tuple[str, ...], badges: tuple[str, ...], portfolio: bool, soon_days: int,
              as_of: date, as_json: bool) -> None:
    """What your credentials say about you: coherence, story, what lapsed, what to earn next.

    With no options, audits your stored portfolio.

    \b
    Examples:
      certwise audit --held aws-cloud-practitioner@2024-02-01,aws-ai-practitioner
      certwise audit --badge my-badge.json --held PMLE
      certwise audit --portfolio --json
    """
    from certwise.advice.audit import Holding, audit

    if portfolio or not (held or badges):  # the store's own error says what is wrong with it, once
        click.get_current_context().meta[QUIET_OVERLAY] = True
    cat = load_catalog_or_fail()
    holdings: list[Holding] = []
    for h in _split(held):
        ident, _, when = h.partition("@")
        earned = parse_date(when, f"--held {ident}@") if when else None
        if earned and earned > as_of:
            fail(f"--held {h}: earned {earned} is after --as-of {as_of}; give the date you earned it")
        c = get_credential(cat, ident)
        holdings.append(Holding(id=c.id, name=c.name, issuer=c.provider, earned=earned, source="manual"))
    if badges:
        from certwise.interop.openbadges import BadgeError, read_badges

        try:
            read = read_badges(list(badges), cat, as_of)
        except BadgeError as e:
            hint = ""
            if e.code == "needs-file":
                more = " ".join(f"--badge {f}" for f in [*(Path(b).name for b in badges), e.wanted or "FILE"])
                hint = f", e.g. `certwise audit {more}`"
            fail(f"{e}{hint}")
        except OSError as e:
            fail(f"cannot read badge file: {e.strerror or e}")
        holdings.extend(Holding.from_obj(b, source="badge") for b in read)
    if portfolio or not (held or badges):
        holdings.extend(_portfolio_holdings())
    result = audit(holdings, cat, as_of, soon_days=soon_days)
    if as_json:
        emit_json(result)
        return
    render_audit(result)


def _portfolio_holdings() -> list[Any]:
    from certwise.advice.audit import Holding
    from certwise.store.db import Store
    from certwise.store.entries import StoreError

    try:
        with Store() as store:
            entries = store.list_entries(state="held")
    except StoreError as e:
        fail(str(e))
    return [Holding.from_obj(e) for e in entries]


_CODE_STYLE = {
    "expired": "red", "collecting": "yellow", "expiring-soon": "yellow", "unrecognized": "magenta",
    "redundant": "cyan", "superseded": "yellow",
}


def render_audit(r: dict[str, Any]) -> None:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    con = console()
    score = r["coherence"]
    colour = "green" if score >= 70 else "yellow" if score >= 40 else "red"
    con.print(Panel(r["story"], title=f"Coherence [{colour}]{score}/100[/]", title_align="left", expand=False))
    if r.get("held"):
        t = Table(title="What you hold", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        widest = max((len(h["id"] or "") for h in r["held"]), default=0)
        t.add_column("Credential", overflow="fold", ratio=1, min_width=max(16, min(widest, ID_FOLD)))
        for col in ("Earned", "Expires", "State"):
            t.add_column(col, no_wrap=True)
        state_style = {"valid": "green", "expired": "red", "expiring-soon": "yellow", "unrecognized": "magenta"}
        state_label = {"expiring-soon": "expiring", "unrecognized": "unlisted"}
        for h in r["held"]:
            st = h.get("state", "")
            name = f"[bold]{h['name']}[/]" + (f"\n[dim]{h['id']}[/]" if h.get("id") else "")
            if h.get("issuer"):
                name += f"\n[dim]{h['issuer']}[/]"
            t.add_row(name, h.get("earned") or "—", h.get("expires") or "—",
                      f"[{state_style.get(st, 'white')}]{state_label.get(st, st)}[/]")
        con.print(t)
    for w in r["warnings"]:
        con.print(f"[{_CODE_STYLE.get(w['code'], 'yellow')}]! {w['code']}[/]: {w['message']}")
    steps = r.get("next_steps") or [{"id": i, "why": ""} for i in r.get("next", [])]
    if steps:
        con.print("\n[bold]Next, to strengthen the story:[/]")
        for s in steps:
            con.print(f"  [green]→[/] [bold]{s['id']}[/]" + (f": {s['why']}" if s.get("why") else ""))
        con.print(f"[dim]Plan it: certwise plan {steps[0]['id']} --hours-per-week 5[/]")


def register(cli: click.Group) -> None:
    cli.add_command(plan_cmd)
    cli.add_command(audit_cmd)
