"""The catalog's own quality report (``certwise catalog audit``): how well each fact is sourced.

Per record and in total: facts with a single source, facts backed only by third parties,
sources older than :data:`STALE_DAYS`, sources on the deny-list of mirror and exam-dump sites
(``denylist.txt`` beside this file), quotes that do not name the credential (or, for a
provider-wide rule, the provider), and records whose status changes within :data:`SOON_DAYS`.
Deny-listed sources and quotes that miss their credential are *errors* (CI fails on them); the
rest is reported.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> report = catalog_audit(default_catalog(), date(2026, 12, 1))
>>> report["as_of"], report["totals"]["records"] == len(default_catalog())
('2026-12-01', True)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from certwise.catalog.freshness import STALE_DAYS, is_stale, record_checked
from certwise.catalog.load import Catalog
from certwise.catalog.model import FACT_FIELDS, GUIDE_DATE, Credential, Source

__all__ = ["STALE_DAYS", "catalog_audit", "is_stale", "record_audit", "record_checked"]

"""A source checked longer ago than this is stale; so is a record whose newest check is."""
SOON_DAYS = 90
"""A status change (beta ends, retirement, a new exam version) within this many days is reported."""
DENYLIST_FILE = Path(__file__).with_name("denylist.txt")

# Words that name a provider in a quote, beyond its full name.
PROVIDER_WORDS = {
    "Amazon Web Services": ("aws", "amazon"),
    "Microsoft": ("microsoft", "azure"),
    "Google Cloud": ("google",),
    "Google": ("google",),
    "NVIDIA": ("nvidia",),
    "Coursera": ("coursera",),
}


def denylist() -> tuple[str, ...]:
    """Domains never cited: exam-dump and practice-question sites, mirrors and proxies."""
    out = []
    for line in DENYLIST_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line)
    return tuple(out)


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_denied(url: str | None, denied: tuple[str, ...]) -> bool:
    """Is ``url`` on a denied domain (the domain itself or any sub-domain; or a denied word in the host)?"""
    if not url:
        return False
    h = host(url)
    return any(h == d or h.endswith("." + d) or (d.startswith("*") and d[1:] in h) for d in denied)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9+]+", " ", s.lower()).strip()


def provider_words(c: Credential) -> list[str]:
    """What names the provider in a quote: its name and each part of it, its acronyms, its known
    short names, and the platform that delivers the credential (Coursera, Microsoft Learn …)."""
    parts = [c.provider, *re.split(r"[()/,]| through | on ", c.provider)]
    words = [_norm(p) for p in parts if len(_norm(p)) >= 3]
    words += [a.lower() for a in re.findall(r"\b[A-Z]{2,}[a-z]?\b", c.provider)]
    words += list(PROVIDER_WORDS.get(c.provider, ()))
    h = host(c.url)
    words += [w for w in ("coursera", "edx", "microsoft", "github") if w in h]
    return [w for w in dict.fromkeys(words) if w]


def _names(c: Credential) -> list[str]:
    """What a quote may call the credential: its name, its aliases and codes, the name without its provider."""
    names = [c.name, *c.aliases, *(v.code for v in c.versions)]
    short = re.sub(r"\(.*?\)", "", c.name)
    for p in (c.provider, "Microsoft Certified:", "NVIDIA-Certified", "Certified", "AWS", "Google Cloud",
              "Microsoft Azure", "Google"):
        short = short.replace(p, " ")
    names.append(short)
    return [n for n in (_norm(x) for x in names) if len(n) >= 3]


def quote_names_credential(s: Source, c: Credential) -> bool:
    """Does the quote name what it supports: the credential, or the provider for a provider-wide rule?"""
    if not s.quote:
        return False
    q = f" {_norm(s.quote)} "
    if s.scope == "provider":
        return any(f" {w} " in q for w in provider_words(c))
    if s.scope == "category":
        return True  # a rule for a class of credentials (reported, not failed)
    return any(f" {n} " in q for n in _names(c))


def publisher(s: Source, c: Credential) -> str:
    """``vendor``, ``third-party`` or ``guide``: as the record says, else from where the source is."""
    if s.publisher:
        return s.publisher
    if s.ref == "guide":
        return "guide"
    return "vendor" if s.url and _vendor_host(host(s.url), c) else "third-party"


def _vendor_host(h: str, c: Credential) -> bool:
    if c.url and h == host(c.url):
        return True
    return any(w in h for w in (_norm(c.provider).split() or [""])[:1] if len(w) >= 3)


def _status_changes(c: Credential, as_of: date, until: date) -> list[dict[str, str]]:
    lc = c.lifecycle
    events = [("beta ends", lc.beta_until), ("retirement announced", lc.retirement_announced),
              ("retires", lc.retired), ("launches", lc.launched)]
    for v in c.versions:
        events += [(f"{v.code} opens", v.opens()), (f"{v.code} becomes generally available", v.available_from),
                   (f"{v.code} last day", v.last_day)]
    return [{"what": w, "date": d.isoformat()} for w, d in events if d and as_of <= d <= until]


def record_audit(c: Credential, as_of: date, denied: tuple[str, ...]) -> dict[str, Any]:
    """The quality findings for one record."""
    present = [f for f in FACT_FIELDS if f in {x for s in c.sources for x in s.supports}]
    single, third_only = [], []
    for f in present:
        srcs = c.source_for(f)
        if len(srcs) == 1:
            single.append(f)
        if srcs and all(publisher(s, c) == "third-party" for s in srcs):
            third_only.append(f)
    stale = [s.url or s.title or s.ref for s in c.sources
             if s.ref != "guide" and (as_of - s.verified).days > STALE_DAYS]
    misses = [s.url or s.title or s.ref for s in c.sources if s.ref != "guide" and not quote_names_credential(s, c)]
    guide_misses = [s.quote or "" for s in c.sources if s.ref == "guide" and s.scope == "credential"
                    and not quote_names_credential(s, c)]
    checked = max((s.verified for s in c.sources if s.ref != "guide"), default=GUIDE_DATE)
    return {
        "id": c.id,
        "checked": checked.isoformat(),
        "single_source": single,
        "third_party_only": third_only,
        "stale_sources": stale,
        "denylisted": [s.url for s in c.sources if is_denied(s.url, denied)],
        "quote_misses_credential": misses + [f"guide: {q[:60]}" for q in guide_misses],
        "status_changes_soon": _status_changes(c, as_of, as_of + timedelta(days=SOON_DAYS)),
    }


def catalog_audit(catalog: Catalog, as_of: date) -> dict[str, Any]:
    """The whole report: ``records`` (those with findings), ``totals``, and ``ok`` (no errors)."""
    denied = denylist()
    records = [record_audit(c, as_of, denied) for c in catalog if c.origin == "catalog"]
    keys = ("single_source", "third_party_only", "stale_sources", "denylisted", "quote_misses_credential",
            "status_changes_soon")
    totals = {k: sum(len(r[k]) for r in records) for k in keys}
    totals["records"] = len(records)
    totals["sources"] = sum(len(c.sources) for c in catalog if c.origin == "catalog")
    errors = totals["denylisted"] + totals["quote_misses_credential"]
    return {
        "as_of": as_of.isoformat(),
        "checked": max((r["checked"] for r in records), default=None),
        "oldest_check": min((r["checked"] for r in records), default=None),
        "ok": errors == 0,
        "errors": errors,
        "totals": totals,
        "records": [r for r in records if any(r[k] for k in keys)],
    }
