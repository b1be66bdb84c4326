"""Re-fetch every source the catalog cites and say what changed: ``certwise catalog check-sources``.

Keeping the catalog true is a routine: each source URL is fetched (GET, redirects followed,
a few at a time), and its ETag, Last-Modified and a SHA-256 of the body are kept per URL in
``source-checks.json`` in the data directory. The next run compares: **changed** (the content
differs from the last run), **moved** (it now redirects elsewhere), **vanished** (404/410),
**unreachable** (no answer, or another error), **new** (first time seen), **unchanged**.
Nothing is written to the catalog itself: a person reads the changed pages and updates the records.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from certwise import __version__
from certwise.catalog.load import Catalog

STATE_FILE = "source-checks.json"
MAX_BODY = 5_000_000  # bytes read from one page (enough to hash any exam guide)
TIMEOUT = 15.0  # seconds per request
WORKERS = 6
USER_AGENT = f"certwise/{__version__} (catalog source check)"


@dataclass
class PageState:
    """What one fetch saw."""

    url: str
    status: int | None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    error: str | None = None
    checked: str = ""


@dataclass
class Finding:
    url: str
    result: str  # new, unchanged, changed, moved, vanished, unreachable
    detail: str
    ids: list[str]


def source_urls(catalog: Catalog) -> dict[str, list[str]]:
    """Each cited URL (guide citations have none) with the ids of the records that cite it."""
    out: dict[str, list[str]] = {}
    for c in catalog:
        for s in c.sources:
            if s.url and s.url.startswith(("http://", "https://")):
                out.setdefault(s.url, [])
                if c.id not in out[s.url]:
                    out[s.url].append(c.id)
    return out


def fetch(url: str, timeout: float = TIMEOUT) -> PageState:
    """GET ``url`` (redirects followed); never raises: an error is recorded in the state."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) URLs only
            body = resp.read(MAX_BODY)
            return PageState(url, resp.status, resp.geturl(), resp.headers.get("ETag"),
                             resp.headers.get("Last-Modified"), hashlib.sha256(body).hexdigest(), None, now)
    except urllib.error.HTTPError as e:
        return PageState(url, e.code, None, None, None, None, f"HTTP {e.code}", now)
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        return PageState(url, None, None, None, None, None, str(reason)[:200], now)


def compare(new: PageState, old: dict[str, Any] | None) -> tuple[str, str]:
    """(result, detail) for one page against what the last run stored."""
    if new.status in (404, 410):
        return "vanished", f"HTTP {new.status}"
    if new.error:
        return "unreachable", new.error
    if new.final_url and new.final_url.rstrip("/") != new.url.rstrip("/"):
        return "moved", f"now at {new.final_url}"
    if not old or not old.get("sha256"):
        return "new", "first check; stored for next time"
    if old.get("sha256") != new.sha256:
        why = []
        if old.get("etag") and old.get("etag") != new.etag:
            why.append("ETag changed")
        if old.get("last_modified") and old.get("last_modified") != new.last_modified:
            why.append(f"Last-Modified now {new.last_modified}")
        return "changed", "; ".join(why) or "content changed"
    return "unchanged", ""


def load_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(path: Path, state: dict[str, Any]) -> None:
    """Write atomically: a run that is stopped half-way leaves the previous file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def check_sources(
    catalog: Catalog,
    state_path: Path,
    *,
    only: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    fetcher: Callable[[str], PageState] = fetch,
) -> dict[str, Any]:
    """Fetch every source URL (or those of the ``only`` ids), compare with the stored state, store the new one.

    Returns ``{"checked", "counts": {result: n}, "findings": [...]}``, findings other than
    unchanged, worst first. ``progress(done, total)`` is called after each page.
    """
    urls = source_urls(catalog)
    if only is not None:
        wanted = set(only)
        urls = {u: ids for u, ids in urls.items() if wanted.intersection(ids)}
    old = load_state(state_path)
    pages = old.get("pages", {}) if isinstance(old.get("pages"), dict) else {}
    results: list[Finding] = []
    total = len(urls)
    done = 0
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for st in pool.map(fetcher, urls):
            done += 1
            result, detail = compare(st, pages.get(st.url))
            results.append(Finding(st.url, result, detail, urls[st.url]))
            if result not in ("unreachable",):  # keep the last good state of a page that did not answer
                pages[st.url] = asdict(st)
            if progress:
                progress(done, total)
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    save_state(state_path, {"version": 1, "checked": when, "pages": pages})
    order = {"vanished": 0, "moved": 1, "changed": 2, "unreachable": 3, "new": 4, "unchanged": 5}
    counts = {k: sum(1 for f in results if f.result == k) for k in order}
    findings = sorted((f for f in results if f.result != "unchanged"), key=lambda f: (order[f.result], f.url))
    return {"checked": when, "total": total, "counts": counts, "offline": total > 0 and counts["unreachable"] == total,
            "findings": [asdict(f) for f in findings]}
