"""A credential described by a person (``evaluate --file``, the check page, ``POST /evaluate``), declared once.

:data:`DESCRIPTION_SPEC` is the one list of fields, types, bounds and words; the engine's
check (:meth:`Description.from_mapping`), the API model (:func:`api_model`) and the check
page's form all come from it.

>>> Description.from_mapping({"name": "AI Pro", "issuer": "X", "price_usd": 99, "hours": 3}).assessment
'none'
>>> Description.from_mapping({"name": "AI Pro", "issuer": "X", "price_usd": -1, "hours": 3})
Traceback (most recent call last):
...
certwise.advice.description.DescriptionError: field 'price_usd' must be a number at least 0 (got -1)
"""

from __future__ import annotations

import math
from typing import Any, Literal

from certwise.profile_spec import Choice
from certwise.records import frozen
from certwise.userfiles import shown


class DescriptionError(ValueError):
    """A bad description: ``field`` (None for the whole) and ``problem``; ``str(err)`` is one line."""

    def __init__(self, problem: str, field: str | None = None):
        self.problem, self.field = problem, field
        super().__init__(problem)


@frozen
class DescField:
    name: str
    kind: Literal["text", "number", "choice", "flag", "url"]
    required: bool
    help: str
    question: str
    minimum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[Choice, ...] = ()
    default: Any = None
    max_length: int = 500

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


DESCRIPTION_SPEC: tuple[DescField, ...] = (
    DescField("name", "text", True, "The credential's full name.", "Name of the certification", max_length=300),
    DescField("issuer", "text", True, "Who issues it (company, university or body).", "Who issues it?",
              max_length=200),
    DescField("price_usd", "number", True, "What it costs in USD (0 if free).", "Price (USD)", minimum=0),
    DescField("hours", "number", True, "Hours of study or content.", "Hours of study", minimum=0,
              exclusive_minimum=True),
    DescField("assessment", "choice", False, "How you are assessed.", "How are you assessed?",
              choices=(Choice("none", "No assessment at all"), Choice("quiz", "An online quiz"),
                       Choice("proctored-exam", "A supervised (proctored) exam"),
                       Choice("performance-exam", "A hands-on exam (you do real tasks)"),
                       Choice("project", "A project you build")),
              default="none"),
    DescField("hands_on", "flag", False, "Does it include hands-on projects or labs?",
              "It includes hands-on projects or labs", default=False),
    DescField("renewal_years", "number", False, "Years until it must be renewed (omit if it never expires).",
              "Renew every … years", minimum=0, exclusive_minimum=True),
    DescField("url", "url", False, "Its web page.", "Web page", max_length=2000),
)
DESCRIPTION_FIELDS: tuple[str, ...] = tuple(f.name for f in DESCRIPTION_SPEC)
REQUIRED: tuple[str, ...] = tuple(f.name for f in DESCRIPTION_SPEC if f.required)
ASSESSMENTS: tuple[str, ...] = next(f.values for f in DESCRIPTION_SPEC if f.name == "assessment")


def _value(f: DescField, v: Any) -> Any:
    if f.kind == "text":
        if not isinstance(v, str) or not v.strip():
            raise DescriptionError(f"field '{f.name}' must be non-empty text (got {shown(v)})", f.name)
        if len(v) > f.max_length:
            raise DescriptionError(f"field '{f.name}' is longer than {f.max_length} characters", f.name)
        return v.strip()
    if f.kind == "number":
        ok = isinstance(v, int | float) and not isinstance(v, bool)
        try:
            x = float(v) if ok else math.nan
        except OverflowError:
            x = math.inf
        rel = "above" if f.exclusive_minimum else "at least"
        bound = f.minimum or 0
        if not math.isfinite(x) or (x <= bound if f.exclusive_minimum else x < bound):
            raise DescriptionError(f"field '{f.name}' must be a number {rel} {bound:g} (got {shown(v)})", f.name)
        return x
    if f.kind == "choice":
        if v not in f.values:
            raise DescriptionError(f"field '{f.name}': {shown(v)} is not one of: {', '.join(f.values)}", f.name)
        return v
    if f.kind == "flag":
        if not isinstance(v, bool):
            raise DescriptionError(f"field '{f.name}' must be true or false (got {shown(v)})", f.name)
        return v
    if not isinstance(v, str) or len(v) > f.max_length:
        raise DescriptionError(f"field '{f.name}' must be a web address of at most {f.max_length} characters", f.name)
    return v


@frozen
class Description:
    """A credential described in a file (SPEC.md §4 ``evaluate --file``)."""

    name: str
    issuer: str
    price_usd: float
    hours: float
    assessment: str = "none"
    hands_on: bool = False
    renewal_years: float | None = None
    url: str | None = None

    @classmethod
    def from_mapping(cls, desc: Any) -> Description:
        """Check every field by the spec; DescriptionError (one line, naming the field) on the first problem."""
        if not isinstance(desc, dict):
            raise DescriptionError(f"a credential description is a mapping of fields "
                                   f"({', '.join(DESCRIPTION_FIELDS)}), got {type(desc).__name__}")
        for k in desc:
            if k not in DESCRIPTION_FIELDS:
                raise DescriptionError(f"unknown field {shown(k)}; the fields are: {', '.join(DESCRIPTION_FIELDS)}")
        out: dict[str, Any] = {}
        for f in DESCRIPTION_SPEC:
            v = desc.get(f.name)
            if v is None:
                if f.required:
                    raise DescriptionError(f"field '{f.name}' is missing; a description needs name, issuer, price_usd and hours",
                                           f.name)
                out[f.name] = f.default
                continue
            out[f.name] = _value(f, v)
        return cls(**out)


def api_model(name: str = "DescriptionIn", **extra: Any) -> Any:
    """The description as a pydantic model for the API (enums, bounds); fields optional so ``id`` may stand alone."""
    from pydantic import ConfigDict, Field, create_model

    fields: dict[str, Any] = {}
    for f in DESCRIPTION_SPEC:
        kw: dict[str, Any] = {"description": f.help}
        typ: Any = {"text": str, "url": str, "number": float, "flag": bool}.get(f.kind)
        if f.kind == "choice":
            typ = Literal.__getitem__(f.values)
        if f.kind == "number":
            kw["gt" if f.exclusive_minimum else "ge"] = f.minimum
            kw["allow_inf_nan"] = False
        if f.kind in ("text", "url"):
            kw["max_length"] = f.max_length
            if f.kind == "text":
                kw["min_length"] = 1
        fields[f.name] = (typ | None, Field(None, **kw))
    fields.update(extra)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)
