"""People, your own account ("me") and organizations.

A person is only ever serialized from `profile_view()`, which applies visibility; hidden
fields come out as null. E-mail addresses appear only for their owner and for staff.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from capacityhub.community import selectors, services
from capacityhub.community.models import Membership, Organization, OrganizationKind
from capacityhub.community.visibility import ProfileView
from capacityhub.core.languages import country_name, language_name
from capacityhub.core.regions import REGIONS, region_name
from capacityhub.taxonomy.selectors import capacity_labels

from .pagination import page_out, paginate
from .schemas import (
    DETAIL_ERRORS,
    MAX_ID,
    OBJECT_WRITE_ERRORS,
    READ_AUTH,
    READ_ERRORS,
    READ_OPENAPI,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Slug,
    SlugPath,
    Text,
    UsernamePath,
)
from .taxonomy import capacity_codes, capacity_id_for, capacity_refs, content_language

people_router = Router(tags=["people"])
me_router = Router(tags=["me"])
organizations_router = Router(tags=["organizations"])

Visibility = Literal["public", "members", "private"]
RelationName = Literal["knows", "offers", "wants"]
RegionCode = Literal[tuple(REGIONS)]
KindName = Literal[tuple(OrganizationKind.values)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]
Website = Annotated[
    str, Field(pattern=r"^(https?://[^\s/?#]+[^\s]*)?$", max_length=200, description="http(s) URL")
]

# Schemas ---------------------------------------------------------------------------------------


class LanguageOut(Schema):
    code: str
    name: str


class SpokenLanguageOut(LanguageOut):
    proficiency: int = Field(description="0 = native, 1..5 = beginner..fluent.")


class ClaimOut(Schema):
    capacity: str = Field(description="Capacity code.")
    label: str
    level: int


class ClaimsOut(Schema):
    knows: list[ClaimOut]
    offers: list[ClaimOut]
    wants: list[ClaimOut]


class AffiliationOut(Schema):
    slug: str
    name: str
    role: str


class PersonOut(Schema):
    """A person as the caller may see them; a field the caller may not see is null."""

    username: str
    display_name: str
    is_self: bool
    email: str | None = Field(description="Only for the person themself and for staff.")
    wikimedia_username: str | None
    pronouns: str | None
    bio: str | None
    country: str | None
    country_name: str | None
    region: str | None
    region_name: str | None
    time_zone: str | None
    languages: list[SpokenLanguageOut] | None
    affiliations: list[AffiliationOut] | None
    capacities: ClaimsOut | None
    visibility: dict[str, str] | None = Field(
        description="Who sees each field group; only for the person themself and for staff."
    )


class PersonPage(Page[PersonOut]):
    pass


class MeOut(PersonOut):
    version: int = Field(description="Send it back with PATCH /me/profile.")
    preferred_language: str
    is_staff: bool


class PeopleQuery(PageQuery):
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    exact: bool = Field(False, description="Match the capacity itself only.")
    relation: RelationName | None = None
    language: LanguageCode | None = Field(None, description="Speaks this language.")
    region: RegionCode | None = None
    country: CountryCode | None = None
    organization: Slug | None = Field(None, description="Member of this organization.")
    q: Text(200) | None = Field(None, description="Name or username contains.")
    sort: Literal["name", "-name", "new"] = "name"
    lang: LanguageCode | None = Field(None, description="Language of labels and names.")


class LangQuery(Schema):
    lang: LanguageCode | None = Field(None, description="Language of labels and names.")


class ProfilePatch(Input):
    version: Version = Field(None, description="The version you read; a stale one gets 409.")
    display_name: Text(120, min_length=1) = None
    wikimedia_username: Text(120) = None
    pronouns: Text(40) = None
    bio: Text(4000) = None
    country: Annotated[str, Field(pattern=r"^([A-Za-z]{2})?$")] = Field(
        None, description="ISO 3166 code, or empty."
    )
    time_zone: Text(64) = Field(None, description="IANA name, e.g. Africa/Lagos.")
    wikimedia_username_visibility: Visibility = None
    pronouns_visibility: Visibility = None
    bio_visibility: Visibility = None
    location_visibility: Visibility = None
    languages_visibility: Visibility = None
    affiliations_visibility: Visibility = None
    capacities_visibility: Visibility = None


class LanguagesIn(Input):
    languages: dict[Text(12), Annotated[int, Field(ge=0, le=5)]] = Field(
        max_length=200, description="Language code → proficiency (0 = native, 1..5)."
    )


class ClaimIn(Input):
    capacity: CapacityCode
    relation: RelationName
    level: Annotated[int, Field(ge=1, le=5)] = 2


class ClaimsIn(Input):
    claims: list[ClaimIn] = Field(max_length=500)

    @field_validator("claims")
    @classmethod
    def each_claim_once(cls, claims: list[ClaimIn]) -> list[ClaimIn]:
        pairs = [(claim.capacity, claim.relation) for claim in claims]
        if len(set(pairs)) != len(pairs):
            raise ValueError("each capacity may appear only once per relation")
        return claims


class TokenIn(Input):
    name: Text(80, min_length=1) = Field(description="What the token is for, e.g. “website”.")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The secret. Shown this once; store it now.")


class MemberOut(Schema):
    username: str
    display_name: str
    role: str


class OrganizationOut(Schema):
    slug: str
    name: str = Field(description="In the requested language when known.")
    kind: str
    region: str
    region_name: str
    countries: list[str]
    website: str
    description: str
    languages: list[LanguageOut]
    offers: list[ClaimOut]
    wants: list[ClaimOut]


class OrganizationPage(Page[OrganizationOut]):
    pass


class OrganizationDetail(OrganizationOut):
    names: dict[str, str]
    version: int
    can_edit: bool
    members: list[MemberOut]


class OrganizationQuery(PageQuery):
    kind: KindName | None = None
    region: RegionCode | None = None
    language: LanguageCode | None = None
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    relation: RelationName | None = None
    q: Text(200) | None = None
    lang: LanguageCode | None = None


class OrganizationIn(Input):
    name: Text(200, min_length=1)
    kind: KindName
    names: dict[Text(12), Text(200)] = Field(default_factory=dict, max_length=200)
    description: Text(8000) = ""
    countries: list[CountryCode] = Field(default_factory=list, max_length=300)
    region: Literal["", *REGIONS] = ""
    website: Website = ""


class OrganizationPatch(Input):
    version: Version = Field(None, description="The version you read; a stale one gets 409.")
    name: Text(200, min_length=1) = None
    kind: KindName = None
    names: dict[Text(12), Text(200)] = Field(None, max_length=200)
    description: Text(8000) = None
    countries: list[CountryCode] = Field(None, max_length=300)
    region: Literal["", *REGIONS] = None
    website: Website = None


class OrganizationLanguagesIn(Input):
    languages: list[Text(12)] = Field(max_length=200)


class RoleIn(Input):
    role: Literal["member", "manager"]


# Serializers -----------------------------------------------------------------------------------


def claims_out(claims, labels: dict, codes: dict[int, str]) -> list[dict]:
    """[(capacity id, level)] → [{capacity, label, level}]."""
    levels = dict(claims)
    return [
        {"capacity": code, "label": label, "level": levels[cid]}
        for cid, code, label in capacity_refs(levels, labels, codes)
    ]


def person_out(view: ProfileView, language: str, labels: dict, codes: dict[int, str]) -> dict:
    capacities = None
    if view.claims is not None:
        capacities = {rel: claims_out(view.claims[rel], labels, codes) for rel in view.claims}
    return {
        **{name: getattr(view, name) for name in PERSON_FIELDS},
        "country_name": country_name(view.country, language) if view.country else None,
        "region_name": region_name(view.region) if view.region else None,
        "languages": None
        if view.languages is None
        else [
            {"code": code, "name": language_name(code, language), "proficiency": proficiency}
            for code, proficiency in view.languages
        ],
        "capacities": capacities,
        "visibility": view.visibility or None,
    }


PERSON_FIELDS = [
    "username",
    "display_name",
    "is_self",
    "email",
    "wikimedia_username",
    "pronouns",
    "bio",
    "country",
    "region",
    "time_zone",
    "affiliations",
]


def people_out(profiles, viewer, lang: str | None) -> list[dict]:
    language = content_language(lang)
    labels, codes = capacity_labels(language), capacity_codes()
    return [
        person_out(selectors.profile_view(profile, viewer), language, labels, codes)
        for profile in profiles
    ]


def me_out(request: HttpRequest, lang: str | None = None) -> dict:
    profile = services.profile_ensure(user=request.user)
    user = request.user
    return {
        **people_out([profile], user, lang)[0],
        "version": profile.version,
        "preferred_language": user.preferred_language,
        "is_staff": user.is_staff,
    }


def organization_out(organization: Organization, language: str, labels, codes) -> dict:
    claims = {"offers": [], "wants": []}
    for claim in organization.claims.all():
        claims.setdefault(claim.relation, []).append((claim.capacity_id, claim.level))
    return {
        "slug": organization.slug,
        "name": organization.localized_name(language),
        "kind": organization.kind,
        "region": organization.region,
        "region_name": region_name(organization.region),
        "countries": organization.countries,
        "website": organization.website,
        "description": organization.description,
        "languages": [
            {"code": ol.language, "name": language_name(ol.language, language)}
            for ol in organization.languages.all()
        ],
        "offers": claims_out(claims["offers"], labels, codes),
        "wants": claims_out(claims["wants"], labels, codes),
    }


def organization_detail(request: HttpRequest, slug: str, lang: str | None = None) -> dict:
    organization = selectors.organization_get(slug=slug)
    language = content_language(lang)
    members = selectors.organization_members(organization=organization, viewer=request.user)
    return {
        **organization_out(organization, language, capacity_labels(language), capacity_codes()),
        "names": organization.names,
        "version": organization.version,
        "can_edit": selectors.organization_can_edit(organization=organization, user=request.user),
        "members": [member_out(m) for m in members],
    }


def member_out(membership: Membership) -> dict:
    user = membership.user
    return {
        "username": user.username,
        "display_name": user.profile.display_name,
        "role": membership.role,
    }


def organization_id_for(slug: str | None) -> int | None:
    if slug is None:
        return None
    try:
        return selectors.organization_get(slug=slug).pk
    except ObjectDoesNotExist:
        raise ValidationError({"organization": _("Unknown organization “%s”.") % slug}) from None


# People ----------------------------------------------------------------------------------------

READ = {"auth": READ_AUTH, "openapi_extra": READ_OPENAPI}


@people_router.get("/people", response={200: PersonPage, **READ_ERRORS}, **READ)
def list_people(request: HttpRequest, filters: Query[PeopleQuery]):
    """People you may find. A filter only matches what its owner lets you see."""
    profiles = selectors.profile_list(
        viewer=request.user,
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        relation=filters.relation,
        include_descendants=not filters.exact,
        language=filters.language,
        region=filters.region,
        country=filters.country,
        organization_id=organization_id_for(filters.organization),
        q=filters.q,
        sort=filters.sort,
    )
    items, count = paginate(
        selectors.with_profile_details(profiles), filters.page, filters.page_size
    )
    results = people_out(items, request.user, filters.lang)
    return page_out(request, results, count, filters.page, filters.page_size)


@people_router.get("/people/{username}", response={200: PersonOut, **DETAIL_ERRORS}, **READ)
def get_person(request: HttpRequest, username: UsernamePath, filters: Query[LangQuery]):
    profile = selectors.profile_get(username=username)
    return people_out([profile], request.user, filters.lang)[0]


# Me --------------------------------------------------------------------------------------------


@me_router.get("/me", response={200: MeOut, **READ_ERRORS}, auth=WRITE_AUTH)
def get_me(request: HttpRequest, filters: Query[LangQuery]):
    """Your account and your whole profile, with each field group's visibility."""
    return me_out(request, filters.lang)


@me_router.patch("/me/profile", response={200: MeOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def update_my_profile(request: HttpRequest, payload: ProfilePatch):
    """Change some profile fields; send `version` to be told (409) of a concurrent edit."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = changes.pop("version", None)
    services.profile_update(
        actor=request.user,
        profile=services.profile_ensure(user=request.user),
        expected_version=expected_version,
        **changes,
    )
    return me_out(request)


@me_router.put("/me/languages", response={200: MeOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def set_my_languages(request: HttpRequest, payload: LanguagesIn):
    """Replace your languages: `{"languages": {"fr": 0, "en": 4}}` (0 = native)."""
    profile = services.profile_ensure(user=request.user)
    services.profile_set_languages(actor=request.user, profile=profile, languages=payload.languages)
    return me_out(request)


@me_router.put("/me/capacities", response={200: MeOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def set_my_capacities(request: HttpRequest, payload: ClaimsIn):
    """Replace what you know, offer and want. You can only offer what you also know."""
    profile = services.profile_ensure(user=request.user)
    claims = [(claim.capacity, claim.relation, claim.level) for claim in payload.claims]
    services.profile_set_capacities(actor=request.user, profile=profile, claims=claims)
    return me_out(request)


@me_router.get("/me/export", response={200: dict[str, Any], **READ_ERRORS}, auth=WRITE_AUTH)
def export_my_data(request: HttpRequest):
    """Everything the hub holds about you, as JSON."""
    return services.user_export_data(user=request.user)


@me_router.get("/me/tokens", response={200: list[TokenOut], **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_tokens(request: HttpRequest):
    """Your active API tokens (never their secrets)."""
    return list(selectors.api_token_list(user=request.user))


@me_router.post("/me/tokens", response={201: TokenCreated, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_my_token(request: HttpRequest, payload: TokenIn):
    """A new personal API token. The secret is in this response only."""
    token, secret = services.api_token_create(user=request.user, name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": secret})


@me_router.delete(
    "/me/tokens/{token_id}", response={204: None, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def revoke_my_token(request: HttpRequest, token_id: ObjectId):
    token = selectors.api_token_list(user=request.user).get(pk=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    return Status(204, None)


# Organizations ---------------------------------------------------------------------------------


@organizations_router.get("/organizations", response={200: OrganizationPage, **READ_ERRORS}, **READ)
def list_organizations(request: HttpRequest, filters: Query[OrganizationQuery]):
    """Chapters, thematic organizations, user groups, hubs and partners."""
    organizations = selectors.organization_list(
        kind=filters.kind,
        region=filters.region,
        language=filters.language,
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        relation=filters.relation,
        q=filters.q,
    )
    items, count = paginate(
        selectors.with_organization_details(organizations), filters.page, filters.page_size
    )
    language = content_language(filters.lang)
    labels, codes = capacity_labels(language), capacity_codes()
    results = [organization_out(o, language, labels, codes) for o in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@organizations_router.get(
    "/organizations/{slug}", response={200: OrganizationDetail, **DETAIL_ERRORS}, **READ
)
def get_organization(request: HttpRequest, slug: SlugPath, filters: Query[LangQuery]):
    """One organization, with the members who share their affiliation."""
    return organization_detail(request, slug, filters.lang)


@organizations_router.post(
    "/organizations", response={201: OrganizationDetail, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_organization(request: HttpRequest, payload: OrganizationIn):
    """Register an organization; you become its first manager."""
    fields = payload.model_dump(exclude={"name", "kind"})
    organization = services.organization_create(
        actor=request.user, name=payload.name, kind=payload.kind, **fields
    )
    return Status(201, organization_detail(request, organization.slug))


def _organization(slug: str) -> Organization:
    return selectors.organization_get(slug=slug)


@organizations_router.patch(
    "/organizations/{slug}",
    response={200: OrganizationDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def update_organization(request: HttpRequest, slug: SlugPath, payload: OrganizationPatch):
    """Managers and staff; send `version` to be told (409) of a concurrent edit."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = changes.pop("version", None)
    services.organization_update(
        actor=request.user,
        organization=_organization(slug),
        expected_version=expected_version,
        **changes,
    )
    return organization_detail(request, slug)


@organizations_router.put(
    "/organizations/{slug}/languages",
    response={200: OrganizationDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def set_organization_languages(
    request: HttpRequest, slug: SlugPath, payload: OrganizationLanguagesIn
):
    services.organization_set_languages(
        actor=request.user, organization=_organization(slug), languages=payload.languages
    )
    return organization_detail(request, slug)


@organizations_router.put(
    "/organizations/{slug}/capacities",
    response={200: OrganizationDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def set_organization_capacities(request: HttpRequest, slug: SlugPath, payload: ClaimsIn):
    """Replace what the organization offers and wants (not `knows`)."""
    claims = [(claim.capacity, claim.relation, claim.level) for claim in payload.claims]
    services.organization_set_capacities(
        actor=request.user, organization=_organization(slug), claims=claims
    )
    return organization_detail(request, slug)


@organizations_router.put(
    "/organizations/{slug}/members/{username}",
    response={200: MemberOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def set_member(request: HttpRequest, slug: SlugPath, username: UsernamePath, payload: RoleIn):
    """Managers and staff add a person or change their role."""
    membership = services.membership_set(
        actor=request.user,
        organization=_organization(slug),
        user=selectors.profile_get(username=username).user,
        role=payload.role,
    )
    return member_out(membership)


@organizations_router.delete(
    "/organizations/{slug}/members/{username}",
    response={204: None, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def remove_member(request: HttpRequest, slug: SlugPath, username: UsernamePath):
    """Managers and staff remove a member; anyone may leave. The last manager stays."""
    services.membership_remove(
        actor=request.user,
        organization=_organization(slug),
        user=selectors.profile_get(username=username).user,
    )
    return Status(204, None)
