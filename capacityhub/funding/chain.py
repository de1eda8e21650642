"""The hash chain, pure: a transaction's public record, its hash, and checking a whole chain.

A record is a JSON object of strings, integers, nulls and lists (amounts as decimal strings,
never floats). Its hash is SHA-256 over the RFC 8785 canonical JSON of the record without its
own "hash" (the record holds "prev_hash", so each hash covers the one before). The public
export is a list of these records; `scripts/verify_ledger.py` repeats `first_break` with the
standard library and rfc8785 alone."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import rfc8785

from .models import GENESIS_HASH


def record_hash(record: dict) -> str:
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(rfc8785.dumps(body)).hexdigest()


def recipient_digest(salt: str, person_id: int) -> str:
    return hashlib.sha256(f"{salt}:{person_id}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    sequence: int | None
    reason: str


def first_break(records: Iterable[dict], *, checkpoints: Iterable[dict] = ()) -> Break | None:
    """The first record whose hash, link or sequence is wrong, or a checkpoint the chain no
    longer matches; None when the chain is whole. Records in sequence order."""
    wanted = {int(c["sequence"]): c["hash"] for c in checkpoints}
    previous, expected_sequence = GENESIS_HASH, 1
    for record in records:
        sequence = record.get("sequence")
        if sequence != expected_sequence:
            return Break(sequence, f"sequence {sequence} where {expected_sequence} was expected")
        if record.get("prev_hash") != previous:
            return Break(sequence, "prev_hash does not match the previous transaction's hash")
        if record_hash(record) != record.get("hash"):
            return Break(sequence, "hash does not match the transaction's content")
        if sequence in wanted and wanted.pop(sequence) != record["hash"]:
            return Break(sequence, "hash differs from the checkpoint recorded in a decision")
        previous, expected_sequence = record["hash"], expected_sequence + 1
    if wanted:
        missing = min(wanted)
        return Break(missing, "a checkpointed transaction is missing from the chain")
    return None
