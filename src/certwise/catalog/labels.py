"""The catalog's vocabulary in words: ecosystems, domains, kinds, levels, statuses.

One home for these names, used by the engine's sentences ("Matches your environment (AWS)"),
the CLI and the pages. Values not listed read as their words (``vendor-neutral`` → "vendor neutral").

>>> ecosystem_name("gcp"), domain_name("generative-ai"), cap_domain("generative-ai")
('Google Cloud', 'generative AI', 'Generative AI')
>>> status_word("upcoming"), kind_name("learning-path")
('Not yet open', 'Free learning path')
"""

from __future__ import annotations

ECOSYSTEM_NAMES = {
    "aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "databricks": "Databricks", "nvidia": "NVIDIA",
    "salesforce": "Salesforce", "snowflake": "Snowflake", "oracle": "Oracle Cloud", "ibm": "IBM",
    "github": "GitHub", "anthropic": "Anthropic (Claude)", "openai": "OpenAI",
    "vendor-neutral": "any platform",
}
# Domains as they read inside a sentence; cap_domain() for a heading.
DOMAIN_NAMES = {
    "ml-engineering": "ML engineering", "mlops": "MLOps", "generative-ai": "generative AI",
    "deep-learning": "deep learning", "computer-vision": "computer vision", "nlp": "NLP",
    "data-engineering": "data engineering", "data-science": "data science", "ai-literacy": "AI literacy",
    "ai-governance": "AI governance", "infrastructure": "AI infrastructure",
    "cloud-fundamentals": "cloud fundamentals", "ai-applications": "AI applications",
    "product-management": "product management", "project-management": "AI project management",
    "ai-security": "AI security",
}
KIND_NAMES = {
    "certification-exam": "Certification exam",
    "professional-certificate": "Professional certificate (course series)",
    "university-program": "University program",
    "learning-path": "Free learning path",
}
LEVEL_NAMES = {
    "foundational": "Foundational", "associate": "Associate", "program": "Program / certificate",
    "professional": "Professional", "specialty": "Specialty",
}
STATUS_WORDS = {
    "active": "Active", "beta": "Beta", "retiring": "Retiring", "retired": "Retired", "upcoming": "Not yet open",
}


def _words(value: str) -> str:
    return value.replace("-", " ").replace("_", " ")


def ecosystem_name(value: str) -> str:
    return ECOSYSTEM_NAMES.get(value, _words(value))


def domain_name(value: str) -> str:
    return DOMAIN_NAMES.get(value, _words(value))


def cap_domain(value: str) -> str:
    name = domain_name(value)
    return name[:1].upper() + name[1:]


def kind_name(value: str) -> str:
    return KIND_NAMES.get(value, _words(value).capitalize())


def level_name(value: str) -> str:
    return LEVEL_NAMES.get(value, _words(value).capitalize())


def status_word(value: str) -> str:
    return STATUS_WORDS.get(value, _words(value).capitalize())


# --- renewal methods (portfolio renewals: the calendar and the page) -------------------------
# How a holder renews, as an instruction; "none" and "not-applicable" have nothing to renew.
RENEWAL_HOW = {
    "retake": "pass the current exam again",
    "discounted-retake": "pass the current exam again (holders get a discount on it)",
    "free-online-assessment": "pass the provider's free online renewal assessment",
    "continuing-education": "earn and report the continuing-education credits the provider asks for",
    "recertification-exam": "pass the provider's recertification exam",
}


def renewal_how(method: str | None) -> str | None:
    """How to renew under a catalog renewal method, as an instruction (None: nothing to renew).

    >>> renewal_how("continuing-education")
    'earn and report the continuing-education credits the provider asks for'
    """
    return RENEWAL_HOW.get(method or "")
