"""Writes for the funding app: budgets, the ledger, checkpoints and recipients' consent."""

from .budgets import (
    budget_create,
    budget_line_add,
    checkpoint_decision_effect,
    line_decision_effect,
)
from .checkpoints import checkpoint_record, consent_set
from .common import clean_currency, is_finance, require_finance
from .ledger import transaction_post, transaction_reverse

__all__ = [
    "budget_create",
    "budget_line_add",
    "checkpoint_decision_effect",
    "checkpoint_record",
    "clean_currency",
    "consent_set",
    "is_finance",
    "line_decision_effect",
    "require_finance",
    "transaction_post",
    "transaction_reverse",
]
