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
from pathlib import Path

DB_FILE = "certwise.db"


def data_dir() -> Path:
    """Where certwise keeps the user's data: ``CERTWISE_DATA_DIR`` or the platform's data dir."""
    env = os.environ.get("CERTWISE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("certwise", appauthor=False))


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
