"""Reading the small YAML/JSON files people hand to certwise (profiles, credential descriptions).

One reader with the limits stated once: at most :data:`MAX_BYTES`, no YAML anchors or aliases
(a profile never needs them, and they allow "billion laughs" bombs), no duplicate keys, no
nesting deeper than :data:`MAX_DEPTH`. Every problem is a :class:`UserFileError` naming the
file and, where known, the line.

>>> parse_mapping('role: developer\\nyears: 3\\n', "me.yaml")
{'role': 'developer', 'years': 3}
>>> parse_mapping('a: 1\\na: 2\\n', "me.yaml")
Traceback (most recent call last):
...
certwise.userfiles.UserFileError: me.yaml line 2: the key 'a' is given twice
"""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 1_000_000
"""The largest profile or description file read (1 MB)."""
MAX_DEPTH = 20
"""The deepest nesting of lists and mappings accepted."""


class UserFileError(ValueError):
    """A file that cannot be used: ``str(err)`` is one line naming the file and the problem.

    ``json_error`` is the parser's error when the text is not JSON at all (its line and column).
    """

    json_error: json.JSONDecodeError | None = None


def shown(v: object, limit: int = 40) -> str:
    """A value quoted for a one-line message: control characters escaped, at most ``limit`` characters.

    >>> print(shown("role"), shown("a" + chr(10) + "b"), shown("x" * 50)[-3:])
    'role' 'a\\nb' x'…
    """
    try:
        s = v if isinstance(v, str) else repr(v)
    except ValueError:  # an integer with more digits than Python converts
        return "a number with too many digits"
    if not isinstance(v, str):
        return s if len(s) <= limit else s[:limit] + "…"
    if s.isprintable() and len(s) <= limit:
        return f"'{s}'"
    return repr(s[:limit]) + ("…" if len(s) > limit else "")


def _value_problem(e: ValueError) -> str:
    """A parser's ValueError in words (Python's integer-digit limit named plainly)."""
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "integer string conversion" in text:
        return f"a number has too many digits (at most {sys.get_int_max_str_digits():,})"
    return text


def _depth_ok(v: Any, limit: int = MAX_DEPTH) -> bool:
    stack = [(v, 1)]
    while stack:
        x, d = stack.pop()
        if d > limit:
            return False
        if isinstance(x, dict):
            stack.extend((y, d + 1) for y in x.values())
        elif isinstance(x, list):
            stack.extend((y, d + 1) for y in x)
    return True


def is_text(s: str) -> bool:
    """Unicode text that can be printed and stored (UTF-8 encodable: no lone surrogates such as \\ud800).

    >>> is_text("café"), is_text("\\ud800")
    (True, False)
    """
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def non_text_in(v: Any) -> str | None:
    """The first string (keys too) in a parsed document that is not :func:`is_text`, else None.

    Iterative, so a deeply nested document cannot exhaust the stack.
    """
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            if not is_text(x):
                return x
        elif isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return None


def _check_tree(data: Any, where: str) -> Any:
    if not _depth_ok(data):
        raise UserFileError(f"{where}: nested too deeply (at most {MAX_DEPTH} levels)")
    if non_text_in(data) is not None:
        raise UserFileError(f"{where}: holds characters that are not text (a lone surrogate such as \\ud800)")
    return data


def _json(text: str, where: str) -> Any:
    def no_dupes(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                raise UserFileError(f"{where}: the key {shown(k)} is given twice")
            out[k] = v
        return out

    def finite(s: str) -> Any:
        raise UserFileError(f"{where}: {s} is not a number certwise accepts (use a finite number)")

    def number(s: str) -> float:
        f = float(s)
        if not math.isfinite(f):
            raise UserFileError(f"{where}: the number {s[:20]}{'…' if len(s) > 20 else ''} is too large "
                                "(use a finite number)")
        return f

    try:
        return json.loads(text, object_pairs_hook=no_dupes, parse_constant=finite, parse_float=number)
    except json.JSONDecodeError as e:
        err = UserFileError(f"{where}: line {e.lineno} is not valid JSON: {e.msg}")
        err.json_error = e
        raise err from None
    except RecursionError:
        raise UserFileError(f"{where}: nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        if isinstance(e, UserFileError):
            raise
        raise UserFileError(f"{where}: {_value_problem(e)}") from None


def parse_json(text: str, where: str) -> Any:
    """A JSON document with the limits of this module (no duplicate keys, no NaN/Infinity,
    at most :data:`MAX_DEPTH` levels); any problem is a :class:`UserFileError`."""
    return _check_tree(_json(text, where), where)


def read_capped(path: str | Path, max_bytes: int, *, what: str = "file") -> bytes:
    """At most ``max_bytes`` of a file (a device or pipe such as /dev/zero is never read past the cap).

    Raises UserFileError (one line naming the file) when it is missing, a folder, unreadable
    or larger than ``max_bytes``.
    """
    from pathlib import Path  # a file is read: not on the path of a CLI call that reads none

    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserFileError(f"{p}: no such {what}") from None
    except IsADirectoryError:
        raise UserFileError(f"{p}: is a folder; give a {what}") from None
    except OSError as e:
        raise UserFileError(f"{p}: cannot read the {what}: {e.strerror or e}") from None
    if len(raw) > max_bytes:
        raise UserFileError(f"{p}: the {what} is larger than {_size(max_bytes)}, the most certwise reads")
    return raw


def _size(n: int) -> str:
    if n % 1024 == 0 and n < 1_000_000:
        return f"{n // 1024} KB"
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} KB"


def _yaml(text: str, where: str) -> Any:
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """SafeLoader without anchors/aliases and without duplicate keys."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent) or (
                    self.check_event(yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
                    and self.peek_event().anchor is not None):
                mark = self.peek_event().start_mark
                raise UserFileError(f"{where} line {mark.line + 1}: YAML anchors and aliases (& and *) are "
                                    "not accepted here; write the values out")
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, list | dict):
                    raise UserFileError(f"{where} line {key_node.start_mark.line + 1}: a key must be a word")
                if key in seen:
                    raise UserFileError(f"{where} line {key_node.start_mark.line + 1}: the key {shown(key)} is "
                                        "given twice")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    try:
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise UserFileError(f"{where}{line} is not valid YAML: {problem}") from None
    except RecursionError:
        raise UserFileError(f"{where}: nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ValueError as e:
        if isinstance(e, UserFileError):
            raise
        raise UserFileError(f"{where}: {_value_problem(e)}") from None


def parse_mapping(text: str, where: str, *, as_json: bool = False, what: str = "a mapping of fields") -> Any:
    """The contents of a YAML (or JSON) document; None for an empty one.

    JSON is YAML, so YAML parsing reads both; ``as_json`` uses the stricter JSON parser.
    """
    return _check_tree(_json(text, where) if as_json else _yaml(text, where), where)


def read_mapping(path: str | Path, *, what: str = "file", max_bytes: int = MAX_BYTES) -> dict[str, Any] | None:
    """Read a YAML or JSON file of fields (``.json`` → JSON); None when it is empty.

    Raises UserFileError (one line naming the file) when it is missing, unreadable, larger than
    ``max_bytes``, not valid, or not a mapping.
    """
    from pathlib import Path  # a file is read: not on the path of a CLI call that reads none

    p = Path(path)
    raw = read_capped(p, max_bytes, what=what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserFileError(f"{p}: the {what} is not UTF-8 text") from None
    data = parse_mapping(text, str(p), as_json=p.suffix.lower() == ".json")
    if data is None:
        return None
    if not isinstance(data, dict):
        noun = what.removesuffix(" file")
        raise UserFileError(f"{p}: a {noun} is a mapping of fields (name: value …), got {type(data).__name__}")
    return data
