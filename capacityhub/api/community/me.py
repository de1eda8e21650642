"""Your own account ("me"): profile, languages, capacities, data export and API tokens.

Every operation here needs credentials; it acts on the caller's own profile only.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from capacityhub.community import accounts, selectors, services

from ..core.schemas import (
    OBJECT_WRITE_ERRORS,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    ErrorOut,
    IfMatch,
    Input,
    ObjectId,
    PatchVersion,
    Text,
    required_version,
)
from .people import ClaimsIn, LangQuery, PersonOut, people_out

me_router = Router(tags=["me"])

Visibility = Literal["public", "members", "private"]

# Schemas ---------------------------------------------------------------------------------------


class MeOut(PersonOut):
    version: int = Field(description="Send it back with PATCH /me/profile.")
    preferred_language: str
    is_staff: bool


class ProfilePatch(Input):
    version: PatchVersion = None
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


def me_out(request: HttpRequest, lang: str | None = None) -> dict:
    profile = services.profile_ensure(user=request.user)
    user = request.user
    return {
        **people_out([profile], user, lang)[0],
        "version": profile.version,
        "preferred_language": user.preferred_language,
        "is_staff": user.is_staff,
    }


# Me --------------------------------------------------------------------------------------------


@me_router.get("/me", response={200: MeOut, **READ_ERRORS}, auth=WRITE_AUTH)
def get_me(request: HttpRequest, filters: Query[LangQuery]):
    """Your account and your whole profile, with each field group's visibility."""
    return me_out(request, filters.lang)


@me_router.patch("/me/profile", response={200: MeOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def update_my_profile(request: HttpRequest, payload: ProfilePatch, if_match: IfMatch = None):
    """Change some profile fields. Send the `version` you read (or `If-Match`): missing, 422;
    stale (a concurrent edit), 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
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
    return accounts.user_export_data(user=request.user)


@me_router.get("/me/tokens", response={200: list[TokenOut], **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_tokens(request: HttpRequest):
    """Your active API tokens (never their secrets)."""
    return list(selectors.api_token_list(user=request.user))


@me_router.post(
    "/me/tokens",
    response={201: TokenCreated, **WRITE_ERRORS, 429: ErrorOut},
    auth=WRITE_AUTH,
)
def create_my_token(request: HttpRequest, payload: TokenIn):
    """A new personal API token. The secret is in this response only. At most ten an hour:
    beyond, 429 with `Retry-After`."""
    token, secret = services.api_token_create(user=request.user, name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": secret})


@me_router.delete(
    "/me/tokens/{token_id}", response={204: None, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def revoke_my_token(request: HttpRequest, token_id: ObjectId):
    token = selectors.api_token_list(user=request.user).get(pk=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    return Status(204, None)
