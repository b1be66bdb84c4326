"""Coherence: how well credentials tell one story, and when holdings are "collecting".

"The key is coherence. Random certifications dilute your profile. Certifications that build on
each other tell a story of intentional skill development." Two questions, one rule each:

**A path** (a stack, or what you hold in the order you earned it) scores 0–100 with
:func:`path_coherence`:

* 50 — one ecosystem: the share of credentials on the dominant platform (vendor-neutral
  ones count half: they travel, but they do not deepen one platform);
* 20 — rising level: each step at or above the level of the one before it (from
  professional level on, any professional, specialty or program credential counts);
* 30 — connected domains: each credential shares a domain (full credit) or a related
  domain (partial credit) with one before it.

**What a person holds** is judged by :func:`holdings_coherence` — the one function that
``recommend`` (its ``collecting`` warning), ``audit`` and the pages use, so the same holdings
always get the same coherence and the same verdict:

* the catalogued credentials in :func:`story_order` (by date earned where known, then by
  level, then by id), scored with :func:`path_coherence`;
* diluted by credentials the catalog does not know: one that looks like a certificate mill
  weighs as much as a catalogued one, any other half as much;
* less :data:`SPREAD_PENALTY` points for every platform beyond two ("random certifications
  dilute your profile");
* **collecting** when there are at least :data:`COLLECTING_MIN` credentials and the coherence
  is below :data:`COLLECTING_BELOW` — the guide's colleague "collected seven different AI
  certifications over the past year" and could not say which had helped.

>>> from certwise.catalog import default_catalog
>>> catalog = default_catalog()
>>> aws = holdings_coherence(["aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"], catalog)
>>> aws.score, aws.collecting
(94, False)
>>> seven = ["google-ai-essentials", "aws-cloud-practitioner", "azure-fundamentals", "nvidia-nca-genl",
...          "ibm-ai-engineering", "databricks-ml-associate", "google-genai-leader"]
>>> seven = holdings_coherence(seven, catalog)
>>> seven.score, seven.collecting
(38, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.records import frozen

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = [
    "COLLECTING_MIN", "COLLECTING_BELOW", "SPREAD_PENALTY", "HoldingsCoherence", "holdings_coherence",
    "path_coherence", "PathCoherence", "story_order", "rises",
]

COLLECTING_MIN = 4  # "a few well-chosen" credentials are not yet a collection; four or more can be …
COLLECTING_BELOW = 65  # … when together they score below this: collecting, not building a story
SPREAD_PENALTY = 8  # coherence points off for each platform beyond two: random credentials dilute
MILL_WEIGHT = 1.0  # an uncatalogued credential that looks like a certificate mill dilutes like a catalogued one
UNCATALOGUED_WEIGHT = 0.5  # any other uncatalogued credential, half as much

_ML = {"ml-engineering", "mlops", "data-science", "deep-learning", "computer-vision", "nlp", "generative-ai",
       "ai-applications", "infrastructure"}
_BUSINESS = {"ai-literacy", "ai-governance", "product-management", "generative-ai", "ai-applications",
             "cloud-fundamentals"}
_DATA = {"data-engineering", "data-science", "ml-engineering", "mlops"}
RELATED_DOMAINS = (_ML, _BUSINESS, _DATA)  # domains in one cluster are related (partial credit)


# --- a path ----------------------------------------------------------------------------------------


def _link(a: Credential, b: Credential) -> float:
    da, db = set(a.domains), set(b.domains)
    if da & db:
        return 1.0
    if a.ecosystem == b.ecosystem and a.ecosystem != "vendor-neutral" and \
            "cloud-fundamentals" in (da | db):
        return 0.8  # a platform's fundamentals lead into its other credentials
    if any(da & cl and db & cl for cl in RELATED_DOMAINS):
        return 0.5
    return 0.0


def rises(a: Credential, b: Credential) -> bool:
    """``b`` is a step up from ``a``, or level with it; from professional level on, any
    professional, specialty or program credential counts ("a specialized certification in your
    area" follows the cloud ML certification)."""
    ra, rb = LEVEL_RANK[a.level], LEVEL_RANK[b.level]
    return rb >= min(ra, 3)


def path_coherence(ids: Iterable[str], catalog: Catalog) -> int:
    """0–100: how well credentials (in the order taken) tell one story. Unknown ids are ignored.

    >>> from certwise.catalog import default_catalog
    >>> path_coherence(["aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate"],
    ...                default_catalog())
    94
    """
    creds = [catalog.get(i) for i in ids if i in catalog]
    n = len(creds)
    if n <= 1:
        return 100
    ecos = [c.ecosystem for c in creds if c.ecosystem != "vendor-neutral"]
    neutral = n - len(ecos)
    dominant = max((ecos.count(e) for e in set(ecos)), default=0)
    eco = (dominant + 0.5 * neutral) / n if ecos else 0.75  # all vendor-neutral: portable, no platform story
    rising = sum(rises(a, b) for a, b in zip(creds, creds[1:], strict=False)) / (n - 1)
    linked = sum(max(_link(creds[i], creds[j]) for j in range(i)) for i in range(1, n)) / (n - 1)
    return int(round(50 * eco + 20 * rising + 30 * linked))


class PathCoherence:
    """:func:`path_coherence` of a path, and of the path followed by one more credential, for many
    candidates in turn: what the path alone adds up to is worked out once, so each candidate costs
    one link per credential on the path. The numbers are :func:`path_coherence`'s, to the bit.

    ``links``: a memo of :func:`_link` by (later id, earlier id), kept by the caller for the
    catalog (e.g. on its scoring index) so that other paths reuse it.
    """

    def __init__(self, ids: Iterable[str], catalog: Catalog,
                 links: dict[tuple[str, str], float] | None = None) -> None:
        self.catalog = catalog
        self.links = links if links is not None else {}
        creds = self.creds = [catalog.get(i) for i in ids if i in catalog]
        n = len(creds)
        self.counts: dict[str, int] = {}
        for c in creds:
            if c.ecosystem != "vendor-neutral":
                self.counts[c.ecosystem] = self.counts.get(c.ecosystem, 0) + 1
        self.neutral = n - sum(self.counts.values())
        self.rising = sum(rises(a, b) for a, b in zip(creds, creds[1:], strict=False))
        self.terms = [max(self._link(creds[i], creds[j]) for j in range(i)) for i in range(1, n)]
        self.rises_from = min(LEVEL_RANK[creds[-1].level], 3) if creds else 0  # what rises() asks of a next one

    def _link(self, a: Credential, b: Credential) -> float:
        k = (a.id, b.id)
        v = self.links.get(k)
        if v is None:
            v = self.links[k] = _link(a, b)
        return v

    def _total(self, n: int, dominant: int, neutral: int, rising: int, terms: list[float]) -> int:
        if n <= 1:
            return 100
        eco = (dominant + 0.5 * neutral) / n if n > neutral else 0.75
        return int(round(50 * eco + 20 * (rising / (n - 1)) + 30 * (sum(terms) / (n - 1))))

    def score(self) -> int:
        """:func:`path_coherence` of the path."""
        return self._total(len(self.creds), max(self.counts.values(), default=0), self.neutral, self.rising,
                           self.terms)

    def with_next(self, ident: str) -> int:
        """:func:`path_coherence` of the path followed by ``ident``."""
        if ident not in self.catalog:
            return self.score()
        return self.with_credential(self.catalog.get(ident))

    def with_credential(self, x: Credential) -> int:
        """:func:`path_coherence` of the path followed by ``x`` (a credential of the catalog)."""
        creds = self.creds
        if not creds:
            return 100
        dominant = max(self.counts.values(), default=0)
        neutral = self.neutral
        if x.ecosystem == "vendor-neutral":
            neutral += 1
        else:
            dominant = max(dominant, self.counts.get(x.ecosystem, 0) + 1)
        rising = self.rising + (LEVEL_RANK[x.level] >= self.rises_from)  # rises(creds[-1], x)
        links, xid = self.links, x.id
        term = 0.0
        for i, c in enumerate(creds):  # max(_link(x, c) for c in creds)
            v = links.get((xid, c.id))
            if v is None:
                v = links[(xid, c.id)] = _link(x, c)
            if i == 0 or v > term:
                term = v
        return self._total(len(creds) + 1, dominant, neutral, rising, [*self.terms, term])


# --- what a person holds ------------------------------------------------------------------------------


def story_order(ids: Iterable[str], catalog: Catalog, earned: Mapping[str, date | None] | None = None) -> list[str]:
    """Catalogued ids (aliases resolved, duplicates and unknown ones dropped) in the order of the
    story they tell: by date earned where known (undated ones last), then by level, then by id."""
    earned = earned or {}
    seen: dict[str, date] = {}
    for ident in ids:
        cid = catalog.resolve(ident)
        if cid is None:
            continue
        when = earned.get(ident) or earned.get(cid) or date.max
        seen[cid] = min(seen.get(cid, date.max), when)
    return sorted(seen, key=lambda i: (seen[i], LEVEL_RANK[catalog.get(i).level], i))


@frozen
class HoldingsCoherence:
    """What holdings say together: ``score`` 0–100, the ``collecting`` verdict, how many
    credentials were counted (catalogued or not) and the catalogued ones in story order."""

    score: int
    collecting: bool
    count: int
    order: tuple[str, ...]


def holdings_coherence(held: Iterable[str], catalog: Catalog, *, earned: Mapping[str, date | None] | None = None,
                       uncatalogued: int = 0, mill_like: int = 0) -> HoldingsCoherence:
    """Coherence and the collecting verdict for what a person holds (see the module docstring).

    ``held``: catalog ids or aliases, in any order; ``earned``: when each was earned, where
    known; ``uncatalogued`` / ``mill_like``: how many credentials outside the catalog the
    person also holds (``mill_like``: those that look like certificate-mill output).
    """
    order = story_order(held, catalog, earned)
    n = len(order)
    count = n + uncatalogued + mill_like
    if not order:
        score = 0
    else:
        base = path_coherence(order, catalog)
        weight = n + MILL_WEIGHT * mill_like + UNCATALOGUED_WEIGHT * uncatalogued
        platforms = {catalog.get(i).ecosystem for i in order} - {"vendor-neutral"}
        spread = SPREAD_PENALTY * max(0, len(platforms) - 2)
        score = max(0, round(base * n / weight) - spread)
    return HoldingsCoherence(score, count >= COLLECTING_MIN and score < COLLECTING_BELOW, count, tuple(order))
