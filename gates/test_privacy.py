"""Private and members-only profile fields never reach those who may not see them: not in
pages, API responses, search and filter results, taxonomy counts, exports or error messages.

The person `hidden` keeps a private bio, members-only pronouns, a private location, private
languages, capacities and affiliations, and an e-mail address (owner and staff only).
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from capacityhub.community.models import CapacityClaim, Membership, Profile, ProfileLanguage
from capacityhub.community.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
BIO = "SECRET-BIO-xyz"
PRONOUNS = "PRONOUN-members-qq"
COUNTRY_NAME = "Liechtenstein"
EMAIL = "hidden@example.org"
CAPACITY_LABEL = "Grant reporting"  # only `hidden` claims it
NAME = "Hidden Person"

# What each viewer may see of `hidden`; everything else must stay out of sight.
MAY_SEE = {
    "anonymous": set(),
    "other": {"pronouns"},
    "hidden": {"bio", "pronouns", "location", "email", "capacities"},
    "staff": {"bio", "pronouns", "location", "email", "capacities"},
}
MARKERS = {"bio": BIO, "pronouns": PRONOUNS, "email": EMAIL}


@pytest.fixture
def hidden(taxonomy, organization, manager):
    user = UserFactory(username="hidden", email=EMAIL)
    Profile.objects.filter(user=user).update(
        display_name=NAME,
        bio=BIO,
        bio_visibility="private",
        pronouns=PRONOUNS,
        pronouns_visibility="members",
        country="LI",
        time_zone="Europe/Vaduz",
        location_visibility="private",
        languages_visibility="private",
        capacities_visibility="private",
        affiliations_visibility="private",
    )
    profile = Profile.objects.get(user=user)
    ProfileLanguage.objects.create(profile=profile, language="is", proficiency=0)
    for relation in ["knows", "offers"]:
        CapacityClaim.objects.create(
            profile=profile, capacity=taxonomy["grant-reporting"], relation=relation, level=4
        )
    Membership.objects.create(organization=organization, user=user)
    return user


@pytest.fixture
def viewers(hidden, other, staff) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for name, user in [("other", other), ("hidden", hidden), ("staff", staff)]:
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


ALL_VIEWERS = ["anonymous", "other", "hidden", "staff"]
STRANGERS = ["anonymous", "other"]


def assert_nothing_leaks(text: str, viewer: str):
    for group, marker in MARKERS.items():
        if group not in MAY_SEE[viewer]:
            assert marker not in text, f"{group} leaked to {viewer}"


def results_of(page: str) -> str:
    """The result cards of the people directory, without its filter form."""
    return page.split('id="results-heading"', 1)[1]


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_profile_page_shows_each_field_only_to_who_may_see_it(viewers, viewer):
    page = viewers[viewer].get(reverse("web:profile-detail", args=["hidden"])).content.decode()

    assert NAME in page
    for group, marker in MARKERS.items():
        assert (marker in page) == (group in MAY_SEE[viewer]), f"{group} for {viewer}"
    assert (COUNTRY_NAME in page) == ("location" in MAY_SEE[viewer])
    assert (CAPACITY_LABEL in page) == ("capacities" in MAY_SEE[viewer])


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_people_directory_card_keeps_hidden_fields_hidden(viewers, viewer):
    page = viewers[viewer].get(reverse("web:people")).content.decode()
    cards = results_of(page)

    assert NAME in cards
    assert_nothing_leaks(page, viewer)
    assert (PRONOUNS in cards) == ("pronouns" in MAY_SEE[viewer])
    assert (CAPACITY_LABEL in cards) == ("capacities" in MAY_SEE[viewer])


@pytest.mark.parametrize("viewer", STRANGERS)
@pytest.mark.parametrize(
    "query",
    ["region=nwe", "capacity=grant-reporting", "capacity=fundraising", "language=is"],
    ids=["region", "capacity", "parent capacity", "language"],
)
def test_directory_filters_never_match_a_hidden_field(viewers, viewer, query):
    page = viewers[viewer].get(f"{reverse('web:people')}?{query}").content.decode()

    assert NAME not in results_of(page)


@pytest.mark.parametrize("query", ["region=nwe", "capacity=grant-reporting", "language=is"])
def test_staff_find_the_person_through_those_filters(viewers, query):
    page = viewers["staff"].get(f"{reverse('web:people')}?{query}").content.decode()

    assert NAME in results_of(page)


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_capacity_page_lists_holders_only_to_who_may_see_them(viewers, viewer):
    url = reverse("web:capacity-detail", args=["grant-reporting"])
    page = viewers[viewer].get(url).content.decode()

    # Even the person themself: the page lists other people's visible claims.
    assert (NAME in page) == (viewer == "staff")
    assert_nothing_leaks(page, viewer)


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_taxonomy_counts_do_not_count_hidden_claims(viewers, viewer):
    page = viewers[viewer].get(reverse("web:capacity-list")).content.decode()

    assert ("offered by 1" in page) == (viewer == "staff")


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_organization_page_lists_the_member_only_to_who_may_see_it(
    viewers, viewer, organization
):
    page = viewers[viewer].get(reverse("web:organization-detail", args=[organization.slug]))
    text = page.content.decode()

    assert ("(hidden)" in text or NAME in text) == (viewer in ("hidden", "staff"))
    assert_nothing_leaks(text, viewer)


# --- API -------------------------------------------------------------------------------------


def _person_in(results: list[dict]) -> dict | None:
    return next((person for person in results if person["username"] == "hidden"), None)


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_api_person_shows_each_field_only_to_who_may_see_it(viewers, viewer):
    response = viewers[viewer].get(f"{API}/people/hidden")
    person = response.json()

    assert response.status_code == 200
    assert (person["bio"] == BIO) == ("bio" in MAY_SEE[viewer])
    assert (person["pronouns"] == PRONOUNS) == ("pronouns" in MAY_SEE[viewer])
    assert (person["country"] == "LI") == ("location" in MAY_SEE[viewer])
    assert (person["email"] == EMAIL) == ("email" in MAY_SEE[viewer])
    assert (person["capacities"] is not None) == ("capacities" in MAY_SEE[viewer])
    if viewer in STRANGERS:
        hidden_fields = ["bio", "country", "region", "time_zone", "languages", "affiliations"]
        assert all(person[name] is None for name in hidden_fields)
        assert person["visibility"] is None
    assert_nothing_leaks(response.content.decode(), viewer)


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_api_people_list_keeps_hidden_fields_hidden(viewers, viewer):
    response = viewers[viewer].get(f"{API}/people")
    person = _person_in(response.json()["results"])

    assert person is not None
    assert (person["email"] == EMAIL) == ("email" in MAY_SEE[viewer])
    assert_nothing_leaks(response.content.decode(), viewer)


@pytest.mark.parametrize("viewer", STRANGERS)
@pytest.mark.parametrize(
    "query",
    [
        "region=nwe",
        "country=LI",
        "country=li",
        "capacity=grant-reporting",
        "capacity=organizational",
        "capacity=grant-reporting&exact=true&relation=offers",
        "language=is",
        "organization=wm-kano",
        "q=SECRET-BIO",
        f"q={EMAIL}",
        "q=example.org",
    ],
)
def test_api_filters_and_search_never_match_a_hidden_field(viewers, viewer, query):
    response = viewers[viewer].get(f"{API}/people?{query}")

    assert response.status_code == 200
    assert _person_in(response.json()["results"]) is None


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_email_address_is_never_searchable(viewers, viewer):
    for query in [EMAIL, "hidden@", "example.org"]:
        response = viewers[viewer].get(f"{API}/people", {"q": query})
        assert _person_in(response.json()["results"]) is None


@pytest.mark.parametrize("viewer", ALL_VIEWERS)
def test_the_api_organization_lists_the_member_only_to_who_may_see_them(
    viewers, viewer, organization
):
    response = viewers[viewer].get(f"{API}/organizations/{organization.slug}")
    members = {member["username"] for member in response.json()["members"]}

    assert ("hidden" in members) == (viewer in ("hidden", "staff"))
    assert_nothing_leaks(response.content.decode(), viewer)


def test_the_organization_s_managers_see_the_member_but_not_their_private_fields(
    hidden, manager_client, organization
):
    response = manager_client.get(f"{API}/organizations/{organization.slug}")
    page = manager_client.get(reverse("web:organization-members", args=[organization.slug]))

    assert "hidden" in {member["username"] for member in response.json()["members"]}
    for text in [response.content.decode(), page.content.decode()]:
        assert BIO not in text and EMAIL not in text and COUNTRY_NAME not in text


# --- exports ---------------------------------------------------------------------------------


def test_someone_else_s_export_holds_nothing_of_the_person(viewers):
    for url in [reverse("web:settings-export"), f"{API}/me/export"]:
        text = viewers["other"].get(url).content.decode()
        assert "hidden" not in text
        assert_nothing_leaks(text, "anonymous")


def test_the_person_s_own_export_holds_everything(viewers):
    for url in [reverse("web:settings-export"), f"{API}/me/export"]:
        data = json.loads(viewers["hidden"].get(url).content)
        assert data["account"]["email"] == EMAIL
        assert data["profile"]["bio"] == BIO
        assert data["profile"]["country"] == "LI"


# --- error messages --------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", STRANGERS)
def test_error_messages_reveal_no_hidden_field(viewers, viewer, organization):
    client = viewers[viewer]
    members = f"{API}/organizations/{organization.slug}/members/hidden"
    responses = [
        client.get(f"{API}/people/hidden", {"lang": "!!"}),
        client.get(f"{API}/people", {"capacity": "no-such-capacity", "q": "hidden"}),
        client.get(f"{API}/people", {"country": "ISL"}),
        client.put(members, {"role": "manager"}, content_type="application/json"),
        client.delete(members),
        client.patch(f"{API}/me/profile", {"bio": 5}, content_type="application/json"),
        client.get(reverse("web:profile-detail", args=["hidden-no-more"])),
        client.get(reverse("web:people"), {"region": "zz", "q": "hidden"}),
        client.get(reverse("web:organization-members", args=[organization.slug])),
    ]

    for response in responses:
        assert response.status_code < 500
        text = response.content.decode()
        assert_nothing_leaks(text, viewer)
        assert COUNTRY_NAME not in text


def test_an_offer_hidden_from_you_can_neither_be_seen_nor_used_to_invite_its_holder():
    # given: a person who keeps their capacities private offers one
    from capacityhub.community.services import api_token_create
    from capacityhub.exchange.models import Connection
    from capacityhub.exchange.tests.factories_needs import NeedFactory, offer_of
    from capacityhub.taxonomy.tests.factories import CapacityFactory

    capacity = CapacityFactory(code="grant-reporting")
    requester = UserFactory(username="requester")
    hidden = UserFactory(username="hidden-holder", first_name="Hidden")
    Profile.objects.filter(user=hidden).update(capacities_visibility="private")
    offer = offer_of(hidden, capacity)
    need = NeedFactory(requester=requester, capacities=[capacity])
    _token, secret = api_token_create(user=requester, name="probe")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    web = Client()
    web.force_login(requester)

    # when: the requester tries the offer's id in the API and on the invite page
    detail = api.get(f"/api/v1/offers/{offer.pk}")
    invite = api.post(
        f"/api/v1/needs/{need.pk}/connections",
        {"offer": offer.pk, "message": "hello"},
        content_type="application/json",
    )
    page = web.get(f"/needs/{need.pk}/invite/?offer={offer.pk}")

    # then: nothing is revealed and no connection is made
    assert detail.status_code == 404
    assert invite.status_code == 422
    assert b"hidden-holder" not in invite.content
    assert page.status_code == 404
    assert b"hidden-holder" not in page.content
    assert not Connection.objects.exists()
