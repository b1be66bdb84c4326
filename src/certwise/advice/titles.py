"""Does a credential's title name anything? The guide: "'AI Certified Professional' means nothing.
'AWS Certified Machine Learning Specialty' means something specific."

Used by the worth-it test (specificity, the generic-title flag) and by the scorer's mill rule
(:func:`certwise.advice.scoring_index.is_mill`), so the scorer does not import the worth-it test.

>>> is_generic_title("AI Certified Professional"), is_generic_title("AWS Certified Machine Learning Specialty")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

# Names a platform, product or concrete skill. Compiled on first use (:func:`_specific`):
# compiling it costs ~0.7 ms, and a CLI call that reads the scoring features from the cache
# never asks.
_SPECIFIC = (
    r"\b(aws|amazon|azure|google|gcp|vertex|sagemaker|bedrock|databricks|spark|nvidia|cuda|tensorflow|pytorch|"
    r"keras|kubernetes|mlops|llm|nlp|computer vision|deep learning|machine learning|data scien\w*|"
    r"data engineer\w*|generative ai|genai|prompt|governance|\b[a-z]{2,4}-\d{2,4}\b)")
# Generic titles that "mean nothing" (words only: AI, certified, professional, expert …).
_GENERIC_WORDS = {"ai", "a.i.", "artificial", "intelligence", "certified", "certificate", "certification",
                  "professional", "expert", "specialist", "master", "practitioner", "associate", "advanced",
                  "global", "international", "accredited", "official", "level", "1", "2", "3", "i", "ii", "iii",
                  "in", "of", "the", "and", "&", "-", "–", "(", ")", "program", "course"}


@cache
def _specific() -> re.Pattern[str]:
    return re.compile(_SPECIFIC, re.I)


def is_generic_title(name: str) -> bool:
    """True for titles like "AI Certified Professional" that name no platform or skill."""
    if _specific().search(name):
        return False
    words = re.findall(r"[\w.&]+", name.lower())
    return bool(words) and all(w in _GENERIC_WORDS for w in words)
