"""``@frozen``: a frozen dataclass that costs little to define.

``@dataclass(frozen=True)`` compiles six methods per class (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), one ``exec`` each: ~0.5 ms a
class, ~7 ms of every CLI call for the records on its path. ``@frozen`` lets ``dataclasses``
find the fields (so ``dataclasses.fields``/``asdict``/``replace``, pydantic's TypeAdapter and
pickle see a dataclass) and shares one ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``
and ``__delattr__`` between all records; each class's ``__init__`` is compiled on its first
call (most records a CLI call uses come out of the pickled cache, which never calls it).

What is the same as ``@dataclass(frozen=True)``: the ``__init__`` signature (defaults,
``default_factory``, ``__post_init__``), ``repr`` text, equality (same class, fields equal in
order), the hash (of the fields' tuple), ``FrozenInstanceError`` with the same words on
assignment or deletion. Type checkers see ``@dataclass(frozen=True)`` (``dataclass_transform``).
Fields with ``repr``/``compare``/``hash``/``init`` set, ``InitVar`` or ``kw_only`` are refused.

>>> @frozen
... class Point:
...     x: int
...     y: int = 0
>>> p = Point(1)
>>> p, p == Point(1, 0), hash(p) == hash((1, 0))
(Point(x=1, y=0), True, True)
>>> p.x = 2
Traceback (most recent call last):
...
dataclasses.FrozenInstanceError: cannot assign to field 'x'
"""

from __future__ import annotations

import dataclasses
import inspect  # dataclasses imports it anyway
from dataclasses import MISSING, FrozenInstanceError, dataclass
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_FIELDS = "__frozen_fields__"  # the class's field names, in order
_GET = "__frozen_get__"  # attrgetter of them: one tuple of the values


class _Missing:
    """The default of a ``default_factory`` argument: the factory is called."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Missing()


def _values(self: Any) -> tuple[Any, ...]:
    return getattr(type(self), _GET)(self)  # type: ignore[no-any-return]


@recursive_repr()
def _repr(self: Any) -> str:
    names = getattr(type(self), _FIELDS)
    return f"{type(self).__qualname__}(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, _values(self),
                                                                                   strict=True)) + ")"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return _values(self) == _values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self))


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _compile_init(cls: type) -> Any:
    """``__init__`` as ``@dataclass(frozen=True)`` writes it: each argument into the instance's
    ``__dict__``, a factory's default made per call, then ``__post_init__``."""
    ns: dict[str, Any] = {"_FACTORY": _FACTORY}
    params, body = [], []
    for f in dataclasses.fields(cls):
        if f.default is not MISSING:
            ns[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}=_dflt_{f.name}")
        elif f.default_factory is not MISSING:
            ns[f"_fact_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f" if {f.name} is _FACTORY: {f.name} = _fact_{f.name}()")
        else:
            params.append(f.name)
    body.append(" d = self.__dict__")
    body.extend(f" d[{f.name!r}] = {f.name}" for f in dataclasses.fields(cls))
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), ns)  # noqa: S102 - our own field names
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _signature(fields: tuple[dataclasses.Field[Any], ...]) -> str:
    """The ``__init__`` signature as ``dataclass`` writes it into an undocumented class's ``__doc__``
    (pydantic's JSON Schema knows that docstring and leaves it out)."""
    out = []
    for f in fields:
        p = f"{f.name}: {inspect.formatannotation(f.type)}"
        if f.default is not MISSING:
            p += f" = {f.default!r}"
        elif f.default_factory is not MISSING:
            p += " = <factory>"
        out.append(p)
    return f"({', '.join(out)})"


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass (see the module's docstring)."""
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__name__} defines {name}: @frozen writes it")
    undocumented = cls.__doc__ is None
    if undocumented:  # else dataclass() would ask inspect.signature(), which has no __init__ to read yet
        cls.__doc__ = cls.__name__
    dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if undocumented:
        cls.__doc__ = cls.__name__ + _signature(fields)
    for f in fields:
        if not (f.init and f.repr and f.compare and f.hash is None and not f.kw_only):
            raise TypeError(f"{cls.__name__}.{f.name}: @frozen takes plain fields only")
    if len(fields) != sum("ClassVar" not in str(f.type) for f in cls.__dataclass_fields__.values()):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: @frozen takes no InitVar")
    names = tuple(f.name for f in fields)
    if not names:
        raise TypeError(f"{cls.__name__}: @frozen needs at least one field")
    one = attrgetter(names[0])
    setattr(cls, _FIELDS, names)
    setattr(cls, _GET, attrgetter(*names) if len(names) > 1 else lambda self: (one(self),))

    def first_init(self: Any, *args: Any, **kwargs: Any) -> None:
        """Compile the class's own ``__init__`` on its first call, put it on the class, run it."""
        init = _compile_init(cls)
        cls.__init__ = init  # type: ignore[method-assign]
        init(self, *args, **kwargs)

    first_init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = first_init  # type: ignore[method-assign]
    cls.__repr__ = _repr  # type: ignore[assignment,method-assign]
    cls.__eq__ = _eq  # type: ignore[assignment,method-assign]
    cls.__hash__ = _hash  # type: ignore[assignment,method-assign]
    cls.__setattr__ = _setattr  # type: ignore[assignment,method-assign]
    cls.__delattr__ = _delattr  # type: ignore[assignment,method-assign]
    return cls
