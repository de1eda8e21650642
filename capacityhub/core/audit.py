from typing import Any

from django.db import models

from .models import AuditEntry


def audit_log(
    *, actor, action: str, target: models.Model, changes: dict[str, Any] | None = None
) -> AuditEntry:
    """Record an accountable change. Call inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        changes=changes or {},
    )


def audit_log_many(
    *, actor, entries: list[tuple[str, models.Model, dict[str, Any] | None]]
) -> None:
    """audit_log for many (action, target, changes) at once, in one query."""
    who = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=who,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            changes=changes or {},
        )
        for action, target, changes in entries
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
