"""Settings in one place, each readable from a ``CERTWISE_*`` environment variable.

Nothing happens at import: every value is computed when asked for.

>>> import os; os.environ["CERTWISE_DATA_DIR"] = "/tmp/cw"
>>> str(data_dir())
'/tmp/cw'
>>> database_url()
'sqlite:////tmp/cw/certwise.db'
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_FILE = "certwise.db"


def data_dir() -> Path:
    """Where certwise keeps the user's data: ``CERTWISE_DATA_DIR`` or the platform's data dir."""
    env = os.environ.get("CERTWISE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        # platformdirs' rule on Linux (XDG), without its ~20 ms import on every CLI call
        return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "certwise"
    from platformdirs import user_data_dir

    return Path(user_data_dir("certwise", appauthor=False))


def cache_dir() -> Path | None:
    """Where derived files (the validated-catalog cache) go; None when CERTWISE_CACHE_DIR=off."""
    env = os.environ.get("CERTWISE_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "certwise"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("certwise", appauthor=False))


def database_url() -> str:
    """``CERTWISE_DATABASE_URL``, else the SQLite file ``certwise.db`` in :func:`data_dir`."""
    env = os.environ.get("CERTWISE_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{data_dir() / DB_FILE}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL; None for in-memory or non-SQLite URLs."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
