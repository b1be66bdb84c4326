"""Dated study plans: pick one, commit to a timeline, start (SPEC.md §4 ``plan``).

A plan puts credentials in sequence (prerequisites first, then rising level), turns each one's
prep hours into study weeks at the hours you have, and lays milestones over those weeks: for
every major topic of the credential's domains, something to *build* (the guide's "Building
Skills Alongside Certification"), a write-up halfway, a review before the exam and, after it,
the steps that make it count ("How to Maximize Your Certification's Impact"). Each item gets a
suggested exam date and the renewal due date from the provider's rule.

Pure: no I/O, dates in, one JSON-ready dict out.

>>> from datetime import date
>>> from certwise.catalog.model import EXAMPLE, Credential
>>> p = make_plan([Credential.model_validate(EXAMPLE)], date(2027, 1, 4), 5)
>>> p["items"][0]["study_weeks"], p["items"][0]["exam_date"], p["items"][0]["renewal_due"]
(4, '2027-02-01', '2029-02-01')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from certwise.advice.profile import stage_for
from certwise.catalog.model import LEVEL_RANK, Credential, ExamVersion, add_years
from certwise.constants import WEEKS_PER_MONTH
from certwise.words import and_list

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["PlanError", "make_plan", "stage_for", "study_hours", "add_years", "EXPERIENCE_RULE"]


class PlanError(ValueError):
    """Input that cannot make a plan; the message is one line saying what to do instead."""


EXPERIENCE_RULE = (
    "study hours come from the credential's prep range: early career (0-2 years) plans for the "
    "top of the range, mid career (3-7 years) the middle, senior (8+ years) the bottom"
)

REST_WEEKS = 1  # a week after each exam to make it count before the next one starts


# --- experience -------------------------------------------------------------------------------


def study_hours(cred: Credential, years_experience: int = 0) -> float:
    """Hours to plan for ``cred``, adjusted for experience (see :data:`EXPERIENCE_RULE`).

    >>> from certwise.catalog.model import EXAMPLE, Credential
    >>> c = Credential.model_validate(EXAMPLE)  # prep 10-20 h
    >>> study_hours(c, 0), study_hours(c, 5), study_hours(c, 10)
    (20.0, 15.0, 10.0)
    """
    low, high = float(cred.prep_hours().low), float(cred.prep_hours().high)
    stage = stage_for(years_experience)
    if stage == "early":
        return high
    if stage == "mid":
        return (low + high) / 2
    return low


# --- dates ------------------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)


# --- order ------------------------------------------------------------------------------------


def _sequence(creds: Sequence[Credential]) -> list[Credential]:
    """Prerequisites (and recommended-before) first, then rising level, then the order given."""
    by_id = {c.id: c for c in creds}
    pos = {c.id: i for i, c in enumerate(creds)}
    before: dict[str, set[str]] = {
        c.id: {p for p in (*c.prerequisites, *c.recommended_before) if p in by_id and p != c.id}
        for c in creds
    }
    done: list[Credential] = []
    placed: set[str] = set()
    while len(done) < len(creds):
        ready = [c for c in creds if c.id not in placed and before[c.id] <= placed]
        if not ready:  # a cycle in the data: keep the order given
            ready = [c for c in creds if c.id not in placed]
        nxt = min(ready, key=lambda c: (LEVEL_RANK.get(c.level.value, 9), pos[c.id]))
        done.append(nxt)
        placed.add(nxt.id)
    return done


# --- milestones -------------------------------------------------------------------------------

# How each ecosystem names the things the projects use.
_VOCAB: dict[str, dict[str, str]] = {
    "aws": {
        "cloud": "AWS", "ml": "SageMaker", "genai": "Amazon Bedrock", "data": "S3 and Glue",
        "serve": "a SageMaker endpoint", "ai": "AWS AI services (Rekognition, Comprehend)",
    },
    "gcp": {
        "cloud": "Google Cloud", "ml": "Vertex AI", "genai": "Gemini on Vertex AI", "data": "BigQuery",
        "serve": "a Vertex AI endpoint", "ai": "Google Cloud's AI APIs (Vision, Natural Language)",
    },
    "azure": {
        "cloud": "Azure", "ml": "Azure Machine Learning", "genai": "Azure OpenAI in Azure AI Foundry",
        "data": "Azure Data Lake", "serve": "an Azure ML managed endpoint",
        "ai": "Azure AI services (Vision, Language)",
    },
    "databricks": {
        "cloud": "Databricks", "ml": "Databricks with MLflow", "genai": "Mosaic AI on Databricks",
        "data": "Spark and Delta Lake", "serve": "Databricks Model Serving", "ai": "Databricks AI functions",
    },
    "nvidia": {
        "cloud": "a GPU machine (local or cloud)", "ml": "PyTorch on a GPU", "genai": "NVIDIA NIM or NeMo",
        "data": "RAPIDS cuDF", "serve": "Triton Inference Server", "ai": "an NVIDIA pretrained model",
    },
    "vendor-neutral": {
        "cloud": "a cloud free tier", "ml": "scikit-learn or PyTorch", "genai": "an LLM API or an open model",
        "data": "pandas", "serve": "a small web API in a container", "ai": "an open-source pretrained model",
    },
}

# For every major concept, build something (the guide). (topic, project) per domain, in the
# order a learner meets them.
TOPICS: dict[str, list[tuple[str, str]]] = {
    "ml-engineering": [
        ("Data preparation and features", "Clean a real public dataset and engineer features with {data}; publish the notebook"),
        ("Training and evaluating models", "Train a model with {ml} that solves a small real problem (churn, prices, demand) and report honest metrics"),
        ("Tuning and model selection", "Tune it with {ml}; write down what moved the metric and what didn't"),
        ("Deploying a model", "Deploy the model to {serve} and call it from a script or small app"),
    ],
    "mlops": [
        ("ML pipelines and automation", "Turn your training into a repeatable pipeline ({ml}) that runs on every push"),
        ("Monitoring and drift", "Log your deployed model's predictions and alert when the input data drifts"),
        ("Versioning and safe rollout", "Version data and models; roll out a new version with a rollback plan"),
    ],
    "generative-ai": [
        ("Prompting and foundation models", "Build a prompt-driven tool with {genai} for a task you actually do"),
        ("Retrieval-augmented generation", "Build a RAG app with {genai} that answers questions over your own documents"),
        ("Agents and tool use", "Give a model one or two tools (search, an API) and build a small agent"),
        ("Evaluation and guardrails", "Write an evaluation set for your GenAI app and add guardrails against bad answers"),
    ],
    "deep-learning": [
        ("Neural network fundamentals", "Train a small neural network with {ml} on a real dataset, starting from a baseline"),
        ("Convolutional and sequence models", "Build an image or text model and compare it with the simple baseline"),
        ("Transfer learning and fine-tuning", "Fine-tune a pretrained model on a small dataset you collected yourself"),
    ],
    "computer-vision": [
        ("Image classification", "Build an image classifier for photos you took yourself"),
        ("Detection and vision services", "Detect objects with {ai} or a pretrained detector and show the results in a small app"),
    ],
    "nlp": [
        ("Text classification", "Classify real text (reviews, support tickets) and write up the errors you found"),
        ("Embeddings and language services", "Build semantic search over a document collection using embeddings"),
    ],
    "data-engineering": [
        ("Ingestion and storage", "Build a scheduled job that loads a public dataset into {data}"),
        ("Transformation at scale", "Write a transformation pipeline with {data}; measure and document its cost and run time"),
        ("Data quality", "Add data-quality checks that stop bad data before it reaches training"),
    ],
    "data-science": [
        ("Exploratory analysis", "Explore a public dataset with {data} and publish the three findings that surprised you"),
        ("Statistics and experiments", "Analyse an A/B test (real or simulated) and explain the result in plain words"),
        ("Communicating results", "Turn an analysis into a short report or dashboard a non-technical reader understands"),
    ],
    "ai-literacy": [
        ("What AI can and cannot do", "Pick three tasks from your own work, try AI on each and note what worked"),
        ("Prompting techniques", "Build a reusable prompt library for your job and measure the time it saves"),
        ("Responsible AI", "Write a one-page responsible-use checklist for your team"),
    ],
    "ai-governance": [
        ("Risk, fairness and transparency", "Audit a model or AI tool for bias with a public fairness toolkit and write up the findings"),
        ("Policy and compliance", "Draft an AI use policy for a real or imagined team, mapped to a public framework (e.g. NIST AI RMF)"),
    ],
    "infrastructure": [
        ("Compute, GPUs and scaling", "Profile a training job on {cloud}; make it faster or cheaper and document how"),
        ("Serving and optimisation", "Serve a model with {serve}; measure latency and throughput under load"),
    ],
    "cloud-fundamentals": [
        ("Core cloud services", "Open a {cloud} account with a budget alert; deploy a static site or a small function"),
        ("Security, identity and cost", "Lock the account down: least-privilege roles, MFA and a monthly cost report"),
    ],
    "ai-applications": [
        ("AI services in an app", "Add {ai} to a small app: one feature a user would actually use"),
        ("Conversational AI", "Build a chatbot for one narrow purpose (an FAQ, a booking) and test it with a real user"),
        ("Shipping it safely", "Deploy the app with keys kept out of the code; monitor its usage and cost"),
    ],
    "product-management": [
        ("Finding AI product opportunities", "Write a one-page brief for an AI feature: user, problem, data, success metric"),
        ("Evaluating AI features", "Prototype the feature with an API or a no-code tool and run five user tests"),
    ],
    "project-management": [
        ("Scoping an AI project", "Write a project charter for an AI initiative: business case, data needs, success criteria and risks"),
        ("Running and evaluating it", "Plan the iterations of a small AI pilot and define how you will decide to ship, fix or stop it"),
    ],
    "ai-security": [
        ("Threats to AI systems", "Threat-model an LLM application (prompt injection, data leakage, model theft) against a public framework such as the OWASP Top 10 for LLMs"),
        ("Securing and monitoring", "Add input/output guardrails and logging to a small LLM app and test them with a red-team prompt list"),
    ],
}


def _topics(cred: Credential, limit: int | None = None) -> list[tuple[str, str]]:
    """The credential's topics, domain by domain, in learning order.

    With ``limit``, topics are chosen round-robin over the domains (so every domain keeps its
    first topics) and then shown domain by domain.
    """
    vocab = _VOCAB.get(cred.ecosystem, _VOCAB["vendor-neutral"])
    seen: set[str] = set()
    keyed: list[tuple[int, int, str, str]] = []  # (domain index, topic index, topic, project)
    for di, d in enumerate(cred.domains):
        for ti, (topic, project) in enumerate(TOPICS.get(d, [])):
            if topic not in seen:
                seen.add(topic)
                keyed.append((di, ti, topic, project.format(**vocab)))
    if limit is not None and limit < len(keyed):
        keyed = sorted(keyed, key=lambda k: (k[1], k[0]))[:limit]
        keyed.sort(key=lambda k: (k[0], k[1]))
    return [(k[2], k[3]) for k in keyed]


def milestones(cred: Credential, weeks: int) -> list[dict[str, Any]]:
    """Milestones over ``weeks`` study weeks, plus one for the week after the exam.

    Each is ``{"week", "topic", "project", "kind"}``; ``kind`` is build, share, review or after.
    """
    has_exam = cred.exam is not None or cred.kind.value == "certification-exam"
    span = max(1, weeks - 1)  # the last week is kept for review
    topics = _topics(cred, limit=span)
    n = max(1, len(topics))
    out: list[dict[str, Any]] = []
    for i, (topic, project) in enumerate(topics):
        out.append({"week": 1 + (i * span) // n, "topic": topic, "project": project, "kind": "build"})
    if weeks >= 3:
        out.append({
            "week": max(1, weeks // 2),
            "topic": "Document what you learn",
            "project": "Write a blog post or tutorial about your first project and share it in a community for this credential",
            "kind": "share",
        })
    if has_exam:
        review = (
            "Review and practice exam",
            "Gather your projects into one portfolio repository with a README; take the official practice "
            "questions and revisit weak areas (understand the material, don't memorise answers)",
        )
    else:
        review = (
            "Capstone and completion",
            "Finish the capstone and gather your projects into one portfolio repository with a README",
        )
    out.append({"week": weeks, "topic": review[0], "project": review[1], "kind": "review"})
    out.append({
        "week": weeks + 1,
        "topic": "Make it count",
        "project": "Add it to your LinkedIn headline and skills (not just the certifications list), link the "
        "portfolio next to it, and mention it in cover letters",
        "kind": "after",
    })
    out.sort(key=lambda m: m["week"])
    return out


# --- the plan ---------------------------------------------------------------------------------


def _name(ident: str, catalog: Catalog | None) -> str:
    if catalog is not None:
        try:
            return f"{ident} ({catalog.get(ident).name})"
        except KeyError:
            pass
    return ident


def _check_live(cred: Credential, start: date, catalog: Catalog | None) -> None:
    status = cred.status(start)
    if status != "retired":
        return
    lc = cred.lifecycle
    when = f" on {lc.retired.isoformat()}" if lc.retired else ""
    if lc.successors:
        instead = "plan its successor " + " or ".join(_name(s, catalog) for s in lc.successors) + " instead"
    else:
        instead = "choose another credential (the recommendations for your profile list live ones)"
    raise PlanError(f"{cred.name} was retired{when}, before the start date {start.isoformat()}; {instead}")


def make_plan(
    creds: Sequence[Credential],
    start: date,
    hours_per_week: float,
    years_experience: int = 0,
    catalog: Catalog | None = None,
    *,
    held: Iterable[str] = (),
    as_of: date | None = None,
) -> dict[str, Any]:
    """A dated plan for ``creds`` from ``start`` at ``hours_per_week`` (SPEC.md §4 plan JSON).

    ``as_of`` is the day the plan is made (default: ``start``): a start before it, more than
    60 hours a week, a professional exam with no experience, or an exam date after the
    credential retires or its exam version changes are warned about.

    Raises :class:`PlanError` (one line) for hours that are not positive, an empty list, or a
    credential already retired on ``start`` (naming its successor). ``held`` ids count as
    prerequisites already met.

    >>> from certwise.catalog.model import EXAMPLE, Credential
    >>> try:
    ...     make_plan([Credential.model_validate(EXAMPLE)], date(2027, 1, 4), 0)
    ... except PlanError as e:
    ...     print(e)
    hours per week must be more than 0 (e.g. 5)
    """
    if (isinstance(hours_per_week, bool) or not isinstance(hours_per_week, int | float)
            or not math.isfinite(hours_per_week) or hours_per_week <= 0):
        raise PlanError("hours per week must be more than 0 (e.g. 5)")
    if hours_per_week > 168:
        raise PlanError(f"hours per week must be at most 168 (a week has 168 hours), not {_num(hours_per_week)}")
    if years_experience < 0:
        raise PlanError("years of experience must be 0 or more")
    unique: dict[str, Credential] = {}
    for c in creds:
        unique.setdefault(c.id, c)
    if not unique:
        raise PlanError("nothing to plan: name at least one credential id")
    for c in unique.values():
        _check_live(c, start, catalog)

    ordered = _sequence(list(unique.values()))
    planned = set(unique)
    have = set(held)
    today = as_of or start
    warnings: list[dict[str, str]] = _input_warnings(start, today, hours_per_week, years_experience, ordered)
    items: list[dict[str, Any]] = []
    cost_low = cost_high = 0.0
    cursor = start
    try:
        for c in ordered:
            hours = study_hours(c, years_experience)
            weeks = max(1, math.ceil(hours / hours_per_week - 1e-9))
            study_start = cursor
            exam_date = study_start + timedelta(weeks=weeks)
            lc = c.lifecycle
            if lc.launched and exam_date < lc.launched:
                warnings.append({
                    "code": "upcoming",
                    "message": f"{c.name} launches on {lc.launched.isoformat()}; the exam date moves to that day",
                })
                exam_date = lc.launched
            renewal_window_start = None
            rule = c.renewal
            renewal_due = rule.expiry(exam_date)
            if renewal_due is not None and rule.window_days:
                renewal_window_start = renewal_due - timedelta(days=rule.window_days)
            warnings.extend(_timing_warnings(c, study_start, exam_date, renewal_due, weeks, hours, hours_per_week,
                                             catalog))
            version = c.version_on(exam_date)
            change = c.version_change_between(min(today, study_start), exam_date)
            if change:
                warnings.append(_version_warning(c, *change, exam_date))
            for p in c.prerequisites:
                if p not in planned and p not in have:
                    warnings.append({
                        "code": "missing-prerequisite",
                        "message": f"{_name(c.id, catalog)} requires {_name(p, catalog)}, which is neither held nor in this plan; "
                        "add it to the plan first",
                    })
            has_exam = c.exam is not None or c.kind.value == "certification-exam"
            items.append({
                "id": c.id,
                "name": c.name,
                "provider": c.provider,
                "level": c.level.value,
                "kind": c.kind.value,
                "status": c.status(start),
                "study_start": study_start.isoformat(),
                "study_weeks": weeks,
                "study_hours": _num(hours),
                "study_hours_estimated": c.prep.unknown,  # no source states it: a typical figure for the level
                "exam_date": exam_date.isoformat(),
                "finish": "exam" if has_exam else "completion",
                "exam_minutes": c.exam.minutes if c.exam else None,
                "exam_version": version.code if version else None,
                "renewal_due": _iso(renewal_due),
                "renewal_window_start": _iso(renewal_window_start),
                "renewal_method": rule.method,
                "cost_usd": None if c.cost.unknown else {"low": _num(c.cost.usd.low), "high": _num(c.cost.usd.high)},
                "milestones": milestones(c, weeks),
            })
            cost_low += c.cost.usd.low
            cost_high += c.cost.usd.high
            cursor = exam_date + timedelta(weeks=REST_WEEKS)
    except OverflowError:
        raise PlanError("this plan would run past the year 9999; give more hours per week or plan fewer credentials") from None

    return {
        "as_of": today.isoformat(),
        "start": start.isoformat(),
        "end": items[-1]["exam_date"],
        "hours_per_week": _num(hours_per_week),
        "years_experience": years_experience,
        "stage": stage_for(years_experience),
        "adjustment": EXPERIENCE_RULE,
        "items": items,
        "total_cost_usd": {"low": _num(cost_low), "high": _num(cost_high)},
        "cost_not_stated": [c.id for c in ordered if c.cost.unknown],  # not in the total: no source states a price
        "warnings": warnings,
    }


MAX_HOURS_PER_WEEK = 60
"""More study than this a week is not a plan a person keeps (the guide: learn, don't cram)."""


def _input_warnings(start: date, today: date, hpw: float, years: int, creds: Sequence[Credential]) -> list[dict[str, str]]:
    """Warnings about the plan's inputs themselves: a past start, an unrealistic pace, no experience."""
    out: list[dict[str, str]] = []
    if start < today:
        out.append({"code": "start-in-past",
                    "message": f"the plan starts on {start.isoformat()}, before today ({today.isoformat()}); "
                    "the dates before today have passed — start today to get dates you can keep"})
    if hpw > MAX_HOURS_PER_WEEK:
        out.append({"code": "unrealistic-hours",
                    "message": f"{_num(hpw)} hours a week is more than most people can keep up alongside work or "
                    f"life (over {MAX_HOURS_PER_WEEK}); plan at a pace you can hold for months"})
    if years == 0:
        hard = [c for c in creds if c.level.value in ("professional", "specialty") and c.kind.value == "certification-exam"]
        if hard:
            out.append({"code": "starting-too-advanced",
                        "message": f"{and_list([c.name for c in hard])} expect{'s' if len(hard) == 1 else ''} real "
                        "experience and this plan has none: the guide says \"build foundations first. Failed "
                        "certification attempts are frustrating and waste money\""})
    return out


def _version_warning(c: Credential, before: ExamVersion, after: ExamVersion, exam_date: date) -> dict[str, str]:
    """The exam changes version between now and the exam date: say which one you will sit."""
    ends = f" (its last day is {before.last_day.isoformat()})" if before.last_day else ""
    beta = " in its beta" if after.beta_from and (after.available_from is None or exam_date < after.available_from) else ""
    return {"code": "exam-version-change",
            "message": f"{c.name}: {before.code} is the exam now{ends}; on your exam date ({exam_date.isoformat()}) "
            f"you will sit {after.code}{beta} — study from the {after.code} exam guide"}


def _timing_warnings(
    c: Credential, study_start: date, exam_date: date, renewal_due: date | None, weeks: int, hours: float,
    hpw: float, catalog: Catalog | None,
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    lc = c.lifecycle
    if lc.retired and exam_date >= lc.retired:
        last = lc.retired - timedelta(days=1)
        avail = (last - study_start).days // 7
        need = (
            f"to sit it by {last.isoformat()} you would need about {math.ceil(hours / avail)} hours a week"
            if avail >= 1
            else "there is not enough time left to prepare"
        )
        alt = (" or plan " + " or ".join(_name(s, catalog) for s in lc.successors) + " instead") if lc.successors else ""
        out.append({
            "code": "retiring",
            "message": f"{c.name} retires on {lc.retired.isoformat()}, before this plan's exam date "
            f"{exam_date.isoformat()}; {need}{alt}",
        })
    elif lc.retired and (renewal_due is None or lc.retired < renewal_due or c.status(study_start) == "retiring"):
        alt = (", then move to " + " or ".join(_name(s, catalog) for s in lc.successors)) if lc.successors else ""
        out.append({
            "code": "retiring",
            "message": f"{c.name} retires on {lc.retired.isoformat()}; this plan sits it on {exam_date.isoformat()}, "
            f"in time, but it cannot be renewed after it retires{alt}",
        })
    if c.prep.months and weeks < c.prep.months.low * WEEKS_PER_MONTH:
        out.append({
            "code": "cramming",
            "message": f"{c.name} in {weeks} week(s) at {_num(hpw)} h/week is faster than the guide's "
            f"{_num(c.prep.months.low)}-{_num(c.prep.months.high)} months; make sure you learn the material, "
            "not just the exam (cramming shows in interviews)",
        })
    return out
