"""Organizations: the directory, one organization, and what its managers and staff change."""

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from capacityhub.community import selectors, services
from capacityhub.community.models import Membership, Organization, OrganizationKind
from capacityhub.core.languages import language_name
from capacityhub.core.regions import REGIONS, region_name
from capacityhub.taxonomy.selectors import capacity_labels

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    CountryCode,
    IfMatch,
    Input,
    LanguageCode,
    Page,
    PageQuery,
    PatchVersion,
    RegionCode,
    SlugPath,
    Text,
    UsernamePath,
    required_version,
)
from ..taxonomy.capacities import capacity_codes, capacity_id_for
from .people import (
    ClaimOut,
    ClaimsIn,
    LangQuery,
    LanguageOut,
    RelationName,
    claims_out,
)

organizations_router = Router(tags=["organizations"])

KindName = Literal[tuple(OrganizationKind.values)]
Website = Annotated[
    str, Field(pattern=r"^(https?://[^\s/?#]+[^\s]*)?$", max_length=200, description="http(s) URL")
]

# Schemas ---------------------------------------------------------------------------------------


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
    version: PatchVersion = None
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
        "can_edit": selectors.can_act_for(request.user, organization=organization),
        "members": [member_out(m) for m in members],
    }


def member_out(membership: Membership) -> dict:
    user = membership.user
    return {
        "username": user.username,
        "display_name": user.profile.display_name,
        "role": membership.role,
    }


def _organization(slug: str) -> Organization:
    return selectors.organization_get(slug=slug)


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


@organizations_router.patch(
    "/organizations/{slug}",
    response={200: OrganizationDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def update_organization(
    request: HttpRequest, slug: SlugPath, payload: OrganizationPatch, if_match: IfMatch = None
):
    """Managers and staff. Send the `version` you read (or `If-Match`): missing, 422; stale
    (a concurrent edit), 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
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
