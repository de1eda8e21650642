"""Reads of offers and availability, with who may see which.

An organization's offer is public. A person's offer is seen only by those who may see that
person's capacities (Profile.capacities_visibility, via community.visibility), so an offer
never reveals what its owner hides. Withdrawn offers are seen only by their holder (the
person, the organization's managers) and staff.
"""

from django.db.models import Q, QuerySet

from capacityhub.community.models import Membership, Organization, Profile
from capacityhub.community.visibility import shared_levels
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_descendant_ids

from ..models import Availability, Offer

HOLDERS = ["person", "organization"]
SORTS = {
    "new": ["-created_at", "-id"],
    "old": ["created_at", "id"],
    "level": ["-claim__level", "-created_at", "-id"],
}


def _own(viewer) -> Q:
    managed = Membership.objects.filter(user_id=viewer.pk, role=Membership.Role.MANAGER).values(
        "organization_id"
    )
    return Q(claim__profile__user_id=viewer.pk) | Q(claim__organization_id__in=managed)


def _is_member(viewer) -> bool:
    return getattr(viewer, "is_authenticated", False) and viewer.is_active


def visible_offers(viewer, *, include_withdrawn: bool = False) -> QuerySet[Offer]:
    """Offers the viewer may see. Withdrawn ones only with `include_withdrawn`, and then
    only the viewer's own (or any, for staff)."""
    offers = Offer.objects.all()
    if getattr(viewer, "is_staff", False) and _is_member(viewer):
        return offers if include_withdrawn else offers.filter(is_active=True)
    shown = Q(claim__organization__isnull=False) | Q(
        claim__profile__capacities_visibility__in=shared_levels(viewer),
        claim__profile__user__is_active=True,
    )
    shown &= Q(is_active=True)
    if _is_member(viewer):
        own = _own(viewer)
        shown |= own if include_withdrawn else own & Q(is_active=True)
    return offers.filter(shown)


def offer_list(
    *,
    viewer,
    capacity_id: int | None = None,
    capacity_code: str | None = None,
    descendants: bool = True,
    region: str | None = None,
    language: str | None = None,
    method: str | None = None,
    holder: str | None = None,
    organization_id: int | None = None,
    mine: bool = False,
    q: str | None = None,
    sort: str = "new",
) -> QuerySet[Offer]:
    """Active offers the viewer may see, filtered; with `mine`, the viewer's own offers and
    those of the organizations they manage, withdrawn ones included."""
    offers = visible_offers(viewer, include_withdrawn=mine)
    if mine:
        if not _is_member(viewer):
            return offers.none()
        offers = offers.filter(_own(viewer))
    if capacity_code is not None:
        capacity_id = capacity_code_map().get(capacity_code)
        if capacity_id is None:
            return offers.none()
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) if descendants else [capacity_id]
        offers = offers.filter(claim__capacity_id__in=ids or [capacity_id])
    if region:
        offers = offers.filter(region=region)
    if language:
        # Stored as a JSON list of plain codes: the quoted code matches one element exactly.
        offers = offers.filter(languages__icontains=f'"{language}"')
    if method:
        through = Offer.methods.through.objects.filter(method__code=method)
        offers = offers.filter(id__in=through.values("offer_id"))
    if holder == "person":
        offers = offers.filter(claim__profile__isnull=False)
    elif holder == "organization":
        offers = offers.filter(claim__organization__isnull=False)
    if organization_id is not None:
        offers = offers.filter(claim__organization_id=organization_id)
    if q:
        offers = offers.filter(
            Q(description__icontains=q)
            | Q(claim__profile__display_name__icontains=q)
            | Q(claim__organization__name__icontains=q)
        )
    return offers.order_by(*SORTS.get(sort, SORTS["new"]))


def with_offer_details(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """What an offer card shows (holder, availability, methods) in a fixed number of queries."""
    return offers.select_related(
        "claim__profile__user",
        "claim__profile__availability",
        "claim__organization__availability",
    ).prefetch_related("methods")


def offer_get(*, viewer, pk: int) -> Offer:
    """One offer; Offer.DoesNotExist if there is none the viewer may see. Its holder and
    staff also see it once withdrawn."""
    return with_offer_details(visible_offers(viewer, include_withdrawn=True)).get(pk=pk)


def availability_for(
    *, profile: Profile | None = None, organization: Organization | None = None
) -> Availability | None:
    """The saved availability of a person or organization, or None if they never set it."""
    if profile is not None:
        return Availability.objects.filter(profile=profile).first()
    if organization is not None:
        return Availability.objects.filter(organization=organization).first()
    return None


def offer_holder(offer: Offer) -> Profile | Organization:
    claim = offer.claim
    return claim.profile if claim.profile_id is not None else claim.organization


def offer_availability(offer: Offer) -> Availability | None:
    """The availability of the offer's holder, from `with_offer_details` without a query."""
    holder = offer_holder(offer)
    try:
        return holder.availability
    except Availability.DoesNotExist:
        return None
