"""CTDL names that export and import share: the JSON-LD context, certwise's node ids, slugs.

>>> node_id("aws-ml-specialty"), org_id("Amazon Web Services")
('urn:certwise:credential:aws-ml-specialty', 'urn:certwise:organization:amazon-web-services')
"""

from __future__ import annotations

import re
import unicodedata
import uuid

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
LANG = "en-US"
_WORD = re.compile(r"[a-z0-9]+")
_NS = uuid.UUID("6d1f0d3e-5c2b-4d8e-9a57-63657274776e")  # certwise's namespace for CTIDs


def ctid(credential_id: str) -> str:
    """A stable CTID for a certwise credential id (``ce-`` + a name-based UUID)."""
    return f"ce-{uuid.uuid5(_NS, 'credential:' + credential_id)}"


def node_id(credential_id: str) -> str:
    """The ``@id`` of a certwise credential's node."""
    return f"urn:certwise:credential:{credential_id}"


def org_id(provider: str) -> str:
    """The ``@id`` of a provider's ``ceterms:CredentialOrganization`` node."""
    return f"urn:certwise:organization:{slugify(provider)}"


def slugify(s: str, max_len: int = 60) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary.

    >>> slugify("Certified Occupational Therapy Assistant (COTA®)")
    'certified-occupational-therapy-assistant-cota'
    """
    if not s.isascii():  # accents off (é -> e); ASCII text has none
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    words = _WORD.findall(s.lower())
    out = ""
    for w in words:
        nxt = f"{out}-{w}" if out else w
        if len(nxt) > max_len:
            break
        out = nxt
    return out or (words[0][:max_len] if words else "")
