"""Appending to the chain: lock the head, number, hash, save. Every post goes through here."""

from __future__ import annotations

import secrets

from django.utils import timezone

from ..chain import recipient_digest, record_hash
from ..models import GENESIS_HASH, Entry, LedgerHead, Transaction
from ..records import transaction_record


def locked_head() -> LedgerHead:
    """The head row, locked until the caller's transaction ends: posts queue here, so the
    chain never forks (PostgreSQL row lock; SQLite serialises writers anyway)."""
    head = LedgerHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LedgerHead.objects.get_or_create(pk=1, defaults={"hash": GENESIS_HASH})
        head = LedgerHead.objects.select_for_update().get(pk=1)
    return head


def append(t: Transaction, entries: list[dict]) -> Transaction:
    """Save `t` (all fields but the chain's set) with its entries as the next link."""
    head = locked_head()
    if t.recipient_person_id:
        t.recipient_salt = secrets.token_hex(16)
        t.recipient_digest = recipient_digest(t.recipient_salt, t.recipient_person_id)
    t.sequence = head.sequence + 1
    t.prev_hash = head.hash
    t.posted_at = timezone.now().replace(microsecond=0)
    rows = [Entry(position=i, **entry) for i, entry in enumerate(entries)]
    reverses_hash = t.reverses.hash if t.reverses_id else None
    t.hash = record_hash(transaction_record(t, rows, reverses_hash=reverses_hash))
    t.save()
    for row in rows:
        row.transaction = t
    Entry.objects.bulk_create(rows)
    LedgerHead.objects.filter(pk=1).update(sequence=t.sequence, hash=t.hash)
    return t
