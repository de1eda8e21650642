"""Verifying a credential the hub issued: its shape, its proof (or JWT signature) against the
hub's published keys (current or retired), its status list bit and its validity period. Every
problem is a reason; nothing raises on malformed input."""

from dataclasses import dataclass, field
from datetime import datetime

import jwt
from django.utils import timezone
from django.utils.translation import gettext as _

from ..links import key_url
from ..models import Award, SigningKey
from . import proof
from .keys import ed25519_public_bytes, public_key
from .revocation import revoked_indexes
from .status import LIST_SIZE, encode, is_set

VALID, REVOKED, EXPIRED, NOT_YET_VALID, INVALID = (
    "valid",
    "revoked",
    "expired",
    "not_yet_valid",
    "invalid",
)
REQUIRED_TYPES = {"VerifiableCredential", "OpenBadgeCredential"}


@dataclass
class Check:
    name: str
    passed: bool
    message: str


@dataclass
class Verification:
    status: str = VALID
    checks: list[Check] = field(default_factory=list)
    award: Award | None = None

    @property
    def reasons(self) -> list[str]:
        return [c.message for c in self.checks if not c.passed]

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "checks": [
                {"check": c.name, "passed": c.passed, "message": c.message} for c in self.checks
            ],
        }


def _key_for(url) -> SigningKey | None:
    if not isinstance(url, str):
        return None
    for key in SigningKey.objects.all():
        if key_url(key.key_id) == url:
            return key
    return None


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _shape(document) -> list[str]:
    if not isinstance(document, dict):
        return [_("The credential is not a JSON object.")]
    problems = []
    types = document.get("type")
    if not isinstance(types, list) or not set(types) >= REQUIRED_TYPES:
        problems.append(_("The type must include VerifiableCredential and OpenBadgeCredential."))
    if not isinstance(document.get("credentialSubject"), dict):
        problems.append(_("The credential has no credentialSubject."))
    if _parse_time(document.get("validFrom")) is None:
        problems.append(_("validFrom is missing or not a date-time with a time zone."))
    return problems


def _proof_check(document: dict) -> Check:
    method = (
        (document.get("proof") or {}).get("verificationMethod")
        if isinstance(document.get("proof"), dict)
        else None
    )
    key = _key_for(method)
    if key is None or key.algorithm != SigningKey.Algorithm.ED25519:
        return Check("proof", False, _("The proof is not signed by one of the hub's keys."))
    problems = proof.verify(document, public_key=ed25519_public_bytes(key))
    if problems:
        return Check("proof", False, _("The proof does not match: the credential was altered."))
    return Check("proof", True, _("Signed by the hub (eddsa-rdfc-2022)."))


def decode_jwt(token: str) -> tuple[dict | None, Check]:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return None, Check("proof", False, _("This is not a JWT."))
    key = _key_for(header.get("kid"))
    if key is None or key.algorithm != SigningKey.Algorithm.RSA or header.get("alg") != "RS256":
        return None, Check("proof", False, _("The JWT is not signed by one of the hub's keys."))
    try:
        payload = jwt.decode(
            token,
            public_key(key),
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_nbf": False, "verify_aud": False},
        )
    except jwt.PyJWTError:
        return None, Check("proof", False, _("The JWT signature does not match."))
    return payload, Check("proof", True, _("Signed by the hub (VC-JWT, RS256)."))


def verify(document=None, *, token: str | None = None, now: datetime | None = None) -> Verification:
    """Verify a credential given as a JSON object (embedded proof) or as a VC-JWT."""
    result = Verification()
    if token is not None:
        document, check = decode_jwt(token)
        result.checks.append(check)
        if document is None:
            result.status = INVALID
            return result
    problems = _shape(document)
    result.checks.append(
        Check("format", not problems, "; ".join(problems) or _("An Open Badges 3.0 credential."))
    )
    if problems:
        result.status = INVALID
        return result
    if token is None:
        result.checks.append(_proof_check(document))
    if not all(c.passed for c in result.checks):
        result.status = INVALID
        return result
    award = (
        Award.objects.filter(credential__id=document.get("id"))
        .select_related("achievement")
        .first()
        if isinstance(document.get("id"), str)
        else None
    )
    status = document.get("credentialStatus") or {}
    index = str(status.get("statusListIndex", "")) if isinstance(status, dict) else ""
    if award is None or str(award.status_index % LIST_SIZE) != index:
        result.checks.append(Check("issued", False, _("The hub has no record of issuing it.")))
        result.status = INVALID
        return result
    result.award = award
    result.checks.append(Check("issued", True, _("Issued by the hub.")))
    # The bit in the published status list, as an outside verifier reads it.
    listed = encode(revoked_indexes(award.status_index // LIST_SIZE))
    if is_set(listed, award.status_index % LIST_SIZE):
        result.checks.append(Check("status", False, _("Revoked by its issuer.")))
        result.status = REVOKED
    else:
        result.checks.append(Check("status", True, _("Not revoked (status list checked).")))
    now = now or timezone.now()
    valid_from = _parse_time(document.get("validFrom"))
    valid_until = _parse_time(document.get("validUntil"))
    if valid_until is not None and valid_until < now:
        result.checks.append(Check("period", False, _("Expired.")))
        result.status = EXPIRED if result.status == VALID else result.status
    elif valid_from is not None and valid_from > now:
        result.checks.append(Check("period", False, _("Not valid yet.")))
        result.status = NOT_YET_VALID if result.status == VALID else result.status
    else:
        result.checks.append(Check("period", True, _("Within its validity period.")))
    return result
