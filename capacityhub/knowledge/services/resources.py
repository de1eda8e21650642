"""Writing resources: create (an original, a translation or an adaptation), edit, withdraw.

Any member may add a resource. Its creator, its authors, the managers of its organization,
information specialists and staff may edit or withdraw it. A translation or adaptation always
points at the original itself (never at another derivative), so a resource page can list
the whole family in one query.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.community.models import Membership, Organization
from capacityhub.core.audit import audit_log, diff
from capacityhub.core.permissions import require_member
from capacityhub.core.versioning import version_bump

from ..models import Resource
from ..selectors import resource_can_edit
from .validation import (
    check_kind_fields,
    clean_language,
    clean_scalars,
    resolve_authors,
    resolve_capacities,
    resolve_methods,
)

Relation = Resource.Relation
EDITABLE_FIELDS = {
    "kind",
    "title",
    "summary",
    "body",
    "url",
    "duration_minutes",
    "language",
    "capacities",
    "methods",
    "audience",
    "level",
    "licence",
    "author_names",
    "authors",
    "problem",
    "solution",
    "considerations",
    "when_to_use",
}
RELATED_FIELDS = {
    "capacities": resolve_capacities,
    "methods": resolve_methods,
    "authors": resolve_authors,
}


def require_resource_editor(actor, resource: Resource) -> None:
    require_member(actor)
    if not resource_can_edit(resource=resource, user=actor):
        raise PermissionDenied(
            _(
                "Only the people who wrote this resource, its organization's managers and "
                "information specialists can change it."
            )
        )


def _require_can_publish_for(actor, organization: Organization | None) -> None:
    if organization is None or actor.is_staff:
        return
    if not Membership.objects.filter(organization=organization, user=actor).exists():
        raise PermissionDenied(_("Only members of this organization can publish in its name."))


def _original_of(original: Resource | None, relation: str, language: str) -> Resource | None:
    if original is None:
        if relation:
            raise ValidationError({"original": _("Say which resource this is derived from.")})
        return None
    if relation not in (Relation.TRANSLATION, Relation.ADAPTATION):
        raise ValidationError({"relation": _("Say whether it is a translation or an adaptation.")})
    if not original.is_listed:
        raise ValidationError({"original": _("This resource can no longer be translated.")})
    root = original.original or original
    if relation == Relation.TRANSLATION and language == root.language:
        raise ValidationError({"language": _("A translation is in another language.")})
    return root


def _jsonable(record: dict) -> dict:
    return {
        key: [v.isoformat() if isinstance(v, date) else v for v in value]
        if isinstance(value, list)
        else value
        for key, value in record.items()
    }


@transaction.atomic
def resource_create(
    *,
    actor,
    kind: str,
    title: str,
    summary: str,
    language: str,
    capacities: list[str],
    body: str = "",
    url: str = "",
    duration_minutes: int | None = None,
    methods: list[str] = (),
    audience: str = Resource.Audience.EVERYONE,
    level: str = Resource.Level.INTRODUCTORY,
    licence: str = Resource.Licence.CC_BY_SA_4,
    author_names: str = "",
    authors: list[str] = (),
    organization: Organization | None = None,
    original: Resource | None = None,
    relation: str = "",
    problem: str = "",
    solution: str = "",
    considerations: str = "",
    when_to_use: str = "",
) -> Resource:
    """Add a resource; with `original` and `relation`, a translation or local adaptation."""
    require_member(actor)
    _require_can_publish_for(actor, organization)
    fields = clean_scalars(
        {
            "kind": kind,
            "title": title,
            "summary": summary,
            "language": language,
            "body": body,
            "url": url,
            "audience": audience,
            "level": level,
            "licence": licence,
            "author_names": author_names,
            "problem": problem,
            "solution": solution,
            "considerations": considerations,
            "when_to_use": when_to_use,
        }
    )
    root = _original_of(original, relation or "", fields["language"])
    resolved_capacities = resolve_capacities(capacities)
    resolved_methods = resolve_methods(methods)
    people = resolve_authors(authors)
    resource = Resource(
        created_by=actor,
        organization=organization,
        original=root,
        relation=relation or "",
        duration_minutes=duration_minutes,
        **fields,
    )
    check_kind_fields(resource)
    resource.full_clean()
    resource.save()
    resource.capacities.set(resolved_capacities)
    resource.methods.set(resolved_methods)
    resource.authors.set(people)
    audit_log(
        actor=actor,
        action="resource.create",
        target=resource,
        changes={
            "title": resource.title,
            "kind": resource.kind,
            "language": resource.language,
            "original": root.pk if root else None,
            "relation": resource.relation,
        },
    )
    return resource


@transaction.atomic
def resource_update(
    *, actor, resource: Resource, expected_version: int | None = None, **changes
) -> Resource:
    """Change a resource. Send `expected_version` to be told of a concurrent edit (a
    ValidationError on "version")."""
    require_resource_editor(actor, resource)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if resource.status in (Resource.Status.MERGED, Resource.Status.WITHDRAWN):
        raise ValidationError({"status": _("This resource was merged or withdrawn.")})
    related = {name: changes.pop(name) for name in RELATED_FIELDS if name in changes}
    changes = {
        name: value
        for name, value in changes.items()
        if value is not None or name == "duration_minutes"
    }
    changes = clean_scalars(changes)
    resolved = {
        name: RELATED_FIELDS[name](values) for name, values in related.items() if values is not None
    }
    before = {name: getattr(resource, name) for name in changes}
    for name, value in changes.items():
        setattr(resource, name, value)
    _check_relation_still_holds(resource)
    check_kind_fields(resource)
    resource.full_clean()
    version_bump(Resource, resource, expected_version)
    resource.save(update_fields=[*changes, "duration_minutes", "updated_at"])
    record = diff(before, changes)
    for name, objects in resolved.items():
        getattr(resource, name).set(objects)
        record[name] = [getattr(o, "code", None) or o.username for o in objects]
    audit_log(actor=actor, action="resource.update", target=resource, changes=_jsonable(record))
    return resource


def _check_relation_still_holds(resource: Resource) -> None:
    if resource.relation == Relation.TRANSLATION and resource.original is not None:
        clean_language(resource.language)
        if resource.language == resource.original.language:
            raise ValidationError({"language": _("A translation is in another language.")})


@transaction.atomic
def resource_withdraw(*, actor, resource: Resource, note: str = "") -> Resource:
    """Take a resource out of the knowledge base (it stays for its editors and curators)."""
    require_resource_editor(actor, resource)
    if resource.status in (Resource.Status.MERGED, Resource.Status.WITHDRAWN):
        raise ValidationError({"status": _("This resource was already merged or withdrawn.")})
    if len(note or "") > 2000:
        raise ValidationError({"note": _("The note is too long (2000 characters at most).")})
    before = resource.status
    version_bump(Resource, resource, None)
    resource.status = Resource.Status.WITHDRAWN
    resource.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="resource.withdraw",
        target=resource,
        changes={"status": [before, resource.status], "note": note or ""},
    )
    return resource
