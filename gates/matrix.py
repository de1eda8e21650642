"""The rows of the permission matrix (gates/test_permission_matrix.py): every write endpoint
of the API and every edit page of the web, what each sends, and the outcome class each actor
must get. gates/test_sanitising.py reuses them for its CSRF checks."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from capacityhub.community.models import Profile, User
from capacityhub.community.selectors import FIELD_GROUPS

from .conftest import World

API = "/api/v1"
ACTORS = ["anonymous", "owner", "other", "manager", "staff"]
OK, LOGIN, FORBIDDEN = "ok", "login", "forbidden"

# Web pages that only read; every other named web URL must have rows in WEB_ROWS.
WEB_READ_ONLY = {
    "home",
    "people",
    "profile-detail",
    "profile-me",
    "capacity-list",
    "capacity-detail",
    "proposal-list",
    "organization-list",
    "organization-detail",
    "settings-export",
}


@dataclass(frozen=True)
class Row:
    """One request: where it goes, what it sends (given the world and the acting user, None
    when anonymous), and the outcome each actor must get."""

    name: str
    method: str
    url: Callable[[World], str]
    data: Callable[[World, User | None], dict]
    expect: dict[str, str]

    @property
    def is_api(self) -> bool:
        return self.name.startswith(("POST ", "PUT ", "PATCH ", "DELETE "))


def everyone_signed_in(outcome=OK) -> dict[str, str]:
    return {"anonymous": LOGIN, "owner": outcome, "other": outcome, "manager": outcome} | {
        "staff": outcome
    }


EDITORS_ONLY = {
    "anonymous": LOGIN,
    "owner": FORBIDDEN,
    "other": FORBIDDEN,
    "manager": OK,
    "staff": OK,
}
STAFF_ONLY = {**EDITORS_ONLY, "manager": FORBIDDEN}
OWNER_ONLY = {**STAFF_ONLY, "owner": OK, "staff": FORBIDDEN}


def _fixed(data: dict) -> Callable[[World, User | None], dict]:
    return lambda world, user: data


def _org(suffix: str = "") -> Callable[[World], str]:
    return lambda world: f"{API}/organizations/{world.organization.slug}{suffix}"


# --- API rows ----------------------------------------------------------------------------------

CLAIM = {"capacity": "lua-scripting", "relation": "offers", "level": 2}

API_ROWS = [
    Row(
        "POST /capacity-proposals",
        "post",
        lambda world: f"{API}/capacity-proposals",
        _fixed({"label": "Donor stewardship", "parent": "fundraising"}),
        everyone_signed_in(),
    ),
    Row(
        "POST /capacity-proposals/{proposal_id}/approve",
        "post",
        lambda world: f"{API}/capacity-proposals/{world.proposal.pk}/approve",
        _fixed({"note": "Welcome"}),
        STAFF_ONLY,
    ),
    Row(
        "POST /capacity-proposals/{proposal_id}/reject",
        "post",
        lambda world: f"{API}/capacity-proposals/{world.proposal.pk}/reject",
        _fixed({"note": "Already covered"}),
        STAFF_ONLY,
    ),
    Row(
        "PATCH /me/profile",
        "patch",
        lambda world: f"{API}/me/profile",
        _fixed({"bio": "Changed"}),
        everyone_signed_in(),
    ),
    Row(
        "PUT /me/languages",
        "put",
        lambda world: f"{API}/me/languages",
        _fixed({"languages": {"fr": 0}}),
        everyone_signed_in(),
    ),
    Row(
        "PUT /me/capacities",
        "put",
        lambda world: f"{API}/me/capacities",
        _fixed({"claims": [{**CLAIM, "relation": "knows"}]}),
        everyone_signed_in(),
    ),
    Row(
        "POST /me/tokens",
        "post",
        lambda world: f"{API}/me/tokens",
        _fixed({"name": "matrix"}),
        everyone_signed_in(),
    ),
    Row(
        "DELETE /me/tokens/{token_id}",
        "delete",
        lambda world: f"{API}/me/tokens/{world.owner_token.pk}",
        _fixed({}),
        OWNER_ONLY,
    ),
    Row(
        "POST /organizations",
        "post",
        lambda world: f"{API}/organizations",
        _fixed({"name": "Wikimedians of Matrix", "kind": "user_group"}),
        everyone_signed_in(),
    ),
    Row(
        "PATCH /organizations/{slug}",
        "patch",
        _org(),
        _fixed({"description": "Changed"}),
        EDITORS_ONLY,
    ),
    Row(
        "PUT /organizations/{slug}/languages",
        "put",
        _org("/languages"),
        _fixed({"languages": ["ha", "en"]}),
        EDITORS_ONLY,
    ),
    Row(
        "PUT /organizations/{slug}/capacities",
        "put",
        _org("/capacities"),
        _fixed({"claims": [CLAIM]}),
        EDITORS_ONLY,
    ),
    Row(
        "PUT /organizations/{slug}/members/{username}",
        "put",
        _org("/members/owner"),
        _fixed({"role": "member"}),
        EDITORS_ONLY,
    ),
    Row(
        "DELETE /organizations/{slug}/members/{username}",
        "delete",
        _org("/members/amina"),
        _fixed({}),
        EDITORS_ONLY,
    ),
]


# --- web rows ----------------------------------------------------------------------------------


def _profile_form(world: World, user: User | None) -> dict:
    profile = user.profile if user else Profile(display_name="Nobody")
    return {
        "display_name": profile.display_name,
        "bio": "Changed",
        "country": "",
        "time_zone": "",
        "version": profile.version,
        **{f"{group}_visibility": "public" for group in FIELD_GROUPS},
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": "fr",
        "languages-0-proficiency": "0",
    }


def _capacities_form(world: World, user: User | None) -> dict:
    data = {}
    for relation in ["knows", "offers", "wants"]:
        data |= {f"{relation}-TOTAL_FORMS": "1", f"{relation}-INITIAL_FORMS": "0"}
        data |= {f"{relation}-0-capacity": "", f"{relation}-0-level": "2"}
    data["knows-0-capacity"] = "lua-scripting"
    return data


def _organization_form(world: World, user: User | None) -> dict:
    organization = world.organization
    return {
        "name": organization.name,
        "names": "",
        "kind": organization.kind,
        "description": "Changed",
        "region": organization.region,
        "website": "",
        "version": organization.version,
        "capacities-TOTAL_FORMS": "1",
        "capacities-INITIAL_FORMS": "0",
        "capacities-0-capacity": "lua-scripting",
        "capacities-0-relation": "offers",
        "capacities-0-level": "2",
    }


def _members(world: World) -> str:
    return reverse("web:organization-members", args=[world.organization.slug])


def _proposal(world: World) -> str:
    return reverse("web:proposal-detail", args=[world.proposal.pk])


WEB_ROWS = [
    Row(
        "web:profile-edit",
        "post",
        lambda world: reverse("web:profile-edit"),
        _profile_form,
        everyone_signed_in(),
    ),
    Row(
        "web:profile-capacities",
        "post",
        lambda world: reverse("web:profile-capacities"),
        _capacities_form,
        everyone_signed_in(),
    ),
    Row(
        "web:capacity-propose",
        "post",
        lambda world: reverse("web:capacity-propose"),
        _fixed({"label": "Donor stewardship", "language": "en", "parent": "fundraising"}),
        everyone_signed_in(),
    ),
    Row(
        "web:proposal-detail (approve)",
        "post",
        _proposal,
        _fixed({"decision": "approve", "approve-note": "Welcome"}),
        STAFF_ONLY,
    ),
    Row(
        "web:proposal-detail (reject)",
        "post",
        _proposal,
        _fixed({"decision": "reject", "reject-note": "Already covered"}),
        STAFF_ONLY,
    ),
    Row(
        "web:organization-create",
        "post",
        lambda world: reverse("web:organization-create"),
        _fixed({"name": "Wikimedians of Matrix", "kind": "user_group", "languages": ["en"]}),
        everyone_signed_in(),
    ),
    Row(
        "web:organization-edit",
        "post",
        lambda world: reverse("web:organization-edit", args=[world.organization.slug]),
        _organization_form,
        EDITORS_ONLY,
    ),
    Row(
        "web:organization-members (add)",
        "post",
        _members,
        _fixed({"action": "add", "username": "owner", "role": "member"}),
        EDITORS_ONLY,
    ),
    Row(
        "web:organization-members (role)",
        "post",
        _members,
        _fixed({"action": "role", "username": "amina", "role": "manager"}),
        EDITORS_ONLY,
    ),
    Row(
        "web:organization-members (remove)",
        "post",
        _members,
        _fixed({"username": "amina", "remove": "1"}),
        EDITORS_ONLY,
    ),
    Row(
        "web:settings (create a token)",
        "post",
        lambda world: reverse("web:settings"),
        _fixed({"name": "matrix"}),
        everyone_signed_in(),
    ),
    Row(
        "web:token-revoke",
        "post",
        lambda world: reverse("web:token-revoke", args=[world.owner_token.pk]),
        _fixed({}),
        OWNER_ONLY,
    ),
    Row(
        "web:account-delete",
        "post",
        lambda world: reverse("web:account-delete"),
        lambda world, user: {"username": user.username if user else ""},
        everyone_signed_in(),
    ),
    Row(
        "web:set-language",
        "post",
        lambda world: reverse("web:set-language"),
        _fixed({"language": "fr", "next": "/"}),
        # Anonymous people choose a language too: a cookie, and nothing stored.
        {**everyone_signed_in(), "anonymous": OK},
    ),
]
