"""Answers kept between requests: the same question on the same catalog and day gets the same answer.

The engine's answers (recommend, a credential's report, the catalog list) depend only on the
catalog, the date and the question. :func:`memo` keeps the last few hundred on an owner
object, one app's :class:`Answers` for one catalog (``WebState.answers``: a new catalog, after
an overlay import, starts with none), as the bytes the app sends (JSON, whole pages: few
objects for the garbage collector to walk). A repeated request (a shared results link, a
reload, an API client asking again) then costs only the framework's work. Kept answers are
shared: callers never change them.

>>> from certwise.catalog.load import Catalog
>>> owner, calls = Answers(Catalog()), []
>>> memo(owner, ("x", 1), lambda: calls.append(1) or b"a"), memo(owner, ("x", 1), lambda: b"b")
(b'a', b'a')
>>> len(calls), peek(owner, ("x", 1)), peek(owner, ("y",))
(1, b'a', None)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 256  # answers kept per owner, least recently used first out
ATTRIBUTE = "web_answers"
_lock = threading.Lock()


class Answers:
    """What one app keeps for one catalog (see ``WebState.answers``)."""

    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog


def memo(owner: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or the answer it gave before for ``key`` on this owner."""
    with _lock:
        answers: OrderedDict[Hashable, Any] | None = vars(owner).get(ATTRIBUTE)
        if answers is None:
            answers = OrderedDict()
            setattr(owner, ATTRIBUTE, answers)
        elif key in answers:
            answers.move_to_end(key)
            return answers[key]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two first requests may both compute; the answers are equal
    keep(owner, key, value)
    return value


def keep(owner: Any, key: Hashable, value: Any) -> None:
    """Keep ``value`` as the answer for ``key`` on this owner."""
    with _lock:
        answers: OrderedDict[Hashable, Any] = vars(owner).setdefault(ATTRIBUTE, OrderedDict())
        answers[key] = value
        answers.move_to_end(key)
        if len(answers) > SIZE:
            answers.popitem(last=False)


def peek(owner: Any, key: Hashable) -> Any:
    """The kept answer for ``key`` on this owner, or None (without working it out)."""
    with _lock:
        answers = vars(owner).get(ATTRIBUTE)
        if answers is None or key not in answers:
            return None
        answers.move_to_end(key)
        return answers[key]
