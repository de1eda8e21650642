"""People: the directory and one person, plus the person and claim shapes that `me` and
`organizations` reuse.

A person is only ever serialized from `profile_view()`, which applies visibility; hidden
fields come out as null. E-mail addresses appear only for their owner and for staff.
"""

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from capacityhub.community import selectors
from capacityhub.community.visibility import ProfileView
from capacityhub.core.languages import country_name, language_name
from capacityhub.core.regions import region_name
from capacityhub.taxonomy.selectors import capacity_labels

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.refs import organization_id_for
from ..core.schemas import (
    DETAIL_ERRORS,
    READ,
    READ_ERRORS,
    CapacityCode,
    CountryCode,
    Input,
    LanguageCode,
    Page,
    PageQuery,
    RegionCode,
    Slug,
    Text,
    UsernamePath,
)
from ..taxonomy.capacities import capacity_codes, capacity_id_for, capacity_refs

people_router = Router(tags=["people"])

RelationName = Literal["knows", "offers", "wants"]

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


# People ----------------------------------------------------------------------------------------


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
