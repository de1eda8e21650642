import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Profile,
    ProfileLanguage,
)
from capacityhub.community.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(taxonomy, organization):
    """A person with something in every field group, and mixed visibility."""
    user = UserFactory(username="amina", email="amina@example.org")
    Profile.objects.filter(user=user).update(
        display_name="Amina",
        bio="Edits Hausa Wikipedia.",
        bio_visibility="public",
        pronouns="she/her",
        pronouns_visibility="members",
        wikimedia_username="Amina K",
        wikimedia_username_visibility="private",
        country="NG",
        time_zone="Africa/Lagos",
        location_visibility="public",
    )
    profile = user.profile
    ProfileLanguage.objects.create(profile=profile, language="ha", proficiency=0)
    ProfileLanguage.objects.create(profile=profile, language="en", proficiency=4)
    CapacityClaim.objects.create(
        profile=profile, capacity=taxonomy["grant-writing"], relation="knows", level=3
    )
    CapacityClaim.objects.create(
        profile=profile, capacity=taxonomy["grant-reporting"], relation="wants", level=1
    )
    Membership.objects.create(organization=organization, user=user)
    return user


def _person(client, username="amina", **headers):
    response = client.get(f"{API}/people/{username}", headers=headers)
    assert response.status_code == 200
    return response.json()


# --- what each viewer sees ---------------------------------------------------------------------


def test_a_person_shows_public_fields_with_localized_names(client, amina):
    person = _person(client)

    assert person["username"] == "amina"
    assert person["display_name"] == "Amina"
    assert person["bio"] == "Edits Hausa Wikipedia."
    assert person["country"] == "NG"
    assert person["country_name"] == "Nigeria"
    assert person["region"] == "ssa"
    assert person["region_name"] == "Sub-Saharan Africa"
    assert person["languages"] == [
        {"code": "ha", "name": "Hausa", "proficiency": 0},
        {"code": "en", "name": "English", "proficiency": 4},
    ]
    assert person["capacities"] == {
        "knows": [{"capacity": "grant-writing", "label": "Grant writing", "level": 3}],
        "offers": [],
        "wants": [{"capacity": "grant-reporting", "label": "Grant reporting", "level": 1}],
    }
    assert person["affiliations"] == [
        {"slug": "wm-kano", "name": "Wikimedians of Kano", "role": "member"}
    ]


def test_names_follow_the_requested_language(client, amina):
    person = client.get(f"{API}/people/amina?lang=fr").json()

    assert person["country_name"] == "Nigeria"
    assert {lang["name"] for lang in person["languages"]} == {"haoussa", "anglais"}


def test_anonymous_readers_see_neither_members_only_nor_private_fields(client, amina):
    response = client.get(f"{API}/people/amina")

    person = response.json()
    assert person["pronouns"] is None
    assert person["wikimedia_username"] is None
    assert person["email"] is None
    assert person["visibility"] is None
    assert b"she/her" not in response.content
    assert b"Amina K" not in response.content
    assert b"amina@example.org" not in response.content


def test_other_members_see_members_only_fields_but_not_private_ones(other_client, amina):
    person = _person(other_client)

    assert person["pronouns"] == "she/her"
    assert person["wikimedia_username"] is None
    assert person["email"] is None
    assert person["visibility"] is None


def test_a_bearer_token_sees_what_its_owner_would_see(client, other, amina):
    person = _person(client, **bearer(other))

    assert person["pronouns"] == "she/her"
    assert person["wikimedia_username"] is None


def test_the_person_themself_sees_everything_including_email(client, amina):
    person = _person(client, **bearer(amina))

    assert person["is_self"] is True
    assert person["pronouns"] == "she/her"
    assert person["wikimedia_username"] == "Amina K"
    assert person["email"] == "amina@example.org"
    assert person["visibility"]["wikimedia_username"] == "private"


def test_staff_see_private_fields_and_email(staff_client, amina):
    person = _person(staff_client)

    assert person["wikimedia_username"] == "Amina K"
    assert person["email"] == "amina@example.org"


def test_hidden_field_groups_are_null_for_people_who_may_not_see_them(client, amina):
    Profile.objects.filter(user=amina).update(
        location_visibility="members",
        languages_visibility="private",
        capacities_visibility="members",
        affiliations_visibility="private",
    )

    person = _person(client)

    for field in ["country", "country_name", "region", "region_name", "time_zone"]:
        assert person[field] is None
    assert person["languages"] is None
    assert person["capacities"] is None
    assert person["affiliations"] is None


def test_an_inactive_or_unknown_person_is_a_404(client, amina):
    amina.is_active = False
    amina.save()

    assert client.get(f"{API}/people/amina").status_code == 404
    assert client.get(f"{API}/people/nobody").status_code == 404


# --- the list and its filters ------------------------------------------------------------------


def _usernames(client, query="", **headers):
    response = client.get(f"{API}/people?{query}", headers=headers)
    assert response.status_code == 200, response.content
    return {person["username"] for person in response.json()["results"]}


def test_the_list_is_paginated(client, amina, owner, other):
    body = client.get(f"{API}/people?page_size=2").json()

    assert body["count"] == 3
    assert body["page"] == 1
    assert body["page_size"] == 2
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2") or "page=2" in body["next"]
    assert body["previous"] is None


def test_the_list_never_shows_email_to_anonymous_readers(client, amina):
    response = client.get(f"{API}/people")

    assert b"@example.org" not in response.content


def test_filtering_by_a_parent_capacity_finds_people_who_claim_a_child(client, amina, owner):
    assert _usernames(client, "capacity=fundraising") == {"amina"}
    assert _usernames(client, "capacity=organizational") == {"amina"}


def test_the_exact_flag_leaves_out_child_capacities(client, amina):
    assert _usernames(client, "capacity=fundraising&exact=true") == set()
    assert _usernames(client, "capacity=grant-writing&exact=true") == {"amina"}


def test_the_relation_filter_narrows_the_capacity_filter(client, amina):
    assert _usernames(client, "capacity=grant-reporting&relation=wants") == {"amina"}
    assert _usernames(client, "capacity=grant-reporting&relation=offers") == set()


def test_an_unknown_capacity_filter_is_a_422_naming_the_field(client, taxonomy):
    response = client.get(f"{API}/people?capacity=astrology")

    assert response.status_code == 422
    assert error_fields(response) == {"capacity"}


def test_filters_by_language_region_country_organization_and_name(client, amina, owner):
    assert _usernames(client, "language=ha") == {"amina"}
    assert _usernames(client, "region=ssa") == {"amina"}
    assert _usernames(client, "region=nwe") == set()
    assert _usernames(client, "country=ng") == {"amina"}
    assert _usernames(client, "organization=wm-kano") == {"amina"}
    assert _usernames(client, "q=AMI") == {"amina"}


def test_an_unknown_region_or_organization_is_a_422(client, amina):
    region = client.get(f"{API}/people?region=atlantis")
    organization = client.get(f"{API}/people?organization=no-such-org")

    assert error_fields(region) == {"region"}
    assert error_fields(organization) == {"organization"}


def test_a_filter_only_matches_what_the_viewer_may_see(client, other_client, amina):
    Profile.objects.filter(user=amina).update(
        capacities_visibility="members", location_visibility="private"
    )

    assert _usernames(client, "capacity=fundraising") == set()
    assert _usernames(other_client, "capacity=fundraising") == {"amina"}
    assert _usernames(other_client, "country=NG") == set()


def test_people_can_be_sorted_by_name_or_newest(client, amina, owner, other):
    names = client.get(f"{API}/people?sort=-name").json()["results"]
    newest = client.get(f"{API}/people?sort=new").json()["results"]

    assert [p["display_name"] for p in names] == ["Owner", "Other", "Amina"]
    assert [p["username"] for p in newest] == ["other", "owner", "amina"]


# --- a fixed number of queries -----------------------------------------------------------------


@pytest.fixture
def crowd(taxonomy, organization):
    """Sixty people, each with languages, claims and a membership."""
    users = [UserFactory(username=f"person{n:02}") for n in range(60)]
    profiles = list(Profile.objects.filter(user__in=users))
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=p, language=lang, proficiency=level)
        for p in profiles
        for lang, level in [("en", 4), ("fr", 2)]
    )
    CapacityClaim.objects.bulk_create(
        CapacityClaim(profile=p, capacity=taxonomy[code], relation=relation, level=3)
        for p in profiles
        for code, relation in [("grant-writing", "knows"), ("lua-scripting", "wants")]
    )
    Membership.objects.bulk_create(Membership(organization=organization, user=u) for u in users)
    return users


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_people_list_runs_the_same_number_of_queries_for_5_or_50_people(
    other_client, crowd, django_assert_max_num_queries
):
    url = f"{API}/people?capacity=fundraising&language=en&page_size="
    other_client.get(f"{url}1")  # warm the capacity tree and label caches

    small = _queries(other_client, f"{url}5")
    large = _queries(other_client, f"{url}50")

    assert small == large, (small, large)
    with django_assert_max_num_queries(small):
        response = other_client.get(f"{url}50")
    people = response.json()["results"]
    assert len(people) == 50
    assert people[0]["capacities"]["knows"][0]["capacity"] == "grant-writing"
    assert people[0]["affiliations"][0]["slug"] == "wm-kano"
    assert len(people[0]["languages"]) == 2
