"""Budgets by fiscal year and their lines; a line is approved by a Decision recorded by anyone
(a call's managers, the board), applied by `line_decision_effect`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_multiline, clean_region, clean_single_line

from ..models import Budget, BudgetLine, LedgerCheckpoint, Scope, reporting_currency
from .common import clean_decimal, require_finance

APPROVED = "approved"


@transaction.atomic
def budget_create(*, actor, fiscal_year: Any, note: str = "") -> Budget:
    require_finance(actor)
    try:
        year = int(fiscal_year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        raise ValidationError({"fiscal_year": _("Enter a year between 2000 and 2100.")})
    if Budget.objects.filter(fiscal_year=year).exists():
        raise ValidationError({"fiscal_year": _("That year already has a budget.")})
    budget = Budget.objects.create(
        fiscal_year=year,
        currency=reporting_currency(),
        note=clean_multiline(note, field="note", max_length=4000, required=False),
        created_by=actor,
    )
    audit_log(actor=actor, action="funding.budget.create", target=budget, changes={"year": year})
    return budget


@transaction.atomic
def budget_line_add(
    *,
    actor,
    budget: Budget,
    title: str,
    scope: str,
    amount: Any,
    region: str = "",
    programme: str = "",
    call=None,
    organization=None,
) -> BudgetLine:
    require_finance(actor)
    if scope not in Scope.values:
        raise ValidationError({"scope": _("Choose centralized or decentralized.")})
    amount = clean_decimal(amount, field="amount")
    if amount < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    line = BudgetLine.objects.create(
        budget=budget,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        scope=scope,
        region=clean_region(region, field="region"),
        programme=clean_single_line(programme, field="programme", max_length=120, required=False),
        call=call,
        organization=organization,
        amount=amount,
    )
    audit_log(
        actor=actor,
        action="funding.budget_line.add",
        target=line,
        changes={"budget": budget.fiscal_year, "amount": str(amount), "scope": scope},
    )
    return line


def line_decision_effect(decision) -> None:
    """A decision "approved" on a line approves it and links the decision; any later decision
    that supersedes it with another outcome withdraws the approval."""
    lines = BudgetLine.objects.filter(pk=decision.subject_id)
    if decision.outcome == APPROVED:
        lines.update(approved_decision=decision, approved_at=decision.decided_at)
    else:
        lines.update(approved_decision=None, approved_at=None)


def checkpoint_decision_effect(decision) -> None:
    LedgerCheckpoint.objects.filter(pk=decision.subject_id, decision__isnull=True).update(
        decision=decision
    )
