"""The rows of the permission matrix (gates/test_permission_matrix.py): every write endpoint
of the API and every edit page of the web, what each sends, and the outcome class each actor
must get. gates/test_sanitising.py reuses them for its CSRF checks."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from capacityhub.community.models import Profile, User
from capacityhub.community.selectors import FIELD_GROUPS

from . import parts
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
    # The exchange: lists, details, matches and the capacity map (with its downloads).
    "need-list",
    "need-detail",
    "my-needs",
    "offer-list",
    "offer-detail",
    "my-offers",
    "connection-list",
    "connection-detail",
    "need-matches",
    "offer-needs",
    "capacity-map",
    "capacity-map-svg",
    "capacity-map-csv",
    "capacity-map-json",
    "search",
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
# Needs and offers: their holder, and staff (who moderate); the manager of an organization
# that has nothing to do with them may not.
OWNER_OR_STAFF = {**STAFF_ONLY, "owner": OK}
# Connections from a need of the owner's to `other`: both sides act; staff can read them but
# act for neither side, and the manager takes no part in them.
BOTH_SIDES = {**OWNER_ONLY, "other": OK}
# Answering an invitation is the provider's alone. Rows are written from the side of the one
# the thing belongs to, the owner (gates/test_sanitising.py's CSRF checks send each row as the
# first of owner, manager and staff that is allowed, so one of them must be), so these rows
# answer `world.invitation`: `other` invited the owner, and the owner (the provider) may
# accept or decline; `other` (the requester), the manager and staff may not.
PROVIDER_ONLY = OWNER_ONLY


def _fixed(data: dict) -> Callable[[World, User | None], dict]:
    return lambda world, user: data


def current_version(record) -> int:
    """The version a PATCH must send (the one in the database now)."""
    return type(record).objects.values_list("version", flat=True).get(pk=record.pk)


def _profile_version(user: User | None) -> int:
    versions = Profile.objects.filter(user=user) if user is not None else Profile.objects.none()
    return versions.values_list("version", flat=True).first() or 1


def _org(suffix: str = "") -> Callable[[World], str]:
    return lambda world: f"{API}/organizations/{world.organization.slug}{suffix}"


def _connection_of(world: World, status: str) -> int:
    """The connection in `status`: "invited" is the invitation to the owner (see
    PROVIDER_ONLY), the others go from a need of the owner's to `other`."""
    return (world.invitation if status == "invited" else world.connections[status]).pk


def _connection(status: str, suffix: str) -> Callable[[World], str]:
    """The API path of the world's connection in `status`, plus `suffix`."""
    return lambda world: f"{API}/connections/{_connection_of(world, status)}{suffix}"


def _web_connection(status: str, name: str, *action: str) -> Callable[[World], str]:
    return lambda world: reverse(f"web:{name}", args=[_connection_of(world, status), *action])


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
        lambda world, user: {"bio": "Changed", "version": _profile_version(user)},
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
        lambda world, user: {
            "description": "Changed",
            "version": current_version(world.organization),
        },
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


# --- API rows: the exchange ---------------------------------------------------------------------

NEED = {"title": "Matrix need", "capacities": ["grant-reporting"], "languages": ["en"]}
INVITE = {"message": "Could you help us with grant reports?"}

API_ROWS += [
    Row("POST /needs", "post", lambda world: f"{API}/needs", _fixed(NEED), everyone_signed_in()),
    Row(
        "PATCH /needs/{need_id}",
        "patch",
        lambda world: f"{API}/needs/{world.need.pk}",
        lambda world, user: {"title": "Changed", "version": current_version(world.need)},
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /needs/{need_id}/status",
        "post",
        lambda world: f"{API}/needs/{world.need.pk}/status",
        _fixed({"status": "closed"}),
        OWNER_OR_STAFF,
    ),
    # A person can only offer what they know, so the matrix offers for the organization.
    Row(
        "POST /offers",
        "post",
        lambda world: f"{API}/offers",
        lambda world, user: {
            "capacity": "grant-writing",
            "level": 3,
            "organization": world.organization.slug,
        },
        EDITORS_ONLY,
    ),
    Row(
        "PATCH /offers/{offer_id}",
        "patch",
        lambda world: f"{API}/offers/{world.offer.pk}",
        _fixed({"level": 5}),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /offers/{offer_id}/withdraw",
        "post",
        lambda world: f"{API}/offers/{world.offer.pk}/withdraw",
        _fixed({}),
        OWNER_OR_STAFF,
    ),
    Row(
        "PUT /me/availability",
        "put",
        lambda world: f"{API}/me/availability",
        _fixed({"hours_per_month": 6, "max_connections": 2}),
        everyone_signed_in(),
    ),
    # The owner invites `other` through other's offer to help with the owner's need.
    Row(
        "POST /needs/{need_id}/connections",
        "post",
        lambda world: f"{API}/needs/{world.need.pk}/connections",
        lambda world, user: {**INVITE, "offer": world.provider_offer.pk},
        OWNER_ONLY,
    ),
    Row(
        "POST /connections/{connection_id}/accept",
        "post",
        _connection("invited", "/accept"),
        _fixed({}),
        PROVIDER_ONLY,
    ),
    Row(
        "POST /connections/{connection_id}/decline",
        "post",
        _connection("invited", "/decline"),
        _fixed({}),
        PROVIDER_ONLY,
    ),
    Row(
        "POST /connections/{connection_id}/withdraw",
        "post",
        _connection("accepted", "/withdraw"),
        _fixed({}),
        BOTH_SIDES,
    ),
    Row(
        "POST /connections/{connection_id}/done",
        "post",
        _connection("accepted", "/done"),
        _fixed({}),
        BOTH_SIDES,
    ),
    Row(
        "POST /connections/{connection_id}/messages",
        "post",
        _connection("accepted", "/messages"),
        _fixed({"body": "See you on Tuesday."}),
        BOTH_SIDES,
    ),
    Row(
        "POST /connections/{connection_id}/feedback",
        "post",
        _connection("completed", "/feedback"),
        _fixed({"rating": 5, "comment": "Very helpful."}),
        BOTH_SIDES,
    ),
    Row(
        "POST /me/notifications/{notification_id}/read",
        "post",
        lambda world: f"{API}/me/notifications/{world.notifications['owner'].pk}/read",
        _fixed({}),
        OWNER_ONLY,
    ),
    # Everyone has an unread notification of their own.
    Row(
        "POST /me/notifications/read-all",
        "post",
        lambda world: f"{API}/me/notifications/read-all",
        _fixed({}),
        everyone_signed_in(),
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
        # The manager is the organization's last: they hand it over to amina, a member.
        lambda world, user: {
            "username": user.username if user else "",
            f"successor_{world.organization.pk}": "amina",
        },
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


# --- web rows: the exchange ---------------------------------------------------------------------

WEB_NEED_FORM = {
    "title": "Matrix need",
    "capacities": ["grant-reporting"],
    "desired_level": "3",
    "languages": ["en"],
    "visibility": "public",
}


def _availability_of_organization(world: World) -> str:
    return reverse("web:availability") + f"?organization={world.organization.slug}"


WEB_ROWS += [
    Row(
        "web:need-create",
        "post",
        lambda world: reverse("web:need-create"),
        _fixed(WEB_NEED_FORM),
        everyone_signed_in(),
    ),
    Row(
        "web:need-create (for the organization)",
        "post",
        lambda world: reverse("web:need-create"),
        lambda world, user: {**WEB_NEED_FORM, "organization": world.organization.slug},
        EDITORS_ONLY,
    ),
    Row(
        "web:need-edit",
        "post",
        lambda world: reverse("web:need-edit", args=[world.need.pk]),
        lambda world, user: {**WEB_NEED_FORM, "title": "Changed", "version": world.need.version},
        OWNER_OR_STAFF,
    ),
    Row(
        "web:need-status",
        "post",
        lambda world: reverse("web:need-status", args=[world.need.pk]),
        _fixed({"status": "closed"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:offer-create",
        "post",
        lambda world: reverse("web:offer-create"),
        lambda world, user: {
            "capacity": "grant-writing",
            "level": "3",
            "organization": world.organization.slug,
        },
        EDITORS_ONLY,
    ),
    Row(
        "web:offer-edit",
        "post",
        lambda world: reverse("web:offer-edit", args=[world.offer.pk]),
        _fixed({"level": "5"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:offer-withdraw",
        "post",
        lambda world: reverse("web:offer-withdraw", args=[world.offer.pk]),
        _fixed({}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:availability",
        "post",
        lambda world: reverse("web:availability"),
        _fixed({"hours_per_month": "6", "max_connections": "2"}),
        everyone_signed_in(),
    ),
    Row(
        "web:availability (of the organization)",
        "post",
        _availability_of_organization,
        _fixed({"hours_per_month": "6", "max_connections": "2"}),
        EDITORS_ONLY,
    ),
    Row(
        "web:connection-invite",
        "post",
        lambda world: reverse("web:connection-invite", args=[world.need.pk]),
        lambda world, user: {**INVITE, "offer": str(world.provider_offer.pk)},
        OWNER_ONLY,
    ),
    Row(
        "web:connection-action (accept)",
        "post",
        _web_connection("invited", "connection-action", "accept"),
        _fixed({}),
        PROVIDER_ONLY,
    ),
    Row(
        "web:connection-action (decline)",
        "post",
        _web_connection("invited", "connection-action", "decline"),
        _fixed({}),
        PROVIDER_ONLY,
    ),
    Row(
        "web:connection-action (withdraw)",
        "post",
        _web_connection("accepted", "connection-action", "withdraw"),
        _fixed({}),
        BOTH_SIDES,
    ),
    Row(
        "web:connection-action (done)",
        "post",
        _web_connection("accepted", "connection-action", "done"),
        _fixed({}),
        BOTH_SIDES,
    ),
    Row(
        "web:connection-message",
        "post",
        _web_connection("accepted", "connection-message"),
        _fixed({"body": "See you on Tuesday."}),
        BOTH_SIDES,
    ),
    Row(
        "web:connection-feedback",
        "post",
        _web_connection("completed", "connection-feedback"),
        _fixed({"rating": "5", "comment": "Very helpful."}),
        BOTH_SIDES,
    ),
    Row(
        "web:inbox (mark one read)",
        "post",
        lambda world: reverse("web:inbox"),
        lambda world, user: {"notification": str(world.notifications["owner"].pk)},
        OWNER_ONLY,
    ),
    # Everyone has an unread notification of their own.
    Row(
        "web:inbox (mark all read)",
        "post",
        lambda world: reverse("web:inbox"),
        _fixed({"all": "on"}),
        everyone_signed_in(),
    ),
    Row(
        "web:capacity-map-snapshot",
        "post",
        lambda world: reverse("web:capacity-map-snapshot"),
        _fixed({}),
        STAFF_ONLY,
    ),
]


# --- the later apps' rows (gates/part_<app>.py) ------------------------------------------------

API_ROWS += parts.collect("API_ROWS", [])
WEB_ROWS += parts.collect("WEB_ROWS", [])
WEB_READ_ONLY |= set(parts.collect("WEB_READ_ONLY", []))


def send_row(client, row: Row, world, user):
    """Send a row's request as its endpoint takes it: multipart for an upload, JSON for the
    other API writes, a form post for a page."""
    url, data = row.url(world), row.data(world, user)
    if row.is_api and any(hasattr(value, "read") for value in data.values()):
        return getattr(client, row.method)(url, data)
    if row.is_api:
        return getattr(client, row.method)(url, data, content_type="application/json")
    return client.post(url, data)
