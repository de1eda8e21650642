"""Registrations: a seat or a place on the waitlist, cancelling, and attendance.

Seats are never oversubscribed: every write that counts confirmed registrations first locks
the event's row (`select_for_update`, on PostgreSQL) inside a transaction that, on SQLite,
begins IMMEDIATE and so holds the database's write lock. Either way two registrations for
the same event never count the seats at the same time
(docs/decisions/0012-registrations-without-oversubscription.md).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.evidence import (
    EvidenceItem,
    evidence_record_many,
    evidence_source,
    evidence_withdraw,
)
from capacityhub.community.models import Evidence, Profile
from capacityhub.core.audit import audit_log, audit_log_many
from capacityhub.core.permissions import require_member

from ..models import Event, Registration
from .events import require_event_editor
from .waitlist import promote_waitlist

Status = Registration.Status
MAX_ATTENDANCE = 1000


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(event: Event, now) -> None:
    if event.is_cancelled:
        raise ValidationError({"event": _("It is cancelled; registration is closed.")})
    if event.starts_at <= now:
        raise ValidationError({"event": _("It has already started; registration is closed.")})
    if event.registration_deadline is not None and now > event.registration_deadline:
        raise ValidationError({"registration_deadline": _("Registration has closed.")})


@transaction.atomic
def registration_create(*, actor, event: Event) -> Registration:
    """Take a seat, or a place on the waitlist when every seat is taken."""
    require_member(actor)
    event = _locked(event)
    now = timezone.now()
    _check_open(event, now)
    existing = Registration.objects.filter(event=event, user=actor).first()
    if existing is not None and existing.status != Status.CANCELLED:
        raise ValidationError({"registration": _("You are already registered.")})
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    status = Status.CONFIRMED if confirmed < event.seats else Status.WAITLISTED
    if existing is None:
        registration = Registration.objects.create(
            event=event, user=actor, status=status, queued_at=now
        )
    else:
        registration = existing
        registration.status, registration.queued_at = status, now
        registration.save(update_fields=["status", "queued_at", "updated_at"])
    audit_log(
        actor=actor,
        action="registration.create",
        target=registration,
        changes={"event": event.pk, "status": status},
    )
    return registration


@transaction.atomic
def registration_cancel(*, actor, event: Event) -> Registration:
    """Give up one's seat (or waitlist place); the first on the waitlist moves up."""
    require_member(actor)
    event = _locked(event)
    registration = Registration.objects.filter(
        event=event, user=actor, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    ).first()
    if registration is None:
        raise ValidationError({"registration": _("You are not registered.")})
    if event.ends_at <= timezone.now():
        raise ValidationError({"event": _("It is over; the registration stays as it was.")})
    was = registration.status
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="registration.cancel",
        target=registration,
        changes={"event": event.pk, "status": [was, Status.CANCELLED]},
    )
    if was == Status.CONFIRMED and not event.is_cancelled:
        promote_waitlist(event)
    return registration


def _record_evidence(event: Event, registrations: list[Registration], actor) -> None:
    """ATTENDED evidence for each attendee and FACILITATED for the host (once), on the
    event's capacities: a fixed number of queries however many attend."""
    capacities = list(event.capacities.all())
    user_ids = {r.user_id for r in registrations} | {event.host_id}
    profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=user_ids)}
    occurred_on, note = timezone.localdate(event.starts_at), event.title[:300]
    holders = [
        (profiles[r.user_id], Evidence.Kind.ATTENDED, evidence_source(r))
        for r in registrations
        if r.user_id in profiles
    ]
    if event.host_id in profiles:
        holders.append((profiles[event.host_id], Evidence.Kind.FACILITATED, evidence_source(event)))
    items = [
        EvidenceItem(
            profile=profile,
            capacity=capacity,
            kind=kind,
            source=source,
            occurred_on=occurred_on,
            note=note,
        )
        for profile, kind, source in holders
        for capacity in capacities
    ]
    evidence_record_many(items=items, confirmed_by=actor)


@transaction.atomic
def attendance_mark(*, actor, event: Event, usernames: list[str]) -> list[Registration]:
    """Hosts and organizers mark who attended, once it has started. Each attendee gets
    evidence ATTENDED on its capacities and the host FACILITATED (recorded once)."""
    require_event_editor(actor, event)
    if not isinstance(usernames, list) or len(usernames) > MAX_ATTENDANCE:
        raise ValidationError({"usernames": _("Give a list of usernames.")})
    if event.starts_at > timezone.now():
        raise ValidationError({"event": _("Attendance can be marked once it has started.")})
    if event.is_cancelled:
        raise ValidationError({"event": _("It was cancelled; nobody attended.")})
    registrations = {
        r.user.username: r
        for r in event.registrations.filter(
            status=Status.CONFIRMED, user__username__in=usernames
        ).select_related("user")
    }
    missing = [name for name in usernames if name not in registrations]
    if missing:
        raise ValidationError(
            {"usernames": _("Not registered with a confirmed seat: %s.") % ", ".join(missing)}
        )
    now = timezone.now()
    newly = [r for r in registrations.values() if not r.attended]
    Registration.objects.filter(pk__in=[r.pk for r in newly]).update(
        attended=True, attendance_marked_at=now, updated_at=now
    )
    for registration in newly:
        registration.attended, registration.attendance_marked_at = True, now
    audit_log_many(
        actor=actor,
        entries=[
            ("registration.attended", r, {"event": event.pk, "user": r.user_id}) for r in newly
        ],
    )
    _record_evidence(event, list(registrations.values()), actor)
    return list(registrations.values())


@transaction.atomic
def attendance_unmark(*, actor, event: Event, usernames: list[str]) -> list[Registration]:
    """Undo attendance marked by mistake: hosts, organizers and staff. The ATTENDED evidence
    it recorded is withdrawn; the host's FACILITATED evidence stays (the event took place)."""
    require_event_editor(actor, event)
    if not isinstance(usernames, list) or len(usernames) > MAX_ATTENDANCE:
        raise ValidationError({"usernames": _("Give a list of usernames.")})
    registrations = {
        r.user.username: r
        for r in event.registrations.filter(
            attended=True, user__username__in=usernames
        ).select_related("user__profile")
    }
    missing = [name for name in usernames if name not in registrations]
    if missing:
        raise ValidationError(
            {"usernames": _("Not marked as attended: %s.") % ", ".join(map(str, missing))}
        )
    for registration in registrations.values():
        registration.attended, registration.attendance_marked_at = False, None
        registration.save(update_fields=["attended", "attendance_marked_at", "updated_at"])
        evidence_withdraw(
            source=evidence_source(registration),
            profile=getattr(registration.user, "profile", None),
            kind=Evidence.Kind.ATTENDED,
            actor=actor,
        )
        audit_log(
            actor=actor,
            action="registration.unattended",
            target=registration,
            changes={"event": event.pk, "user": registration.user_id},
        )
    return list(registrations.values())
