"""`certwise` entry point: a Click group whose commands live in small modules."""

from __future__ import annotations

import sys

import click

from certwise import __version__
from certwise.cli import short_command
from certwise.cli.base import InputError

# click >= 8.2 raises this when a group is run with no arguments; older clicks print help themselves
_NO_ARGS_IS_HELP: type[Exception] = getattr(click.exceptions, "NoArgsIsHelpError", type("_Never", (Exception,), {}))


# Which modules define each command: only the module a command needs is imported, so
# `certwise list` does not pay for the web, the store or the engine. A test checks that
# this table matches what the modules register.
LAZY_COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("catalog_cmds",),
    "show": ("catalog_cmds",),
    "compare": ("catalog_cmds",),
    "search": ("catalog_cmds",),
    "catalog": ("catalog_cmds", "portfolio_cmds"),
    "recommend": ("advice_cmds",),
    "evaluate": ("evaluate_cmds",),
    "stack": ("evaluate_cmds",),
    "roi": ("evaluate_cmds",),
    "faq": ("evaluate_cmds",),
    "plan": ("plan_cmds",),
    "audit": ("plan_cmds",),
    "portfolio": ("catalog_cmds", "portfolio_cmds"),
    "serve": ("web_cmds",),
}
MODULE_ORDER = ("catalog_cmds", "advice_cmds", "evaluate_cmds", "plan_cmds", "portfolio_cmds", "web_cmds")


class _Group(click.Group):
    """Loads command modules on demand and turns every usage error into one line, exit 2."""

    _loaded: set[str]

    def _load(self, modules: tuple[str, ...]) -> None:
        import importlib

        if not hasattr(self, "_loaded"):
            self._loaded = set()
        for mod in sorted(modules, key=MODULE_ORDER.index):
            if mod not in self._loaded:
                self._loaded.add(mod)
                importlib.import_module(f"certwise.cli.{mod}").register(self)

    def load_all(self) -> None:
        self._load(MODULE_ORDER)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            self._load(LAZY_COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        kwargs.setdefault("standalone_mode", False)
        try:
            rv = super().main(*args, **kwargs)
        except _NO_ARGS_IS_HELP as e:
            ctx = getattr(e, "ctx", None)
            click.echo(ctx.get_help() if ctx else str(e))
            sys.exit(0)
        except InputError as e:
            e.show()
            sys.exit(2)
        except click.UsageError as e:
            cmd = e.ctx.command_path if e.ctx else "certwise"
            click.echo(f"certwise: error: {e.format_message()} (see '{cmd} --help')", err=True)
            sys.exit(2)
        except click.ClickException as e:
            click.echo(f"certwise: error: {e.format_message()}", err=True)
            sys.exit(e.exit_code if e.exit_code else 2)
        except click.exceptions.Abort:
            click.echo("certwise: aborted", err=True)
            sys.exit(1)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except BrokenPipeError:  # pragma: no cover
            sys.exit(0)
        if isinstance(rv, int):
            sys.exit(rv)
        sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="certwise")
def cli() -> None:
    """certwise: which AI certifications are actually worth it for you, and how to get there.

    \b
    Start here:
      certwise recommend            answer a few questions, get your first pick
      certwise list                 browse the catalog
      certwise show aws-ml-specialty  every fact, with its source
      certwise serve                open the web app
    """


def main() -> None:
    """The console script: run the command, flush, and leave without the interpreter's teardown.

    Tearing down the modules and objects a command loaded takes ~40 ms here, a fifth of a
    typical call; every command has closed its files and database sessions by the time it
    returns, so the process ends as soon as its output is flushed.
    """
    import gc
    import os

    if short_command():  # the console script (certwise.cli.launch) has turned it off already
        gc.disable()
    try:
        cli.main(prog_name="certwise")
        code: object = 0
    except SystemExit as e:
        code = e.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # output piped into `head`: nothing more to say
        pass
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


if __name__ == "__main__":  # pragma: no cover
    main()
