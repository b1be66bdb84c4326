"""What a portfolio says: coherence, the story it tells, what lapsed, what is noise, what next.

The guide opens with a colleague who "collected seven different AI certifications over the past
year—badges lined up like military medals" and could not say which had helped. An audit reads
a set of holdings (catalog ids, Open Badges, portfolio entries) the way a hiring manager would
(SPEC.md §4 ``audit``):

* **coherence** 0-100 and the ``collecting`` verdict: one ecosystem, rising level, connected
  domains, diluted by credentials the catalog does not know — the same rule as recommend's
  (:func:`certwise.advice.coherence.holdings_coherence`);
* **story**: the same judgement in plain words;
* **warnings** (``collecting``, ``expired``, ``expiring-soon``, ``unrecognized``, ``redundant``,
  ``superseded``), each with a message that says what to do;
* **next**: the step that strengthens the story, the next level in the dominant ecosystem and
  domain (:func:`certwise.advice.ladder.next_rung`).

Pure: no I/O. Holdings are read by :mod:`certwise.advice.holdings`: expiry comes from the
holding when given, else from the provider's renewal rule.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> r = audit([Holding(id=None, name="AI Certified Professional", issuer="Best AI Academy")],
...           default_catalog(), date(2026, 11, 25))
>>> [w["code"] for w in r["warnings"]], r["unrecognized"][0]["verdict"]
(['unrecognized'], 'skip')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from certwise.advice.coherence import holdings_coherence
from certwise.advice.holdings import Held, Holding, read_holdings
from certwise.advice.issuers import normalise_name
from certwise.advice.ladder import dominant_path, next_rung
from certwise.catalog.labels import domain_name, ecosystem_name, level_name
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.words import and_list, cap, count

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["Holding", "audit"]

# --- the audit --------------------------------------------------------------------------------


def audit(holdings: Iterable[Holding], catalog: Catalog, as_of: date, soon_days: int = 90) -> dict[str, Any]:
    """Audit ``holdings`` as of ``as_of`` (SPEC.md §4 audit JSON)."""
    items = read_holdings(holdings, catalog, as_of)
    unrec = [i for i in items if i.cred is None]
    # coherence: the recognised credentials' story, diluted by the ones employers won't know
    coh = holdings_coherence([i.cred.id for i in items if i.cred], catalog,
                             earned={i.cred.id: i.h.earned for i in items if i.cred},
                             uncatalogued=sum(not i.mill_like for i in unrec), mill_like=sum(i.mill_like for i in unrec))
    catalogued = {i.cred.id: i for i in items if i.cred}
    rec = [catalogued[cid] for cid in coh.order]  # in the order of the story: earned, level, id
    rec_ids = list(coh.order)
    held_ids = set(rec_ids)
    score = coh.score

    warnings: list[dict[str, str]] = []
    soon = as_of + timedelta(days=soon_days)
    expired: list[dict[str, Any]] = []
    expiring: list[dict[str, Any]] = []
    held_out: list[dict[str, Any]] = []
    for it in [*rec, *unrec]:
        state = "valid"
        if it.expires and it.expires < as_of:
            state = "expired"
            expired.append(_expired_entry(it, as_of, catalog, held_ids))
        elif it.expires and it.expires <= soon:
            state = "expiring-soon"
            expiring.append(_expiring_entry(it, as_of))
        if it.cred is None:
            state = "unrecognized" if state == "valid" else state
        held_out.append({
            "id": it.cred.id if it.cred else None, "name": it.label,
            "issuer": it.cred.provider if it.cred else it.h.issuer,
            "level": it.cred.level.value if it.cred else None,
            "earned": _iso(it.h.earned), "expires": _iso(it.expires), "expires_basis": it.basis,
            "state": state, "source": it.h.source,
        })
    for e in expired:
        warnings.append({"code": "expired", "message": e.pop("_message")})
    for e in expiring:
        warnings.append({"code": "expiring-soon", "message": e.pop("_message")})

    for it in rec:
        c = it.cred
        assert c is not None
        if c.status(as_of) == "retired" and not (it.expires and it.expires < as_of):
            succ = [s for s in c.lifecycle.successors if s in catalog]
            have = [s for s in succ if s in held_ids]
            if not have:
                instead = f"; employers now look for {', '.join(succ)}" if succ else ""
                warnings.append({
                    "code": "superseded",
                    "message": f"{c.name} was retired on {_iso(c.lifecycle.retired)}; it counts until it "
                    f"expires{f' on {it.expires.isoformat()}' if it.expires else ''} but cannot be renewed{instead}",
                })

    unrecognized = [{
        "name": i.h.name, "issuer": i.h.issuer, "source": i.h.source,
        "verdict": (i.judged or {}).get("verdict"),
        "red_flags": (i.judged or {}).get("red_flags", []),
        "basis": (i.judged or {}).get("basis"),
        "mill_like": i.mill_like,
    } for i in unrec]
    if unrec:
        mills = [i for i in unrec if i.mill_like]
        names = "; ".join(f"{i.h.name}" + (f" ({i.h.issuer})" if i.h.issuer else "") for i in unrec)
        if mills:
            msg = (f"{cap(count(len(unrec), 'credential'))} the catalog does not know: {names}. "
                   f"{cap(count(len(mills), 'looks', 'look'))} like certificate-mill output (generic title or an "
                   "issuer employers won't recognise); leave " + ("it" if len(mills) == 1 else "them")
                   + " off your headline: they can raise questions rather than add credibility")
        else:
            msg = (f"{cap(count(len(unrec), 'credential'))} the catalog does not know: {names}. Check each one with the "
                   "worth-it test: recognition, hands-on work and a specific skill are what count")
        warnings.append({"code": "unrecognized", "message": msg})

    redundant = _redundant(rec, catalog)
    for r in redundant:
        warnings.append({"code": "redundant", "message": r["reason"]})

    steps = next_rung(coh.order, catalog, as_of, earned={i.cred.id: i.h.earned for i in rec if i.cred})
    nxt = [s["id"] for s in steps]

    collecting = coh.collecting
    if collecting:
        warnings.insert(0, {
            "code": "collecting",
            "message": f"{cap(count(coh.count, 'credential'))} with a coherence of {score}/100: collecting rather than "
            "building a story. \"A few well-chosen, respected certifications will serve you far better than a "
            "collection of random credentials\"" + (f"; deepen one path next ({nxt[0]})" if nxt else ""),
        })

    story = _story(rec, unrec, score, collecting, expired, steps, catalog)
    return {
        "as_of": as_of.isoformat(),
        "coherence": score,
        "story": story,
        "warnings": warnings,
        "held": held_out,
        "expired": expired,
        "expiring": expiring,
        "unrecognized": unrecognized,
        "redundant": redundant,
        "next": nxt,
        "next_steps": steps,
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _expired_entry(it: Held, as_of: date, catalog: Catalog, held_ids: set[str]) -> dict[str, Any]:
    c = it.cred
    assert it.expires is not None
    days = (as_of - it.expires).days
    entry: dict[str, Any] = {"id": c.id if c else None, "name": it.label, "expires": it.expires.isoformat(),
                             "days_ago": days}
    msg = f"{it.label} expired on {it.expires.isoformat()}"
    if c is None:
        msg += "; remove it or renew it with its issuer"
    elif c.status(as_of) == "retired":
        succ = [s for s in c.lifecycle.successors if s in catalog]
        entry["renewable"] = False
        entry["successors"] = succ
        if any(s in held_ids for s in succ):
            msg += f" and was retired; you hold its successor ({', '.join(s for s in succ if s in held_ids)}), so let it go"
        elif succ:
            msg += f" and cannot be renewed (retired {_iso(c.lifecycle.retired)}); earn its successor {' or '.join(succ)}"
        else:
            msg += f" and cannot be renewed (retired {_iso(c.lifecycle.retired)})"
    else:
        entry["renewable"] = True
        entry["renewal_method"] = c.renewal.method
        how = c.renewal.method.replace("-", " ")
        msg += (f"; renew it ({how}): \"letting them lapse signals you're not maintaining your skills\""
                if c.renewal.method not in ("none", "not-applicable") else "")
    entry["_message"] = msg
    return entry


def _expiring_entry(it: Held, as_of: date) -> dict[str, Any]:
    c = it.cred
    assert it.expires is not None
    days = (it.expires - as_of).days
    entry: dict[str, Any] = {"id": c.id if c else None, "name": it.label, "expires": it.expires.isoformat(),
                             "days_left": days}
    msg = f"{it.label} expires on {it.expires.isoformat()} (in {days} day{'' if days == 1 else 's'})"
    if c is not None:
        rule = c.renewal
        entry["renewal_method"] = rule.method
        if rule.window_days:
            opens = it.expires - timedelta(days=rule.window_days)
            entry["renewal_window_start"] = opens.isoformat()
            msg += f"; the renewal window {'opened' if opens <= as_of else 'opens'} on {opens.isoformat()}"
        if c.status(as_of) == "retired":
            msg += "; it was retired and cannot be renewed"
        elif rule.method not in ("none", "not-applicable"):
            msg += f"; renew it ({rule.method.replace('-', ' ')})"
            if rule.discount_pct:
                msg += f" with the {rule.discount_pct:g}% discount"
    entry["_message"] = msg
    return entry


def _redundant(rec: list[Held], catalog: Catalog) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[frozenset[str]] = set()
    creds = [i.cred for i in rec if i.cred]
    for a in creds:
        for b in creds:
            if a.id == b.id or frozenset((a.id, b.id)) in seen:
                continue
            if b.id in a.lifecycle.successors:
                seen.add(frozenset((a.id, b.id)))
                out.append({"ids": [a.id, b.id], "names": [a.name, b.name], "keep": b.id,
                            "reason": f"{b.name} is the successor of {a.name}: they prove the same thing, so keep "
                            f"{b.name} current and let {a.name} lapse"})
    for i, a in enumerate(creds):
        for b in creds[i + 1:]:
            pair = frozenset((a.id, b.id))
            if pair in seen or "learning-path" in (a.kind.value, b.kind.value):
                continue
            if a.level == b.level and set(a.domains) == set(b.domains):
                seen.add(pair)
                keep = min((a, b), key=lambda c: (c.tier or 9, -LEVEL_RANK[c.level.value]))
                drop = b if keep is a else a
                area = ", ".join(domain_name(d) for d in a.domains)
                renews = drop.renewal.validity_years and drop.renewal.method not in ("none", "not-applicable")
                out.append({"ids": [a.id, b.id], "names": [a.name, b.name], "keep": keep.id,
                            "reason": f"{a.name} and {b.name} prove the same thing ({level_name(a.level.value).lower()}, {area}); "
                            "a second one adds little to your story"
                            + (f": keep {keep.name} current and let {drop.name} lapse" if renews else
                               "; spend the next effort one level deeper instead")})
    return out


# --- the story --------------------------------------------------------------------------------


def _areas(creds: list[Credential]) -> list[str]:
    doms = Counter(d for c in creds for d in c.domains)
    return [domain_name(d) for d, _ in sorted(doms.items(), key=lambda kv: (-kv[1], kv[0]))]


def _story(rec: list[Held], unrec: list[Held], score: int, collecting: bool, expired: list[dict[str, Any]],
           steps: list[dict[str, Any]], catalog: Catalog) -> str:
    creds = [i.cred for i in rec if i.cred]
    total = len(rec) + len(unrec)
    nxt = steps[0] if steps else None
    then = f" Next: {nxt['name']}." if nxt else ""
    lapsed = f" {cap(count(len(expired), 'has', 'have'))} lapsed." if expired else ""
    if total == 0:
        return ("No credentials yet. Pick one that fits where you are, commit to a timeline, and start." + then)
    if collecting:
        providers = {c.provider for c in creds} | {normalise_name(i.h.issuer) for i in unrec if i.h.issuer}
        ecos = {c.ecosystem for c in creds if c.ecosystem != "vendor-neutral"}
        mills = sum(i.mill_like for i in unrec)
        dates = sorted(d for d in (i.h.earned for i in [*rec, *unrec]) if d)
        within_year = len(dates) == total and (dates[-1] - dates[0]).days <= 366
        parts = [f"{cap(count(total, 'badge'))} that tell no story"
                 + (", collected within a year" if within_year else "") + "."]
        spread = f"They come from {count(len(providers), 'issuer')}"
        if len(ecos) > 1:
            spread += f", across {count(len(ecos), 'platform')}"
        areas = _areas(creds)
        if areas:
            spread += f", and cover {', '.join(areas[:4])}{' and more' if len(areas) > 4 else ''}"
        parts.append(spread + ".")
        if mills:
            parts.append(f"{cap(count(mills, 'comes', 'come'))} from {'a program' if mills == 1 else 'programs'} "
                         "employers won't recognise.")
        parts.append("Like the guide's colleague with seven certifications, it is hard to say which one made a "
                     "difference: quality over quantity. Pick one direction, go one level deeper, and back it "
                     "with projects." + then)
        return " ".join(parts) + lapsed
    if not creds:
        return (f"{cap(count(total, 'credential'))}, none of them from a program the catalog recognises: "
                "employers may not know them. Start one that hiring managers do recognise." + then + lapsed)
    path = dominant_path(creds)
    eco, domains = path.ecosystem, path.domains
    where = ecosystem_name(eco) + " " if eco else ""
    area = and_list([domain_name(d) for d in domains[:2]] or ["AI"])
    if len(creds) == 1 and not unrec:
        c = creds[0]
        more = ("A start; the next step should build on it rather than add a new direction."
                if LEVEL_RANK[c.level.value] <= 2 else
                "A strong signal on its own: keep it current and back it with projects.")
        return f"One credential: {c.name} ({c.level.value}, {c.provider}). {more}" + then + lapsed
    levels = [c.level.value for c in creds]
    top = max(levels, key=lambda v: LEVEL_RANK[v])
    rise = f"rising from {levels[0]} to {top}" if LEVEL_RANK[top] > LEVEL_RANK[levels[0]] else f"at {top} level"
    if score >= 70:
        story = f"A coherent story: {where}credentials in {area}, {rise}."
    else:
        off = [c for c in creds if (eco and c.ecosystem not in (eco, "vendor-neutral"))
               or not set(c.domains) & set(domains)]
        stray = and_list([c.name for c in off[:3]]) if off else ""
        verb = "points" if len(off[:3]) == 1 else "point"
        story = (f"A story with loose ends: mostly {where}{area}" + (f", but {stray} {verb} elsewhere" if stray else "")
                 + ". Build on the main thread rather than starting new ones.")
    if unrec:
        story += f" {cap(count(len(unrec), 'credential'))} outside the catalog add little to it."
    return story + then + lapsed
