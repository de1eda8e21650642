"""The public exports: the ledger as CSV and JSON (the JSON is what verify_ledger checks) and
commitments as 360Giving grants (schemas/360giving-grants-1.4.json)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from capacityhub.core.csv import write_csv

from . import selectors
from .models import RecipientKind, Transaction, TransactionType, reporting_currency

FORMAT = "capacityhub-ledger/1"
CSV_HEADER = [
    "sequence", "type", "type_name", "value_date", "fiscal_year", "description", "amount",
    "currency", "rate", "rate_date", "rate_source", "value", "reporting_currency", "decision",
    "paid_for", "region", "programme", "call", "recipient", "reverses_sequence", "reason",
    "hash", "prev_hash",
]  # fmt: skip


def ledger_json() -> dict:
    """Every record of the chain plus the checkpoints; names of recipients that may be shown
    are beside the records (outside the hashed content, since consent can change)."""
    public = selectors.public_people()
    names = {}
    for t in selectors.transactions_public().exclude(recipient_kind=""):
        name = selectors.recipient_name(t, public)
        if name:
            names[str(t.sequence)] = name
    return {
        "format": FORMAT,
        "reporting_currency": reporting_currency(),
        "transactions": list(selectors.chain_records()),
        "checkpoints": selectors.checkpoints(),
        "recipient_names": names,
    }


def ledger_csv(year: int | None = None) -> str:
    rows = selectors.transactions_public().order_by("sequence")
    if year:
        rows = rows.filter(fiscal_year=year)
    public = selectors.public_people()
    return write_csv((_csv_row(t, public) for t in rows), header=CSV_HEADER)


def _csv_row(t: Transaction, public: set[int]) -> list:
    recipient = selectors.recipient_name(t, public)
    if recipient is None and t.recipient_kind == RecipientKind.INDIVIDUAL:
        recipient = "(individual)"
    return [
        t.sequence, t.type, str(t.get_type_display()), t.value_date.isoformat(), t.fiscal_year,
        t.description, f"{t.amount:.2f}", t.currency, f"{t.rate:.8f}", t.rate_date.isoformat(),
        t.rate_source, f"{t.value:.2f}", t.reporting_currency, t.decision_id or "", t.paid_for,
        t.region, t.programme, t.call_id or "", recipient or "",
        t.reverses.sequence if t.reverses_id else "", t.reason, t.hash, t.prev_hash,
    ]  # fmt: skip


def _funder() -> dict:
    return {
        "id": getattr(settings, "FUNDING_ORGANIZATION_ID", "XI-CAPACITYHUB"),
        "name": getattr(settings, "FUNDING_ORGANIZATION_NAME", "Capacity Hub"),
    }


def giving360() -> dict:
    """Outgoing commitments net of reversals, one grant each; commitments to individuals who
    did not opt in are summed into one grant per fiscal year and call."""
    public = selectors.public_people()
    commitments = selectors.transactions_public().filter(
        type=TransactionType.OUTGOING_COMMITMENT, reverses__isnull=True, reversed_by__isnull=True
    )
    grants, pooled = [], {}
    for t in commitments.order_by("sequence"):
        name = selectors.recipient_name(t, public)
        if name is None and t.recipient_kind == RecipientKind.INDIVIDUAL:
            key = (t.fiscal_year, t.call_id or 0)
            pooled.setdefault(key, []).append(t)
        else:
            grants.append(_grant(t, name))
    grants += [_pooled_grant(year, call, rows) for (year, call), rows in sorted(pooled.items())]
    return {"grants": grants}


def _prefix() -> str:
    return "360G-" + _funder()["id"]


def _grant(t: Transaction, name: str | None) -> dict:
    grant = {
        "id": f"{_prefix()}-{t.sequence}",
        "title": t.description,
        "description": t.description,
        "currency": t.reporting_currency,
        "amountAwarded": float(t.value),
        "awardDate": t.value_date.isoformat(),
        "fundingOrganization": [_funder()],
        "dataSource": f"ledger sequence {t.sequence}, hash {t.hash}",
    }
    if t.recipient_organization_id:
        organization = t.recipient_organization
        grant["recipientOrganization"] = [
            {"id": f"{_prefix()}-ORG-{organization.slug}", "name": organization.name}
        ]
    else:
        grant["recipientIndividual"] = {
            "id": f"{_prefix()}-IND-{t.recipient_digest[:16] or t.sequence}",
            "name": name or "Individual recipient",
        }
    if t.programme or t.call_id:
        grant["grantProgramme"] = [{"title": t.programme or str(t.call)}]
    return grant


def _pooled_grant(year: int, call: int, rows: list[Transaction]) -> dict:
    total = sum((t.value for t in rows), Decimal(0))
    return {
        "id": f"{_prefix()}-POOL-{year}-{call}",
        "title": f"Awards to {len(rows)} individuals ({year})",
        "description": "Awards to individuals who did not agree to be named, summed.",
        "currency": rows[0].reporting_currency,
        "amountAwarded": float(total),
        "awardDate": max(t.value_date for t in rows).isoformat(),
        "fundingOrganization": [_funder()],
        "recipientIndividual": {"id": f"{_prefix()}-IND-POOL-{year}-{call}",
                                "name": "Individual recipients"},
    }  # fmt: skip
