"""Pickled copies of validated records, so a CLI call does not re-validate what did not change.

Used for the shipped catalog (keyed on its files' names, sizes and times) and for the local
overlay (keyed on its row count and newest import). A key also covers the certwise version,
the model module and the Python version; a stale, broken or unwritable cache is rebuilt or
skipped, never trusted. ``CERTWISE_CACHE_DIR=off`` turns caching off.

Cache files are named by plain strings (``os.path``): reading one is on every CLI call's path,
which does not otherwise need pathlib (~3 ms to import) nor the Python half of pickle (~1 ms);
writing one (a miss) imports them.
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import TYPE_CHECKING, Any

try:  # the C unpickler, which pickle.loads is: pickle.py itself (its Python pickler, struct) costs ~1 ms to import
    from _pickle import loads as _loads
except ImportError:  # pragma: no cover - a Python without the C accelerator
    from pickle import loads as _loads

from certwise import __version__
from certwise.settings import cache_folder

if TYPE_CHECKING:
    from pathlib import Path

MODEL_FILE = os.path.join(os.path.dirname(__file__), "model.py")
"""The record model's source: a cache written under another version of it is not read."""


def cache_file(kind: str, scope: str, key: str) -> str | None:
    """``<cache dir>/<kind>-<hash of scope>-<hash of key>.pickle``; None when caching is off."""
    where = cache_folder()
    if where is None:
        return None
    stamp = os.stat(MODEL_FILE).st_mtime_ns
    return os.path.join(where,
                        f"{kind}-{_digest(scope)}-{_digest(f'{__version__}|{stamp}|{sys.version}|{key}')}.pickle")


def _digest(text: str) -> str:
    """16 hex digits naming a cache file. zlib's checksums, not hashlib: loading OpenSSL costs
    ~3 ms, a tenth of a CLI call's own work, and a cache name needs no cryptography.

    >>> _digest("a"), len(_digest("b" * 1000))
    ('e8b7be4300620062', 16)
    """
    b = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(b):08x}{zlib.adler32(b):08x}"


def read_cached(path: str | Path | None) -> Any | None:
    """The cached object, or None when there is none or it cannot be read."""
    if path is None or not os.path.exists(path):
        return None
    try:
        with open(path, "rb") as f:
            return _loads(f.read())
    except Exception:  # a stale or broken cache is rebuilt, never trusted
        return None


def write_cached(where: str | Path | None, obj: Any) -> None:
    """Store ``obj`` atomically and drop older caches of the same kind and scope."""
    if where is None:
        return
    import pickle  # a cache miss: the call validates files anyway
    from pathlib import Path

    path = Path(where)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    except OSError:
        pass
