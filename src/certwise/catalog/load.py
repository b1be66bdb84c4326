"""Load and validate catalog files: ``(catalog, errors)`` with the file and field in each error.

>>> cat = default_catalog()
>>> cat.get("aws-ml-specialty").provider
'Amazon Web Services'
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, overload

from certwise.catalog.cache import cache_file, read_cached, write_cached
from certwise.catalog.model import GUIDE_DATE, Credential
from certwise.records import record

if TYPE_CHECKING:
    from pathlib import Path

    DATA_DIR: Path

DATA = os.path.join(os.path.dirname(__file__), "data")
"""The shipped records' folder, a string; ``DATA_DIR`` is the same folder as a Path."""


def __getattr__(name: str) -> Any:
    """``DATA_DIR``, made on first use: the CLI reads the shipped catalog from its cache with
    ``os`` alone, and importing pathlib would cost ~3 ms of every call."""
    if name == "DATA_DIR":
        from pathlib import Path

        globals()["DATA_DIR"] = data_dir = Path(DATA)
        return data_dir
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _yaml() -> tuple[Any, Any]:
    """PyYAML and its fastest safe loader (imported only when files are read)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnknownCredential(KeyError):
    """No credential by that id, exam code or name; ``suggestions`` are the closest ids.

    ``str(err)`` (and ``args[0]``) is one line: "unknown credential 'x'; did you mean a, b?".
    """

    def __init__(self, ident: str, suggestions: list[str]):
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        self.ident, self.suggestions = ident, suggestions
        self.message = f"unknown credential '{ident}'{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class CatalogError(Exception):
    """A catalog that failed to load; ``errors`` holds one line per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(errors[0] if len(errors) == 1 else f"{len(errors)} catalog errors: " + "; ".join(errors[:3]))


def format_validation_error(where: str, exc: Any) -> list[str]:
    """One line per error in a pydantic ValidationError: file, field, problem."""
    out = []
    for e in exc.errors():
        parts = [str(p) for p in e["loc"]]
        msg = e["msg"].removeprefix("Value error, ")
        m = re.match(r"^\[([\w.]+)\] (.*)$", msg, re.S)
        if m:
            parts.append(m.group(1))
            msg = m.group(2)
        loc = ".".join(parts) or "(record)"
        out.append(f"{where}: field '{loc}': {msg}")
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())


class LazyCredentials(Sequence[Credential]):
    """``base`` then the credentials ``ids`` name, each read (``fetch``) the first time it is asked for.

    A catalog over a 100,000-record overlay ranks from the overlay's persisted features and
    shows a handful of records: reading and validating them all would take seconds.
    ``fetch(ids)`` returns the credentials of those ids; iterating reads the rest in batches.
    """

    BATCH = 2000

    def __init__(self, base: Sequence[Credential], ids: list[str],
                 fetch: Callable[[list[str]], dict[str, Credential]]) -> None:
        self.base, self.overlay_ids, self.fetch = list(base), ids, fetch
        self._read: dict[int, Credential] = {}

    def __len__(self) -> int:
        return len(self.base) + len(self.overlay_ids)

    def all_ids(self) -> list[str]:
        return [c.id for c in self.base] + self.overlay_ids

    @overload
    def __getitem__(self, i: int) -> Credential: ...

    @overload
    def __getitem__(self, i: slice) -> list[Credential]: ...

    def __getitem__(self, i: int | slice) -> Credential | list[Credential]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        if i < len(self.base):
            return self.base[i]
        c = self._read.get(i)
        if c is None:
            self._fill([i])
            c = self._read[i]
        return c

    def prefetch(self, positions: Iterable[int]) -> None:
        """Read the records at these positions now, in as few queries as possible."""
        b = len(self.base)
        missing = [i for i in positions if i >= b and i not in self._read]
        if missing:
            self._fill(missing)

    def _fill(self, positions: list[int]) -> None:
        b = len(self.base)
        got = self.fetch([self.overlay_ids[i - b] for i in positions])
        for i in positions:
            cid = self.overlay_ids[i - b]
            if cid not in got:
                raise LookupError(f"the catalog overlay changed while in use ({cid} is gone); run the command again")
            self._read[i] = got[cid]

    def __iter__(self) -> Iterator[Credential]:
        yield from self.base
        b = len(self.base)
        for start in range(b, len(self), self.BATCH):
            missing = [i for i in range(start, min(start + self.BATCH, len(self))) if i not in self._read]
            if missing:
                self._fill(missing)
            yield from (self._read[i] for i in range(start, min(start + self.BATCH, len(self))))


@record
class Catalog:
    """An ordered, id-indexed set of credentials with an alias index.

    ``cache_key`` names this exact content when it came from the validated-records cache
    (the shipped catalog), so that what is derived from it can be cached under the same key.
    """

    credentials: Sequence[Credential] = field(default_factory=list)
    cache_key: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        creds = self.credentials
        ids = creds.all_ids() if isinstance(creds, LazyCredentials) else [c.id for c in creds]
        self._pos: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))  # the last of an id wins
        self._ids = ids

    def position(self, ident: str) -> int | None:
        """Where the credential with this exact id is in :attr:`credentials`, else None."""
        return self._pos.get(ident)

    @cached_property
    def _by_alias(self) -> dict[str, str]:
        """Normalised name, alias or exam code -> id (the first credential to claim it), built on
        the first look-up by name: most calls name credentials by id, and over a
        100,000-record overlay this index costs about a second."""
        by_alias: dict[str, str] = {}
        for c in self.credentials:
            for n in c.all_names():
                by_alias.setdefault(_norm(n), c.id)
        return by_alias

    def __iter__(self) -> Iterator[Credential]:
        return iter(self.credentials)

    def __len__(self) -> int:
        return len(self.credentials)

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self.resolve(ident) is not None

    @cached_property
    def checked(self) -> date:
        """The newest day a source of the shipped records was checked ("catalog checked 2026-12-01"),
        worked out once per catalog (a 100,000-record overlay costs ~10 ms to scan)."""
        days = [s.verified for c in self.shipped() for s in c.sources if s.ref != "guide"]
        return max(days, default=GUIDE_DATE)

    def shipped(self) -> list[Credential]:
        """The shipped records (origin "catalog"), without reading a lazily read overlay."""
        creds = self.credentials
        pool = creds.base if isinstance(creds, LazyCredentials) else creds  # overlay records are never "catalog"
        return [c for c in pool if c.origin == "catalog"]

    def ids(self) -> list[str]:
        return list(self._ids)

    def resolve(self, ident: str) -> str | None:
        """Id for an id, exam code or alias (case, spaces and dashes ignored), else None."""
        if ident in self._pos:
            return ident
        return self._by_alias.get(_norm(ident))

    def get(self, ident: str) -> Credential:
        """The credential for an id or alias; KeyError naming the closest matches."""
        cid = self.resolve(ident)
        if cid is None:
            from certwise.catalog.search import suggest  # rapidfuzz, only when an id is unknown

            near = suggest(self, ident)
            raise UnknownCredential(ident, near)
        return self.credentials[self._pos[cid]]

    def with_overlay(self, extra: Iterable[Credential]) -> Catalog:
        """A new catalog with ``extra`` added (an institution's own credentials)."""
        creds = list(self.credentials)
        seen = set(self._pos)
        for c in extra:
            if c.id in seen:
                creds = [x for x in creds if x.id != c.id]
            creds.append(c)
            seen.add(c.id)
        return Catalog(creds)


def load_records(paths: Iterable[Path]) -> tuple[list[Credential], list[str]]:
    """Parse and validate files; return the good records and one error line per problem."""
    from pydantic import ValidationError  # pydantic and YAML only when files are read (a cache miss)

    yaml, loader = _yaml()
    creds: list[Credential] = []
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for p in paths:
        try:
            raw = yaml.load(p.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, UnicodeDecodeError) as e:
            errors.append(f"{p}: cannot read: {e}")
            continue
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" line {mark.line + 1}" if mark else ""
            errors.append(f"{p}:{where} is not valid YAML: {getattr(e, 'problem', e)}")
            continue
        if not isinstance(raw, dict):
            errors.append(f"{p}: expected a mapping of fields, got {type(raw).__name__}")
            continue
        try:
            c = Credential.model_validate(raw)
        except ValidationError as e:
            errors.extend(format_validation_error(str(p), e))
            continue
        if p.stem != c.id:
            errors.append(f"{p}: field 'id': '{c.id}' does not match the file name '{p.stem}'")
            continue
        if c.id in seen:
            errors.append(f"{p}: field 'id': '{c.id}' is already defined in {seen[c.id]}")
            continue
        seen[c.id] = p
        creds.append(c)
    return creds, errors


def check_references(creds: list[Credential]) -> list[str]:
    """Cross-record checks: prerequisites and successors name existing ids."""
    ids = {c.id for c in creds}
    errors = []
    for c in creds:
        for fld, refs in (
            ("prerequisites", c.prerequisites),
            ("prerequisites_any", c.prerequisites_any),
            ("recommended_before", c.recommended_before),
            ("lifecycle.successors", c.lifecycle.successors),
        ):
            for r in refs:
                if r not in ids:
                    errors.append(f"{c.id}: field '{fld}': unknown credential id '{r}'")
    return errors


def _record_names(folder: str | Path) -> list[str]:
    """The names of the *.yaml / *.yml files in ``folder``, sorted."""
    with os.scandir(folder) as it:
        return sorted(e.name for e in it if e.name.endswith((".yaml", ".yml")) and e.is_file())


def catalog_files(path: Path) -> list[Path]:
    """The record files: ``path`` itself, or the *.yaml / *.yml files in it, sorted."""
    if path.is_file():
        return [path]
    return [path / n for n in _record_names(path)]


def load_catalog(path: Path | str | None = None, *, base: Catalog | None = None) -> tuple[Catalog, list[str]]:
    """Load a directory (or one file) of records, the shipped ones by default: ``(catalog, errors)``.

    With ``base``, references may point into the base catalog (used to validate one file).
    """
    from pathlib import Path  # files are read and validated: pathlib is the least of it

    path = Path(DATA if path is None else path)
    if not path.exists():
        return Catalog(), [f"{path}: no such file or directory"]
    creds, errors = load_records(catalog_files(path))
    pool = creds + ([c for c in base if c.id not in {x.id for x in creds}] if base else [])
    errors += [e for e in check_references(pool) if e.split(":")[0] in {c.id for c in creds}]
    return Catalog(creds), errors


def _load_cached(folder: str) -> Catalog:
    """The catalog in ``folder``, from the cache when its files have not changed.

    Validating ~50 records costs more than the rest of a CLI call; the cache makes the
    common case (nothing changed) a millisecond.
    """
    stats = "|".join(f"{n}:{st.st_size}:{st.st_mtime_ns}" for n in _record_names(folder)
                     for st in [os.stat(os.path.join(folder, n))])
    real = os.path.realpath(folder)
    where = cache_file("catalog", real, stats)
    key = f"{real}|{stats}"
    creds = read_cached(where)
    if creds is not None:
        return Catalog(creds, cache_key=key)
    cat, errors = load_catalog(folder)
    if errors:
        raise CatalogError(errors)
    write_cached(where, cat.credentials)
    cat.cache_key = key
    return cat


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The catalog shipped inside the package; raises CatalogError if any file is bad."""
    return _load_cached(DATA)
