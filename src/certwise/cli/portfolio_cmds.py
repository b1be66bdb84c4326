"""`certwise portfolio …` (what you hold and plan, stored) and `certwise catalog export|import`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
)
from certwise.store.entries import EntryError, StoreError

# --- helpers -----------------------------------------------------------------------------------


@contextmanager
def _store() -> Iterator[Any]:
    """The configured store; StoreError and database errors become one line and exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from certwise.store.db import Store

    try:
        store = Store()
    except StoreError as e:  # StoreUnavailable: corrupt, unwritable, newer — one line saying what to do
        fail(str(e))
    except SQLAlchemyError as e:
        fail(f"cannot open the database ({_db_hint()}): {_first_line(e)}")
    except ModuleNotFoundError as e:
        fail(f"cannot open the database ({_db_hint()}): the driver '{e.name}' is not installed")
    try:
        yield store
    except StoreError as e:
        fail(str(e))
    except SQLAlchemyError as e:
        fail(f"database error ({_db_hint()}): {_first_line(e)}")
    finally:
        store.close()


def _db_hint() -> str:
    import os

    return "CERTWISE_DATABASE_URL" if os.environ.get("CERTWISE_DATABASE_URL") else "CERTWISE_DATA_DIR/certwise.db"


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _write(path: Path, data: bytes | str, what: str) -> None:
    """Write a file whole (via a temporary file), or fail with one line."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_bytes(payload)
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write {what} to {path}: {e.strerror or e}")


PORTFOLIO_MAX_BYTES = 10_000_000
"""The largest portfolio file `portfolio import` reads (10 MB)."""


def _read_json(path: Path) -> Any:
    """A portfolio file: at most 10 MB of JSON, no duplicate keys, no NaN/Infinity, not nested deeply."""
    from certwise.userfiles import UserFileError, parse_json, read_capped

    try:
        raw = read_capped(path, PORTFOLIO_MAX_BYTES, what="portfolio file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            fail(f"{path}: not UTF-8 text; expected a JSON file")
        return parse_json(text, str(path))
    except UserFileError as e:
        fail(str(e))


def _entries_table(rows: list[dict[str, Any]], title: str) -> None:
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    t.add_column("credential", overflow="fold", min_width=22)
    for col in ("state", "earned", "expires"):
        t.add_column(col, no_wrap=True)
    t.add_column("entry", overflow="fold")
    for r in rows:
        state, expires = r["state"], r["expires"] or "-"
        if r.get("expired"):
            state, expires = "[red]expired[/]", f"[red]{expires}[/]"
        ident = r["id"] or "custom"
        if r.get("verified") is False:
            state += "\n[yellow]unverified[/]"
        t.add_row(f"{r['name']}\n[dim]{ident} · {r['issuer']} · {r['source']}[/]", state,
                  r["earned"] or "-", expires, f"[dim]{r['entry_id']}[/]")
    console().print(t)


# --- portfolio ---------------------------------------------------------------------------------


@click.group("portfolio")
def portfolio_group() -> None:
    """What you hold and plan to take, kept in a local database.

    \b
    SQLite in your data folder by default (CERTWISE_DATA_DIR); set CERTWISE_DATABASE_URL
    (e.g. postgresql+psycopg://user:pass@host/db) to use another database.

    \b
    Examples:
      certwise portfolio add aws-ml-specialty --earned 2025-03-01
      certwise portfolio plan pmle
      certwise portfolio import-badge my-badge.json
      certwise portfolio renewals --within 180 --ics renewals.ics
    """
    # a broken store is said once, by the command's own error, not also as an overlay warning
    click.get_current_context().meta[QUIET_OVERLAY] = True


@portfolio_group.command("add")
@click.argument("ident", metavar="ID")
@click.option("--earned", required=True, metavar="YYYY-MM-DD", help="When you earned it.")
@click.option("--expires", metavar="YYYY-MM-DD", help="When it expires (default: by the provider's renewal rule).")
@click.option("--credential-url", metavar="URL", help="Link to your certificate or badge.")
@click.option("--issuer", metavar="NAME", help="For a credential outside the catalog: who issued it (ID is then its name).")
@as_of_option
@json_option
def add_cmd(ident: str, earned: str, expires: str | None, credential_url: str | None, issuer: str | None,
            as_of: date, as_json: bool) -> None:
    """Record a credential you hold (ID, exam code or alias), e.g. `add MLS-C01 --earned 2025-03-01`."""
    from certwise.store.entry_rules import new_entry
    from certwise.store.reports import entry_dict

    earned_d = parse_date(earned, "--earned")
    expires_d = parse_date(expires, "--expires") if expires else None
    cat = load_catalog_or_fail()
    custom = bool(issuer) and cat.resolve(ident) is None
    if not custom:
        try:
            cat.get(ident)
        except KeyError as err:
            fail(f"{err.args[0]}; for a credential outside the catalog, add --issuer NAME")
    try:
        item = new_entry(cat, as_of, id=None if custom else ident, name=ident if custom else None, issuer=issuer,
                         earned=earned_d, expires=expires_d, credential_url=credential_url)
    except EntryError as err:
        fail(_entry_problem(err, ident))
    with _store() as store:
        (e,) = store.add_entries([item])
    if as_json:
        emit_json(entry_dict(e, as_of))
        return
    how = "" if expires_d or not e.expires else " (by the provider's renewal rule)"
    until = f", expires {e.expires}{how}" if e.expires else ", does not expire"
    click.echo(f"held: {e.name} ({e.id or 'custom'}), earned {e.earned}{until}  [entry {e.entry_id}]")


_FLAGS = {"earned": "--earned", "expires": "--expires", "credential_url": "--credential-url", "issuer": "--issuer",
          "name": "ID"}


def _entry_problem(err: EntryError, ident: str) -> str:
    """An EntryError in the CLI's words: the option it is about, and what to do instead."""
    flag = _FLAGS.get(err.field)
    text = f"{flag} {err.problem}" if flag else err.problem
    if err.code == "future":
        text += f"; use `certwise portfolio plan {ident}` for one you plan to take"
    return text


@portfolio_group.command("plan")
@click.argument("ident", metavar="ID")
@as_of_option
@json_option
def plan_cmd(ident: str, as_of: date, as_json: bool) -> None:
    """Record a credential you plan to take."""
    from certwise.store.entry_rules import new_entry
    from certwise.store.reports import entry_dict

    cat = load_catalog_or_fail()
    cred = get_credential(cat, ident)
    try:
        item = new_entry(cat, as_of, id=cred.id, state="planned")
    except EntryError as err:
        fail(_entry_problem(err, ident))
    with _store() as store:
        (e,) = store.add_entries([item])
    if as_json:
        emit_json(entry_dict(e, as_of))
        return
    status = cred.status(as_of)
    warn = f" (note: {status} - retires {cred.lifecycle.retired})" if status == "retiring" else ""
    click.echo(f"planned: {e.name} ({e.id})  [entry {e.entry_id}]{warn}")


@portfolio_group.command("list")
@as_of_option
@json_option
def list_cmd(as_of: date, as_json: bool) -> None:
    """Everything in your portfolio: held first, then planned."""
    from certwise.store.reports import portfolio_report

    with _store() as store:
        entries = store.list_entries()
    report = portfolio_report(entries, as_of)
    if as_json:
        emit_json(report)
        return
    if not entries:
        click.echo("Your portfolio is empty. Add one: certwise portfolio add ID --earned YYYY-MM-DD")
        return
    _entries_table(report["entries"], f"Portfolio as of {as_of}")


@portfolio_group.command("remove")
@click.argument("ident", metavar="ID")
@as_of_option
@json_option
def remove_cmd(ident: str, as_of: date, as_json: bool) -> None:
    """Remove an entry: its entry id, its catalog id (or alias) or its name."""
    from certwise.store.reports import entry_dict

    with _store() as store:
        target = ident
        if store.get_entry(ident) is None:
            cat = load_catalog_or_fail()
            target = cat.resolve(ident) or ident
        try:
            e = store.remove_entry(target)
        except StoreError as err:
            fail(f"{err} (see `certwise portfolio list`)" if err.code == "no-entry" else str(err))
    if as_json:
        emit_json({"removed": entry_dict(e, as_of)})
        return
    click.echo(f"removed: {e.name} ({e.id or 'custom'})  [entry {e.entry_id}]")


@portfolio_group.command("import-badge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--accept-unverified", is_flag=True,
              help="Let badges whose signature could not be checked update entries you already have "
                   "(e.g. turn a planned one into held). Without it they never change an existing entry.")
@as_of_option
@json_option
def import_badge_cmd(files: tuple[Path, ...], accept_unverified: bool, as_of: date, as_json: bool) -> None:
    """Import Open Badges (2.0 assertions, 3.0 credentials, VC-JWTs) into your portfolio.

    Each FILE is read up to 512 KB (a larger file, or a device such as /dev/zero, is refused);
    its JSON may not repeat a key, hold NaN/Infinity or nest deeper than 20 levels.

    Pass a BadgeClass or Issuer file alongside an assertion that links to it (there is no
    network access). Badges that match a catalog credential are recorded under its id;
    others are kept as custom entries. Nothing is written if any file is bad.
    """
    from certwise.interop.openbadges import BadgeError, read_badges
    from certwise.store.badge_import import badge_entries, record_badges

    cat = load_catalog_or_fail()
    try:
        badges = read_badges(files, cat, as_of)
        badge_entries(badges, cat, as_of)  # the rules of `portfolio add`, before a database is opened
    except BadgeError as err:
        fail(_badge_problem(err, files))
    except EntryError as err:
        fail(str(err))
    with _store() as store:
        rows = record_badges(store, badges, cat, as_of, accept_unverified=accept_unverified)
    if as_json:
        emit_json({"as_of": as_of.isoformat(), "imported": rows})
        return
    for r in rows:
        if r["kept"]:
            click.echo(f"not imported: {r['file']}: {r['note']} ({r['name']}); pass --accept-unverified to "
                       "let it update the entry")
            continue
        what = f"matched {r['id']}" if r["matched"] else "custom entry"
        exp = f", EXPIRED on {r['expires']}" if r["expired"] else (f", expires {r['expires']}" if r["expires"] else "")
        mark = "" if r["badge_verified"] else " (unverified: its signature could not be checked)"
        click.echo(f"imported: {r['name']} ({r['issuer']}): {what}, earned {r['earned']}{exp}{mark}")


def _badge_problem(err: Any, files: tuple[Path, ...]) -> str:
    """A BadgeError, with the command to run when a file it links to is missing."""
    if err.code != "needs-file":
        return str(err)
    names = [f.name for f in files] + [err.wanted or "FILE"]
    return f"{err}, e.g. `certwise portfolio import-badge {' '.join(names)}`"


@portfolio_group.command("renewals")
@click.option("--within", "within", type=int, default=90, show_default=True, metavar="DAYS",
              help="Show what expires within this many days (expired ones too).")
@click.option("--ics", type=click.Path(path_type=Path), metavar="FILE", help="Also write the reminders as an iCalendar file.")
@as_of_option
@json_option
def renewals_cmd(within: int, ics: Path | None, as_of: date, as_json: bool) -> None:
    """What you must renew soon, with the provider's rule; --ics for your calendar."""
    from certwise.store.reports import renewals_report

    if within < 0:
        fail(f"--within {within} is negative; give a number of days, e.g. 90")
    cat = load_catalog_or_fail()
    with _store() as store:
        due = store.renewals(as_of, within)
    report = renewals_report(due, cat, as_of, within)
    if ics is not None:
        from certwise.interop.renewal_ics import renewals_to_ics

        _write(ics, renewals_to_ics(report["renewals"], as_of=as_of), "the calendar")
        report["ics"] = str(ics)
    if as_json:
        emit_json(report)
        return
    if not report["renewals"]:
        click.echo(f"Nothing to renew within {within} days of {as_of}.")
    for r in report["renewals"]:
        when = f"expired {-r['days_left']} days ago" if r["status"] == "expired" else f"expires in {r['days_left']} days"
        how = f"; renew by {r['method']}" if r["method"] else ""
        window = f" (window opens {r['window_opens']})" if r["window_opens"] else ""
        click.echo(f"{r['name']}: {when} ({r['expires']}){how}{window}")
    if ics is not None:
        click.echo(f"wrote {ics}", err=True)


@portfolio_group.command("export")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@as_of_option
@json_option
def export_cmd(file: Path | None, as_of: date, as_json: bool) -> None:
    """Write your portfolio as JSON (to FILE, or stdout); `portfolio import` reads it back."""
    with _store() as store:
        data = store.export_portfolio()
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if file is None:
        sys.stdout.write(text)
        return
    _write(file, text, "the portfolio")
    if as_json:
        emit_json({"file": str(file), "entries": len(data["entries"])})
    else:
        click.echo(f"wrote {len(data['entries'])} entries to {file}", err=True)


@portfolio_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@as_of_option
@json_option
def import_cmd(file: Path, as_of: date, as_json: bool) -> None:
    """Read a portfolio written by `portfolio export`: all entries or, on any error, none.

    FILE is JSON of at most 10 MB, without duplicate keys, NaN/Infinity or nesting deeper than 20 levels.
    """
    from certwise.store.reports import entry_dict

    data = _read_json(file)
    cat = load_catalog_or_fail()
    with _store() as store:
        try:
            entries = store.import_portfolio(data, cat, as_of=as_of)
        except StoreError as err:
            fail(f"{file}: {err}" + (" (make one with `portfolio export`)" if err.code == "not-a-portfolio" else ""))
    if as_json:
        emit_json({"as_of": as_of.isoformat(), "imported": [entry_dict(e, as_of) for e in entries]})
        return
    click.echo(f"imported {len(entries)} entries from {file}")


# --- catalog export / import ---------------------------------------------------------------------

EXPORT_FORMATS = ("ctdl", "schema-org", "json")


@click.command("export")
@click.option("--format", "fmt", default="json", show_default=True, metavar="FORMAT",
              help="ctdl (CTDL JSON-LD), schema-org (EducationalOccupationalCredential) or json (the records).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE instead of stdout.")
@as_of_option
@json_option
def catalog_export_cmd(fmt: str, output: Path | None, as_of: date, as_json: bool) -> None:
    """Export the catalog (with your imported overlay) as CTDL, schema.org or JSON."""
    if fmt not in EXPORT_FORMATS:
        fail(f"--format '{fmt}' is not one of: {', '.join(EXPORT_FORMATS)}")
    cat = load_catalog_or_fail()
    if fmt == "ctdl":
        from certwise.interop.ctdl_export import export_ctdl

        doc: Any = export_ctdl(cat, as_of)
    elif fmt == "schema-org":
        from certwise.interop.schema_org import export_schema_org

        doc = export_schema_org(cat, as_of)
    else:
        doc = {"as_of": as_of.isoformat(), "credentials": [c.model_dump(mode="json", exclude_none=True) for c in cat]}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text, "the export")
    if as_json:
        emit_json({"file": str(output), "format": fmt, "credentials": len(cat)})
    else:
        click.echo(f"wrote {len(cat)} credentials to {output}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
@click.option("--replace", is_flag=True, help="Drop every credential imported before (in the same transaction).")
@as_of_option
@json_option
def catalog_import_cmd(file: Path, no_progress: bool, replace: bool, as_of: date, as_json: bool) -> None:
    """Import CTDL credentials (a node, an @graph or a registry envelope) into your local catalog.

    The records join the catalog as an overlay (origin "overlay") for every command. The
    import is one transaction: on any error nothing is written.

    Limits: one record (an @graph element) of at most 8 million characters; names, providers,
    CTIDs and alternate names of at most 300 characters, web pages of at most 2,000; each
    CTID/@id once; no key twice, no NaN/Infinity; a price that is not a finite amount is
    imported as unknown, and the record's notes say so.
    """
    import gc
    import time
    from contextlib import ExitStack

    from certwise.interop.ctdl_import import CtdlError, CtdlReader
    from certwise.interop.ctdl_parallel import WorkerFailed, prepared_rows

    click.get_current_context().meta[QUIET_OVERLAY] = True  # the store's own error says it
    cat = load_catalog_or_fail()
    if not file.is_file():
        fail(f"{file}: no such file" if not file.exists() else f"{file}: not a regular file; give a CTDL JSON-LD file")
    show = not no_progress and not as_json and sys.stderr.isatty()
    ids: list[str] = []
    t0 = time.perf_counter()
    with _store() as store, ExitStack() as stack:
        # millions of short-lived, acyclic objects: the collector's passes over the growing ids and
        # features find nothing to free and cost a seventh of the reading process (and of the workers)
        gc.disable()
        stack.callback(gc.enable)
        reserved = {c.id for c in cat.shipped()}
        try:
            reader = CtdlReader(file, reserved_ids=reserved, verified=as_of)
            rows = stack.enter_context(prepared_rows(reader))  # a big file: workers start now, before the bar

            def tap() -> Iterator[Any]:
                for c in rows:
                    if len(ids) < 1000:
                        ids.append(c.id)
                    yield c

            if show:
                from rich.progress import (
                    BarColumn,
                    DownloadColumn,
                    Progress,
                    TextColumn,
                    TimeRemainingColumn,
                )

                with Progress(TextColumn("importing"), BarColumn(), DownloadColumn(),
                              TextColumn("{task.fields[n]:>9,} credentials {task.fields[rate]}"),
                              TimeRemainingColumn(), console=_stderr_console(), transient=False) as bar:
                    task = bar.add_task("import", total=reader.total_bytes, n=0, rate="")

                    def tick(n: int) -> None:
                        el = time.perf_counter() - t0
                        bar.update(task, completed=reader.bytes_read, n=n, rate=f"({n / el:,.0f}/s)" if el else "")

                    n = store.add_overlay(tap(), batch_size=500, progress=tick, replace=replace)
                    bar.update(task, completed=reader.total_bytes)
            else:
                n = store.add_overlay(tap(), batch_size=2000, replace=replace)
        except CtdlError as e:
            fail(str(e))
        except WorkerFailed as e:  # killed, out of memory: one line, not the worker's traceback
            fail(f"{file}: {str(e).splitlines()[0]}; nothing was imported — run the import again "
                 "(a killed worker is often short of memory)")
    secs = time.perf_counter() - t0
    result = {"file": str(file), "imported": n, "seconds": round(secs, 3),
              "rate_per_second": round(n / secs) if secs > 0 else None,
              "ids": ids if n <= 1000 else ids[:1000], "ids_truncated": n > 1000}
    if n == 0:
        fail(f"{file}: no CTDL credentials found (expected ceterms:Certification, Certificate, Badge, Degree …)")
    if as_json:
        emit_json(result)
        return
    sample = ", ".join(ids[:5]) + (" …" if n > 5 else "")
    click.echo(f"imported {n} credentials from {file} in {secs:.1f}s ({result['rate_per_second']:,}/s): {sample}")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def register(cli: click.Group) -> None:
    cli.add_command(portfolio_group)
    catalog = cli.commands.get("catalog")
    if not isinstance(catalog, click.Group):
        catalog = click.Group("catalog", help="Check, describe, export and import the catalog itself.")
        cli.add_command(catalog)
    catalog.add_command(catalog_export_cmd)
    catalog.add_command(catalog_import_cmd)
