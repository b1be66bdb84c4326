"""Stream the nodes of a big JSON-LD file in bounded memory, with the standard library only.

The file is read in chunks; ``@graph`` arrays (also inside an envelope's
``decoded_resource``) and top-level arrays are decoded one element at a time with
``json.JSONDecoder.raw_decode``, so memory holds one element, not the document.

>>> import io
>>> doc = '{"@context": "x", "@graph": [{"@id": "a"}, {"@id": "b"}]}'
>>> [n["@id"] for n in iter_nodes(io.StringIO(doc), chunk_size=7)]
['a', 'b']
>>> [n["@id"] for n in iter_nodes(io.StringIO('{"@id": "single", "@type": "ceterms:Certification"}'))]
['single']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

_WS = " \t\n\r"
MAX_VALUE_CHARS = 8_000_000
"""The largest single record (one element of an ``@graph`` or top-level array) read: 8 million characters."""


def _not_finite(s: str) -> Any:
    raise ValueError(f"{s[:20]} is not a number certwise accepts (use a finite number)")


def _finite_float(s: str) -> float:
    f = float(s)
    if f in (float("inf"), float("-inf")):
        _not_finite(s)
    return f


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"the key {json.dumps(key[:40])} is given twice in one object")
    return d


_DECODER = json.JSONDecoder(parse_constant=_not_finite, parse_float=_finite_float, object_pairs_hook=_no_duplicates)


class TextSource(Protocol):
    def read(self, n: int, /) -> str: ...


class JsonStreamError(ValueError):
    """Malformed JSON; ``line`` and ``column`` say where."""

    def __init__(self, msg: str, line: int, column: int):
        self.msg, self.line, self.column = msg, line, column
        super().__init__(f"{msg} (line {line}, column {column})")


class _Reader:
    def __init__(self, fh: TextSource, chunk_size: int):
        self.fh = fh
        self.chunk = chunk_size
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in text already dropped from buf
        self.last_line_start = 0  # offset (in dropped text) where the current line starts, relative
        self.consumed = 0  # characters dropped from the front of buf

    def _more(self) -> bool:
        if self.eof:
            return False
        # drop what is consumed so memory stays bounded
        if self.pos > 0:
            dropped = self.buf[: self.pos]
            n = dropped.count("\n")
            if n:
                self.lines_before += n
                self.last_line_start = self.consumed + dropped.rfind("\n") + 1
            self.consumed += self.pos
            self.buf = self.buf[self.pos :]
            self.pos = 0
        data = self.fh.read(self.chunk)
        if not data:
            self.eof = True
            return False
        if self.consumed == 0 and not self.buf and data.startswith("\ufeff"):
            data = data[1:]
        self.buf += data
        return True

    def where(self, pos: int | None = None) -> tuple[int, int]:
        p = self.pos if pos is None else pos
        head = self.buf[:p]
        n = head.count("\n")
        line = self.lines_before + n + 1
        col = p - head.rfind("\n") if n else self.consumed + p - self.last_line_start + 1
        return line, col

    def error(self, msg: str, pos: int | None = None) -> JsonStreamError:
        line, col = self.where(pos)
        return JsonStreamError(msg, line, col)

    def peek(self) -> str:
        """The next non-blank character ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, ch: str) -> None:
        got = self.peek()
        if got != ch:
            raise self.error(f"expected '{ch}' but found {got!r}" if got else f"expected '{ch}' but the file ended")
        self.pos += 1

    def _check_size(self) -> bool:
        if len(self.buf) - self.pos > MAX_VALUE_CHARS:
            raise self.error(f"one record is larger than {MAX_VALUE_CHARS:,} characters, the most certwise reads")
        return True

    def value(self) -> Any:
        """Decode one whole JSON value at the current position."""
        self.peek()
        while True:
            try:
                val, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                self._check_size()
                if self._more():
                    continue
                raise self.error(e.msg, e.pos) from None
            except RecursionError:
                raise self.error("nested too deeply") from None
            except ValueError as e:  # a NaN/Infinity, or more digits than Python converts
                raise self.error(_value_problem(e)) from None
            if end >= len(self.buf) and not self.eof and self._check_size() and self._more():
                continue  # a number or literal may go on in the next chunk: decode again
            self.pos = end
            return val


def _value_problem(e: ValueError) -> str:
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "integer string conversion" in text:
        return "a number has too many digits"
    return text


def iter_nodes(fh: TextSource, chunk_size: int = 1 << 20) -> Iterator[dict[str, Any]]:
    """Yield JSON-LD nodes: ``@graph`` items, top-level array items, or the single top object.

    An envelope's ``decoded_resource`` is searched the same way; other values are decoded
    whole. Raises :class:`JsonStreamError` for malformed JSON.
    """
    r = _Reader(fh, chunk_size)
    first = r.peek()
    if first == "[":
        yield from _array(r)
    elif first == "{":
        yield from _object(r)
    elif first == "":
        raise r.error("the file is empty")
    else:
        raise r.error(f"expected a JSON object or array but found {first!r}")
    if r.peek() != "":
        raise r.error("extra data after the JSON document")


def _array(r: _Reader) -> Iterator[dict[str, Any]]:
    r.expect("[")
    if r.peek() == "]":
        r.pos += 1
        return
    while True:
        item = r.value()
        if isinstance(item, dict):
            yield item
        nxt = r.peek()
        if nxt == ",":
            r.pos += 1
            continue
        if nxt == "]":
            r.pos += 1
            return
        raise r.error("expected ',' or ']' between array items")


def _object(r: _Reader) -> Iterator[dict[str, Any]]:
    """Stream ``@graph`` / ``decoded_resource``; yield the object itself if it had neither."""
    r.expect("{")
    top: dict[str, Any] = {}
    keys: set[str] = set()
    streamed = False
    if r.peek() == "}":
        r.pos += 1
        yield top
        return
    while True:
        if r.peek() != '"':
            raise r.error("expected a property name in double quotes")
        key = r.value()
        if key in top or (key in ("@graph", "decoded_resource") and key in keys):
            raise r.error(f"the key {json.dumps(str(key)[:40])} is given twice in one object")
        keys.add(key)
        r.expect(":")
        nxt = r.peek()
        if key == "@graph" and nxt == "[":
            streamed = True
            yield from _array(r)
        elif key == "decoded_resource" and nxt == "{":
            streamed = True
            yield from _object(r)
        else:
            top[key] = r.value()
        sep = r.peek()
        if sep == ",":
            r.pos += 1
            continue
        if sep == "}":
            r.pos += 1
            break
        raise r.error("expected ',' or '}' after a property value")
    if not streamed:
        yield top
