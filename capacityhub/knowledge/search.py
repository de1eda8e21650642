"""The "resource" search kind: published and outdated resources, public, with facet values
(type, language, capacity, region where tested) for the search page's filters."""

from django.utils.translation import gettext_lazy as _

from capacityhub.search.facets import register_labels
from capacityhub.search.indexing import document
from capacityhub.search.registry import SearchKind, register

from .models import Resource, ResourceUse

LISTED = [Resource.Status.PUBLISHED, Resource.Status.OUTDATED]


def load_resources(ids: list[int]):
    return (
        Resource.objects.filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related("capacities", "authors__profile", "uses")
    )


def _author_names(resource: Resource) -> list[str]:
    names = [resource.author_names]
    for author in resource.authors.all():
        profile = getattr(author, "profile", None)
        names.append(profile.display_name if profile else author.username)
    return names


def resource_documents(resource: Resource) -> list:
    if resource.status not in LISTED:
        return []
    parts = [
        resource.summary,
        resource.body,
        resource.problem,
        resource.solution,
        resource.considerations,
        resource.when_to_use,
        *_author_names(resource),
    ]
    doc = document("resource", resource.pk, resource.title, parts, language=resource.language or "")
    regions = sorted({use.region for use in resource.uses.all() if use.region})
    doc.facets = [
        ("type", resource.kind),
        ("language", resource.language),
        *(("capacity", str(capacity.pk)) for capacity in resource.capacities.all()),
        *(("region", region) for region in regions),
    ]
    return [doc]


def locate_resources(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    rows = Resource.objects.filter(pk__in=ids, status__in=LISTED).values_list("pk", "title")
    return {pk: (title, Resource(pk=pk).get_absolute_url()) for pk, title in rows}


def register_resource_kind() -> None:
    register(
        SearchKind(
            name="resource",
            label=_("Resources"),
            load=load_resources,
            documents=resource_documents,
            locate=locate_resources,
            # Capacities are set by the services that also save the resource, and the index is
            # rebuilt on commit, so the through-table needs no watch of its own.
            watch=((Resource, "pk"), (ResourceUse, "resource_id")),
            model=Resource,
        )
    )
    register_labels("type", Resource.Kind.choices)
