"""A transaction as its public, hashed record (see chain.py). Reads only the row itself and
its entries, so the export, the command and the post compute the same thing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def money(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def rate_text(value: Decimal) -> str:
    return f"{Decimal(value):.8f}"


def when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_rows(entries) -> list[list[str]]:
    return [[e.account, money(e.debit), money(e.credit)] for e in entries]


def transaction_record(t, entries, *, reverses_hash: str | None = None) -> dict:
    """The public record, hash included (`t.hash` as stored: the checker recomputes it)."""
    return {
        "sequence": t.sequence,
        "prev_hash": t.prev_hash,
        "type": t.type,
        "value_date": t.value_date.isoformat(),
        "fiscal_year": t.fiscal_year,
        "description": t.description,
        "amount": money(t.amount),
        "currency": t.currency,
        "rate": rate_text(t.rate),
        "rate_date": t.rate_date.isoformat(),
        "rate_source": t.rate_source,
        "value": money(t.value),
        "reporting_currency": t.reporting_currency,
        "decision": t.decision_id,
        "paid_for": t.paid_for,
        "application": t.application_id,
        "budget_line": t.budget_line_id,
        "region": t.region,
        "programme": t.programme,
        "call": t.call_id,
        "recipient_kind": t.recipient_kind,
        "recipient_organization": t.recipient_organization_id,
        "recipient_digest": t.recipient_digest,
        "reverses": reverses_hash,
        "reason": t.reason,
        "posted_at": when(t.posted_at),
        "entries": entry_rows(entries),
        "hash": t.hash,
    }
