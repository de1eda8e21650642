"""Offers: the list (with filters), one offer, making, changing and withdrawing an offer, the
caller's own offers, and their availability.

A person's offer is seen only by those who may see that person's capacities; an
organization's offer is public; a withdrawn offer only by its holder and staff (404 for
anyone else)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from capacityhub.community.models import Organization
from capacityhub.community.selectors import require_can_act_for
from capacityhub.community.services import profile_ensure
from capacityhub.core.languages import language_name
from capacityhub.core.regions import region_name
from capacityhub.exchange.models import Availability, Offer
from capacityhub.exchange.selectors.offers import (
    HOLDERS,
    SORTS,
    availability_for,
    offer_availability,
    offer_get,
    offer_list,
    with_offer_details,
)
from capacityhub.exchange.services.offers import (
    availability_set,
    offer_can_edit,
    offer_create,
    offer_update,
    offer_withdraw,
)
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels

from ..community.people import LanguageOut
from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.refs import organization_for
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    ErrorOut,
    Input,
    LanguageCode,
    Level,
    MethodCode,
    ObjectId,
    Page,
    PageQuery,
    RegionCode,
    RegionOrNone,
    Slug,
    Text,
)
from ..taxonomy.capacities import CapacityRef, MethodRef, capacity_id_for

router = Router(tags=["offers"])

HolderKind = Literal[tuple(HOLDERS)]
SortName = Literal[tuple(SORTS)]
Hours = Annotated[int, Field(ge=0, le=200, description="Hours a month, 0 to 200.")]
MostConnections = Annotated[int, Field(ge=1, le=50, description="Connections at once, 1 to 50.")]

# Schemas ---------------------------------------------------------------------------------------


class HolderOut(Schema):
    kind: HolderKind
    username: str | None = Field(description="For a person.")
    slug: str | None = Field(description="For an organization.")
    name: str


class AvailabilityOut(Schema):
    hours_per_month: int
    max_connections: int
    away_until: date | None
    is_set: bool = Field(description="False: never set; these are the usual values.")


class OfferOut(Schema):
    id: int
    capacity: CapacityRef
    level: int = Field(description="1 = beginner … 5 = expert.")
    description: str
    methods: list[MethodRef]
    languages: list[LanguageOut]
    online: bool
    region: str
    region_name: str
    is_active: bool = Field(description="False once withdrawn.")
    holder: HolderOut
    availability: AvailabilityOut | None = Field(description="Null when never set.")
    created_at: datetime
    updated_at: datetime


class OfferPage(Page[OfferOut]):
    pass


class OfferDetail(OfferOut):
    can_edit: bool


class OfferQuery(PageQuery):
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    exact: bool = Field(False, description="Match the capacity itself only.")
    region: RegionCode | None = None
    language: LanguageCode | None = Field(None, description="Offered in this language.")
    method: MethodCode | None = Field(None, description="Offered in this way (method code).")
    holder: HolderKind | None = None
    organization: Slug | None = Field(None, description="Offered by this organization.")
    q: Text(200) | None = Field(None, description="Description or holder's name contains.")
    sort: SortName = "new"
    lang: LanguageCode | None = Field(None, description="Language of labels and names.")


class OfferIn(Input):
    capacity: CapacityCode = Field(description="A person can only offer a capacity they know.")
    level: Level = 3
    description: Text(4000) = ""
    methods: list[MethodCode] = Field(default_factory=list, max_length=30)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=30)
    online: bool = True
    region: RegionOrNone = ""
    organization: Slug | None = Field(
        None, description="Offer it for this organization (its managers and staff only)."
    )


class OfferPatch(Input):
    level: Level = None
    description: Text(4000) = None
    methods: list[MethodCode] = Field(None, max_length=30)
    languages: list[LanguageCode] = Field(None, max_length=30)
    online: bool = None
    region: RegionOrNone = None


class HolderQuery(Schema):
    organization: Slug | None = Field(
        None, description="An organization you manage, instead of yourself."
    )


class AvailabilityIn(Input):
    hours_per_month: Hours
    max_connections: MostConnections
    away_until: date | None = Field(None, description="Away until this day; null when around.")


# Serializers -----------------------------------------------------------------------------------


def _holder_out(offer: Offer, language: str) -> dict:
    claim = offer.claim
    if claim.organization_id is not None:
        organization = claim.organization
        name = organization.localized_name(language)
        return {"kind": "organization", "username": None, "slug": organization.slug, "name": name}
    profile = claim.profile
    return {
        "kind": "person",
        "username": profile.user.username,
        "slug": None,
        "name": profile.display_name,
    }


def availability_out(availability: Availability | None, *, default: bool = False) -> dict | None:
    if availability is None:
        if not default:
            return None
        availability, is_set = Availability(), False
    else:
        is_set = availability.pk is not None
    return {
        "hours_per_month": availability.hours_per_month,
        "max_connections": availability.max_connections,
        "away_until": availability.away_until,
        "is_set": is_set,
    }


def offer_out(offer: Offer, language: str, labels, codes: dict[int, str]) -> dict:
    capacity_id = offer.claim.capacity_id
    code = codes.get(capacity_id, "")
    entry = labels.get(capacity_id)
    return {
        "id": offer.pk,
        "capacity": {"code": code, "label": entry.label if entry else code},
        "level": offer.claim.level,
        "description": offer.description,
        "methods": [{"code": m.code, "label": m.label(language)} for m in offer.methods.all()],
        "languages": [{"code": c, "name": language_name(c, language)} for c in offer.languages],
        "online": offer.online,
        "region": offer.region,
        "region_name": region_name(offer.region),
        "is_active": offer.is_active,
        "holder": _holder_out(offer, language),
        "availability": availability_out(offer_availability(offer)),
        "created_at": offer.created_at,
        "updated_at": offer.updated_at,
    }


def _codes() -> dict[int, str]:
    return {cid: code for code, cid in capacity_code_map().items()}


def offer_detail(request: HttpRequest, pk: int, lang: str | None = None) -> dict:
    offer = offer_get(viewer=request.user, pk=pk)
    language = content_language(lang)
    return {
        **offer_out(offer, language, capacity_labels(language), _codes()),
        "can_edit": offer_can_edit(offer=offer, user=request.user),
    }


def _offers_page(request: HttpRequest, filters: OfferQuery, *, mine: bool) -> dict:
    organization = organization_for(filters.organization)
    offers = offer_list(
        viewer=request.user,
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        descendants=not filters.exact,
        region=filters.region,
        language=filters.language,
        method=filters.method,
        holder=filters.holder,
        organization_id=organization.pk if organization else None,
        mine=mine,
        q=filters.q,
        sort=filters.sort,
    )
    items, count = paginate(with_offer_details(offers), filters.page, filters.page_size)
    language = content_language(filters.lang)
    labels, codes = capacity_labels(language), _codes()
    results = [offer_out(offer, language, labels, codes) for offer in items]
    return page_out(request, results, count, filters.page, filters.page_size)


def _availability_holder(request: HttpRequest, slug: str | None):
    """(profile, None) for the caller, or (None, organization) for one they manage."""
    if slug is None:
        return profile_ensure(user=request.user), None
    organization: Organization = organization_for(slug)
    require_can_act_for(request.user, organization=organization)
    return None, organization


# Endpoints -------------------------------------------------------------------------------------


@router.get("/offers", response={200: OfferPage, **READ_ERRORS}, **READ)
def list_offers(request: HttpRequest, filters: Query[OfferQuery]):
    """Active offers you may see, newest first."""
    return _offers_page(request, filters, mine=False)


@router.post("/offers", response={201: OfferDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_offer(request: HttpRequest, payload: OfferIn):
    """Offer a capacity, as yourself or (managers and staff) for an organization. A person
    can only offer a capacity they know (422 otherwise); an offer withdrawn earlier is made
    active again with these details."""
    fields = payload.model_dump(exclude={"organization"})
    offer = offer_create(
        actor=request.user, organization=organization_for(payload.organization), **fields
    )
    return Status(201, offer_detail(request, offer.pk))


@router.get("/offers/{offer_id}", response={200: OfferDetail, **DETAIL_ERRORS}, **READ)
def get_offer(request: HttpRequest, offer_id: ObjectId, lang: LanguageCode | None = None):
    return offer_detail(request, offer_id, lang)


@router.patch(
    "/offers/{offer_id}", response={200: OfferDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_offer(request: HttpRequest, offer_id: ObjectId, payload: OfferPatch):
    """The person who offers, the organization's managers, and staff."""
    offer = offer_get(viewer=request.user, pk=offer_id)
    offer_update(actor=request.user, offer=offer, **payload.model_dump(exclude_unset=True))
    return offer_detail(request, offer_id)


@router.post(
    "/offers/{offer_id}/withdraw",
    response={200: OfferDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def withdraw_offer(request: HttpRequest, offer_id: ObjectId):
    """Take the offer out of lists and matching; the capacity stays on the profile.
    Withdrawing twice is a 422."""
    offer = offer_get(viewer=request.user, pk=offer_id)
    offer_withdraw(actor=request.user, offer=offer)
    return offer_detail(request, offer_id)


@router.get("/me/offers", response={200: OfferPage, **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_offers(request: HttpRequest, filters: Query[OfferQuery]):
    """Your offers and those of the organizations you manage, withdrawn ones included."""
    return _offers_page(request, filters, mine=True)


@router.get(
    "/me/availability",
    response={200: AvailabilityOut, **READ_ERRORS, 403: ErrorOut},
    auth=WRITE_AUTH,
)
def get_my_availability(request: HttpRequest, holder: Query[HolderQuery]):
    """Your availability, or that of an organization you manage."""
    profile, organization = _availability_holder(request, holder.organization)
    return availability_out(
        availability_for(profile=profile, organization=organization), default=True
    )


@router.put("/me/availability", response={200: AvailabilityOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def set_my_availability(request: HttpRequest, payload: AvailabilityIn, holder: Query[HolderQuery]):
    """Hours a month, the most connections at once, and an optional away-until date."""
    profile, organization = _availability_holder(request, holder.organization)
    availability = availability_set(
        actor=request.user, profile=profile, organization=organization, **payload.model_dump()
    )
    return availability_out(availability)
