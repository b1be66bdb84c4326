"""Settings in one place, each readable from a ``CERTWISE_*`` environment variable.

Nothing happens at import: every value is computed when asked for. The folders are worked out
as plain strings (``os.path``) and made :class:`~pathlib.Path` objects only when a caller asks
for one: importing pathlib costs ~3 ms, and a CLI call's cache and database checks need none.

>>> import os; os.environ["CERTWISE_DATA_DIR"] = "/tmp/cw"
>>> str(data_dir())
'/tmp/cw'
>>> database_url()
'sqlite:////tmp/cw/certwise.db'
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DB_FILE = "certwise.db"


def _expanded(path: str) -> str:
    """``~`` expanded as ``Path.expanduser`` does it (RuntimeError when there is no home to expand to)."""
    out = os.path.expanduser(path)
    if out[:1] == "~":
        raise RuntimeError("Could not determine home directory.")
    return out


def data_folder() -> str:
    """Where certwise keeps the user's data: ``CERTWISE_DATA_DIR`` or the platform's data dir
    (a string; :func:`data_dir` is the same folder as a Path)."""
    env = os.environ.get("CERTWISE_DATA_DIR")
    if env:
        return _expanded(env)
    if sys.platform.startswith("linux"):
        # platformdirs' rule on Linux (XDG), without its ~20 ms import on every CLI call
        return os.path.join(os.environ.get("XDG_DATA_HOME") or os.path.join(_expanded("~"), ".local", "share"),
                            "certwise")
    from platformdirs import user_data_dir

    return user_data_dir("certwise", appauthor=False)


def data_dir() -> Path:
    """Where certwise keeps the user's data: ``CERTWISE_DATA_DIR`` or the platform's data dir."""
    from pathlib import Path

    return Path(data_folder())


def cache_folder() -> str | None:
    """Where derived files (the validated-catalog cache) go; None when CERTWISE_CACHE_DIR=off."""
    env = os.environ.get("CERTWISE_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return _expanded(env)
    if sys.platform.startswith("linux"):
        return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(_expanded("~"), ".cache"), "certwise")
    from platformdirs import user_cache_dir

    return user_cache_dir("certwise", appauthor=False)


def database_url() -> str:
    """``CERTWISE_DATABASE_URL``, else the SQLite file ``certwise.db`` in :func:`data_dir`."""
    env = os.environ.get("CERTWISE_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{data_dir() / DB_FILE}"


def _sqlite_file(url: str) -> str | None:
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return rest


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL; None for in-memory or non-SQLite URLs."""
    from pathlib import Path

    rest = _sqlite_file(url)
    return None if rest is None else Path(rest)


def no_database() -> bool:
    """True when the database is SQLite and its file is not there (or in memory): most CLI calls,
    which then have no store to read. Plain strings: no pathlib, no URL built."""
    env = os.environ.get("CERTWISE_DATABASE_URL")
    if not env:
        return not os.path.isfile(os.path.join(data_folder(), DB_FILE))
    if not env.startswith("sqlite"):
        return False
    rest = _sqlite_file(env)
    return rest is None or not os.path.isfile(rest)
