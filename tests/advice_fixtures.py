"""A small in-memory catalog for focused tests of the advice engine (no files, no real data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from certwise.catalog.load import Catalog
from certwise.catalog.model import FACT_FIELDS, Credential

JAN = date(2026, 1, 9)  # the guide's date
NOV = date(2026, 11, 24)

# The guide's colleague: "seven different AI certifications over the past year", from different
# providers, none of which helped — and holdings that build one direction (real catalog ids).
GUIDE_SEVEN = ("google-ai-essentials", "aws-cloud-practitioner", "azure-fundamentals", "nvidia-nca-genl",
               "ibm-ai-engineering", "databricks-ml-associate", "google-genai-leader")
ONE_DIRECTION = ("aws-cloud-practitioner", "aws-ai-practitioner", "aws-ml-engineer-associate")


def cred(id: str, **kw: Any) -> Credential:
    """A valid Credential with sensible defaults; keyword arguments override fields."""
    d: dict[str, Any] = {
        "id": id,
        "name": kw.pop("name", id.replace("-", " ").title()),
        "provider": "Example",
        "kind": "certification-exam",
        "level": "associate",
        "domains": ["ml-engineering"],
        "ecosystem": "vendor-neutral",
        "summary": "test record",
        "cost": {"usd": {"low": 100, "high": 100}, "basis": "exam"},
        "prep": {"hours": {"low": 40, "high": 80}},
        "exam": {"proctored": True},
        "renewal": {"validity_years": 3, "method": "retake"},
        "url": f"https://example.org/{id}",
    }
    d.update(kw)
    d["sources"] = [{"url": "https://example.org", "supports": list(FACT_FIELDS), "verified": "2026-11-24"}]
    return Credential.model_validate(d)


def mini_catalog() -> Catalog:
    aws_renew = {"validity_years": 3, "method": "discounted-retake", "discount_pct": 50}
    return Catalog([
        cred("aws-cloud-practitioner", provider="Amazon Web Services", level="foundational",
             domains=["cloud-fundamentals"], ecosystem="aws", renewal=aws_renew,
             best_for=["career-changer", "student", "non-technical", "leader", "developer"]),
        cred("aws-ai-practitioner", provider="Amazon Web Services", level="foundational",
             domains=["ai-literacy", "generative-ai"], ecosystem="aws", renewal=aws_renew,
             prep={"hours": {"low": 15, "high": 40}}, recommended_before=["aws-cloud-practitioner"],
             best_for=["non-technical", "leader", "developer"]),
        cred("aws-ml-specialty", provider="Amazon Web Services", tier=1, level="specialty",
             domains=["ml-engineering", "mlops", "data-science"], ecosystem="aws", renewal=aws_renew,
             cost={"usd": {"low": 300, "high": 300}, "basis": "exam"}, prep={"hours": {"low": 80, "high": 160}},
             best_for=["ml-practitioner", "data-professional"], recommended_before=["aws-cloud-practitioner"],
             salary_uplift={"pct": {"low": 20, "high": 20}, "basis": "self-reported survey"},
             lifecycle={"retirement_announced": "2025-10-31", "retired": "2026-03-31",
                        "successors": ["aws-ml-engineer-associate"]}),
        cred("aws-ml-engineer-associate", provider="Amazon Web Services", level="associate",
             domains=["ml-engineering", "mlops"], ecosystem="aws", renewal=aws_renew,
             cost={"usd": {"low": 150, "high": 150}, "basis": "exam"}, prep={"hours": {"low": 80, "high": 160}},
             best_for=["ml-practitioner", "developer"], lifecycle={"launched": "2024-08-13"},
             recommended_before=["aws-cloud-practitioner", "aws-ai-practitioner"]),
        cred("google-ml-engineer", provider="Google Cloud", tier=1, level="professional",
             domains=["ml-engineering", "mlops", "generative-ai"], ecosystem="gcp",
             cost={"usd": {"low": 200, "high": 200}, "basis": "exam"}, prep={"hours": {"low": 80, "high": 160}},
             renewal={"validity_years": 2, "method": "recertification-exam"},
             best_for=["ml-practitioner", "developer", "data-professional"],
             salary_uplift={"pct": {"low": 25, "high": 25}, "basis": "self-reported survey"}),
        cred("azure-ai-engineer", provider="Microsoft", tier=1, level="associate",
             domains=["ai-applications", "generative-ai", "nlp"], ecosystem="azure",
             cost={"usd": {"low": 165, "high": 165}, "basis": "exam"},
             renewal={"validity_years": 1, "method": "free-online-assessment", "cost_usd": 0},
             best_for=["developer", "ml-practitioner"],
             lifecycle={"retirement_announced": "2026-03-01", "retired": "2026-06-30",
                        "successors": ["azure-ai-apps-agents-developer"]}),
        cred("azure-ai-apps-agents-developer", provider="Microsoft", level="associate",
             domains=["ai-applications", "generative-ai", "nlp"], ecosystem="azure",
             cost={"usd": {"low": 165, "high": 165}, "basis": "exam"},
             renewal={"validity_years": 1, "method": "free-online-assessment"},
             best_for=["developer", "ml-practitioner"], lifecycle={"launched": "2026-05-01"}),
        cred("ibm-ai-engineering", provider="IBM", tier=2, level="foundational", kind="professional-certificate",
             domains=["ml-engineering", "deep-learning", "nlp", "generative-ai"],
             cost={"usd": {"low": 150, "high": 300}, "basis": "subscription", "financial_aid": True},
             prep={"hours": {"low": 100, "high": 200}}, exam=None, hands_on={"projects": True, "labs": True},
             renewal={"method": "not-applicable"}, best_for=["career-changer", "student"]),
        cred("deeplearningai-tensorflow", provider="DeepLearning.AI", tier=2, level="associate",
             kind="professional-certificate", domains=["deep-learning", "computer-vision", "nlp"],
             cost={"usd": {"low": 196, "high": 196}, "basis": "subscription", "financial_aid": True},
             prep={"hours": {"low": 60, "high": 100}}, exam=None, hands_on={"projects": True},
             renewal={"method": "not-applicable"}, recommended_before=["ibm-ai-engineering"],
             best_for=["developer", "ml-practitioner", "student"]),
        cred("google-ai-essentials", provider="Google", tier=2, level="foundational",
             kind="professional-certificate", domains=["ai-literacy", "generative-ai"],
             cost={"usd": {"low": 49, "high": 49}, "basis": "one-time"}, prep={"hours": {"low": 5, "high": 10}},
             exam=None, hands_on={"labs": True}, renewal={"method": "not-applicable"},
             best_for=["non-technical", "leader"]),
        cred("stanford-ai-programs", provider="Stanford Online", tier=4, level="program", kind="university-program",
             domains=["ml-engineering", "deep-learning"], cost={"usd": {"low": 3000, "high": 25000}, "basis": "tuition"},
             prep={"hours": {"low": 300, "high": 800}}, exam=None, hands_on={"projects": True},
             renewal={"method": "not-applicable"}, best_for=["researcher", "ml-practitioner", "leader"]),
        cred("databricks-ml-professional", provider="Databricks", tier=3, level="professional",
             domains=["ml-engineering", "mlops"], ecosystem="databricks",
             cost={"usd": {"low": 200, "high": 200}, "basis": "exam"}, renewal={"validity_years": 2, "method": "retake"},
             best_for=["data-professional", "ml-practitioner"]),
        cred("tensorflow-developer-certificate", provider="Google", level="associate",
             domains=["deep-learning"], exam={"proctored": False, "performance_based": True},
             lifecycle={"launched": "2020-03-12", "retirement_announced": "2024-05-01", "retired": "2024-05-01",
                        "successors": ["deeplearningai-tensorflow"]}),
        cred("ai-mill-cert", name="Certified AI Master Practitioner", provider="Global AI Academy", level="professional",
             domains=["ai-literacy"], cost={"usd": {"low": 900, "high": 900}, "basis": "one-time"},
             prep={"hours": {"low": 6, "high": 10}}, exam={"proctored": False}, renewal={"method": "none"}),
        cred("kaggle-learn", provider="Kaggle", kind="learning-path", level="foundational",
             domains=["ml-engineering", "data-science"], cost={"usd": {"low": 0, "high": 0}, "basis": "free", "free": True},
             prep={"hours": {"low": 3, "high": 70}}, exam=None, renewal={"method": "not-applicable"}),
        cred("aws-skill-builder", provider="Amazon Web Services", kind="learning-path", level="foundational",
             domains=["cloud-fundamentals", "ml-engineering"], ecosystem="aws",
             cost={"usd": {"low": 0, "high": 0}, "basis": "free", "free": True},
             exam=None, renewal={"method": "not-applicable"}),
    ])
