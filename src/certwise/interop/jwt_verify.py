"""Checking a VC-JWT's signature offline, with :mod:`joserfc` (a maintained JOSE library).

A badge is *verified* only when its signature checks against a key found without the network:
a public JWK embedded in the JWS header (``jwk``), or a ``did:key`` named by the header's
``kid`` or the payload's issuer. ``alg: none`` and a signature that does not match its key are
refused (:class:`~certwise.interop.openbadges.BadgeError`, codes ``unsigned`` and
``bad-signature``); with no key at hand (a ``did:web``, a URL, an HMAC), the badge is read as
*unverified*. An embedded key proves that the file is intact, not who signed it.

>>> verify_jwt("b.jwt", {"alg": "ES256"}, "e30.e30.sig", {})
False
"""

from __future__ import annotations

import base64
import warnings
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry

#: asymmetric algorithms only: an HMAC secret cannot be known offline
ALGORITHMS = ("EdDSA", "Ed25519", "ES256", "ES384", "ES512", "ES256K",
              "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class SignatureProblem(ValueError):
    """Why a signed badge is refused: ``code`` is ``unsigned`` or ``bad-signature``."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def verify_jwt(name: str, header: dict[str, Any], token: str, payload: dict[str, Any]) -> bool:
    """True when the signature checks against an offline key; False when there is no such key.

    Raises :class:`SignatureProblem` for ``alg: none`` or a signature its key refuses.
    """
    alg = header.get("alg")
    if not isinstance(alg, str) or alg.strip().lower() in ("", "none"):
        raise SignatureProblem(f"{name}: the VC-JWT is not signed (alg {alg!r}): certwise does not "
                               "import unsigned badges", "unsigned")
    jwk = _key_dict(header, payload)
    if jwk is None or alg not in ALGORITHMS:
        return False
    try:
        key = JWKRegistry.import_key(jwk)
        with warnings.catch_warnings():  # "EdDSA is deprecated via RFC 9864": still what badges use
            warnings.simplefilter("ignore")
            jws.deserialize_compact(token, key, algorithms=[alg])
    except (JoseError, ValueError, TypeError) as e:
        raise SignatureProblem(f"{name}: the VC-JWT's signature does not match its key ({alg}): the badge "
                               f"was altered or forged ({type(e).__name__})", "bad-signature") from None
    return True


def _key_dict(header: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any] | None:
    """The public JWK: embedded in the header, or decoded from a ``did:key``; None when neither."""
    jwk = header.get("jwk")
    if isinstance(jwk, dict) and jwk.get("kty") in ("OKP", "EC", "RSA"):
        return {k: v for k, v in jwk.items() if k not in ("d", "p", "q", "dp", "dq", "qi")}
    for ref in (header.get("kid"), payload.get("iss"), _issuer_id(payload)):
        if isinstance(ref, str) and ref.startswith("did:key:z"):
            return did_key_jwk(ref)
    return None


def _issuer_id(payload: dict[str, Any]) -> Any:
    vc = payload.get("vc")
    issuer = (vc if isinstance(vc, dict) else payload).get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def did_key_jwk(did: str) -> dict[str, Any] | None:
    """The JWK of a ``did:key`` (Ed25519 or P-256), or None for another key type or a malformed one.

    >>> did_key_jwk("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")["crv"]
    'Ed25519'
    """
    ident = did.removeprefix("did:key:").split("#", 1)[0]
    try:
        raw = _b58decode(ident[1:])
    except ValueError:
        return None
    if raw[:2] == b"\xed\x01" and len(raw) == 34:
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw[2:])}
    if raw[:2] == b"\x80\x24" and len(raw) == 35:
        try:
            nums = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:]).public_numbers()
        except ValueError:
            return None
        return {"kty": "EC", "crv": "P-256", "x": _b64(nums.x.to_bytes(32, "big")),
                "y": _b64(nums.y.to_bytes(32, "big"))}
    return None


def _b58decode(s: str) -> bytes:
    if not s or len(s) > 200:
        raise ValueError("not base58btc")
    n = 0
    for ch in s:
        i = _B58.find(ch)
        if i < 0:
            raise ValueError("not base58btc")
        n = n * 58 + i
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\x00" * (len(s) - len(s.lstrip("1"))) + body


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")
