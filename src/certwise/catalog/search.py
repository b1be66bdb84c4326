"""Find credentials by name, alias or exam code, tolerant of typos, case and spacing.

>>> from certwise.catalog import default_catalog
>>> [c.id for c, _ in search(default_catalog(), "ai102")][:1]
['azure-ai-engineer']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from certwise.catalog.model import Credential

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# words that carry no meaning for matching ("certified", "certificate" …)
_STOP = {"certified", "certification", "certificate", "professional", "the", "of", "and", "in", "exam", "cert"}
_EXPAND = {"ml": "machine learning", "ai": "artificial intelligence", "genai": "generative ai", "gcp": "google cloud"}


def _spaced(s: str) -> str:
    return " ".join(_NON_ALNUM.sub(" ", s.lower()).split())


def _squashed(s: str) -> str:
    return _NON_ALNUM.sub("", s.lower())


def _is_stop(word: str) -> bool:
    """A word that carries no meaning, also when mistyped ("certfied", "cerification")."""
    if word in _STOP:
        return True
    if len(word) < 6:
        return False
    from rapidfuzz import fuzz

    return any(len(s) >= 6 and fuzz.ratio(word, s, processor=None) >= 85 for s in _STOP)


def _expand(s: str) -> str:
    return " ".join(_EXPAND.get(w, w) for w in s.split())


def _keys(c: Credential) -> list[str]:
    out = []
    for n in c.all_names():
        sp = _spaced(n)
        out.append(sp)
        ex = _expand(sp)
        if ex != sp:
            out.append(ex)
    return out


def _score(query: str, c: Credential) -> float:
    from rapidfuzz import fuzz  # loaded only when a name must be matched (every CLI call pays otherwise)

    q_sp = _spaced(query)
    q_sq = _squashed(query)
    if not q_sq:
        return 0.0
    best = 0.0
    for n in c.all_names():
        if _squashed(n) == q_sq:
            return 100.0
        if len(q_sq) >= 3 and _squashed(n).startswith(q_sq):
            best = max(best, 92.0)
    q_ex = _expand(q_sp)
    q_words = [w for w in q_ex.split() if not _is_stop(w)] or q_ex.split()
    q_core = " ".join(q_words)
    provider = _spaced(c.provider)
    for key in _keys(c):
        k_core = " ".join(w for w in key.split() if w not in _STOP) or key
        s = max(
            fuzz.token_set_ratio(q_core, k_core, processor=None) * 0.97,
            fuzz.WRatio(q_core, k_core, processor=None) * 0.95,
        )
        if len(q_sq) <= 8 and len(k_core.replace(" ", "")) <= 12:
            # short codes with a typo: compare without spaces ("ai10" ~ "ai102")
            s = max(s, fuzz.ratio(q_sq, k_core.replace(" ", ""), processor=None) * 0.96)
        best = max(best, s)
    # a query that names the provider ("aws", "nvidia") favours its credentials a little
    if any(w in provider.split() or w == _squashed(c.ecosystem) for w in q_sp.split()):
        best = min(100.0, best + 3)
    return best


def search(
    catalog: Iterable[Credential], text: str, limit: int = 10, min_score: float = 60.0
) -> list[tuple[Credential, float]]:
    """Best matches first, as ``(credential, score 0-100)``; ties broken by id.

    ``catalog`` is any collection of credentials (a :class:`~certwise.catalog.load.Catalog`,
    a list), so the catalog can use search for its "did you mean" without a loop.
    """
    scored = [(c, round(_score(text, c), 1)) for c in catalog]
    scored = [x for x in scored if x[1] >= min_score]
    scored.sort(key=lambda x: (-x[1], x[0].id))
    return scored[:limit]


def suggest(catalog: Iterable[Credential], text: str, n: int = 3) -> list[str]:
    """Closest ids for an unknown identifier (for 'did you mean' messages)."""
    creds = list(catalog)
    hits = [c.id for c, _ in search(creds, text, limit=n, min_score=60.0)]
    if hits:
        return hits
    from rapidfuzz import fuzz, process, utils

    found = process.extract(text, [c.id for c in creds], scorer=fuzz.WRatio, processor=utils.default_process, limit=n)
    return [m for m, s, _ in found if s >= 75]  # below that, a suggestion is noise ("foo" is no id's typo)
