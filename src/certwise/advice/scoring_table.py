"""The scorer's view of a big overlay, worked out once at import and kept with it: the :class:`FeatureTable`.

A :class:`~certwise.advice.scoring_index.ScoringIndex` needs, for the whole catalog, each
credential's numbers among the distinct values of the scorer's keys (its domains, ecosystem
and level, cost …), which ones are learning paths, which can be recommended at all, what
leads to what. Over 100,000 imported credentials that costs seconds to compute, and needs
every record read and validated first. The table is that, computed while the records are
imported (:meth:`FeatureTable.add`) and stored with the overlay as one compact blob
(:meth:`FeatureTable.to_blob`), so a new process ranks without reading the records: it
materialises only the few credentials it shows (see :meth:`ScoringIndex.with_table`).

What is in the blob, per credential in id order: its id and, per key kind, its number among
that kind's distinct values (stored once each); and, for the few that have them, its
successors, what it builds on and whether it is a foundation. Credentials that are learning
paths, certificate mills or closed are never ranked, and the table says which the others are.

>>> from certwise.catalog import default_catalog
>>> t = FeatureTable()
>>> for c in list(default_catalog())[:3]:
...     t.add(c)
>>> back = FeatureTable.from_blob(t.to_blob())
>>> back.ids == sorted(c.id for c in list(default_catalog())[:3])
True
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from certwise.advice.scoring_index import (
    KEY_KINDS,
    CredentialFeatures,
    DistinctValues,
    ScoringIndex,
    index_of,
)
from certwise.catalog.load import LazyCredentials
from certwise.catalog.model import Credential

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

FORMAT = 1
"""Bumped whenever what the table holds, or how a feature is computed, changes: an older blob is not read."""


class FeatureTable:
    """What the scoring index needs of a set of credentials, added one at a time in any order."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.values: dict[str, list[Any]] = {k: [] for k in KEY_KINDS}
        self.numbers: dict[str, list[int]] = {k: [] for k in KEY_KINDS}
        self._number: dict[str, dict[Any, int]] = {k: {} for k in KEY_KINDS}
        self.learning_paths: list[str] = []
        self.candidates: list[str] = []  # neither learning path, nor mill, nor closed: may be ranked
        self.gated: list[str] = []  # open only to holders of one of its prerequisites_any
        self.successors: dict[str, tuple[str, ...]] = {}
        self.builds_on: dict[str, tuple[str, ...]] = {}  # prerequisites (any) and recommended_before
        self.foundational: dict[str, str] = {}  # id -> ecosystem, for level-1 non-mill non-paths

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, c: Credential) -> None:
        """Note one credential (a later one with the same id is not expected: ids are unique)."""
        self.add_features(CredentialFeatures.of(len(self.ids), c), c.prerequisites_any, c.lifecycle.successors)

    def add_features(self, f: CredentialFeatures, prerequisites_any: Sequence[str], successors: Sequence[str]) -> None:
        """Note one credential by its features (worked out elsewhere, e.g. in another process) and
        the two lists of its own the table keeps; ``f.position`` is not read."""
        cid = f.id
        self.ids.append(cid)
        for k in KEY_KINDS:
            key = f.key(k)
            table = self._number[k]
            n = table.get(key)
            if n is None:
                n = table[key] = len(self.values[k])
                self.values[k].append(key)
            self.numbers[k].append(n)
        if f.learning_path:
            self.learning_paths.append(cid)
        elif not (f.mill or f.closed):
            self.candidates.append(cid)
        if prerequisites_any:
            self.gated.append(cid)
        if successors:
            self.successors[cid] = tuple(successors)
        if not f.learning_path and (f.prerequisites or prerequisites_any or f.recommended_before):
            self.builds_on[cid] = (*f.prerequisites, *prerequisites_any, *f.recommended_before)
        if f.level == 1 and not f.learning_path and not f.mill:
            self.foundational[cid] = f.ecosystem

    def to_blob(self) -> bytes:
        """The table in id order, pickled (plain lists, dicts, tuples and numbers only)."""
        order = sorted(range(len(self.ids)), key=self.ids.__getitem__)
        state = {
            "format": FORMAT,
            "ids": [self.ids[i] for i in order],
            "values": self.values,
            "numbers": {k: [nums[i] for i in order] for k, nums in self.numbers.items()},
            "learning_paths": sorted(self.learning_paths), "candidates": sorted(self.candidates),
            "gated": sorted(self.gated), "successors": self.successors, "builds_on": self.builds_on,
            "foundational": self.foundational,
        }
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_blob(cls, blob: bytes) -> FeatureTable:
        """The table :meth:`to_blob` wrote (ids in id order); ValueError for another format."""
        state = pickle.loads(blob)
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError("a feature table of another format")
        t = cls()
        t.ids, t.values, t.numbers = state["ids"], state["values"], state["numbers"]
        t.learning_paths, t.candidates, t.gated = state["learning_paths"], state["candidates"], state["gated"]
        t.successors, t.builds_on, t.foundational = state["successors"], state["builds_on"], state["foundational"]
        return t


# --- an index over a catalog whose overlay comes with its table ------------------------------------


class LazyFeatures(Sequence[CredentialFeatures]):
    """The features of every position: the base catalog's, computed; the overlay's, worked out from
    its record when asked (the record is read then). The first time an overlay one is asked for,
    all that may be ranked and all learning paths are read together: a date's view needs every
    one of the former, the free resources the latter."""

    def __init__(self, catalog: Catalog, base: list[CredentialFeatures], wanted: list[int]) -> None:
        self.catalog, self.base, self.wanted = catalog, base, wanted
        self._overlay: dict[int, CredentialFeatures] = {}
        self._prefetched = False

    def __len__(self) -> int:
        return len(self.catalog.credentials)

    @overload
    def __getitem__(self, i: int) -> CredentialFeatures: ...

    @overload
    def __getitem__(self, i: slice) -> list[CredentialFeatures]: ...

    def __getitem__(self, i: int | slice) -> CredentialFeatures | list[CredentialFeatures]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i < len(self.base):
            return self.base[i]
        f = self._overlay.get(i)
        if f is None:
            creds = self.catalog.credentials
            if not self._prefetched and isinstance(creds, LazyCredentials):
                self._prefetched = True
                creds.prefetch(self.wanted)
            f = self._overlay[i] = CredentialFeatures.of(i, creds[i])
        return f


class LazyById(Mapping[str, CredentialFeatures]):
    """id -> features over :class:`LazyFeatures`, through the catalog's positions."""

    def __init__(self, catalog: Catalog, features: LazyFeatures) -> None:
        self.catalog, self.features = catalog, features

    def __getitem__(self, ident: str) -> CredentialFeatures:
        position = self.catalog.position(ident)
        if position is None:
            raise KeyError(ident)
        return self.features[position]

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self.catalog.position(ident) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.catalog.ids())

    def __len__(self) -> int:
        return len(self.catalog.ids())


def index_with_table(catalog: Catalog, base: Catalog, table: FeatureTable) -> ScoringIndex:
    """The :class:`ScoringIndex` of ``catalog`` — ``base``'s credentials, then the overlay ``table``
    describes, in its (id) order — without reading the overlay's records. It equals
    ``ScoringIndex.build(catalog)`` (tests/test_store_overlay.py checks the rankings agree)."""
    index = ScoringIndex.__new__(ScoringIndex)
    base_features = index_of(base).features
    rankable = sorted(p for p in map(catalog.position, table.candidates) if p is not None)
    paths = [p for p in map(catalog.position, table.learning_paths) if p is not None]
    features = LazyFeatures(catalog, list(base_features), sorted(rankable + paths))
    index.catalog, index.credentials, index.size = catalog, catalog.credentials, len(catalog.credentials)
    index.features = features  # type: ignore[assignment]
    by_id = LazyById(catalog, features)
    index.by_id = by_id  # type: ignore[assignment]
    pos = catalog.position
    predecessors: dict[str, list[str]] = {}
    unlocks: dict[str, list[str]] = {}
    gated: list[int] = []
    for f, c in zip(base_features, base.credentials, strict=True):
        for s in c.lifecycle.successors:
            predecessors.setdefault(s, []).append(c.id)
        if not f.learning_path:
            for b in (*f.prerequisites, *c.prerequisites_any, *f.recommended_before):
                unlocks.setdefault(b, []).append(c.id)
        if c.prerequisites_any:
            gated.append(f.position)
    for cid, succ in table.successors.items():
        for s in succ:
            predecessors.setdefault(s, []).append(cid)
    for cid, before in table.builds_on.items():
        for b in before:
            unlocks.setdefault(b, []).append(cid)
    gated += [p for p in map(pos, table.gated) if p is not None]
    index.gated = tuple(sorted(gated))
    index.predecessors = {k: tuple(sorted(v)) for k, v in predecessors.items()}
    index.unlocks = {k: tuple(u for u in sorted(set(v)) if u in by_id) for k, v in unlocks.items() if k in by_id}
    index.values = {}
    for k in KEY_KINDS:
        dv = DistinctValues()
        dv.values = list(table.values[k])
        dv._number = {v: n for n, v in enumerate(dv.values)}
        for f in base_features:
            dv.add(f.key(k))
        dv.number_of += table.numbers[k]
        index.values[k] = dv
    index.learning_paths = [f.position for f in base_features if f.learning_path] + sorted(paths)
    index.candidates = [f.position for f in base_features if not (f.learning_path or f.mill or f.closed)] + rankable
    found = [(f.id, f.ecosystem, f.position) for f in base_features
             if f.level == 1 and not f.learning_path and not f.mill]
    found += [(cid, eco, p) for cid, eco in table.foundational.items() if (p := pos(cid)) is not None]
    index.foundational = {}
    for _id, eco, position in sorted(found):
        index.foundational.setdefault(eco, []).append(position)
    index._dates = {}
    index.start_memos()
    return index
