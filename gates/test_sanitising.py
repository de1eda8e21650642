"""What people type is shown as text, never run as code; and no form or session-authenticated
API write works without the CSRF token.

Bios, names and organization descriptions holding markup render escaped on every page that
shows them; the API returns them as the plain strings they are (JSON, not HTML). Links can only
be http(s): a `javascript:` website is refused.
"""

import pytest
from django.test import Client
from django.urls import reverse

from capacityhub.community.models import CapacityClaim, Organization, Profile
from capacityhub.community.services import api_token_create
from capacityhub.taxonomy.models import CapacityProposal

from .conftest import World, fingerprint
from .matrix import API_ROWS, OK, WEB_ROWS, Row, send_row

# One world for the whole module, each test in a savepoint within it.
from .shared_world import manager, organization, owner, taxonomy, world

pytestmark = pytest.mark.django_db

API = "/api/v1"
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click</a>'
PAYLOAD = f"Hello {SCRIPT} {IMAGE} {LINK} javascript:alert(2)"
# What must never reach a page unescaped.
LIVE_MARKUP = ["<script>alert", "<img src=x", 'href="javascript:', "href='javascript:"]


@pytest.fixture
def marked_up(owner, organization, manager, taxonomy):
    Profile.objects.filter(user=owner).update(
        display_name=f"Owner {IMAGE}", bio=PAYLOAD, pronouns=SCRIPT[:40]
    )
    CapacityClaim.objects.create(
        profile=owner.profile, capacity=taxonomy["grant-writing"], relation="knows"
    )
    CapacityClaim.objects.create(
        profile=owner.profile, capacity=taxonomy["grant-writing"], relation="offers"
    )
    CapacityProposal.objects.create(
        proposer=owner, label=f"Label {SCRIPT}", rationale=PAYLOAD, parent=taxonomy["fundraising"]
    )
    Organization.objects.filter(pk=organization.pk).update(
        name=f"Kano {SCRIPT}", description=PAYLOAD, names={"fr": f"Kano {IMAGE}"}
    )
    organization.refresh_from_db()
    return organization


def assert_inert(html: str):
    for markup in LIVE_MARKUP:
        assert markup not in html, f"unescaped: {markup}"


@pytest.mark.parametrize(
    ("url", "viewer"),
    [
        ("/people/owner/", None),
        ("/people/", None),
        ("/organizations/wm-kano/", None),
        ("/organizations/", None),
        ("/organizations/wm-kano/members/", "manager"),
        ("/organizations/wm-kano/edit/", "manager"),
        ("/me/edit/", "owner"),
        ("/capacities/grant-writing/", None),
        ("/proposals/", "owner"),
    ],
)
def test_markup_in_profiles_and_organizations_renders_inert(url, viewer, marked_up, request):
    client = Client()
    if viewer:
        client.force_login(request.getfixturevalue(viewer))

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img src=x" in html


def test_the_french_page_shows_the_localized_name_escaped(marked_up, owner_client):
    owner_client.cookies["capacityhub_language"] = "fr"

    html = owner_client.get("/organizations/wm-kano/").content.decode()

    assert_inert(html)
    assert "Kano &lt;img src=x onerror=alert(1)&gt;" in html


def test_the_api_returns_markup_as_the_plain_strings_it_is(marked_up, client):
    person = client.get(f"{API}/people/owner")
    organization = client.get(f"{API}/organizations/wm-kano", {"lang": "fr"})

    assert person["Content-Type"].startswith("application/json")
    assert person.json()["bio"] == PAYLOAD
    assert person.json()["display_name"] == f"Owner {IMAGE}"
    assert organization["Content-Type"].startswith("application/json")
    assert organization.json()["description"] == PAYLOAD
    assert organization.json()["name"] == f"Kano {IMAGE}"
    assert organization.json()["names"]["fr"] == f"Kano {IMAGE}"


def test_markup_saved_through_the_api_comes_back_unchanged(owner):
    _token, secret = api_token_create(user=owner, name="markup")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    body = {"bio": PAYLOAD, "version": 1}
    saved = client.patch(f"{API}/me/profile", body, content_type="application/json")

    assert saved.status_code == 200
    assert saved.json()["bio"] == PAYLOAD
    assert_inert(Client().get("/people/owner/").content.decode())


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"]
)
def test_a_website_must_be_http_or_https(website, manager, organization):
    _token, secret = api_token_create(user=manager, name="site")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    web = Client()
    web.force_login(manager)

    by_api = api.patch(
        f"{API}/organizations/{organization.slug}",
        {"website": website, "version": organization.version},
        content_type="application/json",
    )
    by_form = web.post(
        reverse("web:organization-edit", args=[organization.slug]),
        {
            "name": organization.name,
            "kind": organization.kind,
            "website": website,
            "version": organization.version,
            "capacities-TOTAL_FORMS": "0",
            "capacities-INITIAL_FORMS": "0",
        },
    )

    assert by_api.status_code == 422
    assert by_form.status_code == 200  # the form again, with the error
    organization.refresh_from_db()
    assert organization.website == ""


# --- CSRF ------------------------------------------------------------------------------------


def _allowed_actor(row: Row) -> str:
    """Someone the row lets through: without the token, even they must be refused. A row that
    lets nobody through (a conflicted reviewer's) is refused whatever the token says, and its
    unconflicted twin carries the check."""
    allowed = [a for a in ["owner", "manager", "staff", "other"] if row.expect[a] == OK]
    if not allowed:
        pytest.skip("nobody may do this: the permission matrix covers the refusal")
    return allowed[0]


def _csrf_client(world: World, actor: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[actor])
    return client


@pytest.mark.parametrize("row", WEB_ROWS, ids=lambda row: row.name)
def test_every_web_form_refuses_a_post_without_the_csrf_token(row: Row, world: World):
    actor = _allowed_actor(row)
    client = _csrf_client(world, actor)
    before = fingerprint()

    response = client.post(row.url(world), row.data(world, world.users[actor]))

    assert response.status_code == 403
    assert fingerprint() == before


def test_an_anonymous_language_switch_needs_the_csrf_token_too(db):
    response = Client(enforce_csrf_checks=True).post("/language/", {"language": "fr"})

    assert response.status_code == 403
    assert "capacityhub_language" not in response.cookies


ACCOUNT_FORMS = ["/accounts/login/", "/accounts/signup/", "/accounts/logout/"]


@pytest.mark.parametrize("url", [*ACCOUNT_FORMS, "/accounts/password/reset/"])
def test_the_account_forms_refuse_a_post_without_the_csrf_token(url, owner):
    client = Client(enforce_csrf_checks=True)
    data = {"login": "owner", "password": "pass-word-1234", "email": "new@example.org"}

    response = client.post(url, data)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("row", API_ROWS, ids=lambda row: row.name)
def test_session_authenticated_api_writes_need_the_csrf_token(row: Row, world: World):
    actor = _allowed_actor(row)
    client = _csrf_client(world, actor)
    before = fingerprint()

    response = send_row(client, row, world, world.users[actor])

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert fingerprint() == before


def test_a_session_api_write_with_the_csrf_token_goes_through(owner, world: World):
    client = _csrf_client(world, "owner")
    client.get("/settings/")  # sets the CSRF cookie, as the page would
    token = client.cookies["csrftoken"].value

    response = client.patch(
        f"{API}/me/profile",
        {"bio": "Hi", "version": 1},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 200
    assert response.json()["bio"] == "Hi"


def test_a_bearer_token_needs_no_csrf_token(owner):
    # Browsers never send the Authorization header on their own: no CSRF risk.
    _token, secret = api_token_create(user=owner, name="script")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = client.patch(
        f"{API}/me/profile", {"bio": "Hi", "version": 1}, content_type="application/json"
    )

    assert response.status_code == 200
