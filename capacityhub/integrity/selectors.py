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


def audit_entries(
    *,
    viewer,
    person: str = "",
    target_type: str = "",
    target_id: str = "",
    action: str = "",
    since=None,
    until=None,
):
    """The audit log for staff and the board, newest first, filtered. `person` is a username
    (the actor); `action` matches a prefix ("integrity." finds every integrity action)."""
    from capacityhub.core.models import AuditEntry

    if not can_oversee(viewer):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor")
    if person:
        entries = entries.filter(actor__username=person)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries.order_by("-created_at", "-id")


def audit_action_kinds() -> list[str]:
    """The distinct action names recorded so far (for the filter's choices)."""
    from capacityhub.core.models import AuditEntry

    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def decision_get(*, pk: int, viewer) -> Decision:
    if not can_oversee(viewer):
        raise Decision.DoesNotExist
    return Decision.objects.select_related("decided_by", "supersedes").get(pk=pk)


def decision_list(*, viewer, subject_type: str = "", subject_id: str = "", outcome: str = ""):
    if not can_oversee(viewer):
        return Decision.objects.none()
    decisions = Decision.objects.select_related("decided_by")
    if subject_type:
        decisions = decisions.filter(subject_type=subject_type)
    if subject_id:
        decisions = decisions.filter(subject_id=subject_id)
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    return decisions.order_by("-decided_at", "-id")


def decision_chain(decision: Decision) -> list[Decision]:
    """Every decision on the same subject, newest first."""
    return list(
        Decision.objects.filter(
            subject_type=decision.subject_type, subject_id=decision.subject_id
        ).select_related("decided_by", "supersedes")
    )


def interest_get(*, pk: int) -> Interest:
    return Interest.objects.select_related("declarant", "organization", "person").get(pk=pk)


def decision_audit_entries(*, decision: Decision, viewer):
    """The audit rows a decision wrote: on its subject, naming its id (staff and board only)."""
    from capacityhub.core.models import AuditEntry

    if not can_oversee(viewer):
        return AuditEntry.objects.none()
    return (
        AuditEntry.objects.select_related("actor")
        .filter(
            target_type=decision.subject_type,
            target_id=str(decision.subject_id),
            changes__decision=decision.pk,
        )
        .order_by("created_at", "id")
    )
