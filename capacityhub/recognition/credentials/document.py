"""The OpenBadgeCredential document (Open Badges 3.0, §B.1 AchievementCredential, on the W3C
Verifiable Credentials Data Model 2.0). Pure: it takes plain values and returns JSON."""

import hashlib
from datetime import datetime

from .contexts import OB_V3, VC_V2

OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def timestamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def identity_hash(value: str, salt: str) -> str:
    """OB 3.0 §B.1.16 IdentityObject: "sha256$" + hex SHA-256 of value + salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest()


def profile(issuer_id: str, name: str, url: str, parent: dict | None = None) -> dict:
    """An issuer Profile (§B.1.20); an organization issues through the hub (parentOrg)."""
    document = {"id": issuer_id, "type": ["Profile"], "name": name, "url": url}
    if parent:
        document["parentOrg"] = parent
    return document


def subject(
    *,
    profile_url: str,
    name: str,
    username: str,
    salt: str,
    private: bool,
    achievement: dict,
    awarded: datetime,
) -> dict:
    """The AchievementSubject: public earners by name and profile URL; earners who keep their
    profile private by a salted hash of their username only."""
    if private:
        identity = {
            "type": "IdentityObject",
            "identityType": "userName",
            "hashed": True,
            "identityHash": identity_hash(username, salt),
            "salt": salt,
        }
        document = {"type": ["AchievementSubject"]}
    else:
        identity = {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": name,
        }
        document = {"id": profile_url, "type": ["AchievementSubject"]}
    document.update(
        {
            "identifier": [identity],
            "achievement": achievement,
            "activityEndDate": timestamp(awarded),
        }
    )
    return document


def achievement(
    *,
    achievement_id: str,
    name: str,
    description: str,
    criteria: str,
    image_url: str,
    creator: dict,
    alignments: list[dict],
) -> dict:
    """§B.1.3 Achievement with its Criteria (narrative), Image and Alignments."""
    document = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": name,
        "description": description,
        "criteria": {"narrative": criteria},
        "image": {"id": image_url, "type": "Image", "caption": name},
        "creator": creator,
    }
    if alignments:
        document["alignment"] = alignments
    return document


def alignment(*, code: str, name: str, url: str) -> dict:
    return {
        "type": ["Alignment"],
        "targetName": name,
        "targetUrl": url,
        "targetCode": code,
        "targetFramework": "Capacity Hub capacity taxonomy",
    }


def credential(
    *,
    credential_id: str,
    name: str,
    issuer: dict,
    valid_from: datetime,
    valid_until: datetime | None,
    credential_subject: dict,
    evidence: list[dict],
    schema_url: str,
    status_list_url: str,
    status_index: int,
) -> dict:
    document = {
        "@context": [VC_V2, OB_V3],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": timestamp(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = timestamp(valid_until)
    document["credentialSubject"] = credential_subject
    if evidence:
        document["evidence"] = evidence
    document["credentialSchema"] = [
        {"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"},
        {"id": schema_url, "type": "JsonSchema"},
    ]
    document["credentialStatus"] = {
        "id": f"{status_list_url}#{status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(status_index),
        "statusListCredential": status_list_url,
    }
    return document
