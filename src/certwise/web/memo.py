"""Answers worked out once per catalog: the same question on the same day gets the same answer.

The engine's answers (recommend, a credential's report, the catalog list) depend only on the
catalog, the date and the question, so the web keeps the last few hundred of them on the
catalog object itself: a new catalog (an overlay import) starts with none. A repeated
request (a shared results link, a reload, an API client asking again) then costs only the
framework's work, not the engine's. Answers are shared between requests: callers never
change them.

>>> from certwise.catalog.load import Catalog
>>> cat, calls = Catalog(), []
>>> memo(cat, ("x", 1), lambda: calls.append(1) or {"a": 1}), memo(cat, ("x", 1), lambda: {"b": 2})
({'a': 1}, {'a': 1})
>>> len(calls)
1
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 256  # answers kept per catalog, least recently used first out
ATTRIBUTE = "web_answers"
_lock = threading.Lock()


def memo(catalog: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or the answer it gave before for ``key`` on this catalog object."""
    with _lock:
        answers: OrderedDict[Hashable, Any] | None = vars(catalog).get(ATTRIBUTE)
        if answers is None:
            answers = OrderedDict()
            setattr(catalog, ATTRIBUTE, answers)
        elif key in answers:
            answers.move_to_end(key)
            return answers[key]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two first requests may both compute; the answers are equal
    with _lock:
        answers[key] = value
        if len(answers) > SIZE:
            answers.popitem(last=False)
    return value


def peek(catalog: Any, key: Hashable) -> Any:
    """The kept answer for ``key`` on this catalog, or None (without working it out)."""
    with _lock:
        answers = vars(catalog).get(ATTRIBUTE)
        if answers is None or key not in answers:
            return None
        answers.move_to_end(key)
        return answers[key]
