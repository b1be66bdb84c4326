"""The profile, declared once: every field with its type, allowed values, default, bounds, words.

Every face is generated from :data:`PROFILE_SPEC` (and the catalog's ``best_for`` personas are
its roles) (in the spirit of httpie's ``ParserSpec``):
the engine's validation (:mod:`certwise.advice.profile`), the CLI's flags and questions, the
API's request model with real enums and bounds (:func:`api_model`), the JSON Schema, and the
web questionnaire's choices and labels. A new allowed value is one line here.

>>> [c.value for c in field("cloud").choices]
['none', 'aws', 'gcp', 'azure']
>>> field("years_experience").flags, choice("goal", "ml-engineering").phrase
(('--years-experience', '--years'), 'ML engineering')
"""

from __future__ import annotations

from typing import Any, Literal

Kind = Literal["choice", "choices", "whole", "number", "ids"]


class _Record:
    """A small immutable record (plain class: a CLI call pays ~1.5 ms per dataclass created)."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _set(self, **kw: Any) -> None:
        for k, v in kw.items():
            object.__setattr__(self, k, v)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(repr(getattr(self, k)) for k in self.__slots__))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__) + ")"


class Choice(_Record):
    """One allowed value and how each face words it.

    ``label``: a short name ("Developer or engineer"); ``answer``: the questionnaire's wording
    of the answer (defaults to ``label``); ``phrase``: the value inside a sentence ("serves your
    goal (ML engineering)", "the guide names it best for developers"); ``hint``: a few words
    shown under the answer.
    """

    __slots__ = ("value", "label", "answer", "phrase", "hint")
    value: str
    label: str
    answer: str
    phrase: str
    hint: str

    def __init__(self, value: str, label: str, answer: str = "", phrase: str = "", hint: str = ""):
        self._set(value=value, label=label, answer=answer or label, phrase=phrase or label, hint=hint)


class Preset(_Record):
    """A ready answer the questionnaire offers for a number ("Up to $300"); "" means not given."""

    __slots__ = ("value", "label", "hint")
    value: str
    label: str
    hint: str

    def __init__(self, value: str, label: str, hint: str = ""):
        self._set(value=value, label=label, hint=hint)


class FieldSpec(_Record):
    """One profile field (SPEC.md §3)."""

    __slots__ = ("name", "kind", "default", "help", "question", "choices", "aliases", "value_aliases", "minimum",
                 "exclusive_minimum", "maximum", "rule", "fix", "metavar", "presets", "example")
    name: str
    kind: Kind
    default: Any
    help: str  # one line, for --help and the API's description
    question: str  # the questionnaire's question
    choices: tuple[Choice, ...]
    aliases: tuple[str, ...]  # other spellings of the key in files and flags
    value_aliases: dict[str, str]  # other spellings of values
    minimum: float | None
    exclusive_minimum: bool
    maximum: float | None  # inclusive
    rule: str  # the bound in words: "a whole number ≥ 0"
    fix: str  # how to answer, in the questionnaire's words: "give a whole number from 0 to 60, like 4"
    metavar: str
    presets: tuple[Preset, ...]
    example: Any

    def __init__(self, name: str, kind: Kind, default: Any, *, help: str, question: str,  # noqa: A002
                 choices: tuple[Choice, ...] = (), aliases: tuple[str, ...] = (),
                 value_aliases: dict[str, str] | None = None, minimum: float | None = None,
                 exclusive_minimum: bool = False, maximum: float | None = None, rule: str = "", fix: str = "",
                 metavar: str = "", presets: tuple[Preset, ...] = (), example: Any = None):
        self._set(name=name, kind=kind, default=default, help=help, question=question, choices=choices,
                  aliases=aliases, value_aliases=dict(value_aliases or {}), minimum=minimum,
                  exclusive_minimum=exclusive_minimum, maximum=maximum, rule=rule, fix=fix or _FIXES.get(kind, ""),
                  metavar=metavar, presets=presets, example=example)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    @property
    def flags(self) -> tuple[str, ...]:
        """The CLI spellings: the field's own name first, then the short aliases SPEC allows."""
        own = "--" + self.name.replace("_", "-")
        return (own, *("--" + a.replace("_", "-") for a in self.aliases if a in FLAG_ALIASES))

    @property
    def is_list(self) -> bool:
        return self.kind in ("choices", "ids")

    def accepts(self, x: float) -> bool:
        """Is ``x`` within this number field's bounds?"""
        if self.maximum is not None and x > self.maximum:
            return False
        if self.minimum is None:
            return True
        return x > self.minimum if self.exclusive_minimum else x >= self.minimum


FLAG_ALIASES = ("budget", "hours", "years")  # SPEC §3: --budget, --hours, --years

# How to answer a question of each kind when the answer given is not one the questionnaire takes.
_FIXES = {"choice": "choose one of the answers shown", "choices": "tick only answers from the list shown",
          "ids": "give names or exam codes as the catalog shows them, separated by commas"}
YEARS_MAX = 60  # a working life; the questionnaire's and the engine's upper bound
HOURS_MAX = 168  # a week has 168 hours

PROFILE_SPEC: tuple[FieldSpec, ...] = (
    FieldSpec(
        "role", "choice", "career-changer",
        help="Which describes you best.",
        question="Which describes you best?",
        choices=(
            Choice("career-changer", "Career changer", "I'm changing careers into tech or AI",
                   "career changers"),
            Choice("student", "Student", "I'm a student", "students"),
            Choice("non-technical", "Non-technical (manager, product, design, marketing)",
                   "Manager, product person, designer or marketer", "non-technical professionals",
                   "you work with AI but won't build models"),
            Choice("developer", "Developer or engineer", "Developer or engineer", "developers"),
            Choice("data-professional", "Data professional (analyst, data engineer …)", "Data analyst or data engineer",
                   "data professionals"),
            Choice("ml-practitioner", "ML practitioner (data scientist, ML engineer)", "Data scientist or ML engineer",
                   "ML practitioners"),
            Choice("researcher", "Researcher", "Researcher or academic", "researchers"),
            Choice("leader", "Leader or executive", "Leader or executive", "leaders"),
        ),
        example="developer",
    ),
    FieldSpec(
        "years_experience", "whole", 0,
        help="Years working in tech or data (early 0-2, mid 3-7, senior 8+).",
        question="How many years have you worked in tech or data?",
        aliases=("years", "experience"), minimum=0, maximum=YEARS_MAX, rule=f"a whole number from 0 to {YEARS_MAX}",
        fix=f"give a whole number from 0 to {YEARS_MAX}, like 4", metavar="N", example=4,
    ),
    FieldSpec(
        "cloud", "choice", "none",
        help="The cloud you work in or target.",
        question="Which cloud do you work in, or want to?",
        choices=(
            Choice("none", "None / not sure", "None, or not sure", "any platform"),
            Choice("aws", "AWS (Amazon Web Services)", phrase="AWS"),
            Choice("gcp", "Google Cloud"),
            Choice("azure", "Microsoft Azure", phrase="Azure"),
        ),
        value_aliases={"google": "gcp", "google-cloud": "gcp", "gcloud": "gcp", "amazon": "aws",
                       "microsoft": "azure", "ms": "azure", "no": "none", "": "none"},
        example="aws",
    ),
    FieldSpec(
        "cloud_experience", "choice", "none",
        help="Your hands-on time on that cloud.",
        question="Hands-on time on that cloud",
        choices=(Choice("none", "None yet"), Choice("some", "Some"), Choice("extensive", "A lot")),
        value_aliases={"no": "none", "little": "some", "yes": "some", "lots": "extensive", "a-lot": "extensive"},
    ),
    FieldSpec(
        "platforms", "choices", (),
        help="Platforms you work with (repeat or comma-separate).",
        question="Platforms you work with",
        choices=(
            Choice("databricks", "Databricks"),
            Choice("spark", "Spark"),
            Choice("nvidia", "NVIDIA GPUs"),
            Choice("tensorflow", "TensorFlow"),
            Choice("pytorch", "PyTorch"),
            Choice("salesforce", "Salesforce"),
            Choice("snowflake", "Snowflake"),
            Choice("oracle", "Oracle Cloud (OCI)"),
        ),
        aliases=("platform",),
    ),
    FieldSpec(
        "goal", "choice", "first-ai-role",
        help="What you want the credential for.",
        question="What do you want from it?",
        choices=(
            Choice("ai-literacy", "Understand AI and use it well at work", "Understand AI and use it well in my job",
                   "AI literacy",
                   hint="fast and cheap"),
            Choice("first-ai-role", "Get my first AI job", "Get my first job in AI", "a first AI role"),
            Choice("ml-engineering", "Build and deploy ML systems", "Build and deploy machine-learning systems",
                   "ML engineering"),
            Choice("generative-ai", "Build generative AI applications", "Build generative-AI applications",
                   "generative AI",
                   hint="LLMs, agents"),
            Choice("deep-learning", "Specialise in deep learning", phrase="deep learning"),
            Choice("data-to-ai", "Move from data work into AI", phrase="moving from data to AI"),
            Choice("research", "Research", phrase="research"),
            Choice("leadership", "Lead AI work (senior / leadership roles)", "Lead AI work or move into senior roles",
                   "leadership"),
            Choice("ai-governance", "Govern, secure or audit AI", "Govern, secure or audit AI (risk, compliance, security)",
                   "AI governance and security"),
        ),
        example="ml-engineering",
    ),
    FieldSpec(
        "motive", "choice", "any",
        help="Why you want a credential: it changes which ones fit best.",
        question="Why do you want a certification?",
        choices=(
            Choice("any", "Several reasons, or not sure", phrase="several reasons"),
            Choice("hiring-signal", "A signal to employers in a job search", phrase="a hiring signal",
                   hint="recognised, hard, hands-on"),
            Choice("learning", "To learn the material", phrase="learning the material", hint="depth and projects"),
            Choice("shared-vocabulary", "A shared vocabulary with my team", phrase="shared vocabulary",
                   hint="short fundamentals"),
            Choice("client-credibility", "Credibility with clients", phrase="credibility with clients"),
            Choice("promotion", "A promotion or a pay review", phrase="a promotion or pay review"),
            Choice("requirement", "My employer or a contract requires it", phrase="a requirement"),
        ),
        aliases=("why", "reason"),
    ),
    FieldSpec(
        "budget_usd", "number", None,
        help="What you can spend in USD; 0 means free options only (default: no limit).",
        question="How much can you spend?",
        aliases=("budget",), minimum=0, rule="a number ≥ 0 (0 means free options only)", metavar="USD",
        fix="give an amount in US dollars, 0 or more (0 means free options only), like 300",
        presets=(Preset("", "No set limit"), Preset("0", "Free options only"), Preset("100", "Up to $100"),
                 Preset("300", "Up to $300"), Preset("1000", "Up to $1,000"),
                 Preset("5000", "Up to $5,000", "university programs cost more")),
    ),
    FieldSpec(
        "hours_per_week", "number", 5,
        help="Hours a week you can study (default 5).",
        question="Hours a week you can study",
        aliases=("hours",), minimum=0, exclusive_minimum=True, maximum=HOURS_MAX,
        rule=f"a number above 0 and at most {HOURS_MAX} (hours you can study each week)",
        fix=f"give a number of hours above 0 and at most {HOURS_MAX}, like 5", metavar="N",
        presets=(Preset("2", "About 2 hours"), Preset("5", "About 5 hours"), Preset("10", "About 10 hours"),
                 Preset("15", "About 15 hours"), Preset("20", "20 hours or more")),
    ),
    FieldSpec(
        "months", "number", None,
        help="By when you want the credential, in months (default: no deadline).",
        question="By when do you want it?",
        minimum=0, exclusive_minimum=True, rule="a number above 0 (your time horizon in months)", metavar="N",
        fix="give a number of months above 0, like 6",
        presets=(Preset("", "No deadline"), Preset("1", "Within a month"), Preset("3", "Within 3 months"),
                 Preset("6", "Within 6 months"), Preset("12", "Within a year")),
    ),
    FieldSpec(
        "held", "ids", (),
        help="Credentials you already hold: ids, exam codes or names (repeat or comma-separate).",
        question="Certifications you already hold",
        aliases=("holds",), metavar="ID",
    ),
)

FIELDS: tuple[str, ...] = tuple(f.name for f in PROFILE_SPEC)
_BY_NAME = {f.name: f for f in PROFILE_SPEC}
KEY_ALIASES: dict[str, str] = {a: f.name for f in PROFILE_SPEC for a in f.aliases}


def _choices_by_value() -> dict[tuple[str, str], Choice]:
    """(field, value) -> its Choice (the first, should a value repeat): :func:`choice` without a search."""
    out: dict[tuple[str, str], Choice] = {}
    for f in PROFILE_SPEC:
        for c in f.choices:
            out.setdefault((f.name, c.value), c)
    return out


_CHOICE = _choices_by_value()


def field(name: str) -> FieldSpec:
    """The spec of one field (KeyError for an unknown name)."""
    return _BY_NAME[name]


def choice(name: str, value: str) -> Choice:
    """The Choice for ``value`` of field ``name``; an unknown value gets a de-hyphenated label."""
    if name not in _BY_NAME:
        raise KeyError(name)
    known = _CHOICE.get((name, value)) if isinstance(value, str) else None
    if known is not None:
        return known
    words = str(value).replace("-", " ")
    return Choice(str(value), words.capitalize(), phrase=words)


def phrase(name: str, value: str) -> str:
    """``value`` of field ``name`` inside a sentence: ``phrase("role", "developer")`` → "developers"."""
    return choice(name, value).phrase


def api_model(name: str = "ProfileIn", **extra: Any) -> Any:
    """A pydantic model of the profile for the API: real enums, bounds, descriptions; every field optional.

    ``extra`` adds fields as ``name=(type, FieldInfo)`` (e.g. ``as_of``). Imports pydantic, so
    the CLI never calls it.
    """
    from pydantic import ConfigDict, Field, create_model

    fields: dict[str, Any] = {}
    for f in PROFILE_SPEC:
        kw: dict[str, Any] = {"description": f.help}
        if f.example is not None:
            kw["examples"] = [f.example]
        typ: Any
        if f.kind == "choice":
            typ = Literal.__getitem__(f.values)
        elif f.kind == "choices":
            typ = list[Literal.__getitem__(f.values)]  # type: ignore[misc]
        elif f.kind == "ids":
            typ = list[str]
        elif f.kind == "whole":
            typ = int
        else:
            typ = float
        if f.minimum is not None:
            kw["gt" if f.exclusive_minimum else "ge"] = f.minimum
        if f.maximum is not None:
            kw["le"] = f.maximum
        if f.kind in ("whole", "number"):
            kw["allow_inf_nan"] = False
        fields[f.name] = (typ | None, Field(None, **kw))
    fields.update(extra)
    model = create_model(name, __config__=ConfigDict(extra="forbid"), **fields)
    model.__doc__ = "The profile of SPEC.md §3. Every field is optional; the engine fills the defaults."
    return model


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema (the API model's, with the defaults the engine applies)."""
    schema: dict[str, Any] = api_model("Profile").model_json_schema()
    for f in PROFILE_SPEC:
        prop = schema["properties"][f.name]
        prop["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    return schema
