"""``@frozen`` and ``@record``: ``@dataclass(frozen=True)`` and ``@dataclass`` that cost little to define.

``@dataclass`` compiles each method it writes with its own ``exec``: ``__init__``, ``__repr__``
and ``__eq__`` (and, frozen, ``__hash__``, ``__setattr__``, ``__delattr__``), ~0.1 ms each, so
the records on a CLI call's path cost several milliseconds before any work is done. These
decorators let ``dataclasses`` find the fields (so ``dataclasses.fields``/``asdict``/``replace``,
pydantic's TypeAdapter and pickle see a dataclass), share one ``__repr__``, ``__eq__`` (and
``__hash__``, ``__setattr__``, ``__delattr__``) between all classes, and compile a class's
``__init__`` on its first call (records read from a pickled cache never call it).

What is the same as ``@dataclass``: the ``__init__`` signature (defaults, ``default_factory``,
``__post_init__``), the ``repr`` text, equality (same class, the compared fields equal in
order), the hash of a frozen record (of those fields' tuple) and none for a mutable one,
``FrozenInstanceError`` with the same words, the docstring of an undocumented class,
``slots=True`` for a mutable record. Type checkers see ``@dataclass`` (``dataclass_transform``).
Fields with ``init=False``, ``hash`` or ``kw_only`` set, and ``InitVar``, are refused.

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
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_REPR = "__record_repr__"  # the names repr shows, in order
_GET = "__record_get__"  # a tuple of the compared fields' values


class _Missing:
    """The default of a ``default_factory`` argument: the factory is called."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Missing()


def _values(self: Any) -> tuple[Any, ...]:
    return getattr(type(self), _GET)(self)  # type: ignore[no-any-return]


@recursive_repr()
def _repr(self: Any) -> str:
    names = getattr(type(self), _REPR)
    return f"{type(self).__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"


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


def _compile_init(cls: type, frozen: bool) -> Any:
    """``__init__`` as ``@dataclass`` writes it: each argument set on the instance (a frozen one's
    with ``object.__setattr__``), a factory's default made per call, then ``__post_init__``."""
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
    if frozen:  # object.__setattr__, as @dataclass(frozen=True): writing to __dict__ instead would
        # give the instance a plain dict, and Python reads its attributes more slowly than those of
        # an instance whose values sit in the class's shared layout
        ns["_set"] = object.__setattr__
        body.extend(f" _set(self, {f.name!r}, {f.name})" for f in dataclasses.fields(cls))
    else:
        body.extend(f" self.{f.name} = {f.name}" for f in dataclasses.fields(cls))
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n pass", ns)  # noqa: S102 - field names
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


def _make(cls: type[T], frozen: bool, slots: bool) -> type[T]:
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__name__} defines {name}: the decorator writes it")
    undocumented = cls.__doc__ is None
    if undocumented:  # else dataclass() would ask inspect.signature(), which has no __init__ to read yet
        cls.__doc__ = cls.__name__
    cls = dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    for f in fields:
        if not f.init or f.hash is not None or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: init=False, hash and kw_only are not supported")
    if len(fields) != sum("ClassVar" not in str(f.type) for f in cls.__dataclass_fields__.values()):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: InitVar is not supported")
    if undocumented:
        cls.__doc__ = cls.__name__ + _signature(fields)
    compared = tuple(f.name for f in fields if f.compare)
    get: Callable[[Any], tuple[Any, ...]]
    if len(compared) > 1:
        get = attrgetter(*compared)
    else:  # attrgetter of one name gives the value, not a tuple
        get = lambda self: tuple(getattr(self, n) for n in compared)  # noqa: E731
    setattr(cls, _REPR, tuple(f.name for f in fields if f.repr))
    setattr(cls, _GET, get)

    def first_init(self: Any, *args: Any, **kwargs: Any) -> None:
        """Compile the class's own ``__init__`` on its first call, put it on the class, run it."""
        init = _compile_init(cls, frozen)
        cls.__init__ = init  # type: ignore[method-assign]
        init(self, *args, **kwargs)

    first_init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = first_init  # type: ignore[method-assign]
    cls.__repr__ = _repr  # type: ignore[assignment]
    cls.__eq__ = _eq  # type: ignore[assignment]
    if frozen:
        cls.__hash__ = _hash  # type: ignore[assignment]
        cls.__setattr__ = _setattr  # type: ignore[assignment]
        cls.__delattr__ = _delattr  # type: ignore[assignment]
    else:
        cls.__hash__ = None  # type: ignore[assignment]  # as @dataclass: mutable and compared by value
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True)`` (see the module's docstring)."""
    return _make(cls, frozen=True, slots=False)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field,))
def record(cls: type[T] | None = None, /, *, slots: bool = False) -> Any:
    """``@dataclass`` or ``@dataclass(slots=True)`` (see the module's docstring)."""
    if cls is None:
        return lambda c: _make(c, frozen=False, slots=slots)
    return _make(cls, frozen=False, slots=slots)
