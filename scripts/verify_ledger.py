#!/usr/bin/env python3
"""Verify Capacity Hub's public funding ledger from its JSON export alone.

Needs Python 3.11+ and the `rfc8785` package (pip install rfc8785==0.1.4), nothing else:

    curl -o ledger.json https://<hub>/funding/ledger.json
    python3 verify_ledger.py ledger.json

The export is {"transactions": [record, ...], "checkpoints": [{"sequence", "hash"}, ...]}.
Each record holds "sequence" (1, 2, 3 …), "prev_hash" (the previous record's "hash"; 64 zeros
for the first) and "hash" = SHA-256 (hex) of the RFC 8785 canonical JSON of the record without
its "hash" key. A checkpoint is a hash recorded in a decision: the chain must still hold it.
Exit status 0 when the chain is whole; 1 naming the first broken transaction otherwise.
"""

import hashlib
import json
import sys

import rfc8785

GENESIS_HASH = "0" * 64


def record_hash(record):
    body = {key: value for key, value in record.items() if key != "hash"}
    return hashlib.sha256(rfc8785.dumps(body)).hexdigest()


def first_break(records, checkpoints):
    wanted = {int(c["sequence"]): c["hash"] for c in checkpoints}
    previous, expected = GENESIS_HASH, 1
    for record in records:
        sequence = record.get("sequence")
        if sequence != expected:
            return sequence, f"sequence {sequence} where {expected} was expected"
        if record.get("prev_hash") != previous:
            return sequence, "prev_hash does not match the previous transaction's hash"
        if record_hash(record) != record.get("hash"):
            return sequence, "hash does not match the transaction's content"
        if sequence in wanted and wanted.pop(sequence) != record["hash"]:
            return sequence, "hash differs from the checkpoint recorded in a decision"
        previous, expected = record["hash"], expected + 1
    if wanted:
        return min(wanted), "a checkpointed transaction is missing from the chain"
    return None


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        document = json.load(handle)
    records = document.get("transactions", [])
    found = first_break(records, document.get("checkpoints", []))
    if found:
        print(f"Broken at transaction #{found[0]}: {found[1]}")
        return 1
    print(f"The chain of {len(records)} transactions is whole.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
