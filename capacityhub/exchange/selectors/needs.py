"""Reads of needs, with who may see which.

Anonymous visitors see public needs; members see public and members-only needs; a private
need is seen only by its requester, the managers of its organization, and staff. A member
also always sees their own needs and those of the organizations they manage.
"""

from django.db.models import Prefetch, Q, QuerySet

from capacityhub.community.models import Membership
from capacityhub.community.visibility import shared_levels
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_descendant_ids

from ..models import Need, NeedEvent

Status = Need.Status
ACTIVE = [Status.OPEN, Status.IN_PROGRESS]
# `status` filter values besides the statuses themselves.
STATUS_ACTIVE = "active"
STATUS_ANY = "any"
STATUS_FILTERS = [STATUS_ACTIVE, STATUS_ANY, *Status.values]
SORTS = {
    "new": ["-created_at", "-id"],
    "old": ["created_at", "id"],
    "ends": ["ends_on", "-created_at", "-id"],
    "title": ["title", "id"],
}


def _managed_organizations(viewer):
    return Membership.objects.filter(user_id=viewer.pk, role=Membership.Role.MANAGER).values(
        "organization_id"
    )


def _own(viewer) -> Q:
    """Needs the viewer stated or speaks for (as a manager of the organization)."""
    return Q(requester_id=viewer.pk) | Q(organization_id__in=_managed_organizations(viewer))


def visible_needs(viewer) -> QuerySet[Need]:
    needs = Need.objects.all()
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return needs.filter(visibility__in=shared_levels(None))
    if viewer.is_staff:
        return needs
    return needs.filter(Q(visibility__in=shared_levels(viewer)) | _own(viewer))


def need_list(
    *,
    viewer,
    capacity_id: int | None = None,
    capacity_code: str | None = None,
    descendants: bool = True,
    status: str | None = STATUS_ACTIVE,
    region: str | None = None,
    language: str | None = None,
    organization_id: int | None = None,
    mine: bool = False,
    q: str | None = None,
    sort: str = "new",
) -> QuerySet[Need]:
    """Needs the viewer may see, filtered. `status` is a status, "active" (open or in
    progress, the default) or "any"/None. `mine`: needs the viewer stated or speaks for.
    A capacity (by id or code) matches the capacities beneath it too unless `descendants`
    is false; an unknown code matches nothing."""
    needs = visible_needs(viewer)
    if capacity_code is not None:
        capacity_id = capacity_code_map().get(capacity_code)
        if capacity_id is None:
            return needs.none()
    if mine:
        if not getattr(viewer, "is_authenticated", False):
            return needs.none()
        needs = needs.filter(_own(viewer))
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) if descendants else [capacity_id]
        through = Need.capacities.through.objects.filter(capacity_id__in=ids or [capacity_id])
        needs = needs.filter(id__in=through.values("need_id"))
    if status == STATUS_ACTIVE:
        needs = needs.filter(status__in=ACTIVE)
    elif status and status != STATUS_ANY:
        needs = needs.filter(status=status)
    if region:
        needs = needs.filter(region=region)
    if language:
        # Stored as a JSON list of plain codes: the quoted code matches one element exactly.
        needs = needs.filter(languages__icontains=f'"{language}"')
    if organization_id is not None:
        needs = needs.filter(organization_id=organization_id)
    if q:
        needs = needs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return needs.order_by(*SORTS.get(sort, SORTS["new"]))


def with_need_details(needs: QuerySet[Need]) -> QuerySet[Need]:
    """What a need card shows, in a fixed number of queries whatever the page size."""
    return needs.select_related("requester__profile", "organization").prefetch_related(
        "capacities", "methods"
    )


def need_get(*, viewer, pk: int) -> Need:
    """One need with its history; Need.DoesNotExist if there is none the viewer may see."""
    events = NeedEvent.objects.select_related("actor__profile")
    return (
        with_need_details(visible_needs(viewer))
        .prefetch_related(Prefetch("events", queryset=events))
        .get(pk=pk)
    )
