"""The person asking: the Profile of SPEC.md §3, loaded from YAML/JSON or built from CLI flags.

Every problem is a :class:`ProfileError` with one line that says what is wrong and how to fix
it, so the CLI can print it and exit 2.

>>> p = profile_from({"role": "developer", "cloud": "AWS", "years": 4})
>>> (p.role, p.cloud, p.years_experience, p.stage)
('developer', 'aws', 4, 'mid')
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from certwise import profile_spec as spec
from certwise.catalog.search import suggest
from certwise.records import frozen
from certwise.userfiles import UserFileError, read_mapping, shown

if TYPE_CHECKING:
    from pathlib import Path

    from certwise.catalog.load import Catalog

Stage = Literal["early", "mid", "senior"]
FIELDS = spec.FIELDS


class ProfileError(ValueError):
    """A bad profile: ``field`` (None for the whole profile) and ``problem``, in the domain's words.

    ``str(err)`` is one line, "field 'x' is not one of: …"; each face adds its own hint (the CLI
    names the flag, the page the question). ``path`` is the file it came from, if any.
    """

    def __init__(self, problem: str, field: str | None = None, path: str | None = None):
        self.problem, self.field, self.path = problem, field, path
        super().__init__(f"{path}: {problem}" if path else problem)

    @property
    def detail(self) -> str:
        """The problem without the field's name in front ("must be a number above 0; got 0")."""
        if self.field and self.problem.startswith(self.field):
            return self.problem[len(self.field):].lstrip(" :")
        return self.problem

    def in_file(self, path: str | Path) -> ProfileError:
        """The same error, naming the file it was found in."""
        return ProfileError(self.problem, self.field, str(path))


def _number(f: spec.FieldSpec, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ProfileError(f"{f.name} must be {f.rule}; got {shown(v)}", f.name)
    try:
        x = float(v)
    except (ValueError, OverflowError):
        raise ProfileError(f"{f.name} must be {f.rule}; got {shown(v)}", f.name) from None
    if math.isnan(x) or math.isinf(x):
        raise ProfileError(f"{f.name} must be a finite number; got {shown(v)}", f.name)
    return x


def _check(f: spec.FieldSpec, v: Any) -> Any:
    """One field's value, validated and normalised by its spec (ProfileError naming the field)."""
    if f.kind == "choice":
        if v not in f.values:
            raise ProfileError(f"{f.name} {shown(v)} is not one of: {', '.join(f.values)}", f.name)
        return v
    if f.kind in ("choices", "ids"):
        items = (v,) if isinstance(v, str) else tuple(v)
        if f.kind == "ids":
            if not all(isinstance(h, str) and h for h in items):
                raise ProfileError(f"{f.name} must be a list of credential ids", f.name)
            return items
        for x in items:
            if x not in f.values:
                raise ProfileError(f"{f.name} {shown(x)} is not one of: {', '.join(f.values)}", f.name)
        return tuple(dict.fromkeys(items))
    x = _number(f, v)
    if f.kind == "whole":
        if not x.is_integer() or not f.accepts(x):
            raise ProfileError(f"{f.name} must be {f.rule}; got {shown(v)}", f.name)
        return int(x)
    if not f.accepts(x):
        raise ProfileError(f"{f.name} must be {f.rule}; got {shown(v)}", f.name)
    return x


@frozen
class Profile:
    """Who is asking (SPEC.md §3), validated by :data:`profile_spec.PROFILE_SPEC` on creation.

    ``stage`` follows the guide: early 0–2, mid 3–7, senior 8+. A frozen dataclass with the
    pydantic-style ``model_validate`` / ``model_dump`` / ``model_copy`` / ``model_json_schema``
    of the catalog's records.
    """

    role: str = "career-changer"
    years_experience: int = 0
    cloud: str = "none"
    cloud_experience: str = "none"
    platforms: tuple[str, ...] = ()
    goal: str = "first-ai-role"
    motive: str = "any"
    budget_usd: float | None = None
    hours_per_week: float = 5
    months: float | None = None
    held: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in spec.PROFILE_SPEC:
            v = getattr(self, f.name)
            if v is None and f.default is None:
                continue
            object.__setattr__(self, f.name, _check(f, v))

    @property
    def stage(self) -> Stage:
        return stage_for(self.years_experience)

    # --- the pydantic-style interface --------------------------------------------------------

    @classmethod
    def model_validate(cls, data: Mapping[str, Any]) -> Profile:
        """A Profile from a mapping of SPEC field names (ProfileError on any problem)."""
        return profile_from(data)

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        d = {name: getattr(self, name) for name in _FIELD_ORDER}  # dataclasses.asdict, without deep copies of flat values
        if mode == "json":
            d["platforms"] = list(self.platforms)
            d["held"] = list(self.held)
        return d

    def model_copy(self, update: Mapping[str, Any] | None = None) -> Profile:
        return dataclasses.replace(self, **dict(update or {}))

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        return spec.json_schema()

    def to_json(self) -> dict[str, Any]:
        """The normalised profile as SPEC JSON (lists, plain numbers)."""
        d = self.model_dump(mode="json")
        for k in ("budget_usd", "hours_per_week", "months"):
            v = d[k]
            if isinstance(v, float) and v.is_integer():
                d[k] = int(v)
        return d


_FIELD_ORDER = tuple(f.name for f in dataclasses.fields(Profile))


def stage_for(years: int) -> Stage:
    """The guide's career stages: early 0–2 years, mid 3–7, senior 8+."""
    if years <= 2:
        return "early"
    if years <= 7:
        return "mid"
    return "senior"


def _slug(v: Any) -> Any:
    return v.strip().lower().replace("_", "-").replace(" ", "-") if isinstance(v, str) else v


def _split(v: Any, name: str = "") -> list[str]:
    """A list from a list, a comma-separated string, or repeated flags holding commas."""
    if v is None:
        return []
    if not isinstance(v, str | list | tuple):
        raise ProfileError(f"{name} must be a list of words (or one comma-separated string), "
                           f"not {_kind_of(v)}", name or None)
    items: Iterable[Any] = [v] if isinstance(v, str) else v
    out: list[str] = []
    for it in items:
        if not isinstance(it, str | int | float) or isinstance(it, bool):
            raise ProfileError(f"{name} must be a list of words, and one item is {_kind_of(it)}", name or None)
        try:
            words = str(it)
        except ValueError:  # an integer with more digits than Python converts
            raise ProfileError(f"{name} must be a list of words, and one item is a number with too many digits",
                               name or None) from None
        for part in words.split(","):
            if part.strip():
                out.append(part.strip())
    return out


def _kind_of(v: Any) -> str:
    return {"dict": "a mapping", "int": "a number", "float": "a number", "bool": "true/false",
            "list": "a list", "date": "a date", "datetime": "a date"}.get(type(v).__name__, type(v).__name__)


def _normalise(raw: Mapping[str, Any]) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for k, v in raw.items():
        key = _slug(str(k)).replace("-", "_")
        key = spec.KEY_ALIASES.get(key, key)
        if key not in FIELDS:
            raise ProfileError(f"unknown profile field {shown(k)}; the fields are: {', '.join(FIELDS)}", None)
        if v is None:
            continue
        d[key] = v
    for f in spec.PROFILE_SPEC:
        if f.name not in d:
            continue
        if f.kind == "choice":
            val = _slug(d[f.name])
            d[f.name] = f.value_aliases.get(val, val) if isinstance(val, str) else val
        elif f.kind == "choices":
            d[f.name] = tuple(_slug(p) for p in _split(d[f.name], f.name))
        elif f.kind == "ids":
            d[f.name] = tuple(_split(d[f.name], f.name))
    return d


def given_fields(*mappings: Mapping[str, Any] | None) -> set[str]:
    """The profile fields a person actually answered in these mappings (a file, flags), by their spec names."""
    out: set[str] = set()
    for m in mappings:
        out |= {k for k, v in _normalise({k: v for k, v in (m or {}).items() if v not in (None, (), [])}).items()}
    return out


def profile_from(
    mapping: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    catalog: Catalog | None = None,
) -> Profile:
    """Build a Profile from a mapping (a file's contents) with ``overrides`` (CLI flags) on top.

    ``None`` values in ``overrides`` mean "not given". With a ``catalog``, held ids and aliases
    (``MLS-C01``, ``PMLE`` …) are resolved to catalog ids; unknown ones are an error.
    """
    if mapping is not None and not isinstance(mapping, Mapping):
        raise ProfileError(f"a profile must be a mapping of fields, got {type(mapping).__name__}")
    d = _normalise(mapping or {})
    d.update(_normalise({k: v for k, v in (overrides or {}).items() if v is not None and v != ()}))
    p = Profile(**d)
    if catalog is not None and p.held:
        p = p.model_copy(update={"held": resolve_held(p.held, catalog)})
    return p


def resolve_held(held: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """Catalog ids for held ids or aliases, de-duplicated in order; ProfileError on unknown."""
    out: list[str] = []
    for h in held:
        cid = catalog.resolve(h)
        if cid is None:
            near = suggest(catalog, h)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise ProfileError(f"held: unknown credential '{h}'{hint}", "held")
        if cid not in out:
            out.append(cid)
    return tuple(out)


def load_profile(path: str | Path, overrides: Mapping[str, Any] | None = None, *,
                 catalog: Catalog | None = None) -> Profile:
    """Read a YAML or JSON profile file; ProfileError (one line, naming the file) on any problem.

    The file's limits are :mod:`certwise.userfiles`' (size, no YAML aliases, no duplicate keys).
    """
    try:
        data = read_mapping(path, what="profile file")
    except UserFileError as e:
        raise ProfileError(str(e)) from None
    try:
        profile_from(data or {}, None, catalog=catalog)  # errors in the file name the file
    except ProfileError as e:
        raise e.in_file(path) from None
    return profile_from(data or {}, overrides, catalog=catalog)  # errors in the flags do not
