"""An Open Badges 2.0 assertion for the web tests: one shape, the name and issuer varied."""

from __future__ import annotations

from typing import Any


def ob2_badge(name: str = "Google Cloud Certified Professional Machine Learning Engineer",
              issuer: str = "Google Cloud", n: str = "") -> dict[str, Any]:
    """A hosted OB 2.0 assertion issued 2025-04-02; ``n`` keeps its ids apart from another's."""
    return {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": f"https://x.example/a/{n or 1}",
            "recipient": {"type": "email", "identity": "a@b.c", "hashed": False}, "issuedOn": "2025-04-02T10:00:00Z",
            "badge": {"type": "BadgeClass", "id": f"https://x.example/b{n}", "criteria": {"narrative": "pass"},
                      "name": name,
                      "issuer": {"type": "Issuer", "id": f"https://x.example/i{n}", "name": issuer}}}
