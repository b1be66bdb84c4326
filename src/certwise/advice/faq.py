"""The guide's FAQ, answered from the catalog on a date — so the answers stay true.

The guide (January 2026) answers six questions in prose. certwise answers the same questions
from its data: which pick comes first is what ``recommend`` says today, how long things take
comes from the records' prep times, and "will they become outdated" lists what has retired.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> [q["id"] for q in faq(default_catalog(), date(2026, 11, 24))][:2]
['worth-the-money', 'which-first']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.advice.profile import profile_from
from certwise.advice.recommend import recommend
from certwise.words import and_list, span

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential


def _months(c: Credential) -> str:
    return span(c.prep.months, "months") if c.prep.months else span(c.prep_hours(), "hours")


def _top(catalog: Catalog, as_of: date, mapping: dict[str, Any]) -> str:
    recs = recommend(profile_from(mapping), catalog, as_of, limit=1)["recommendations"]
    return recs[0]["id"] if recs else ""


def faq(catalog: Catalog, as_of: date) -> list[dict[str, Any]]:
    """Questions and answers: ``[{"id", "question", "answer", "ids"}]`` (ids: credentials named)."""
    live = [c for c in catalog if c.is_live(as_of)]
    out: list[dict[str, Any]] = []

    # 1. worth the money?
    sal = [c for c in catalog if c.salary_uplift]
    parts = []
    for c in sal:
        u = c.salary_uplift
        assert u is not None
        state = c.status(as_of)
        tail = f" (retired {c.lifecycle.retired}; see what replaced it)" if state == "retired" else ""
        parts.append(f"{c.name}: about {u.pct.low:g}%{tail}")
    out.append({
        "id": "worth-the-money",
        "question": "Are AI certifications worth the money?",
        "answer": ("It depends on which one and on your situation. Recognised, specific, hands-on credentials from "
                   "the major providers are; generic certificates from unknown issuers usually are not "
                   "(the worth-it check runs that test on any credential). The only salary figures a source gives "
                   "are self-reported survey figures: " + "; ".join(parts) + ". Treat them as upper bounds, not promises."),
        "ids": [c.id for c in sal],
    })

    # 2. which first? (what recommend says today, per starting point)
    cases: list[tuple[str, dict[str, Any]]] = [
        ("a complete beginner", {"role": "career-changer"}),
        ("quick AI literacy", {"role": "non-technical", "goal": "ai-literacy"}),
        ("a developer on AWS", {"role": "developer", "cloud": "aws", "cloud_experience": "some", "years_experience": 3,
                                "goal": "ml-engineering"}),
        ("a developer on Google Cloud", {"role": "developer", "cloud": "gcp", "cloud_experience": "some",
                                         "years_experience": 3, "goal": "ml-engineering"}),
        ("a developer on Azure", {"role": "developer", "cloud": "azure", "cloud_experience": "some",
                                  "years_experience": 3}),
    ]
    picks = [(who, _top(catalog, as_of, m)) for who, m in cases]
    out.append({
        "id": "which-first",
        "question": "Which AI certification should I get first?",
        "answer": ("There is no universal answer; it depends on where you start. As of " + as_of.isoformat() + ": "
                   + "; ".join(f"for {who}, {catalog.get(cid).name}" for who, cid in picks if cid)
                   + ". The recommendations answer for your own profile."),
        "ids": [cid for _, cid in picks if cid],
    })

    # 3. degree?
    exams = [c for c in live if c.kind.value != "learning-path"]
    no_prereq = [c for c in exams if not c.prerequisites]
    out.append({
        "id": "degree",
        "question": "Do I need a degree to get AI certified?",
        "answer": (f"No. {len(no_prereq)} of the {len(exams)} credentials available today require no other "
                   "credential; providers recommend experience, not diplomas (only university programmes may ask "
                   "for a degree at admission). Employers increasingly weigh demonstrable skills, so pair a "
                   "credential with projects you can show."),
        "ids": [],
    })

    # 4. how long?
    named = [i for i in ("google-ai-essentials", "ibm-ai-engineering", "google-ml-engineer",
                         "aws-ml-engineer-associate", "azure-ai-apps-agents-developer") if i in catalog]
    out.append({
        "id": "how-long",
        "question": "How long does it take to get AI certified?",
        "answer": ("It varies widely: " + "; ".join(f"{catalog.get(i).name}: {_months(catalog.get(i))}" for i in named)
                   + ". Cloud provider exams assume relevant experience. A study plan turns a choice into dated weeks "
                   "at your pace."),
        "ids": named,
    })

    # 5. best free?
    free = [c for c in live if c.cost.is_free]
    aid = [c for c in live if c.cost.financial_aid and not c.cost.is_free]
    out.append({
        "id": "best-free",
        "question": "What's the best free AI certification?",
        "answer": ("No fully free credential has the recognition of the paid exams, but the preparation can be free: "
                   + ", ".join(c.name for c in free)
                   + ". Financial aid can cover " + ", ".join(c.name for c in aid)
                   + ". Start with the free material, then pay for the exam when you are ready."),
        "ids": [c.id for c in free + aid],
    })

    # 6. outdated?
    retired = sorted((c for c in catalog if c.status(as_of) == "retired"), key=lambda c: (c.lifecycle.retired, c.id))
    retiring = [c for c in catalog if c.status(as_of) == "retiring"]
    lines = []
    for c in retired:
        succ = [catalog.get(s).name for s in c.lifecycle.successors if s in catalog]
        lines.append(f"{c.name} retired on {c.lifecycle.retired}"
                     + (f" (take {and_list(succ, 'or')} instead)" if succ else ""))
    answer = ("Some do. Cloud providers revise and retire exams as their platforms change: "
              + ("; ".join(lines) if lines else "none of the catalogued credentials has retired yet") + ".")
    if retiring:
        answer += " Retiring soon: " + "; ".join(f"{c.name} on {c.lifecycle.retired}" for c in retiring) + "."
    answer += " Foundational skills (ML concepts, Python) keep their value; renew or move to the successor."
    out.append({"id": "outdated", "question": "Will AI certifications become outdated quickly?", "answer": answer,
                "ids": [c.id for c in retired + retiring]})
    return out
