"""Calling off a whole session or event. Registrations are kept (who had a seat stays on
record) but the event shows as cancelled, leaves upcoming lists, search and matches, refuses
registrations, and everyone with a seat or on the waitlist is told why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.validation import clean_multiline
from capacityhub.core.versioning import version_bump

from ..models import Event, Registration
from .events import require_event_editor

MAX_REASON = Event._meta.get_field("cancellation_reason").max_length
Status = Registration.Status


def _clean_reason(reason) -> str:
    message = _("Say why it is cancelled: the people registered will read it.")
    return clean_multiline(
        reason, field="reason", max_length=MAX_REASON, required=True, message=message
    )


def _notify_cancelled(event: Event) -> None:
    people = [
        r.user
        for r in event.registrations.filter(status__in=[Status.CONFIRMED, Status.WAITLISTED])
        .select_related("user")
        .order_by("id")
    ]

    def send() -> None:
        for person in people:
            notify(
                recipient=person,
                subject=gettext_lazy("“%(title)s” is cancelled"),
                body=gettext_lazy("It will not take place. The organizers say: %(reason)s"),
                context={"title": event.title, "reason": event.cancellation_reason},
                url=event.get_absolute_url(),
            )

    transaction.on_commit(send)


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Its host, organizers and staff call it off, before it ends, giving a reason."""
    require_event_editor(actor, event)
    reason = _clean_reason(reason)
    # Locked: a registration racing the cancellation either lands before (and is notified)
    # or is refused after.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError({"event": _("It is already cancelled.")})
    if event.ends_at <= timezone.now():
        raise ValidationError({"event": _("It is over; it can no longer be cancelled.")})
    version_bump(Event, event, None)
    event.cancelled_at, event.cancellation_reason = timezone.now(), reason
    event.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
    audit_log(actor=actor, action="event.cancel", target=event, changes={"reason": reason})
    _notify_cancelled(event)
    return event
