"""Data Integrity proofs with the cryptosuite eddsa-rdfc-2022 (W3C "Data Integrity EdDSA
Cryptosuites v1.0", section 3.3): the proof configuration and the document (without proof) are
each canonicalised with RDFC-1.0 and hashed with SHA-256; the signature is Ed25519 over
proofConfigHash ‖ documentHash, written as multibase base58btc."""

import hashlib
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .contexts import canonize
from .multibase import multibase_decode, multibase_encode

CRYPTOSUITE = "eddsa-rdfc-2022"


def _proof_config(document: dict, proof: dict) -> dict:
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = document["@context"]
    return config


def hash_data(document: dict, proof: dict) -> bytes:
    """proofConfigHash ‖ transformedDocumentHash (sections 3.3.2–3.3.4)."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config_hash = hashlib.sha256(canonize(_proof_config(document, proof)).encode()).digest()
    document_hash = hashlib.sha256(canonize(unsecured).encode()).digest()
    return config_hash + document_hash


def sign(
    document: dict, *, sign_bytes: Callable[[bytes], bytes], verification_method: str, created: str
) -> dict:
    """The document with an embedded DataIntegrityProof (assertionMethod)."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    proof["proofValue"] = multibase_encode(sign_bytes(hash_data(document, proof)))
    return {**{k: v for k, v in document.items() if k != "proof"}, "proof": proof}


def verify(document: dict, *, public_key: bytes) -> list[str]:
    """The problems found (empty: the proof holds)."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return ["proof: missing"]
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return ["proof: not a DataIntegrityProof with eddsa-rdfc-2022"]
    if proof.get("proofPurpose") != "assertionMethod":
        return ["proof: purpose is not assertionMethod"]
    try:
        signature = multibase_decode(proof.get("proofValue"))
        data = hash_data(document, proof)
    except Exception as error:  # noqa: BLE001 - any malformed input is "invalid", never a 500
        return [f"proof: cannot be processed ({type(error).__name__})"]
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return ["proof: the signature does not match the credential"]
    return []
