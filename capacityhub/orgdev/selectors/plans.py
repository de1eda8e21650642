"""Development plans and support: who sees a plan, the dimension → capacity mapping, and the
organizations that offer a dimension's capacities."""

from django.db.models import Prefetch, Q, QuerySet

from capacityhub.community.models import CapacityClaim, Membership, Organization, Relation
from capacityhub.community.selectors import can_act_for
from capacityhub.taxonomy.models import Capacity

from ..framework import DEFAULT_CAPACITIES
from ..models import DimensionCapacity, Goal, Milestone, Respondent


def plan_can_view(viewer, organization) -> bool:
    """The organization's members and managers, its assessment respondents, and staff."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    if can_act_for(viewer, organization=organization):
        return True
    return (
        Membership.objects.filter(organization=organization, user=viewer).exists()
        or Respondent.objects.filter(round__organization=organization, user=viewer).exists()
    )


def goal_list(organization) -> QuerySet[Goal]:
    """Call after plan_can_view."""
    return (
        Goal.objects.filter(organization=organization)
        .select_related("owner", "need")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.select_related("owner"))
        )
        .order_by("dimension", "due_on", "id")
    )


def dimension_capacity_codes(dimension: str) -> list[str]:
    """Staff's mapping for the dimension, else the starter taxonomy's defaults that exist."""
    chosen = list(
        DimensionCapacity.objects.filter(dimension=dimension).values_list(
            "capacity__code", flat=True
        )
    )
    if chosen:
        return chosen
    defaults = DEFAULT_CAPACITIES.get(dimension, ())
    found = set(Capacity.objects.filter(code__in=defaults).values_list("code", flat=True))
    return [code for code in defaults if code in found]


def supporting_organizations(
    dimension: str, *, exclude: Organization | None = None, limit: int = 10
) -> QuerySet[Organization]:
    """Organizations that offer one of the dimension's capacities (org-to-org support)."""
    offers = CapacityClaim.objects.filter(
        organization__isnull=False,
        relation=Relation.OFFERS,
        capacity__code__in=dimension_capacity_codes(dimension),
    ).values("organization_id")
    found = Organization.objects.filter(Q(pk__in=offers))
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.order_by("name", "id")[:limit]
