"""Posting to the ledger and reversing a posted transaction — the only two writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_region, clean_single_line
from capacityhub.integrity.models import Decision

from ..models import NEEDS_DECISION, RecipientKind, Transaction, TransactionType, reporting_currency
from .chain_append import append
from .common import clean_amount, clean_currency, clean_paid_for, clean_rate, require_finance
from .entries import clean_entries, default_entries, reversed_entries

APPROVING = {"accept", "approved", "taken_up", "adopted", "carried"}
AWARDED = {"accepted", "taken_up"}
T = TransactionType


@transaction.atomic
def transaction_post(
    *,
    actor,
    type: str,
    value_date: dt.date,
    description: str,
    amount: Any,
    currency: str,
    rate: Any,
    rate_date: dt.date,
    rate_source: str,
    decision: Decision | None = None,
    paid_for: str = "",
    application=None,
    budget_line=None,
    region: str = "",
    programme: str = "",
    call=None,
    recipient_organization=None,
    recipient_person=None,
    entries: list[dict] | None = None,
) -> Transaction:
    """Post a transaction. Commitments and disbursements need the Decision that approved them
    and what they pay for; a disbursement for an award needs its commitment first."""
    require_finance(actor)
    if type not in T.values:
        raise ValidationError({"type": _("Choose an IATI transaction type.")})
    t = Transaction(
        type=type,
        value_date=_date(value_date, "value_date"),
        description=clean_single_line(description, field="description", max_length=400,
                                      required=True),
        amount=clean_amount(amount),
        currency=clean_currency(currency),
        rate=clean_rate(rate),
        rate_date=_date(rate_date, "rate_date"),
        rate_source=clean_single_line(rate_source, field="rate_source", max_length=200,
                                      required=True),
        reporting_currency=reporting_currency(),
        paid_for=clean_paid_for(paid_for),
        posted_by=actor,
    )  # fmt: skip
    t.value = (t.amount * t.rate).quantize(t.amount)
    if t.value <= 0:
        raise ValidationError({"amount": _("The value in the reporting currency rounds to zero.")})
    _place(t, application, budget_line, region, programme, call)
    _recipient(t, application, recipient_organization, recipient_person)
    _check_decision(t, decision, application)
    rows = (
        default_entries(type, t.value) if entries is None else clean_entries(entries, value=t.value)
    )
    append(t, rows)
    audit_log(actor=actor, action="funding.transaction.post", target=t,
              changes={"sequence": t.sequence, "type": type, "value": str(t.value)})  # fmt: skip
    return t


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError({field: _("Enter a date.")})
    if not dt.date(2000, 1, 1) <= value <= timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError({field: _("Enter a date between 2000 and next year.")})
    return value


def _place(t: Transaction, application, budget_line, region, programme, call) -> None:
    """Region, programme, call and fiscal year come from the budget line when there is one."""
    t.application, t.budget_line = application, budget_line
    if budget_line is not None:
        region, programme = budget_line.region, budget_line.programme
        call = budget_line.call or call
    if application is not None:
        call = call or application.call
    t.region = clean_region(region, field="region")
    t.programme = clean_single_line(programme, field="programme", max_length=120)
    t.call = call
    t.fiscal_year = budget_line.budget.fiscal_year if budget_line else t.value_date.year
    if application is not None and not t.paid_for:
        t.paid_for = f"review.application:{application.pk}"


def _recipient(t: Transaction, application, organization, person) -> None:
    if organization is not None and person is not None:
        raise ValidationError({"recipient": _("Name an organization or a person, not both.")})
    if application is not None and organization is None and person is None:
        organization = application.organization
        person = None if organization else application.applicant
    t.recipient_organization, t.recipient_person = organization, person
    t.recipient_kind = (
        RecipientKind.ORGANIZATION if organization else
        RecipientKind.INDIVIDUAL if person else RecipientKind.NONE
    )  # fmt: skip


def _check_decision(t: Transaction, decision: Decision | None, application) -> None:
    if t.type not in NEEDS_DECISION:
        t.decision = decision
        return
    if decision is None:
        raise ValidationError(
            {"decision": _("A commitment or disbursement needs the decision that approved it.")}
        )
    if not t.paid_for:
        raise ValidationError({"paid_for": _("Say what this pays for.")})
    if _latest(decision).outcome not in APPROVING:
        raise ValidationError({"decision": _("That decision did not approve anything.")})
    if application is not None:
        if (decision.subject_type, decision.subject_id) != (
            "review.application",
            str(application.pk),
        ):
            raise ValidationError({"decision": _("That decision is not about this award.")})
        if application.status not in AWARDED:
            raise ValidationError({"application": _("This application was not awarded.")})
        if t.type == T.DISBURSEMENT:
            _check_committed(t, application)
    t.decision = decision


def _latest(decision: Decision) -> Decision:
    seen = 0
    while seen < 100 and (later := Decision.objects.filter(supersedes=decision).first()):
        decision, seen = later, seen + 1
    return decision


def _check_committed(t: Transaction, application) -> None:
    rows = Transaction.objects.filter(
        application=application, type__in=[T.OUTGOING_COMMITMENT, T.DISBURSEMENT]
    )
    totals = dict(rows.values("type").annotate(total=Sum("value")).values_list("type", "total"))
    committed = totals.get(T.OUTGOING_COMMITMENT) or 0
    disbursed = totals.get(T.DISBURSEMENT) or 0
    if disbursed + t.value > committed:
        raise ValidationError(
            {"amount": _("This disburses more than was committed to this award.")}
        )


@transaction.atomic
def transaction_reverse(*, actor, transaction: Transaction, reason: str) -> Transaction:
    """A correction: the same amounts with debits and credits swapped, and a reason."""
    require_finance(actor)
    reason = clean_single_line(reason, field="reason", max_length=400, required=True)
    original = Transaction.objects.select_related("budget_line__budget").get(pk=transaction.pk)
    if original.reverses_id is not None:
        raise ValidationError({"transaction": _("A reversal is not reversed; post anew.")})
    if Transaction.objects.filter(reverses=original).exists():
        raise ValidationError({"transaction": _("This transaction was already reversed.")})
    copied = {f: getattr(original, f) for f in (
        "type", "fiscal_year", "currency", "rate", "rate_date", "rate_source",
        "reporting_currency", "decision_id", "paid_for", "application_id", "budget_line_id",
        "region", "programme", "call_id", "recipient_kind", "recipient_organization_id",
        "recipient_person_id",
    )}  # fmt: skip
    t = Transaction(
        **copied,
        value_date=timezone.localdate(),
        description=clean_single_line(
            _("Reversal of #%(sequence)s") % {"sequence": original.sequence},
            field="description", max_length=400,
        ),
        amount=-original.amount,
        value=-original.value,
        reverses=original,
        reason=reason,
        posted_by=actor,
    )  # fmt: skip
    append(t, reversed_entries(original.entries.all()))
    audit_log(actor=actor, action="funding.transaction.reverse", target=t,
              changes={"reverses": original.sequence, "reason": reason})  # fmt: skip
    return t
