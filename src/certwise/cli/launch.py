"""The ``certwise`` console script: for a short command the cyclic garbage collector is off
before anything is imported, then :func:`certwise.cli.main.main` runs the command.

Importing Click alone runs the collector about twenty times (~2 ms of a ~50 ms call), so this
module imports nothing else until it has been turned off.
"""

from __future__ import annotations

from certwise.cli import short_command


def main() -> None:
    """The console script (``certwise = certwise.cli.launch:main``)."""
    if short_command():
        import gc

        gc.disable()
    from certwise.cli.main import main as run

    run()
