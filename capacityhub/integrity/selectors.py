"""Reads for integrity: current decisions, declarations, and who may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Decision, Interest


def subject_key(subject: Any) -> tuple[str, str]:
    """(subject_type, subject_id) as the audit log names a target."""
    return subject._meta.label_lower, str(subject.pk)


def decisions_for(subject: Any) -> QuerySet[Decision]:
    subject_type, subject_id = subject_key(subject)
    return Decision.objects.filter(subject_type=subject_type, subject_id=subject_id).select_related(
        "decided_by", "supersedes"
    )


def decision_current(subject: Any, *, kinds: list[str] | None = None) -> Decision | None:
    """The subject's decision that nothing superseded (optionally among some outcomes)."""
    decisions = decisions_for(subject).filter(superseded_by__isnull=True)
    if kinds:
        decisions = decisions.filter(outcome__in=kinds)
    return decisions.order_by("-decided_at", "-id").first()


def can_oversee(user) -> bool:
    """Staff and board members see every declaration, decision and audit row."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or getattr(user, "is_board_member", False))


def interest_list_for(*, user, include_withdrawn: bool = True) -> QuerySet[Interest]:
    interests = Interest.objects.filter(declarant=user).select_related("organization", "person")
    if not include_withdrawn:
        interests = interests.filter(withdrawn_at__isnull=True)
    return interests


def interest_list_all(*, viewer) -> QuerySet[Interest]:
    if not can_oversee(viewer):
        return Interest.objects.none()
    return Interest.objects.select_related("declarant", "organization", "person")
