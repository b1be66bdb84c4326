"""An overlay credential as the store writes it: its row (id and compact JSON) and the scorer's
features of it (:class:`PreparedRow`), worked out by :func:`prepare`.

The store prepares each credential it is given; an importer may hand it rows prepared
elsewhere instead (``certwise catalog import`` prepares them in worker processes, then
numbers the ids in file order with :meth:`PreparedRow.with_id`).

>>> from certwise.catalog import default_catalog
>>> c = next(iter(default_catalog()))
>>> row = prepare(c)
>>> row.id == c.id and row.json.startswith('{"id":"' + c.id + '"')
True
>>> row.with_id("x-2").json.startswith('{"id":"x-2",') and row.with_id("x-2").features.id
'x-2'
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, fields, replace
from typing import Any

from certwise.advice.scoring_index import CredentialFeatures
from certwise.catalog.model import Credential


@dataclass(frozen=True, slots=True)
class PreparedRow:
    """One overlay credential ready to store: what :func:`prepare` makes of it."""

    id: str
    json: str  # compact JSON, the id first
    features: CredentialFeatures  # its position is not meaningful: the table numbers rows itself
    prerequisites_any: tuple[str, ...]
    successors: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled flat (rows come back from worker processes by the thousand): 3× quicker to read."""
        f = self.features
        return _row, (self.id, self.json, tuple([getattr(f, n) for n in _FEATURES]), self.prerequisites_any,
                      self.successors)

    def with_id(self, new_id: str) -> PreparedRow:
        """The same credential under another id (ids are slugs: nothing in them is escaped)."""
        if new_id == self.id:
            return self
        head = '{"id":' + json.dumps(self.id)
        if not self.json.startswith(head):
            raise ValueError(f"a prepared row whose JSON does not start with its id {self.id!r}")
        features = replace(self.features, id=new_id)
        return PreparedRow(new_id, '{"id":' + json.dumps(new_id) + self.json[len(head):], features,
                           self.prerequisites_any, self.successors)


_FEATURES = tuple(f.name for f in fields(CredentialFeatures))


def _row(cid: str, text: str, features: tuple[Any, ...], prerequisites_any: tuple[str, ...],
         successors: tuple[str, ...]) -> PreparedRow:
    return PreparedRow(cid, text, CredentialFeatures(*features), prerequisites_any, successors)


def prepare(c: Credential) -> PreparedRow:
    """The row and features of one credential."""
    return PreparedRow(c.id, credential_json(c), CredentialFeatures.of(0, c), tuple(c.prerequisites_any),
                       tuple(c.lifecycle.successors))


def credential_json(c: Credential) -> str:
    """Compact JSON of a credential (pydantic's serializer: C speed, same shape as model_dump)."""
    return str(_credential_adapter().dump_json(c, exclude_none=True).decode("utf-8"))


@functools.cache
def _credential_adapter() -> Any:
    from pydantic import TypeAdapter  # pydantic only when credentials are written (~0.1 s to import)

    return TypeAdapter(Credential)
