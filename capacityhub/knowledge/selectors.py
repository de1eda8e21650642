"""Reads of the knowledge base.

Published and outdated resources are public. A merged resource is found (so that its page can
redirect to the survivor) but never listed; a withdrawn one is seen only by those who may edit
it and by curators. Reports are seen by curators only.
"""

from collections import defaultdict

from django.db.models import Avg, Case, Count, F, FloatField, Q, QuerySet, Value, When

from capacityhub.community.models import Membership, Profile, ProfileLanguage
from capacityhub.community.selectors import can_act_for
from capacityhub.core.regions import region_of
from capacityhub.taxonomy.selectors import capacity_descendant_ids

from .models import Endorsement, Resource, ResourceReport, ResourceUse
from .ranking import Reader, ResourceFacts, UseFact, boost_scores, rank, summarize

Status = Resource.Status
LISTED = [Status.PUBLISHED, Status.OUTDATED]
SORT_RELEVANCE = "relevance"
SORT_WORKED = "worked"
SORTS = {
    SORT_RELEVANCE: ["-is_featured", "-created_at", "-id"],  # the order before ranking
    "new": ["-created_at", "-id"],
    "rated": ["-average_rating", "-use_count", "-created_at", "-id"],
    "title": ["title", "id"],
    # Best measured outcomes first (ranking.register_boost); the rest after, newest first.
    SORT_WORKED: [F("worked_score").desc(nulls_last=True), "-created_at", "-id"],
}
# Ranking reads the facts of every candidate; past this many, only the newest are ranked.
RELEVANCE_CANDIDATES = 1000


# Who may do what -------------------------------------------------------------------------------


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def is_curator(user) -> bool:
    """Information specialists and staff curate the knowledge base."""
    return _active(user) and (user.is_staff or user.is_information_specialist)


def resource_can_edit(*, resource: Resource, user) -> bool:
    """The creator, its authors, its organization's managers, curators and staff."""
    if not _active(user):
        return False
    if is_curator(user) or resource.authors.filter(pk=user.pk).exists():
        return True
    return can_act_for(user, owner=resource.created_by_id, organization=resource.organization_id)


# Resources -------------------------------------------------------------------------------------


def listed_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(status__in=LISTED)


def with_resource_details(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a resource card shows, in a fixed number of queries whatever the page size."""
    return (
        resources.select_related("organization")
        .prefetch_related("capacities")
        .annotate(average_rating=Avg("uses__rating"), use_count=Count("uses", distinct=True))
    )


def resource_list(
    *,
    capacity_id: int | None = None,
    kind: str | None = None,
    language: str | None = None,
    audience: str | None = None,
    level: str | None = None,
    featured: bool = False,
    q: str | None = None,
    sort: str = "new",
) -> QuerySet[Resource]:
    """Listed resources, filtered; a capacity matches the capacities beneath it too."""
    resources = listed_resources()
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) or [capacity_id]
        through = Resource.capacities.through.objects.filter(capacity_id__in=ids)
        resources = resources.filter(id__in=through.values("resource_id"))
    for name, value in (("kind", kind), ("language", language), ("audience", audience)):
        if value:
            resources = resources.filter(**{name: value})
    if level:
        resources = resources.filter(level=level)
    if featured:
        resources = resources.filter(is_featured=True)
    if q:
        resources = resources.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    order = SORTS.get(sort, SORTS["new"])
    if sort == "rated":
        resources = resources.annotate(
            average_rating=Avg("uses__rating"), use_count=Count("uses", distinct=True)
        )
    if sort == SORT_WORKED:
        resources = with_worked_score(resources)
    return resources.order_by(*order)


def with_worked_score(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Annotate `worked_score`: the outcome score apps registered for it, or None."""
    scores = boost_scores()
    if not scores:
        return resources.annotate(worked_score=Value(None, output_field=FloatField()))
    whens = [When(pk=pk, then=Value(value)) for pk, value in scores.items()]
    return resources.annotate(
        worked_score=Case(*whens, default=Value(None), output_field=FloatField())
    )


def resource_get(*, viewer, pk: int) -> Resource:
    """One resource with what its page shows; Resource.DoesNotExist when the viewer may not
    see it. A merged resource is returned as is: the caller redirects to `merged_into`."""
    resource = with_resource_details(Resource.objects.all()).get(pk=pk)
    if resource.status == Status.WITHDRAWN and not resource_can_edit(
        resource=resource, user=viewer
    ):
        raise Resource.DoesNotExist
    return resource


def resource_family(resource: Resource) -> list[Resource]:
    """The original and all its listed translations and adaptations (one level: derivatives
    of derivatives are attached to the same original when they are created)."""
    root_id = resource.original_id or resource.pk
    family = listed_resources().filter(Q(pk=root_id) | Q(original_id=root_id))
    return list(family.order_by("language", "relation", "id"))


# Evidence of use -------------------------------------------------------------------------------


def _facts(use: ResourceUse | dict) -> UseFact:
    return UseFact(
        user_id=use["user_id"],
        region=use["region"],
        language=use["language"],
        organization_kind=use["organization_kind"],
        rating=use["rating"],
    )


USE_FIELDS = ("resource_id", "user_id", "region", "language", "organization_kind", "rating")


def resource_use_summary(resource: Resource):
    uses = ResourceUse.objects.filter(resource=resource).values(*USE_FIELDS)
    return summarize([_facts(use) for use in uses])


def resource_uses(resource: Resource) -> QuerySet[ResourceUse]:
    return resource.uses.select_related("user__profile").order_by("-used_on", "-id")


def resource_endorsements(resource: Resource) -> QuerySet[Endorsement]:
    return resource.endorsements.select_related("user__profile")


# Ranking ---------------------------------------------------------------------------------------


def reader_for(viewer, fallback_language: str = "") -> Reader:
    """The reader's context for ranking: region (from their country), languages (native
    first, then by proficiency), and the kinds of their organizations. A reader who declared
    no language (or is not signed in) reads the interface language, `fallback_language`."""
    fallback = (fallback_language,) if fallback_language else ()
    if not _active(viewer):
        return Reader(languages=fallback)
    profile = Profile.objects.filter(user_id=viewer.pk).values("pk", "country").first()
    if profile is None:
        return Reader(languages=fallback)
    spoken = ProfileLanguage.objects.filter(profile_id=profile["pk"]).values_list(
        "language", "proficiency"
    )
    ordered = sorted(spoken, key=lambda row: (row[1] != 0, -row[1]))
    kinds = Membership.objects.filter(user_id=viewer.pk).values_list(
        "organization__kind", flat=True
    )
    return Reader(
        region=region_of(profile["country"]) or "",
        languages=tuple(language for language, _level in ordered) or fallback,
        organization_kinds=frozenset(kinds),
    )


def resource_facts(resource_ids: list[int]) -> list[ResourceFacts]:
    """The ranking facts of these resources, in three queries."""
    if not resource_ids:
        return []
    rows = Resource.objects.filter(pk__in=resource_ids).values("pk", "language", "is_featured")
    uses = defaultdict(list)
    for use in ResourceUse.objects.filter(resource_id__in=resource_ids).values(*USE_FIELDS):
        uses[use["resource_id"]].append(_facts(use))
    endorsed = dict(
        Endorsement.objects.filter(resource_id__in=resource_ids)
        .values("resource_id")
        .annotate(n=Count("id"))
        .values_list("resource_id", "n")
    )
    return [
        ResourceFacts(
            resource_id=row["pk"],
            language=row["language"],
            uses=tuple(uses[row["pk"]]),
            endorsements=endorsed.get(row["pk"], 0),
            is_featured=row["is_featured"],
        )
        for row in rows
    ]


def ranked_ids(resources: QuerySet[Resource], reader: Reader) -> list[tuple[int, float]]:
    """(id, score) of these resources for this reader, best first (see ranking.py)."""
    ids = list(resources.values_list("pk", flat=True)[:RELEVANCE_CANDIDATES])
    return rank(resource_facts(ids), reader)


def resources_in_order(ids: list[int]) -> list[Resource]:
    """These resources with their card details, in the order of `ids`."""
    found = with_resource_details(Resource.objects.filter(pk__in=ids)).in_bulk()
    return [found[pk] for pk in ids if pk in found]


# Curation --------------------------------------------------------------------------------------


def report_queue(*, status: str | None = ResourceReport.Status.OPEN) -> QuerySet[ResourceReport]:
    """Reported problems, oldest first (callers check `is_curator`)."""
    reports = ResourceReport.objects.select_related("resource", "reporter__profile")
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("created_at", "id")
