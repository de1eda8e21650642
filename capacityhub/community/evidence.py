"""Evidence: dated records that a person or organization exercised or gained a capacity.

Any module where things happen (a completed connection, a course, an event, a mentorship)
records evidence with `evidence_record()`, naming its own record as the source
("<app>.<model>:<id>"). Recording is idempotent, so a retried or replayed action never counts
twice. Profiles, badges, the capacity map and evaluation read it with the selectors below,
which apply the holder's `capacities_visibility`.

`evidence_record` takes no actor: it is called by another module's service, which has already
checked who may do what; `confirmed_by` names the person who vouches for it.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, audit_log_many
from capacityhub.taxonomy.models import Capacity

from .models import Evidence, Organization, Profile
from .visibility import visible_levels

logger = logging.getLogger(__name__)

# Functions called with the list of newly recorded Evidence rows after the recording
# transaction commits (recognition evaluates its badge rules). Registered in AppConfig.ready().
_LISTENERS: list[Callable[[list[Evidence]], None]] = []


def register_evidence_listener(listener: Callable[[list[Evidence]], None]) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _announce(created: list[Evidence]) -> None:
    """Tell the listeners after commit; a failing listener is logged and never undoes or
    breaks the recording (the evidence is already saved)."""
    if not created or not _LISTENERS:
        return

    def call() -> None:
        for listener in _LISTENERS:
            try:
                listener(created)
            except Exception:
                logger.exception("evidence listener %r failed", listener)

    transaction.on_commit(call)


SOURCE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*:[A-Za-z0-9_-]{1,40}$")
SOURCE_MAX = Evidence._meta.get_field("source").max_length
NOTE_MAX = Evidence._meta.get_field("note").max_length


def evidence_source(record) -> str:
    """The source string of a model instance: "<app_label>.<model_name>:<pk>"."""
    return f"{record._meta.label_lower}:{record.pk}"


def _clean(
    *, profile, organization, kind: str, source: str, occurred_on, note: str
) -> dict[str, str]:
    errors = {}
    if (profile is None) == (organization is None):
        errors["holder"] = _("Evidence belongs to exactly one person or one organization.")
    if kind not in Evidence.Kind.values:
        errors["kind"] = _("Kind must be one of: %s.") % ", ".join(Evidence.Kind.values)
    if len(source) > SOURCE_MAX or not SOURCE_PATTERN.match(source):
        errors["source"] = _("The source must look like “app.model:id”.")
    if not isinstance(occurred_on, date):
        errors["occurred_on"] = _("Give the date it happened.")
    if len(note) > NOTE_MAX:
        errors["note"] = _("Keep the note under %d characters.") % NOTE_MAX
    return errors


@transaction.atomic
def evidence_record(
    *,
    profile: Profile | None = None,
    organization: Organization | None = None,
    capacity: Capacity,
    kind: str,
    source: str,
    occurred_on: date,
    confirmed_by=None,
    note: str = "",
) -> Evidence:
    """Record (once) that the holder exercised or gained `capacity`. Recording the same
    (holder, capacity, kind, source) again returns the existing row unchanged."""
    errors = _clean(
        profile=profile,
        organization=organization,
        kind=kind,
        source=source,
        occurred_on=occurred_on,
        note=note,
    )
    if errors:
        raise ValidationError(errors)
    holder = {"profile": profile} if profile is not None else {"organization": organization}
    evidence, created = Evidence.objects.get_or_create(
        **holder,
        capacity=capacity,
        kind=kind,
        source=source,
        defaults={"occurred_on": occurred_on, "confirmed_by": confirmed_by, "note": note},
    )
    if created:
        audit_log(
            actor=confirmed_by,
            action="evidence.record",
            target=evidence,
            changes={"capacity": capacity.pk, "kind": kind, "source": source},
        )
        _announce([evidence])
    return evidence


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence for evidence_record_many: a person's (profile) or an
    organization's."""

    capacity: Capacity
    kind: str
    source: str
    occurred_on: date
    profile: Profile | None = None
    organization: Organization | None = None
    note: str = ""

    def key(self) -> tuple:
        holder = (getattr(self.profile, "pk", None), getattr(self.organization, "pk", None))
        return (*holder, self.capacity.pk, self.kind, self.source)


@transaction.atomic
def evidence_record_many(*, items: list[EvidenceItem], confirmed_by=None) -> int:
    """evidence_record for many items in a fixed number of queries, whatever their number:
    what was recorded already stays as it was; the rest is created and audited. Returns how
    many were created."""
    for item in items:
        errors = _clean(
            profile=item.profile,
            organization=item.organization,
            kind=item.kind,
            source=item.source,
            occurred_on=item.occurred_on,
            note=item.note,
        )
        if errors:
            raise ValidationError(errors)
    existing = set(
        Evidence.objects.filter(source__in={item.source for item in items}).values_list(
            "profile_id", "organization_id", "capacity_id", "kind", "source"
        )
    )
    new = {item.key(): item for item in items if item.key() not in existing}
    created = Evidence.objects.bulk_create(
        Evidence(
            profile=item.profile,
            organization=item.organization,
            capacity=item.capacity,
            kind=item.kind,
            source=item.source,
            occurred_on=item.occurred_on,
            confirmed_by=confirmed_by,
            note=item.note,
        )
        for item in new.values()
    )
    entries = [
        ("evidence.record", e, {"capacity": e.capacity_id, "kind": e.kind, "source": e.source})
        for e in created
    ]
    audit_log_many(actor=confirmed_by, entries=entries)
    _announce(created)
    return len(created)


@transaction.atomic
def evidence_withdraw(
    *,
    source: str,
    profile: Profile | None = None,
    organization: Organization | None = None,
    kind: str | None = None,
    actor=None,
) -> int:
    """Remove what `source` recorded (optionally only for one holder or of one kind), when
    the activity is undone, e.g. attendance marked by mistake. Returns how many went."""
    evidence = Evidence.objects.filter(source=source)
    if profile is not None:
        evidence = evidence.filter(profile=profile)
    if organization is not None:
        evidence = evidence.filter(organization=organization)
    if kind is not None:
        evidence = evidence.filter(kind=kind)
    removed = list(evidence)
    for item in removed:
        audit_log(
            actor=actor,
            action="evidence.withdraw",
            target=item,
            changes={"capacity": item.capacity_id, "kind": item.kind, "source": source},
        )
    Evidence.objects.filter(pk__in=[item.pk for item in removed]).delete()
    return len(removed)


# Reads -----------------------------------------------------------------------------------------


def _with_details(evidence: QuerySet[Evidence]) -> QuerySet[Evidence]:
    return evidence.select_related("capacity", "confirmed_by__profile").order_by(
        "-occurred_on", "-id"
    )


def evidence_for_profile(*, profile: Profile, viewer) -> QuerySet[Evidence]:
    """A person's evidence, if the viewer may see their capacities; otherwise none."""
    if profile.capacities_visibility not in visible_levels(viewer, profile.user_id):
        return Evidence.objects.none()
    return _with_details(Evidence.objects.filter(profile=profile))


def evidence_for_organization(*, organization: Organization, viewer=None) -> QuerySet[Evidence]:
    """An organization's evidence. Organizations' capacities are public."""
    return _with_details(Evidence.objects.filter(organization=organization))


def evidence_for_source(*, source: str) -> QuerySet[Evidence]:
    """Everything one activity produced (staff tools, tests, evaluation)."""
    return _with_details(Evidence.objects.filter(source=source))
