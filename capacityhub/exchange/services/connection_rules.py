"""What every connection write shares: who acts for which side, the row lock, the status
rules, the audit row and notifying the other side."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import User
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_multiline

from ..models import Connection
from ..selectors.connections import PROVIDER, connection_sides, side_user_ids

Status = Connection.Status

ALREADY = {
    Status.ACCEPTED: gettext_lazy("This connection is already accepted."),
    Status.DECLINED: gettext_lazy("This connection was declined."),
    Status.WITHDRAWN: gettext_lazy("This connection was withdrawn."),
    Status.COMPLETED: gettext_lazy("This connection is already completed."),
    Status.INVITED: gettext_lazy("This connection has not been accepted yet."),
}


def provider_name(connection: Connection) -> str:
    if connection.provider_organization_id:
        return connection.provider_organization.name
    return person_name(connection.provider)


def person_name(user: User | None) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else (user.username if user else "")


def notify_side(connection: Connection, side: str, actor, subject, body="", **context) -> None:
    """Notify everyone who acts for `side`, except the actor."""
    context = {"need": connection.need.title, "name": person_name(actor), **context}
    recipients = User.objects.filter(
        pk__in=side_user_ids(connection=connection, side=side), is_active=True
    ).exclude(pk=actor.pk)
    for recipient in recipients:
        notify(
            recipient=recipient,
            subject=subject,
            body=body,
            url=connection.get_absolute_url(),
            context=context,
        )


def lock_connection(connection: Connection) -> Connection:
    """Re-read the connection under a row lock, so two concurrent transitions serialize."""
    fresh = Connection.objects.select_for_update().get(pk=connection.pk)
    for field in (
        "status", "requester_done", "provider_done", "requester_done_by_id",
        "provider_done_by_id", "completed_at", "updated_at",
    ):  # fmt: skip
        setattr(connection, field, getattr(fresh, field))
    return connection


def require_side(actor, connection: Connection, side: str | None = None) -> set[str]:
    require_member(actor)
    sides = connection_sides(connection=connection, user=actor)
    if side is None and not sides:
        raise PermissionDenied(_("Only the two sides of this connection can do this."))
    if side == PROVIDER and PROVIDER not in sides:
        raise PermissionDenied(_("Only the person or organization invited can answer this."))
    return sides


def require_status(connection: Connection, *allowed: str) -> None:
    if connection.status not in allowed:
        raise ValidationError({"status": str(ALREADY[connection.status])})


def audit_transition(actor, action: str, connection: Connection, before: str, **changes) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=connection,
        changes={"status": [before, connection.status], **changes},
    )


def clean_text(value: str, field: str, limit: int, required: bool = True) -> str:
    message = _("Write a message.")
    return clean_multiline(value, field=field, max_length=limit, required=required, message=message)
