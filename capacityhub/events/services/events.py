"""Writes to sessions and events: schedule one, change it.

Any member may host a live session (for themselves, or for an organization they manage);
the other kinds are organized by an organization, so only its managers (and staff) may
schedule or change them. Lowering the seats below those already confirmed is refused;
raising them moves the waitlist up.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log, diff
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import (
    clean_bool,
    clean_int,
    clean_languages,
    clean_list,
    clean_multiline,
    clean_region,
    clean_single_line,
)
from capacityhub.core.versioning import version_bump
from capacityhub.knowledge.models import Resource
from capacityhub.taxonomy.validation import resolve_capacities

from ..models import MAX_SEATS, Event, Registration
from ..timezones import is_zone
from .waitlist import promote_waitlist

MAX_RESOURCES = 30
SCALAR_FIELDS = {
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "online",
    "place",
    "region",
    "languages",
    "interpretation_languages",
    "seats",
    "registration_deadline",
    "call_url",
    "recording_url",
}
EDITABLE_FIELDS = SCALAR_FIELDS | {"capacities", "resources"}
Kind = Event.Kind


# Permissions -----------------------------------------------------------------------------------


def event_can_edit(*, event: Event, user) -> bool:
    """The host, the managers of the organizing organization, and staff."""
    return can_act_for(user, owner=event.host_id, organization=event.organization_id)


def require_event_editor(actor, event: Event) -> None:
    require_member(actor)
    if not event_can_edit(event=event, user=actor):
        raise PermissionDenied(_("Only its host, its organizers and staff can do this."))


def _require_can_organize(actor, kind: str, organization: Organization | None) -> None:
    require_member(actor)
    if organization is not None and not can_act_for(actor, organization=organization):
        raise PermissionDenied(_("Only this organization's managers and staff can do this."))
    if kind != Kind.SESSION and organization is None and not actor.is_staff:
        raise PermissionDenied(_("Events are organized by an organization you manage."))


# Validation ------------------------------------------------------------------------------------


def _resource_id(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({"resources": _("Give a list of resource numbers.")})
    return value


def _resolve_resources(values) -> list[Resource]:
    ids = clean_list(values, field="resources", max_items=MAX_RESOURCES, item_cleaner=_resource_id)
    listed = [Resource.Status.PUBLISHED, Resource.Status.OUTDATED]
    found = Resource.objects.filter(status__in=listed).in_bulk(ids)
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise ValidationError({"resources": _("Unknown resource: %s.") % ", ".join(unknown)})
    return [found[i] for i in ids]


def _clean_times(event: Event, *, creating: bool) -> None:
    for field in ("starts_at", "ends_at"):
        value = getattr(event, field)
        if not isinstance(value, datetime) or timezone.is_naive(value):
            raise ValidationError({field: _("Give a date and time.")})
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("It cannot end before it starts.")})
    if creating and event.starts_at < timezone.now():
        raise ValidationError({"starts_at": _("It cannot start in the past.")})
    deadline = event.registration_deadline
    if deadline is not None and (not isinstance(deadline, datetime) or timezone.is_naive(deadline)):
        raise ValidationError({"registration_deadline": _("Give a date and time.")})
    if deadline is not None and deadline > event.ends_at:
        raise ValidationError(
            {"registration_deadline": _("Registration must close before it ends.")}
        )


def _clean_scalars(fields: dict) -> dict:
    cleaned = dict(fields)
    if "title" in cleaned:
        message = _("Give it a short title.")
        cleaned["title"] = clean_single_line(
            cleaned["title"], field="title", max_length=200, required=True, message=message
        )
    for name, limit in (("place", 200), ("call_url", 500), ("recording_url", 500)):
        if name in cleaned:
            cleaned[name] = clean_single_line(cleaned[name], field=name, max_length=limit)
    if "description" in cleaned:
        cleaned["description"] = clean_multiline(
            cleaned["description"], field="description", max_length=8000
        )
    if "time_zone" in cleaned and not is_zone(cleaned["time_zone"]):
        raise ValidationError({"time_zone": _("Unknown time zone.")})
    if "region" in cleaned:
        cleaned["region"] = clean_region(cleaned["region"])
    for name in ("languages", "interpretation_languages"):
        if name in cleaned:
            cleaned[name] = clean_languages(cleaned[name], field=name)
    if "online" in cleaned:
        clean_bool(cleaned["online"], field="online")
    if "seats" in cleaned:
        message = _("Seats must be between 1 and %d.") % MAX_SEATS
        clean_int(cleaned["seats"], field="seats", minimum=1, maximum=MAX_SEATS, message=message)
    return cleaned


def _clean_event(event: Event, *, creating: bool) -> None:
    _clean_times(event, creating=creating)
    if not event.online and not event.place:
        raise ValidationError({"place": _("Say where it takes place, or that it is online.")})
    if event.is_session and not event.online:
        raise ValidationError({"online": _("Live sessions take place online.")})
    event.full_clean(exclude=["host", "organization"])


# Services --------------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    actor,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    organization: Organization | None = None,
    capacities: list[str] = (),
    **fields,
) -> Event:
    """Schedule a live session (any member) or an event (its organization's managers, staff)."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown kind.")})
    _require_can_organize(actor, kind, organization)
    unknown = set(fields) - SCALAR_FIELDS - {"resources"}
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    resource_ids = fields.pop("resources", None)
    cleaned = _clean_scalars({"title": title, "starts_at": starts_at, "ends_at": ends_at, **fields})
    resolved = resolve_capacities(capacities, required=False)
    resources = _resolve_resources(resource_ids) if resource_ids is not None else []
    event = Event(kind=kind, host=actor, organization=organization, **cleaned)
    _clean_event(event, creating=True)
    event.save()
    event.capacities.set(resolved)
    event.resources.set(resources)
    audit_log(
        actor=actor,
        action="event.create",
        target=event,
        changes={
            "kind": kind,
            "title": event.title,
            "starts_at": event.starts_at.isoformat(),
            "organization": organization.slug if organization else None,
            "capacities": [c.code for c in resolved],
        },
    )
    return event


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def event_update(*, actor, event: Event, expected_version: int | None = None, **changes) -> Event:
    """Change a session or event; send `expected_version` to be told of a concurrent change."""
    require_event_editor(actor, event)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    capacity_codes = changes.pop("capacities", None)
    resource_ids = changes.pop("resources", None)
    changes = _clean_scalars(changes)
    capacities = (
        resolve_capacities(capacity_codes, required=False) if capacity_codes is not None else None
    )
    resources = _resolve_resources(resource_ids) if resource_ids is not None else None
    # Lock the row first and work on what it holds now, not on the caller's copy: the seats
    # check must see every registration committed before it, the checks and the audit's
    # "before" values every change saved in the meantime.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError({"event": _("It is cancelled; it can no longer be changed.")})
    before = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    _clean_event(locked, creating=False)
    confirmed = _confirmed_count(locked) if "seats" in changes else 0
    if "seats" in changes and locked.seats < confirmed:
        raise ValidationError(
            {"seats": _("%d people are already confirmed; seats cannot be fewer.") % confirmed}
        )
    version_bump(Event, locked, expected_version)
    locked.save(update_fields=[*changes, "updated_at"])
    record = {k: [str(a), str(b)] for k, (a, b) in diff(before, changes).items()}
    if capacities is not None:
        locked.capacities.set(capacities)
        record["capacities"] = [c.code for c in capacities]
    if resources is not None:
        locked.resources.set(resources)
        record["resources"] = [r.pk for r in resources]
    if "seats" in changes:
        promote_waitlist(locked)
    audit_log(actor=actor, action="event.update", target=locked, changes=record)
    _copy_fields(locked, event)
    return event


def _copy_fields(source: Event, target: Event) -> None:
    """Give the caller's copy the saved state (its fields, not its relations)."""
    for field in Event._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
