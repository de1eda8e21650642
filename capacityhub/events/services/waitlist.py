"""The waitlist moving up: when seats free up (a cancellation, more seats), the first people
waiting are confirmed and told. Called by the event and registration services, inside their
transaction with the event's row locked (decision 0012)."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify

from ..models import Event, Registration

Status = Registration.Status


def _notify_promoted(registration: Registration, event: Event) -> None:
    user = registration.user

    def send() -> None:
        notify(
            recipient=user,
            subject=gettext_lazy("A seat opened up: you are confirmed for “%(title)s”"),
            body=gettext_lazy("You were on the waitlist; your seat is now confirmed."),
            context={"title": event.title},
            url=event.get_absolute_url(),
        )

    transaction.on_commit(send)


def promote_waitlist(event: Event) -> list[Registration]:
    """Confirm the first people on the waitlist while seats are free, and tell them.
    Must run inside the caller's transaction, with the event's row locked."""
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    free = event.seats - confirmed
    if free <= 0:
        return []
    waiting = list(
        event.registrations.filter(status=Status.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "id")[:free]
    )
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=None,
            action="registration.promote",
            target=registration,
            changes={"event": event.pk, "user": registration.user_id},
        )
        _notify_promoted(registration, event)
    return waiting
