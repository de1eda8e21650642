"""Writes to needs: state one, change it, move it through its lifecycle.

Lifecycle: open → in progress → fulfilled; open or in progress → closed; open or in progress
→ expired (only by `need_expire_overdue`, when the window has passed). Every change of status
is dated and attributed by a NeedEvent and an audit row.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log, diff
from capacityhub.core.models import AuditEntry, Visibility
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import (
    clean_bool,
    clean_languages,
    clean_level,
    clean_multiline,
    clean_region,
    clean_single_line,
)
from capacityhub.core.versioning import version_bump
from capacityhub.exchange.selectors.matching_index import matching_index_changed
from capacityhub.taxonomy.validation import resolve_capacities, resolve_methods

from ..models import Need, NeedEvent

EDITABLE_FIELDS = {
    "title",
    "description",
    "capacities",
    "desired_level",
    "languages",
    "online",
    "region",
    "methods",
    "starts_on",
    "ends_on",
    "visibility",
}
Status = Need.Status
# What a person may move a need to, from each status. `expired` is the system's alone.
TRANSITIONS: dict[str, set[str]] = {
    Status.OPEN: {Status.IN_PROGRESS, Status.CLOSED},
    Status.IN_PROGRESS: {Status.FULFILLED, Status.CLOSED},
}
ACTIVE = (Status.OPEN, Status.IN_PROGRESS)


# Permissions -----------------------------------------------------------------------------------


def need_can_edit(*, need: Need, user) -> bool:
    """The requester, the managers of the need's organization, and staff."""
    return can_act_for(user, owner=need.requester_id, organization=need.organization_id)


def _require_need_editor(actor, need: Need) -> None:
    require_member(actor)
    if not need_can_edit(need=need, user=actor):
        raise PermissionDenied(
            _("Only the person who stated this need, its organization's managers and staff can.")
        )


def _require_can_speak_for(actor, organization: Organization | None) -> None:
    require_member(actor)
    if organization is not None and not can_act_for(actor, organization=organization):
        raise PermissionDenied(
            _("Only this organization's managers and staff can state its needs.")
        )


# Validation ------------------------------------------------------------------------------------


def _clean_window(starts_on: date | None, ends_on: date | None, *, ends_changed: bool) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The window cannot end before it starts.")})
    if ends_changed and ends_on and ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The window cannot end in the past.")})


def _clean_scalars(fields: dict) -> dict:
    """Normalise the plain fields present in `fields`; M2M codes are resolved separately."""
    cleaned = dict(fields)
    if "title" in cleaned:
        message = _("Give the need a short title.")
        cleaned["title"] = clean_single_line(
            cleaned["title"], field="title", max_length=200, required=True, message=message
        )
    if "description" in cleaned:
        cleaned["description"] = clean_multiline(
            cleaned["description"], field="description", max_length=8000
        )
    if "desired_level" in cleaned:
        clean_level(cleaned["desired_level"], field="desired_level")
    if "languages" in cleaned:
        cleaned["languages"] = clean_languages(cleaned["languages"])
    if "region" in cleaned:
        cleaned["region"] = clean_region(cleaned["region"])
    if "visibility" in cleaned and cleaned["visibility"] not in Visibility.values:
        raise ValidationError({"visibility": _("Visibility is public, members or private.")})
    if "online" in cleaned:
        clean_bool(cleaned["online"], field="online")
    return cleaned


def _event(need: Need, actor, from_status: str, to_status: str, note: str = "") -> NeedEvent:
    return NeedEvent.objects.create(
        need=need,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


# Services --------------------------------------------------------------------------------------


@transaction.atomic
def need_create(
    *,
    actor,
    title: str,
    capacities: list[str],
    description: str = "",
    desired_level: int = 3,
    languages: list[str] = (),
    online: bool = True,
    region: str = "",
    methods: list[str] = (),
    starts_on: date | None = None,
    ends_on: date | None = None,
    visibility: str = Visibility.PUBLIC,
    organization: Organization | None = None,
) -> Need:
    """State a need, for oneself or (managers and staff only) for an organization."""
    _require_can_speak_for(actor, organization)
    fields = _clean_scalars(
        {
            "title": title,
            "description": description,
            "desired_level": desired_level,
            "languages": list(languages),
            "online": online,
            "region": region,
            "visibility": visibility,
        }
    )
    resolved_capacities = resolve_capacities(capacities)
    resolved_methods = resolve_methods(methods)
    _clean_window(starts_on, ends_on, ends_changed=True)
    need = Need(
        requester=actor, organization=organization, starts_on=starts_on, ends_on=ends_on, **fields
    )
    need.full_clean()
    need.save()
    need.capacities.set(resolved_capacities)
    need.methods.set(resolved_methods)
    _event(need, actor, "", Status.OPEN)
    audit_log(
        actor=actor,
        action="need.create",
        target=need,
        changes={
            "title": need.title,
            "capacities": [c.code for c in resolved_capacities],
            "organization": organization.slug if organization else None,
            "visibility": need.visibility,
        },
    )
    return need


@transaction.atomic
def need_update(*, actor, need: Need, expected_version: int | None = None, **changes) -> Need:
    """Change what a need asks for. Only while it is open or in progress; send
    `expected_version` to be told of a concurrent change (a ValidationError on "version")."""
    _require_need_editor(actor, need)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if need.status not in ACTIVE:
        raise ValidationError({"status": _("This need is no longer open; it cannot be changed.")})
    capacity_codes = changes.pop("capacities", None)
    method_codes = changes.pop("methods", None)
    changes = _clean_scalars(changes)
    capacities = resolve_capacities(capacity_codes) if capacity_codes is not None else None
    methods = resolve_methods(method_codes) if method_codes is not None else None
    before = {name: getattr(need, name) for name in changes}
    for name, value in changes.items():
        setattr(need, name, value)
    ends_changed = "ends_on" in changes and changes["ends_on"] != before["ends_on"]
    _clean_window(need.starts_on, need.ends_on, ends_changed=ends_changed)
    need.full_clean()
    version_bump(Need, need, expected_version)
    need.save(update_fields=[*changes, "updated_at"])
    record = diff(before, changes)
    if capacities is not None:
        need.capacities.set(capacities)
        record["capacities"] = [c.code for c in capacities]
    if methods is not None:
        need.methods.set(methods)
        record["methods"] = [m.code for m in methods]
    audit_log(actor=actor, action="need.update", target=need, changes=_jsonable(record))
    return need


def _jsonable(record: dict) -> dict:
    return {
        key: [v.isoformat() if isinstance(v, date) else v for v in value]
        if isinstance(value, list)
        else value
        for key, value in record.items()
    }


def need_transition(*, actor, need: Need, status: str, note: str = "") -> Need:
    """Move the need to `status` and record who did it, without a permission check: for
    other services that have checked it already (e.g. accepting a connection moves an open
    need to in progress). Must run inside the caller's transaction."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    note = clean_multiline(note, field="note", max_length=2000)
    from_status = need.status
    if status == from_status:
        raise ValidationError({"status": _("This need is already %s.") % need.get_status_display()})
    if status not in TRANSITIONS.get(from_status, set()):
        raise ValidationError(
            {
                "status": _("A need that is %(from)s cannot become %(to)s.")
                % {"from": Status(from_status).label, "to": Status(status).label}
            }
        )
    now = timezone.now()
    # Conditional on the status we read: of two concurrent changes, the second is refused.
    transaction.on_commit(matching_index_changed)
    moved = Need.objects.filter(pk=need.pk, status=from_status).update(
        status=status, status_changed_at=now, version=F("version") + 1, updated_at=now
    )
    if not moved:
        raise ValidationError(
            {"status": _("Someone else changed this need in the meantime. Reload and try again.")}
        )
    need.refresh_from_db(fields=["status", "status_changed_at", "version", "updated_at"])
    _event(need, actor, from_status, status, note or "")
    audit_log(
        actor=actor,
        action="need.status",
        target=need,
        changes={"status": [from_status, status], "note": note or ""},
    )
    return need


@transaction.atomic
def need_set_status(*, actor, need: Need, status: str, note: str = "") -> Need:
    """The requester, the organization's managers or staff move the need along its lifecycle:
    open → in progress → fulfilled, or open / in progress → closed."""
    _require_need_editor(actor, need)
    if status == Status.EXPIRED:
        raise ValidationError({"status": _("Needs expire by themselves when their window ends.")})
    return need_transition(actor=actor, need=need, status=status, note=note)


def need_close(*, actor, need: Need, note: str = "") -> Need:
    return need_set_status(actor=actor, need=need, status=Status.CLOSED, note=note)


@transaction.atomic
def need_expire_overdue(*, today: date | None = None) -> int:
    """Mark open and in-progress needs whose window ended before `today` as expired.
    Returns how many expired. Run daily (`manage.py expire_needs`)."""
    today = today or timezone.localdate()
    # Locked as read, so a need closed at the same moment is either closed or expired, and
    # its history says which.
    overdue = Need.objects.select_for_update().filter(status__in=ACTIVE, ends_on__lt=today)
    rows = list(overdue.values_list("pk", "status"))
    if not rows:
        return 0
    now = timezone.now()
    ids = [pk for pk, _status in rows]
    transaction.on_commit(matching_index_changed)
    Need.objects.filter(pk__in=ids, status__in=ACTIVE).update(
        status=Status.EXPIRED, status_changed_at=now, version=F("version") + 1, updated_at=now
    )
    note = _("The window ended before %s.") % today.isoformat()
    NeedEvent.objects.bulk_create(
        NeedEvent(need_id=pk, actor=None, from_status=status, to_status=Status.EXPIRED, note=note)
        for pk, status in rows
    )
    # One row per need, as audit_log would write, in one statement.
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=None,
            action="need.status",
            target_type=Need._meta.label_lower,
            target_id=str(pk),
            changes={"status": [status, Status.EXPIRED], "note": note},
        )
        for pk, status in rows
    )
    return len(rows)
