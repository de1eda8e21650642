"""The open needs as matching reads them, from the database."""

from django.utils import timezone

from capacityhub.community.models import Membership

from ..matching import ORGANIZATION, PERSON, NeedRow
from ..models import Need
from .matching_columns import TIERS, offset_of


def need_rows() -> list[NeedRow]:
    needs = Need.objects.filter(status=Need.Status.OPEN, requester__is_active=True)
    today = timezone.localdate()
    records = needs.values_list(
        "id", "desired_level", "languages", "online", "region", "visibility", "organization_id",
        "requester__profile__id", "requester__profile__time_zone",
        "requester__profile__location_visibility",
    )  # fmt: skip
    capacities: dict[int, list[int]] = {}
    for need_id, capacity_id in Need.capacities.through.objects.filter(need__in=needs).values_list(
        "need_id", "capacity_id"
    ):
        capacities.setdefault(need_id, []).append(capacity_id)
    managers: dict[int, list[int]] = {}
    for organization_id, profile_id in Membership.objects.filter(
        role=Membership.Role.MANAGER, organization_id__in=needs.values("organization_id")
    ).values_list("organization_id", "user__profile__id"):
        managers.setdefault(organization_id, []).append(profile_id)
    rows = []
    for (need_id, level, languages, online, region, visibility, organization_id,
         profile_id, time_zone, location_vis) in records:  # fmt: skip
        owners = {(PERSON, profile_id)} if profile_id else set()
        if organization_id:
            owners |= {(ORGANIZATION, organization_id)}
            owners |= {(PERSON, p) for p in managers.get(organization_id, []) if p}
        rows.append(
            NeedRow(
                need_id=need_id,
                capacity_ids=tuple(capacities.get(need_id, ())),
                desired_level=level,
                languages=tuple(c for c in (languages or []) if isinstance(c, str)),
                online=online,
                region=region or "",
                utc_offset=offset_of(time_zone, today),
                location_tier=TIERS.get(location_vis, 2),
                visibility_tier=TIERS.get(visibility, 2),
                owners=frozenset(owners),
            )  # fmt: skip
        )
    return rows
