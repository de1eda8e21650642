"""Double-entry lines of a transaction: the default pair per IATI type, checks, reversal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Account, TransactionType
from .common import clean_decimal

T = TransactionType
A = Account
# (debit account, credit account). Accrual basis: an outgoing commitment is the grant expense
# and a payable; the disbursement settles the payable in cash. Pledged funds that arrive are
# posted with explicit entries (debit cash, credit pledges receivable).
DEFAULT_PAIRS = {
    T.INCOMING_FUNDS: (A.CASH, A.CONTRIBUTIONS),
    T.INCOMING_COMMITMENT: (A.PLEDGES_RECEIVABLE, A.CONTRIBUTIONS),
    T.OUTGOING_COMMITMENT: (A.GRANT_EXPENSE, A.GRANTS_PAYABLE),
    T.DISBURSEMENT: (A.GRANTS_PAYABLE, A.CASH),
    T.EXPENDITURE: (A.PROGRAMME_EXPENSE, A.CASH),
    T.REIMBURSEMENT: (A.PROGRAMME_EXPENSE, A.CASH),
}
MAX_ENTRIES = 20


def default_entries(kind: str, value: Decimal) -> list[dict]:
    debit, credit = DEFAULT_PAIRS[kind]
    return [
        {"account": debit, "debit": value, "credit": Decimal(0)},
        {"account": credit, "debit": Decimal(0), "credit": value},
    ]


def clean_entries(entries: Any, *, value: Decimal) -> list[dict]:
    """Each line has one side above zero; debits equal credits and the transaction's value."""
    if not isinstance(entries, list | tuple) or not 2 <= len(entries) <= MAX_ENTRIES:
        raise ValidationError({"entries": _("Give between 2 and 20 entries.")})
    cleaned = []
    for index, entry in enumerate(entries):
        field = f"entries.{index}"
        if not isinstance(entry, dict) or entry.get("account") not in Account.values:
            raise ValidationError({field: _("Choose an account.")})
        debit = clean_decimal(entry.get("debit") or 0, field=f"{field}.debit")
        credit = clean_decimal(entry.get("credit") or 0, field=f"{field}.credit")
        if min(debit, credit) < 0 or (debit > 0) == (credit > 0):
            raise ValidationError({field: _("An entry is either a debit or a credit above zero.")})
        cleaned.append({"account": entry["account"], "debit": debit, "credit": credit})
    debits = sum(e["debit"] for e in cleaned)
    credits = sum(e["credit"] for e in cleaned)
    if debits != credits:
        raise ValidationError(
            {"entries": _("Debits (%(debits)s) and credits (%(credits)s) must be equal.")
             % {"debits": debits, "credits": credits}}
        )  # fmt: skip
    if debits != abs(value):
        raise ValidationError(
            {"entries": _("The entries must add up to the value in the reporting currency.")}
        )
    return cleaned


def reversed_entries(entries) -> list[dict]:
    return [{"account": e.account, "debit": e.credit, "credit": e.debit} for e in entries]
