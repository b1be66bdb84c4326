"""Helpers every command shares: --json, --as-of, one-line errors with exit 2, rendering.

Heavy modules (rich, the engine, the ORM) are imported inside functions so that the CLI
starts fast.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, NoReturn, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class InputError(click.ClickException):
    """Bad input: printed as one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"certwise: error: {self.format_message()}", err=True)


def fail(message: str) -> NoReturn:
    """Stop with one line on stderr and exit code 2."""
    raise InputError(message)


def parse_date(value: str | None, what: str = "--as-of") -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{what} '{value}' is not a date; use YYYY-MM-DD, e.g. 2026-11-24")


def _as_of_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    return parse_date(value, "--as-of")


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        callback=_as_of_callback,
        help="Compute status and advice as of this date (default: today).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (per SPEC.md) and nothing else.")(f)


def emit_json(obj: Any) -> None:
    """Print ``obj`` as JSON; a number too large to state (inf, nan) is printed as null, never ``Infinity``."""
    try:
        text = json.dumps(obj, indent=2, ensure_ascii=False, default=_default, allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(json.loads(json.dumps(obj, default=_default))), indent=2, ensure_ascii=False,
                          allow_nan=False)
    sys.stdout.write(text + "\n")


def _finite(o: Any) -> Any:
    if isinstance(o, float) and not math.isfinite(o):
        return None
    if isinstance(o, dict):
        return {k: _finite(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_finite(v) for v in o]
    return o


def _default(o: Any) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    if hasattr(o, "model_dump"):
        return o.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def with_unpriced(money: str, total: dict[str, Any], ids: list[str]) -> str:
    """A total cost and what it leaves out: "$150 (no price stated for ID)"; "unknown (…)" when
    none of what it adds up has a stated price; ``money`` alone when every price is stated."""
    if not ids:
        return money
    return f"{money if total['high'] else 'unknown'} (no price stated for {', '.join(ids)})"


def console(stderr: bool = False) -> Any:
    """Rich's console for people (``stderr=True`` for progress, so ``--json`` stays clean)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, stderr=stderr)


def load_catalog_or_fail() -> Any:
    """The shipped catalog plus the local overlay (when a store is configured)."""
    from certwise.catalog import CatalogError, default_catalog

    try:
        cat = default_catalog()
    except CatalogError as e:
        fail(str(e))
    from certwise.store.overlay import overlay_catalog

    return overlay_catalog(cat, warn=_overlay_warning)


QUIET_OVERLAY = "certwise.quiet_overlay"
"""Set in a command's ``ctx.meta`` when its own error will name a broken store (portfolio commands)."""


def _overlay_warning(message: str) -> None:
    """One line on stderr: the catalog goes on without the overlay of a broken store."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(QUIET_OVERLAY):
        return
    click.echo(f"certwise: warning: {message}", err=True)


def get_credential(cat: Any, ident: str) -> Any:
    try:
        return cat.get(ident)
    except KeyError as e:
        fail(f"{e} (see `certwise search`)")
