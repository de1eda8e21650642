"""Factories for the capacity-map tests: offers and needs built directly with the models (the
needs/offers services belong to another slice and are not needed to count)."""

from capacityhub.community.models import CapacityClaim, Relation
from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Need, Offer


def map_offer(
    capacity,
    *,
    holder=None,
    organization=None,
    region: str = "ssa",
    online: bool = False,
    languages=("en",),
    is_active: bool = True,
    capacities_visibility: str | None = None,
) -> Offer:
    """An offer of `capacity` by a person (`holder`, a User; a new one by default) or an
    organization, with the `knows` and `offers` claims it rests on."""
    if organization is not None:
        owner = {"organization": organization}
    else:
        profile = (holder or UserFactory()).profile
        if capacities_visibility is not None:
            profile.capacities_visibility = capacities_visibility
            profile.save(update_fields=["capacities_visibility"])
        owner = {"profile": profile}
        CapacityClaim.objects.get_or_create(**owner, capacity=capacity, relation=Relation.KNOWS)
    claim, _created = CapacityClaim.objects.get_or_create(
        **owner, capacity=capacity, relation=Relation.OFFERS, defaults={"level": 4}
    )
    return Offer.objects.create(
        claim=claim, region=region, online=online, languages=list(languages), is_active=is_active
    )


def map_need(
    *capacities,
    requester=None,
    region: str = "ssa",
    online: bool = False,
    languages=("en",),
    visibility: str = "public",
    status: str = Need.Status.OPEN,
    **fields,
) -> Need:
    need = Need.objects.create(
        requester=requester or UserFactory(),
        title="Help, please",
        region=region,
        online=online,
        languages=list(languages),
        visibility=visibility,
        status=status,
        **fields,
    )
    need.capacities.set(capacities)
    return need
