"""Signing with the deployment's keys: the embedded Data Integrity proof (eddsa-rdfc-2022) and
the same credential as a VC-JWT (RS256, Open Badges 3.0 §8.2)."""

import base64
from datetime import datetime

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import timezone

from ..links import hub_issuer_id, key_url
from ..models import SigningKey
from . import proof
from .document import timestamp
from .keys import current_key, private_key, public_key


def sign_data_integrity(document: dict) -> dict:
    key = current_key(SigningKey.Algorithm.ED25519)
    return proof.sign(
        document,
        sign_bytes=private_key(key).sign,
        verification_method=key_url(key.key_id),
        created=timestamp(timezone.now()),
    )


def jwt_encode(document: dict) -> str:
    """The credential (without the embedded proof) as the JWT payload, with the registered
    claims OB 3.0 §8.2.4 names: iss, jti, sub (when the earner is named), nbf, exp."""
    key = current_key(SigningKey.Algorithm.RSA)
    payload = {k: v for k, v in document.items() if k != "proof"}
    issuer = document["issuer"]
    claims = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": document["id"],
        "nbf": int(_parse(document["validFrom"]).timestamp()),
    }
    subject_id = document.get("credentialSubject", {}).get("id")
    if subject_id:
        claims["sub"] = subject_id
    if document.get("validUntil"):
        claims["exp"] = int(_parse(document["validUntil"]).timestamp())
    return jwt.encode(
        {**payload, **claims},
        private_key(key),
        algorithm="RS256",
        headers={"kid": key_url(key.key_id), "typ": "JWT"},
    )


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def rsa_jwk(key: SigningKey) -> dict:
    public = public_key(key)
    if not isinstance(public, rsa.RSAPublicKey):
        raise ValueError("not an RSA key")
    numbers = public.public_numbers()
    return {
        "kty": "RSA",
        "kid": key_url(key.key_id),
        "use": "sig",
        "alg": "RS256",
        "n": _b64(numbers.n),
        "e": _b64(numbers.e),
    }


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def controller() -> str:
    return hub_issuer_id()
