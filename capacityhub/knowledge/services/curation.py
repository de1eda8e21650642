"""Curation by information specialists (and staff): feature, mark outdated, merge
duplicates, and resolve or dismiss reported problems."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_multiline
from capacityhub.core.versioning import version_bump
from capacityhub.search.indexing import mark_changed

from ..models import Endorsement, Resource, ResourceReport, ResourceUse
from ..selectors import is_curator

Status = Resource.Status


def require_curator(actor) -> None:
    require_member(actor)
    if not is_curator(actor):
        raise PermissionDenied(_("Only information specialists and staff can curate resources."))


def _require_listed(resource: Resource) -> None:
    if not resource.is_listed:
        raise ValidationError({"status": _("This resource was merged or withdrawn.")})


def _set(actor, resource: Resource, action: str, **values) -> Resource:
    before = {name: getattr(resource, name) for name in values}
    version_bump(Resource, resource, None)
    for name, value in values.items():
        setattr(resource, name, value)
    resource.save(update_fields=[*values, "updated_at"])
    changes = {name: [before[name], value] for name, value in values.items()}
    audit_log(actor=actor, action=action, target=resource, changes=changes)
    return resource


@transaction.atomic
def resource_feature(*, actor, resource: Resource, featured: bool = True) -> Resource:
    require_curator(actor)
    _require_listed(resource)
    return _set(actor, resource, "resource.feature", is_featured=bool(featured))


@transaction.atomic
def resource_mark_outdated(*, actor, resource: Resource, note: str) -> Resource:
    """Mark a resource outdated, with a note readers see as a banner."""
    require_curator(actor)
    _require_listed(resource)
    message = _("Say why it is outdated.")
    note = clean_multiline(
        note, field="outdated_note", max_length=2000, required=True, message=message
    )
    return _set(actor, resource, "resource.outdated", status=Status.OUTDATED, outdated_note=note)


@transaction.atomic
def resource_mark_current(*, actor, resource: Resource) -> Resource:
    require_curator(actor)
    if resource.status != Status.OUTDATED:
        raise ValidationError({"status": _("This resource is not marked outdated.")})
    return _set(actor, resource, "resource.current", status=Status.PUBLISHED, outdated_note="")


def _move_feedback(duplicate: Resource, survivor: Resource) -> None:
    # A person's use on a day, or their endorsement, already on the survivor wins.
    taken = set(survivor.uses.values_list("user_id", "used_on"))
    for use in duplicate.uses.all():
        if (use.user_id, use.used_on) not in taken:
            ResourceUse.objects.filter(pk=use.pk).update(resource=survivor)
    endorsed = set(survivor.endorsements.values_list("user_id", flat=True))
    duplicate.endorsements.exclude(user_id__in=endorsed).update(resource=survivor)
    Endorsement.objects.filter(resource=duplicate).delete()
    ResourceReport.objects.filter(resource=duplicate, status="open").update(resource=survivor)


def _move_family(duplicate: Resource, survivor: Resource) -> None:
    """Translations and adaptations of the duplicate join the survivor's family (its
    original, or the survivor itself when it is an original)."""
    if survivor.original_id == duplicate.pk:  # the survivor derived from the duplicate
        survivor.original = duplicate.original
        survivor.relation = survivor.relation if survivor.original_id else ""
    root_id = survivor.original_id or survivor.pk
    Resource.objects.filter(original=duplicate).exclude(pk=survivor.pk).update(original_id=root_id)
    Resource.objects.filter(merged_into=duplicate).update(merged_into=survivor)


@transaction.atomic
def resource_merge(*, actor, duplicate: Resource, survivor: Resource) -> Resource:
    """Merge a duplicate into the survivor: its translations and adaptations, capacities,
    methods, authors, evidence of use and endorsements move to the survivor; the duplicate
    is marked merged and its page redirects to the survivor."""
    require_curator(actor)
    if duplicate.pk == survivor.pk:
        raise ValidationError({"survivor": _("A resource cannot be merged into itself.")})
    for field, resource in (("resource", duplicate), ("survivor", survivor)):
        if not resource.is_listed:
            raise ValidationError({field: _("This resource was merged or withdrawn.")})
    version_bump(Resource, duplicate, None)
    version_bump(Resource, survivor, None)
    _move_feedback(duplicate, survivor)
    _move_family(duplicate, survivor)
    survivor.capacities.add(*duplicate.capacities.all())
    survivor.methods.add(*duplicate.methods.all())
    survivor.authors.add(*duplicate.authors.all())
    if not survivor.url and duplicate.url:
        survivor.url = duplicate.url
    survivor.save()
    duplicate.status, duplicate.merged_into, duplicate.is_featured = Status.MERGED, survivor, False
    duplicate.save(update_fields=["status", "merged_into", "is_featured", "updated_at"])
    for moved in Resource.objects.filter(original=survivor).values_list("pk", flat=True):
        mark_changed("resource", moved)
    audit_log(
        actor=actor,
        action="resource.merge",
        target=duplicate,
        changes={"merged_into": survivor.pk},
    )
    return survivor


# One whole sentence per outcome: translators need them whole, and the recipient's language
# (not the curator's) is only known when the notification is rendered.
REPORT_DONE_SUBJECTS = {
    ResourceReport.Status.RESOLVED: gettext_lazy("Your report about “%(title)s” was resolved"),
    ResourceReport.Status.DISMISSED: gettext_lazy("Your report about “%(title)s” was dismissed"),
}


@transaction.atomic
def report_resolve(*, actor, report: ResourceReport, status: str, note: str = "") -> ResourceReport:
    """Close a reported problem as resolved or dismissed; the reporter is told."""
    require_curator(actor)
    closed = (ResourceReport.Status.RESOLVED, ResourceReport.Status.DISMISSED)
    if status not in closed:
        raise ValidationError({"status": _("A report is resolved or dismissed.")})
    if len(note or "") > 2000:
        raise ValidationError({"note": _("The note is too long (2000 characters at most).")})
    moved = ResourceReport.objects.filter(pk=report.pk, status=ResourceReport.Status.OPEN).update(
        status=status, resolved_by=actor, resolved_at=timezone.now()
    )
    if not moved:
        raise ValidationError({"status": _("This report was already closed.")})
    report.refresh_from_db()
    audit_log(
        actor=actor,
        action="resource.report",
        target=report.resource,
        changes={"report": report.pk, "status": status, "note": note or ""},
    )
    reporter = report.reporter
    if reporter is not None and reporter.pk != actor.pk:
        url = report.resource.get_absolute_url()
        subject, context = REPORT_DONE_SUBJECTS[status], {"title": report.resource.title}
        transaction.on_commit(
            lambda: notify(recipient=reporter, subject=subject, body=note, url=url, context=context)
        )
    return report
