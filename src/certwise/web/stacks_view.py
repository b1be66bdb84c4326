"""The guide's stacks as the stacks page shows them: the engine's stacks
(``certwise.advice.stacks.named_stack``) with every credential by name and status, ready for
the picture (``svg_stacks``) and the list beside it.

A step is one of four kinds: ``credential`` (take this, with alternatives), ``choice`` (a kind
of credential, with catalog examples), ``existing`` (what you already hold) or ``gone`` (the
guide's credential was retired and nothing replaces it yet — shown as a note, never as a
step to take). The engine already replaces retired credentials with their successors; this
view also leaves out any retired one it is given, so the page can never offer one.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> s = stacks_page_data(default_catalog(), date(2026, 11, 25))[1]
>>> s["title"], s["view"][0]["kind"], s["view"][0]["ref"]["name"]
('The AI Product Professional Stack', 'credential', 'Google AI Essentials')
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from certwise import words
from certwise.advice.profile import Profile
from certwise.advice.stacks import STACK_NAMES, named_stack, stack_for_profile

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog


def ref(cat: Catalog, ident: str, as_of: date) -> dict[str, Any] | None:
    """A credential as a box or a link shows it (None when it is retired or unknown)."""
    if ident not in cat:
        return None
    c = cat.get(ident)
    status = c.status(as_of)
    if status == "retired":
        return None
    return {"id": c.id, "name": c.name, "status": status, "domain": c.domains[0] if c.domains else None}


def _refs(cat: Catalog, ids: list[str], as_of: date) -> list[dict[str, Any]]:
    return [r for r in (ref(cat, i, as_of) for i in ids) if r is not None]


def step_view(step: dict[str, Any], cat: Catalog, as_of: date) -> dict[str, Any]:
    """One engine step in names: ``kind``, ``why``, ``optional`` and what the kind carries."""
    out: dict[str, Any] = {"why": step.get("why", ""), "optional": bool(step.get("optional"))}
    if "id" in step:
        main = ref(cat, step["id"], as_of)
        if main is not None:
            replaced = ref_name(cat, step.get("replaces"))
            return {**out, "kind": "credential", "ref": main, "replaces": replaced,
                    "alternatives": _refs(cat, step.get("alternatives", []), as_of)}
        return {**out, "kind": "gone", "label": f"{ref_name(cat, step['id']) or 'This credential'} is retired"}
    label = str(step.get("label", ""))
    if " " not in label:  # the engine names a credential it could not place (retired, no successor)
        name = ref_name(cat, label) or "A credential the guide names"
        return {**out, "kind": "gone", "label": f"{name}: no current credential replaces it yet"}
    if step.get("existing"):
        return {**out, "kind": "existing", "label": label, "options": _refs(cat, step.get("held", []), as_of)}
    return {**out, "kind": "choice", "label": label, "options": _refs(cat, step.get("options", []), as_of)}


def ref_name(cat: Catalog, ident: str | None) -> str | None:
    return cat.get(ident).name if ident and ident in cat else None


def _page_stack(s: dict[str, Any], view: list[dict[str, Any]], cat: Catalog) -> dict[str, Any]:
    months = s["total_months"]
    lo, hi = max(1, round(months["low"])), max(1, round(months["high"]))
    return {**s, "view": view,
            "months_words": words.span({"low": lo, "high": hi}, "month" if hi == 1 else "months"),
            "cost_not_stated_names": [n for n in (ref_name(cat, i) for i in s["cost_not_stated"]) if n]}


def stacks_page_data(cat: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Every named stack (the engine's dict) with ``view`` (its steps in names),
    ``months_words`` ("5–13 months") and ``cost_not_stated_names``."""
    out = []
    for name in STACK_NAMES:
        s = named_stack(name, cat, as_of)
        out.append(_page_stack(s, [step_view(st, cat, as_of) for st in s["steps"]], cat))
    return out


def profile_stack_data(profile: Profile, cat: Catalog, as_of: date) -> dict[str, Any] | None:
    """The stack built for a profile, like :func:`stacks_page_data`'s (None when nothing fits).
    Its steps carry no reason: the engine's reasons for a profile's path are written for the
    API (they name credentials by id); the results page says why each was picked."""
    s = stack_for_profile(profile, cat, as_of)
    view = [{**step_view(st, cat, as_of), "why": ""} for st in s["steps"]]
    return _page_stack(s, view, cat) if view else None
