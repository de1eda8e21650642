"""Bitstring Status List v1.0 (W3C): one bit per credential, gzip-compressed and written as
multibase base64url ("u…"). Pure."""

import base64
import gzip

from .contexts import VC_V2

LIST_SIZE = 131072  # bits: the spec's minimum, so one list hides which credential is checked


def encode(revoked: set[int]) -> str:
    bits = bytearray(LIST_SIZE // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)  # the first index is the left-most bit
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not multibase base64url")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(encoded: str, index: int) -> bool:
    bits = decode(encoded)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(
    *, list_url: str, issuer: dict, valid_from: str, revoked: set[int]
) -> dict:

    return {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }
