"""Every issued credential: valid against our OB 3.0 schema, its proof verified by a second,
independent implementation (PyNaCl/libsodium for Ed25519, jwcrypto for the JWT), tampering and
forgery detected, revocation reported on the next request, keys rotated without breaking old
credentials."""

import copy
import hashlib
import json
from pathlib import Path

import jsonschema_rs
import nacl.exceptions
import nacl.signing
import pytest
from jwcrypto import jwk, jws
from pyld import jsonld

from capacityhub.community.models import Evidence, Profile
from capacityhub.core.models import Visibility
from capacityhub.recognition.credentials import status
from capacityhub.recognition.credentials.contexts import document_loader
from capacityhub.recognition.credentials.keys import key_rotate
from capacityhub.recognition.credentials.revocation import revoked_indexes
from capacityhub.recognition.credentials.verify import verify
from capacityhub.recognition.models import SigningKey
from capacityhub.recognition.services.awards import award_by_hand, award_revoke

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "ob3-credential.json").read_text()
)
VALIDATOR = jsonschema_rs.validator_for(SCHEMA)
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def independent_b58decode(text: str) -> bytes:
    """Written here again, not imported: the test must not share the code it checks."""
    value = 0
    for char in text:
        value = value * 58 + ALPHABET.index(char)
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def independent_verify(credential: dict, public_key_multibase: str) -> None:
    """eddsa-rdfc-2022 verification (EdDSA Cryptosuites §3.3.3) with pyld for RDFC-1.0 and
    libsodium (PyNaCl) for Ed25519; raises if it fails."""
    proof = dict(credential["proof"])
    proof_value = proof.pop("proofValue")
    proof["@context"] = credential["@context"]
    document = {k: v for k, v in credential.items() if k != "proof"}
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": document_loader,
    }
    data = (
        hashlib.sha256(jsonld.normalize(proof, options).encode()).digest()
        + hashlib.sha256(jsonld.normalize(document, options).encode()).digest()
    )
    raw_key = independent_b58decode(public_key_multibase[1:])
    assert raw_key[:2] == b"\xed\x01"
    nacl.signing.VerifyKey(raw_key[2:]).verify(data, independent_b58decode(proof_value[1:]))


@pytest.fixture
def badge(staff, taxonomy):
    from capacityhub.recognition.services.achievements import achievement_create

    return achievement_create(
        actor=staff,
        name="Grant writer",
        description="Writes grants.",
        criteria="Wrote three grant proposals.",
        capacities=["grant-writing"],
        image="book",
    )


@pytest.fixture
def award(staff, owner, badge, taxonomy):
    return award_by_hand(actor=staff, achievement=badge, recipient=owner)


def _multikey(client, credential) -> str:
    response = client.get(credential["proof"]["verificationMethod"].split("8000", 1)[-1])
    assert response.status_code == 200
    return response.json()["publicKeyMultibase"]


def test_an_issued_credential_matches_the_schema_and_the_spec_shape(award):
    credential = award.credential
    errors = [e.message for e in VALIDATOR.iter_errors(credential)]
    assert errors == []
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["alignment"][0]["targetCode"] == "grant-writing"
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert verify(credential).status == "valid"


def test_the_proof_verifies_with_a_second_implementation(client, award):
    independent_verify(award.credential, _multikey(client, award.credential))


def test_a_tampered_credential_fails_both_verifiers(client, award):
    forged = copy.deepcopy(award.credential)
    forged["credentialSubject"]["achievement"]["name"] = "Something grander"
    key = _multikey(client, award.credential)
    with pytest.raises(nacl.exceptions.BadSignatureError):
        independent_verify(forged, key)
    result = verify(forged)
    assert result.status == "invalid" and any("altered" in r for r in result.reasons)


def test_the_jwt_verifies_with_jwcrypto_and_carries_the_credential(client, award):
    key = SigningKey.objects.get(algorithm=SigningKey.Algorithm.RSA)
    public = jwk.JWK.from_pem(key.public_pem.encode())
    token = jws.JWS()
    token.deserialize(award.jwt)
    token.verify(public, alg="RS256")
    payload = json.loads(token.payload)
    assert payload["jti"] == award.credential["id"]
    assert payload["credentialSubject"] == award.credential["credentialSubject"]
    assert verify(token=award.jwt).status == "valid"
    assert verify(token=award.jwt[:-4] + "AAAA").status == "invalid"


def test_a_private_earner_is_identified_by_a_salted_hash_only(staff, other, badge):
    Profile.objects.filter(user=other).update(capacities_visibility=Visibility.PRIVATE)
    award = award_by_hand(actor=staff, achievement=badge, recipient=other)
    subject = award.credential["credentialSubject"]
    text = json.dumps(award.credential)
    assert "id" not in subject and "other" not in text.replace("other-", "")
    identity = subject["identifier"][0]
    expected = hashlib.sha256(("other" + identity["salt"]).encode()).hexdigest()
    assert identity["hashed"] is True and identity["identityHash"] == "sha256$" + expected
    assert VALIDATOR.is_valid(award.credential)


def test_revocation_is_reported_on_the_next_request(client, staff, award):
    assert (
        client.get(f"/recognition/credentials/{award.public_id}/verification.json").json()["status"]
        == "valid"
    )
    award_revoke(actor=staff, award=award, reason="Issued by mistake.")

    body = client.get(f"/recognition/credentials/{award.public_id}/verification.json").json()
    assert body["status"] == "revoked"
    assert verify(award.credential).status == "revoked"
    entry = award.credential["credentialStatus"]
    listed = client.get(entry["statusListCredential"].split("8000", 1)[-1]).json()
    assert status.is_set(listed["credentialSubject"]["encodedList"], int(entry["statusListIndex"]))
    assert revoked_indexes(0) == {award.status_index}
    independent_verify(listed, _multikey(client, listed))


def test_rotation_keeps_old_credentials_verifiable(client, staff, other, award, badge):
    old_method = award.credential["proof"]["verificationMethod"]
    key_rotate()
    newer = award_by_hand(actor=staff, achievement=badge, recipient=other)
    assert newer.credential["proof"]["verificationMethod"] != old_method
    assert verify(award.credential).status == "valid"
    assert verify(token=award.jwt).status == "valid"
    assert client.get(old_method.split("8000", 1)[-1]).status_code == 200


def test_rule_evidence_links_to_public_evidence_pages(client, staff, owner, taxonomy):
    import datetime

    from capacityhub.community.evidence import evidence_record
    from capacityhub.recognition.services.achievements import achievement_create
    from capacityhub.recognition.services.awards import awards_evaluate

    achievement_create(
        actor=staff,
        name="Mentor",
        description="Mentored people.",
        criteria="Three mentorships.",
        rule_kind="evidence_count",
        rule_params={"kind": "completed", "source_model": "mentoring.mentorship", "minimum": 1},
    )
    evidence = evidence_record(
        profile=owner.profile,
        capacity=taxonomy["lua-scripting"],
        kind=Evidence.Kind.COMPLETED,
        source="mentoring.mentorship:1",
        occurred_on=datetime.date(2026, 1, 1),
    )
    (award,) = awards_evaluate(profile_ids=[owner.profile.pk])
    link = award.credential["evidence"][0]["id"]
    assert link.endswith(f"/evidence/{evidence.pk}/")
    assert client.get(link.split("8000", 1)[-1]).status_code == 200
