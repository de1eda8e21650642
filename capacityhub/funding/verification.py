"""verify_ledger's database side: the stored rows as public records, checked by chain.py."""

from __future__ import annotations

from . import selectors
from .chain import Break, first_break


def ledger_verify() -> tuple[int, Break | None]:
    """(number of transactions checked, the first break or None)."""
    counted = 0

    def counting():
        nonlocal counted
        for record in selectors.chain_records():
            counted += 1
            yield record

    found = first_break(counting(), checkpoints=selectors.checkpoints())
    return counted, found
