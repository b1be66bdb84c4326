"""The command-line face: thin commands that parse, call the library and render.

The console script is :func:`certwise.cli.launch.main`; :func:`certwise.cli.main.main` runs the group.
"""

from __future__ import annotations

import sys

# Commands that read, answer and end within a fraction of a second. They run without Python's
# cyclic garbage collector: importing the engine and reading the catalog cache allocate
# ~100,000 objects, and the collector's passes over them cost ~5% of a call. Nothing they
# build forms reference cycles worth collecting (plain records, dicts, lists), and the
# process ends right after. Long-running or bulk commands (serve, imports) keep it.
SHORT_COMMANDS = frozenset({"list", "show", "compare", "search", "recommend", "evaluate", "stack", "roi", "faq",
                            "plan", "audit"})


def short_command() -> bool:
    """Is this process running one of :data:`SHORT_COMMANDS`?"""
    return len(sys.argv) > 1 and sys.argv[1] in SHORT_COMMANDS
