"""Checkpoints (the chain's latest hash recorded in a Decision) and recipients' consent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_single_line
from capacityhub.integrity.services import decision_record

from ..models import LedgerCheckpoint, RecipientConsent
from .chain_append import locked_head
from .common import require_finance


@transaction.atomic
def checkpoint_record(*, actor, reason: str = "") -> LedgerCheckpoint:
    """Record the chain head in a decision: a later rewrite of history no longer matches it."""
    require_finance(actor)
    reason = clean_single_line(reason, field="reason", max_length=400)
    head = locked_head()
    if head.sequence == 0:
        raise ValidationError({"ledger": _("The ledger is empty; there is nothing to record.")})
    checkpoint = LedgerCheckpoint.objects.create(
        sequence=head.sequence, hash=head.hash, created_by=actor
    )
    decision = decision_record(
        actor=actor,
        subject=checkpoint,
        outcome="recorded",
        reason=reason,
        data={"sequence": head.sequence, "hash": head.hash},
    )
    checkpoint.decision = decision
    audit_log(actor=actor, action="funding.checkpoint", target=checkpoint,
              changes={"sequence": head.sequence, "hash": head.hash})  # fmt: skip
    return checkpoint


@transaction.atomic
def consent_set(*, actor, public: bool) -> RecipientConsent:
    """A recipient chooses whether their name is shown on money they receive."""
    require_member(actor)
    consent, _created = RecipientConsent.objects.update_or_create(
        person=actor, defaults={"public": bool(public)}
    )
    audit_log(actor=actor, action="funding.consent", target=consent, changes={"public": public})
    return consent
