"""Browsing the catalog: list, show, compare, search, and `catalog validate|schema`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from certwise.cli.base import (
    as_of_option,
    console,
    emit_json,
    fail,
    get_credential,
    json_option,
    load_catalog_or_fail,
)

STATUS_STYLE = {"active": "green", "beta": "cyan", "retiring": "yellow", "retired": "red", "upcoming": "blue"}


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for x in values for v in x.split(",") if v.strip()]


def _status(s: str) -> str:
    return f"[{STATUS_STYLE.get(s, 'white')}]{s}[/]"


@click.command("list")
@click.option("--provider", multiple=True, help="Provider name (part of it is enough), e.g. aws, Microsoft.")
@click.option("--ecosystem", multiple=True, help="aws, gcp, azure, databricks, nvidia, vendor-neutral.")
@click.option("--tier", multiple=True, help="The guide's tier, 1-4.")
@click.option("--level", multiple=True, help="foundational, associate, professional, specialty, program.")
@click.option("--domain", multiple=True, help="e.g. generative-ai, mlops, ai-literacy.")
@click.option("--kind", multiple=True, help="certification-exam, professional-certificate, university-program, learning-path.")
@click.option("--group", multiple=True, help="A family of credentials, e.g. nvidia.")
@click.option("--status", multiple=True, help="beta, active, retiring, retired, upcoming.")
@click.option("--max-cost", type=float, default=None, metavar="USD", help="Only credentials whose lowest cost is at most this.")
@click.option("--free", is_flag=True, help="Only free options.")
@click.option("--sort", default="tier", help="tier (default), name, cost, hours, provider, level.")
@as_of_option
@json_option
def list_cmd(provider, ecosystem, tier, level, domain, kind, group, status, max_cost, free, sort, as_of, as_json):
    """List the catalog, filtered. Values may repeat or be comma-separated.

    \b
    Examples:
      certwise list --ecosystem aws
      certwise list --domain generative-ai --max-cost 250
      certwise list --status retired --as-of 2026-11-24
    """
    from certwise.catalog.browse import fmt_range, list_credentials, parse_filters

    given = {"provider": _split(provider), "ecosystem": _split(ecosystem), "tier": _split(tier),
             "level": _split(level), "domain": _split(domain), "kind": _split(kind), "group": _split(group),
             "status": _split(status), "max_cost": [] if max_cost is None else [f"{max_cost:g}"],
             "free": ["1"] if free else [], "sort": [sort]}
    f, sort, errors = parse_filters(lambda name: given.get(name, []), flag="--")
    if errors:
        fail(errors[0])
    cat = load_catalog_or_fail()
    result = list_credentials(cat, as_of, f, sort)
    if as_json:
        emit_json(result)
        return
    from certwise.cli.render import print_rows

    if not result["credentials"]:
        click.echo("No credentials match those filters. Try fewer filters, or `certwise search TEXT`.")
        return
    rows = [
        [c["id"], c["name"], c["provider"], str(c["tier"] or "—"), c["level"],
         "free" if c["free"] else ("not stated" if c["cost_usd"] is None else fmt_range(c["cost_usd"], prefix="$")),
         ("~" if c["prep_estimated"] else "") + fmt_range(c["prep_hours"], "h"),
         (c["status"], STATUS_STYLE.get(c["status"], ""))]
        for c in result["credentials"]
    ]
    print_rows(["ID", "Name", "Provider", "Tier", "Level", "Cost", "Prep", "Status"], rows,
               title=f"{result['count']} credentials (as of {as_of})", flex=(1, 2), optional=(2,))
    click.echo(click.style(f"Catalog checked {result['catalog_checked']} (~ prep: a typical figure, no source "
                           "states it). Details: certwise show ID · side by side: certwise compare ID ID", dim=True))


def _render_show(d: dict[str, Any]) -> None:
    from rich.panel import Panel
    from rich.table import Table

    from certwise.catalog.browse import fmt_range

    con = console()
    src_index: dict[str, int] = {}
    for s in d["sources"]:
        src_index.setdefault(s.get("url") or s.get("title") or "guide", len(src_index) + 1)

    def refs(fld: str) -> str:
        nums = sorted({src_index[s.get("url") or s.get("title") or "guide"] for s in d["sources"] if fld in s["supports"]})
        return " ".join(f"[{n}]" for n in nums)

    head = f"[bold]{d['name']}[/]  ({d['id']})\n{d['provider']} · {d['kind']} · {d['level']}"
    if d.get("tier"):
        head += f" · guide tier {d['tier']}"
    head += f" · status {_status(d['status'])} as of {d['as_of']}"
    if d.get("status_note"):
        head += f"\n[bold {STATUS_STYLE.get(d['status'], 'white')}]{d['status_note']}[/]"
    con.print(Panel(head + f"\n\n{d['summary']}", expand=False))
    t = Table(show_header=True, box=None, padding=(0, 1))
    t.add_column("Fact", style="bold")
    t.add_column("Value", overflow="fold")
    t.add_column("Source", style="dim")
    cost = d["cost"]
    cost_s = ("not stated by any source" if cost.get("unknown") else fmt_range(cost["usd"], prefix="$")) + f" ({cost['basis']})"
    if cost.get("per_month"):
        cost_s += f"; {fmt_range(cost['per_month'], prefix='$')}/month"
        if cost.get("typical_months"):
            cost_s += f" × {fmt_range(cost['typical_months'], 'months')}"
    if cost.get("financial_aid"):
        cost_s += "; financial aid available"
    if cost.get("note"):
        cost_s += f"\n{cost['note']}"
    t.add_row("Cost", cost_s, refs("cost"))
    prep = d["prep"]
    if prep.get("unknown"):
        prep_s = f"not stated by any source; plans use a typical {fmt_range(d['prep_hours'], 'hours')} for its level"
    else:
        prep_s = fmt_range(prep["hours"], "hours") + (f" ({fmt_range(prep['months'], 'months')})" if prep.get("months") else "")
    if prep.get("note"):
        prep_s += f"\n{prep['note']}"
    t.add_row("Prep time", prep_s, refs("prep"))
    if d.get("exam"):
        e = d["exam"]
        bits = [f"{e['minutes']} minutes" if e.get("minutes") else None,
                fmt_range(e["questions"], "questions") if e.get("questions") else None,
                "proctored" if e.get("proctored") else "not proctored",
                "performance-based items" if e.get("performance_based") else None, e.get("delivery")]
        t.add_row("Exam", ", ".join(b for b in bits if b), refs("exam"))
    h = d.get("hands_on") or {}
    if h.get("projects") or h.get("labs"):
        t.add_row("Hands-on", ", ".join(k for k in ("projects", "labs") if h.get(k)) + (f"\n{h['description']}" if h.get("description") else ""), refs("hands_on"))
    r = d["renewal"]
    if r["method"] == "not-applicable":
        ren = "nothing to renew"
    elif r.get("validity_years") is None:
        ren = "never expires"
    else:
        ren = f"valid {r['validity_years']:g} years; renew by {r['method'].replace('-', ' ')}"
        if r.get("discount_pct"):
            ren += f" ({r['discount_pct']:g}% discount)"
        if r.get("window_days"):
            ren += f", in the {r['window_days']} days before expiry"
    if r.get("note"):
        ren += f"\n{r['note']}"
    t.add_row("Validity", ren, refs("renewal"))
    if d.get("recommended_experience"):
        t.add_row("Experience", d["recommended_experience"], refs("recommended_experience"))
    if d.get("prerequisites"):
        t.add_row("Prerequisites", ", ".join(d["prerequisites"]), refs("prerequisites"))
    if d.get("recommended_before"):
        t.add_row("Take first", ", ".join(d["recommended_before"]), "")
    if d.get("best_for"):
        t.add_row("Best for", ", ".join(d["best_for"]), "")
    if d.get("salary_uplift"):
        s = d["salary_uplift"]
        t.add_row("Salary uplift", fmt_range(s["pct"], "%") + f" — {s['basis']}", refs("salary_uplift"))
    lc = d.get("lifecycle") or {}
    lc_bits = [f"{k.replace('_', ' ')} {lc[k]}" for k in ("launched", "beta_until", "retirement_announced", "retired") if lc.get(k)]
    if lc_bits:
        t.add_row("Lifecycle", "; ".join(lc_bits), refs("lifecycle"))
    if d.get("replaced_by"):
        t.add_row("Take instead", ", ".join(f"{x['name']} ({x['id']})" for x in d["replaced_by"]), refs("lifecycle"))
    if d.get("exam_version"):
        t.add_row("Exam version", _version_line(d["exam_version"], "in force"), refs("versions"))
    if d.get("next_exam_version"):
        t.add_row("Next version", _version_line(d["next_exam_version"], "announced"), refs("versions"))
    if d.get("access_note"):
        t.add_row("Who may sit it", d["access_note"], refs("access"))
    t.add_row("Domains", ", ".join(d["domains"]) + f" · ecosystem {d['ecosystem']}", "")
    t.add_row("Aliases", ", ".join(d.get("aliases") or []) or "—", "")
    t.add_row("URL", d["url"], refs("url"))
    con.print(t)
    stale = " [yellow](older than 180 days: check the provider's page before you book)[/]" if d.get("stale") else ""
    con.print(f"[dim]Facts checked {d.get('checked', '—')}[/]{stale}")
    for note in d.get("notes") or []:
        con.print(f"[yellow]Note:[/] {note}")
    con.print("\n[bold]Sources[/]")
    for key, n in src_index.items():
        s = next(x for x in d["sources"] if (x.get("url") or x.get("title") or "guide") == key)
        title = s.get("title") or ("the guide" if s.get("ref") == "guide" else s.get("url"))
        where = f" {s['url']}" if s.get("url") and s.get("title") else ""
        con.print(f" [{n}] {title}{where} — verified {s['verified']}; supports {', '.join(s['supports'])}")


def _version_line(v: dict[str, Any], what: str) -> str:
    dates = [f"beta from {v['beta_from']}" if v.get("beta_from") else "",
             f"generally available from {v['available_from']}" if v.get("available_from") else "",
             f"last day {v['last_day']}" if v.get("last_day") else ""]
    line = f"{v['code']} ({what}{'; in beta' if v.get('in_beta') else ''})"
    line += ": " + "; ".join(x for x in dates if x) if any(dates) else ""
    return line + (f"\n{v['changes']}" if v.get("changes") else "")


@click.command("show")
@click.argument("ident", metavar="ID")
@as_of_option
@json_option
def show_cmd(ident: str, as_of: date, as_json: bool) -> None:
    """Every fact about one credential, each with its source and verified date.

    ID may be an id, an exam code or a common name: `certwise show MLS-C01`.
    """
    from certwise.advice.details import credential_report

    cat = load_catalog_or_fail()
    d = credential_report(get_credential(cat, ident), cat, as_of)
    if as_json:
        emit_json(d)
    else:
        _render_show(d)


@click.command("compare")
@click.argument("idents", nargs=-1, metavar="ID ID…")
@as_of_option
@json_option
def compare_cmd(idents: tuple[str, ...], as_of: date, as_json: bool) -> None:
    """Two to six credentials side by side: certwise compare pmle MLA-C01 AI-103"""
    from certwise.advice.details import CompareError, comparison

    if len(idents) < 2:
        fail("compare needs at least two credentials, e.g. certwise compare pmle mla-c01")
    cat = load_catalog_or_fail()
    ids = [get_credential(cat, i).id for i in idents]
    try:
        result = comparison(cat, ids, as_of)
    except CompareError as e:
        fail(str(e))
    if as_json:
        emit_json(result)
        return
    from rich.table import Table

    t = Table(title=f"Side by side (as of {as_of})", title_justify="left", show_lines=True)
    t.add_column("", style="bold")
    for c in result["credentials"]:
        t.add_column(f"{c['name']}\n[dim]{c['id']}[/]", overflow="fold")
    for row in result["rows"]:
        vals = [_status(v) if row["field"] == "status" else v for v in row["values"]]
        t.add_row(row["label"], *vals)
    console().print(t)


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="How many matches to show.")
@as_of_option
@json_option
def search_cmd(text: tuple[str, ...], limit: int, as_of: date, as_json: bool) -> None:
    """Find credentials by name, alias or exam code; typos and spacing are forgiven.

    \b
    Examples: certwise search ai102 · certwise search aws ml specialty · certwise search pmle
    """
    from certwise.catalog.browse import credential_summary
    from certwise.catalog.search import search

    query = " ".join(text).strip()
    if not query:
        fail("search needs some text, e.g. certwise search 'aws ml'")
    cat = load_catalog_or_fail()
    hits = search(cat, query, limit=limit)
    result: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "query": query,
        "results": [{**credential_summary(c, as_of), "score": s} for c, s in hits],
    }
    if as_json:
        emit_json(result)
        return
    if not hits:
        click.echo(f"Nothing matches '{query}'. Try a provider (aws, nvidia), an exam code (AI-102) or `certwise list`.")
        return
    from certwise.cli.render import print_rows

    rows = [[r["id"], r["name"], r["provider"], (r["status"], STATUS_STYLE.get(r["status"], "")), f"{r['score']:.0f}"]
            for r in result["results"]]
    print_rows(["ID", "Name", "Provider", "Status", "Match"], rows, title=f"Matches for '{query}'", flex=(1, 2), optional=(2,), min_width=100)


@click.group("catalog")
def catalog_group() -> None:
    """Check, describe, export and import the catalog itself."""


@catalog_group.command("validate")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@json_option
def validate_cmd(path: Path | None, as_json: bool) -> None:
    """Validate catalog files (the shipped catalog by default, or a file or folder).

    Every problem is reported with the file, the field and what is wrong; exit 2 if any.
    """
    from certwise.catalog.load import DATA_DIR, CatalogError, default_catalog, load_catalog

    target = path or DATA_DIR
    base = None
    if path is not None:
        try:
            base = default_catalog()
        except CatalogError:
            base = None
    cat, errors = load_catalog(target, base=base)
    if as_json:
        emit_json({"path": str(target), "valid": not errors, "count": len(cat), "errors": list(errors)})
        if errors:
            raise SystemExit(2)
        return
    if errors:
        for e in errors:
            click.echo(f"certwise: error: {e}", err=True)
        raise SystemExit(2)
    click.echo(f"{target}: {len(cat)} credential record(s), all valid.")


@catalog_group.command("schema")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
def schema_cmd(output: Path | None) -> None:
    """Print the JSON Schema of a credential record (generated from the model)."""
    import json

    from certwise.catalog.model import Credential

    text = json.dumps(Credential.model_json_schema(), indent=2) + "\n"
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"cannot write {output}: {e.strerror}")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _catalog_at(path: Path | None) -> Any:
    """The catalog to check: the shipped one (with the overlay), or the records in PATH (a folder or
    file, whose references may point into the shipped catalog)."""
    from certwise.catalog.load import DATA_DIR, default_catalog, load_catalog

    if path is None:
        return load_catalog_or_fail()
    cat, errors = load_catalog(path, base=default_catalog() if path != DATA_DIR else None)
    if errors:
        fail(f"{errors[0]} (run `certwise catalog validate {path}`)")
    return cat


@catalog_group.command("audit")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@as_of_option
@json_option
def audit_cmd(path: Path | None, as_of: date, as_json: bool) -> None:
    """The catalog's quality report: how well each fact is sourced.

    Per record and in total: facts with one source, facts backed only by third parties, sources
    checked more than 180 days ago, sources on the deny-list of mirror and exam-dump sites, quotes
    that do not name their credential, and status changes due in the next 90 days. Exit 2 when a
    source is deny-listed or a quote misses its credential (the rest is reported).

    \b
    Examples:
      certwise catalog audit
      certwise catalog audit --json
      certwise catalog audit path/to/records/
    """
    from certwise.catalog.quality import STALE_DAYS, catalog_audit

    report = catalog_audit(_catalog_at(path), as_of)
    if as_json:
        emit_json(report)
    else:
        t = report["totals"]
        click.echo(f"{t['records']} records, {t['sources']} sources; newest check {report['checked']}, "
                   f"oldest record check {report['oldest_check']} (as of {report['as_of']})")
        rows = (("denylisted", "sources on the deny-list (error)"),
                ("quote_misses_credential", "quotes that do not name their credential (error)"),
                ("stale_sources", f"sources checked more than {STALE_DAYS} days ago"),
                ("single_source", "facts with a single source"),
                ("third_party_only", "facts backed only by third parties"),
                ("status_changes_soon", "status changes in the next 90 days"))
        for key, words in rows:
            click.echo(f"  {t[key]:5d}  {words}")
        for r in report["records"]:
            for key in ("denylisted", "quote_misses_credential"):
                for item in r[key]:
                    click.echo(click.style(f"error: {r['id']}: {key.replace('_', ' ')}: {item}", fg="red"), err=True)
            for ch in r["status_changes_soon"]:
                click.echo(f"  soon: {r['id']}: {ch['what']} on {ch['date']}")
    if not report["ok"]:
        raise SystemExit(2)


@catalog_group.command("check-sources")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--id", "ids", multiple=True, metavar="ID", help="Only the sources of these credentials (repeatable).")
@json_option
def check_sources_cmd(path: Path | None, ids: tuple[str, ...], as_json: bool) -> None:
    """Re-fetch every source the catalog cites and report pages that changed, moved or vanished.

    Needs the network. What each page looked like (ETag, Last-Modified, a hash of its content)
    is kept in source-checks.json in the data directory, so the next run reports what changed
    since. Nothing in the catalog is edited: read the changed pages, then update the records.
    Exit 2 when the machine is offline (no source answered).

    \b
    Examples:
      certwise catalog check-sources
      certwise catalog check-sources --id aws-ml-engineer-associate --json
    """
    from certwise.catalog.source_check import STATE_FILE, check_sources
    from certwise.settings import data_dir

    cat = _catalog_at(path)
    only = [get_credential(cat, i).id for i in ids] if ids else None
    state = data_dir() / STATE_FILE
    show_bar = not as_json and sys.stderr.isatty()
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("checking sources"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=console(stderr=True), transient=True) as bar:
            task = bar.add_task("check", total=None)
            report = check_sources(cat, state, only=only,
                                   progress=lambda done, total: bar.update(task, completed=done, total=total))
    else:
        report = check_sources(cat, state, only=only)
    if as_json:
        emit_json(report)
    else:
        c = report["counts"]
        click.echo(f"{report['total']} source pages: {c['unchanged']} unchanged, {c['changed']} changed, "
                   f"{c['moved']} moved, {c['vanished']} vanished, {c['unreachable']} unreachable, {c['new']} new")
        for f in report["findings"]:
            if f["result"] in ("new",):
                continue
            click.echo(f"  {f['result']:<11} {f['url']} ({', '.join(f['ids'])}){': ' + f['detail'] if f['detail'] else ''}")
    if report["offline"]:
        fail("no source answered: is this machine online? (nothing was changed)")


def register(cli: click.Group) -> None:
    for cmd in (list_cmd, show_cmd, compare_cmd, search_cmd, catalog_group):
        cli.add_command(cmd)
