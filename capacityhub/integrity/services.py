"""Writes for integrity: declare and withdraw interests; record decisions (never edited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member

from .models import Decision, Interest, InterestKind
from .selectors import subject_key

DecisionEffect = Callable[[Decision], None]
_EFFECTS: dict[str, list[DecisionEffect]] = {}


def register_decision_effect(subject_type: str, effect: DecisionEffect) -> None:
    """Run `effect(decision)` inside `decision_record`'s transaction whenever a decision on a
    subject of `subject_type` ("app_label.modelname") is recorded. The app that owns the subject
    registers it (in its AppConfig.ready), so whoever decides — a call's managers, the board —
    needs no import of that app; an effect that raises ValidationError undoes the decision."""
    effects = _EFFECTS.setdefault(subject_type, [])
    if effect not in effects:
        effects.append(effect)


@transaction.atomic
def interest_declare(
    *,
    actor,
    kind: str,
    organization=None,
    person=None,
    description: str = "",
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> Interest:
    require_member(actor)
    if kind not in InterestKind.values:
        raise ValidationError({"kind": _("Choose a kind of interest.")})
    interest = Interest(
        declarant=actor,
        kind=kind,
        organization=organization,
        person=person,
        description=(description or "").strip(),
        started_on=started_on,
        ended_on=ended_on,
    )
    interest.full_clean()
    interest.save()
    audit_log(
        actor=actor,
        action="integrity.interest.declare",
        target=interest,
        changes={
            "kind": kind,
            "organization": organization.pk if organization else None,
            "person": person.pk if person else None,
        },
    )
    return interest


@transaction.atomic
def interest_withdraw(*, actor, interest: Interest) -> Interest:
    """The declaration stays on record, dated; it stops counting from now."""
    require_member(actor)
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.declarant_id != actor.pk:
        raise PermissionDenied(_("Only the person who declared an interest can withdraw it."))
    if interest.withdrawn_at is not None:
        raise ValidationError({"interest": _("This declaration was already withdrawn.")})
    interest.withdrawn_at = timezone.now()
    interest.save(update_fields=["withdrawn_at"])
    audit_log(actor=actor, action="integrity.interest.withdraw", target=interest)
    return interest


@transaction.atomic
def decision_record(
    *,
    actor,
    subject: Any,
    outcome: str,
    reason: str = "",
    supersedes: Decision | None = None,
    data: dict | None = None,
) -> Decision:
    """Record a decision on `subject`. Callers check who may decide (review: staff or the
    call's managers) before calling; this checks the record itself.

    The subject's current decision is locked, so two people deciding at once give one
    decision and one clear error: the second must supersede the decision it saw. With no
    current decision, `supersedes` must be None; with one, it must be that one."""
    require_member(actor)
    outcome = (outcome or "").strip()
    if not outcome or len(outcome) > 40:
        raise ValidationError({"outcome": _("Name the outcome.")})
    subject_type, subject_id = subject_key(subject)
    _lock_subject(subject)
    current = (
        # of=("self",): "not superseded" is an outer join, which PostgreSQL cannot lock.
        Decision.objects.select_for_update(of=("self",))
        .filter(subject_type=subject_type, subject_id=subject_id, superseded_by__isnull=True)
        .order_by("-decided_at", "-id")
        .first()
    )
    _check_supersedes(current, supersedes)
    decision = Decision(
        subject_type=subject_type,
        subject_id=subject_id,
        outcome=outcome,
        reason=(reason or "").strip(),
        decided_by=actor,
        supersedes=current if supersedes else None,
        data=data or {},
    )
    decision.full_clean()
    decision.save()
    audit_log(
        actor=actor,
        action="integrity.decision",
        target=subject,
        changes={
            "decision": decision.pk,
            "outcome": outcome,
            "supersedes": supersedes.pk if supersedes else None,
        },
    )
    for effect in _EFFECTS.get(subject_type, ()):
        effect(decision)
    return decision


def _lock_subject(subject: Any) -> None:
    # Serialises deciders on PostgreSQL even when there is no decision to lock yet; SQLite
    # serialises writers anyway (transaction_mode IMMEDIATE).
    list(type(subject)._default_manager.select_for_update().filter(pk=subject.pk).values("pk"))


def _check_supersedes(current: Decision | None, supersedes: Decision | None) -> None:
    if supersedes is not None and Decision.objects.filter(supersedes=supersedes).exists():
        raise ValidationError(
            {"supersedes": _("That decision was already replaced; reload and decide again.")}
        )
    if current is None and supersedes is not None:
        raise ValidationError({"supersedes": _("That decision is not about this subject.")})
    if current is not None and (supersedes is None or supersedes.pk != current.pk):
        raise ValidationError(
            {"supersedes": _("Someone decided in the meantime; reload and decide again.")}
        )
