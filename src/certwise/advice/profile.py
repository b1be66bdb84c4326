"""The person asking: the Profile of SPEC.md §3, loaded from YAML/JSON or built from CLI flags.

Every problem is a :class:`ProfileError` with one line that says what is wrong and how to fix
it, so the CLI can print it and exit 2.

>>> p = profile_from({"role": "developer", "cloud": "AWS", "years": 4})
>>> (p.role, p.cloud, p.years_experience, p.stage)
('developer', 'aws', 4, 'mid')
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

Role = Literal[
    "career-changer", "student", "developer", "data-professional",
    "ml-practitioner", "non-technical", "researcher", "leader",
]
Cloud = Literal["aws", "gcp", "azure", "none"]
CloudExperience = Literal["none", "some", "extensive"]
Platform = Literal["databricks", "spark", "nvidia", "tensorflow", "pytorch"]
Goal = Literal[
    "ai-literacy", "first-ai-role", "ml-engineering", "generative-ai",
    "deep-learning", "data-to-ai", "research", "leadership",
]
Stage = Literal["early", "mid", "senior"]

ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
CLOUDS: tuple[str, ...] = Cloud.__args__  # type: ignore[attr-defined]
CLOUD_EXPERIENCE: tuple[str, ...] = CloudExperience.__args__  # type: ignore[attr-defined]
PLATFORMS: tuple[str, ...] = Platform.__args__  # type: ignore[attr-defined]
GOALS: tuple[str, ...] = Goal.__args__  # type: ignore[attr-defined]

FIELDS = (
    "role", "years_experience", "cloud", "cloud_experience", "platforms",
    "goal", "budget_usd", "hours_per_week", "months", "held",
)
# other spellings accepted in files and flags (SPEC §3: --budget, --hours, --years)
_KEY_ALIASES = {
    "budget": "budget_usd", "hours": "hours_per_week", "years": "years_experience",
    "experience": "years_experience", "platform": "platforms", "holds": "held",
}
_VALUE_ALIASES = {
    "cloud": {"google": "gcp", "google-cloud": "gcp", "gcloud": "gcp", "amazon": "aws",
              "microsoft": "azure", "ms": "azure", "no": "none", "": "none"},
    "cloud_experience": {"no": "none", "little": "some", "yes": "some", "lots": "extensive", "a-lot": "extensive"},
}
_CHOICES = {"role": ROLES, "cloud": CLOUDS, "cloud_experience": CLOUD_EXPERIENCE, "goal": GOALS}


class ProfileError(ValueError):
    """A bad profile; ``str(err)`` is one line saying what is wrong and how to fix it."""


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _number(field: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ProfileError(f"{field} must be a number; got {v!r} (fix the profile or {_flag(field)})")
    try:
        x = float(v)
    except ValueError:
        raise ProfileError(f"{field} must be a number; got {v!r} (fix the profile or {_flag(field)})") from None
    if math.isnan(x) or math.isinf(x):
        raise ProfileError(f"{field} must be a finite number; got {v!r} (fix the profile or {_flag(field)})")
    return x


@dataclass(frozen=True)
class Profile:
    """Who is asking (SPEC.md §3). ``stage`` follows the guide: early 0–2, mid 3–7, senior 8+.

    A frozen dataclass checked in ``__post_init__`` (ProfileError, one line), with the
    pydantic-style ``model_validate`` / ``model_dump`` / ``model_copy`` / ``model_json_schema``
    of the catalog's records: pydantic itself is imported only for the JSON Schema, so the
    CLI does not pay its import on every call.
    """

    role: Role = "career-changer"
    years_experience: int = 0
    cloud: Cloud = "none"
    cloud_experience: CloudExperience = "none"
    platforms: tuple[Platform, ...] = ()
    goal: Goal = "first-ai-role"
    budget_usd: float | None = None
    hours_per_week: float = 5
    months: float | None = None
    held: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for field, allowed in _CHOICES.items():
            v = getattr(self, field)
            if v not in allowed:
                raise ProfileError(f"{field} '{v}' is not one of: {', '.join(allowed)} "
                                   f"(fix the profile or {_flag(field)})")
        plats = tuple(self.platforms) if not isinstance(self.platforms, str) else (self.platforms,)
        for x in plats:
            if x not in PLATFORMS:
                raise ProfileError(f"platforms '{x}' is not one of: {', '.join(PLATFORMS)}")
        object.__setattr__(self, "platforms", tuple(dict.fromkeys(plats)))
        held = tuple(self.held) if not isinstance(self.held, str) else (self.held,)
        if not all(isinstance(h, str) and h for h in held):
            raise ProfileError("held must be a list of credential ids")
        object.__setattr__(self, "held", held)
        years = _number("years_experience", self.years_experience)
        if years < 0 or not float(years).is_integer():
            raise ProfileError(f"years_experience must be a whole number ≥ 0; got {self.years_experience!r} "
                               "(fix the profile or --years-experience)")
        object.__setattr__(self, "years_experience", int(years))
        if self.budget_usd is not None:
            b = _number("budget_usd", self.budget_usd)
            if b < 0:
                raise ProfileError(f"budget_usd must be a number ≥ 0 (0 means free options only); got "
                                   f"{self.budget_usd!r} (fix the profile or --budget-usd)")
            object.__setattr__(self, "budget_usd", b)
        h = _number("hours_per_week", self.hours_per_week)
        if h <= 0:
            raise ProfileError(f"hours_per_week must be a number above 0 (hours you can study each week); got "
                               f"{self.hours_per_week!r} (fix the profile or --hours-per-week)")
        object.__setattr__(self, "hours_per_week", h)
        if self.months is not None:
            m = _number("months", self.months)
            if m <= 0:
                raise ProfileError(f"months must be a number above 0 (your time horizon); got {self.months!r} "
                                   "(fix the profile or --months)")
            object.__setattr__(self, "months", m)

    @property
    def stage(self) -> Stage:
        return stage_for(self.years_experience)

    # --- the pydantic-style interface --------------------------------------------------------

    @classmethod
    def model_validate(cls, data: Mapping[str, Any]) -> Profile:
        """A Profile from a mapping of SPEC field names (ProfileError on any problem)."""
        return profile_from(data)

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if mode == "json":
            d["platforms"] = list(self.platforms)
            d["held"] = list(self.held)
        return d

    def model_copy(self, update: Mapping[str, Any] | None = None) -> Profile:
        return dataclasses.replace(self, **dict(update or {}))

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        from pydantic import TypeAdapter

        schema: dict[str, Any] = TypeAdapter(cls).json_schema()
        schema["title"] = "Profile"
        return schema

    def to_json(self) -> dict[str, Any]:
        """The normalised profile as SPEC JSON (lists, plain numbers)."""
        d = self.model_dump(mode="json")
        for k in ("budget_usd", "hours_per_week", "months"):
            v = d[k]
            if isinstance(v, float) and v.is_integer():
                d[k] = int(v)
        return d


def stage_for(years: int) -> Stage:
    """The guide's career stages: early 0–2 years, mid 3–7, senior 8+."""
    if years <= 2:
        return "early"
    if years <= 7:
        return "mid"
    return "senior"


def _slug(v: Any) -> Any:
    return v.strip().lower().replace("_", "-").replace(" ", "-") if isinstance(v, str) else v


def _split(v: Any) -> list[str]:
    """A list from a list, a comma-separated string, or repeated flags holding commas."""
    if v is None:
        return []
    items: Iterable[Any] = [v] if isinstance(v, str) else v
    out: list[str] = []
    for it in items:
        for part in str(it).split(","):
            if part.strip():
                out.append(part.strip())
    return out


def _normalise(raw: Mapping[str, Any]) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for k, v in raw.items():
        key = _KEY_ALIASES.get(_slug(str(k)).replace("-", "_"), _slug(str(k)).replace("-", "_"))
        key = _KEY_ALIASES.get(key, key)
        if key not in FIELDS:
            raise ProfileError(f"unknown profile field '{k}'; the fields are: {', '.join(FIELDS)}")
        if v is None:
            continue
        d[key] = v
    for key in ("role", "cloud", "cloud_experience", "goal"):
        if key in d:
            val = _slug(d[key])
            d[key] = _VALUE_ALIASES.get(key, {}).get(val, val) if isinstance(val, str) else val
    if "platforms" in d:
        d["platforms"] = tuple(_slug(p) for p in _split(d["platforms"]))
    if "held" in d:
        d["held"] = tuple(_split(d["held"]))
    return d


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
            hint = ""
            try:
                from certwise.catalog.search import suggest

                near = suggest(catalog, h)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
            except ImportError:  # pragma: no cover - search is optional here
                pass
            raise ProfileError(f"held: unknown credential '{h}'{hint} (see `certwise search`)")
        if cid not in out:
            out.append(cid)
    return tuple(out)


def load_profile(path: str | Path, overrides: Mapping[str, Any] | None = None, *,
                 catalog: Catalog | None = None) -> Profile:
    """Read a YAML or JSON profile file; ProfileError (one line, naming the file) on any problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"{p}: no such profile file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProfileError(f"{p}: cannot read the profile: {e}") from None
    data: Any
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ProfileError(f"{p}: line {e.lineno} is not valid JSON: {e.msg}") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" line {mark.line + 1}" if mark else ""
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise ProfileError(f"{p}:{where} is not valid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(f"{p}: a profile is a mapping of fields (role: developer …), got {type(data).__name__}")
    try:
        profile_from(data, None, catalog=catalog)  # errors in the file name the file
    except ProfileError as e:
        raise ProfileError(f"{p}: {e}") from None
    return profile_from(data, overrides, catalog=catalog)  # errors in the flags do not
