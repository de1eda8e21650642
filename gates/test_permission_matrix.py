"""The permission matrix: every write endpoint of the API and every edit page of the web, for
each of anonymous, member (the owner), another member, the organization's manager and staff.

Each cell names the outcome class the actor must get:
  ok         2xx, or a redirect that is not to the login page, and the data changed;
  login      401 (API) or a redirect to the login page (web), and nothing changed;
  forbidden  403 or 404, and nothing changed.
No cell may answer 5xx. "Nothing changed" compares every table a write can touch (audit trail
included) before and after the request.

The API rows are checked against the OpenAPI document and the web rows against the web's URL
patterns, so a new write endpoint or page without a row here fails the matrix.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from capacityhub.api import api
from capacityhub.community.services import api_token_create
from capacityhub.web.urls import urlpatterns as web_urlpatterns

from . import parts
from .conftest import World, fingerprint
from .matrix import (
    ACTORS,
    API_ROWS,
    FORBIDDEN,
    LOGIN,
    OK,
    WEB_READ_ONLY,
    WEB_ROWS,
    Row,
    send_row,
)

# One world for the whole module (~1,600 cells, each in a savepoint within it).
from .shared_world import owner, world

pytestmark = pytest.mark.django_db

WRITE_METHODS = {"post", "put", "patch", "delete"}


# --- requests ----------------------------------------------------------------------------------


def _client(row: Row, actor: str, world: World) -> Client:
    user = world.users.get(actor)
    if row.is_api:
        if user is None:
            return Client()
        _token, secret = api_token_create(user=user, name="matrix caller")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def outcome_of(response, row: Row) -> str:
    status = response.status_code
    login_page = reverse("account_login")
    if status == 401 or (status == 302 and response["Location"].startswith(login_page)):
        return LOGIN
    if status in (403, 404):
        return FORBIDDEN
    if 200 <= status < 400:
        return OK
    return f"HTTP {status}"


CELLS = [
    pytest.param(row, actor, id=f"{row.name} as {actor}")
    for row in API_ROWS + WEB_ROWS
    for actor in ACTORS
]


@pytest.mark.parametrize(("row", "actor"), CELLS)
def test_each_actor_gets_exactly_the_outcome_it_should(row: Row, actor: str, world: World):
    # given
    client = _client(row, actor, world)
    before = fingerprint()

    # when
    response = send_row(client, row, world, world.users.get(actor))

    # then
    assert response.status_code < 500
    assert outcome_of(response, row) == row.expect[actor], response.content[:500]
    changed = fingerprint() != before
    if row.expect[actor] != OK:
        assert not changed, "a refused request changed data"
    elif row.name == "web:set-language" and actor == "anonymous":
        assert response.cookies["capacityhub_language"].value == "fr"
    else:
        assert changed, "an accepted request changed nothing: was it refused on the form?"


# --- every write endpoint and every edit page has rows ----------------------------------------


def test_every_write_endpoint_of_the_api_is_in_the_matrix():
    document = api.get_openapi_schema(path_prefix="")
    endpoints = {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    }

    rows = {row.name for row in API_ROWS}
    assert not endpoints - rows, (
        f"write endpoints with no row in API_ROWS: {sorted(endpoints - rows)}"
    )
    assert not rows - endpoints, (
        f"rows for endpoints that no longer exist: {sorted(rows - endpoints)}"
    )


def test_every_web_page_is_in_the_matrix_or_only_reads():
    names = {pattern.name for pattern in web_urlpatterns if isinstance(pattern, URLPattern)}
    in_matrix = {row.name.removeprefix("web:").split(" ")[0] for row in WEB_ROWS}

    unlisted = names - WEB_READ_ONLY - in_matrix
    assert not unlisted, f"pages neither in WEB_ROWS nor in WEB_READ_ONLY: {sorted(unlisted)}"
    assert not in_matrix - names, f"rows for pages that no longer exist: {in_matrix - names}"
    assert not WEB_READ_ONLY & in_matrix, "a page cannot be both read-only and in the matrix"
    assert not WEB_READ_ONLY - names, f"no longer exist: {sorted(WEB_READ_ONLY - names)}"


@pytest.mark.parametrize("name", sorted(WEB_READ_ONLY - {"settings-export"}))
def test_read_only_pages_refuse_to_be_written_to(name, owner_client, world):
    # A page listed as read-only must not accept a POST that changes something.
    args = {
        "profile-detail": ["owner"],
        "capacity-detail": ["lua-scripting"],
        "organization-detail": [world.organization.slug],
        "need-detail": [world.need.pk],
        "need-matches": [world.need.pk],
        "offer-detail": [world.offer.pk],
        "offer-needs": [world.offer.pk],
        "connection-detail": [world.invitation.pk],
    }.get(name, [])
    for part in parts.modules():  # the later apps' pages: gates/part_<app>.py READ_ONLY_ARGS
        if name in getattr(part, "READ_ONLY_ARGS", {}):
            args = part.READ_ONLY_ARGS[name](world)
    before = fingerprint()

    response = owner_client.post(reverse(f"web:{name}", args=args), {"bio": "x", "name": "x"})

    assert response.status_code < 500
    assert fingerprint() == before
