"""The people directory and profile pages: filters, paging, visibility, languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    ProfileLanguage,
    Relation,
)
from capacityhub.community.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/people/"


def claim(user, capacity, relation, level=3):
    return CapacityClaim.objects.create(
        profile=user.profile, capacity=capacity, relation=relation, level=level
    )


def set_profile(user, **fields):
    profile = user.profile
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def profile_links(response) -> set[str]:
    """Usernames of the cards on a directory page."""
    html = response.content.decode()
    return {part.split("/")[0] for part in html.split('<h3><a href="/people/')[1:]}


def results(response) -> str:
    """The results part of a directory page (the filter form lists every name too)."""
    return response.content.decode().split('id="results-heading"')[1]


# The directory


def test_the_directory_lists_people_for_anonymous_visitors(client, owner, other):
    response = client.get(reverse("web:people"))

    assert response.status_code == 200
    assert profile_links(response) == {"owner", "other"}
    assert response.content.decode().count("<h1") == 1


def test_the_directory_says_so_when_no_one_matches(client, owner):
    response = client.get(reverse("web:people"), {"q": "nobody-like-this"})

    assert response.status_code == 200
    assert "No one matches these filters yet." in response.content.decode()


def test_filtering_by_a_broad_capacity_finds_someone_who_offers_a_narrower_one(
    client, taxonomy, owner, other
):
    # given: owner offers grant writing, which sits under fundraising
    claim(owner, taxonomy["grant-writing"], Relation.KNOWS)
    claim(owner, taxonomy["grant-writing"], Relation.OFFERS)
    claim(other, taxonomy["lua-scripting"], Relation.OFFERS)

    # when
    response = client.get(PEOPLE, {"capacity": "fundraising", "relation": "offers"})

    # then
    assert profile_links(response) == {"owner"}
    assert "Grant writing" in results(response)  # top offers on the card


def test_narrower_capacities_can_be_left_out_of_the_filter(client, taxonomy, owner):
    claim(owner, taxonomy["grant-writing"], Relation.WANTS)

    exact = client.get(PEOPLE, {"capacity": "fundraising", "exact": "on"})
    broad = client.get(PEOPLE, {"capacity": "fundraising"})

    assert profile_links(exact) == set()
    assert profile_links(broad) == {"owner"}


def test_old_links_with_the_include_narrower_option_still_work(client, taxonomy, owner):
    claim(owner, taxonomy["grant-writing"], Relation.WANTS)

    unticked = client.get(PEOPLE, {"capacity": "fundraising", "filtered": "1"})
    ticked = client.get(PEOPLE, {"capacity": "fundraising", "filtered": "1", "descendants": "on"})

    assert profile_links(unticked) == set()
    assert profile_links(ticked) == {"owner"}


def test_filtering_by_language(client, owner, other):
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    ProfileLanguage.objects.create(profile=other.profile, language="fr", proficiency=3)

    response = client.get(PEOPLE, {"language": "ha"})

    assert profile_links(response) == {"owner"}
    assert "Hausa" in results(response)


def test_filtering_by_region(client, owner, other):
    set_profile(owner, country="NG")
    set_profile(other, country="BR")

    response = client.get(PEOPLE, {"region": "ssa"})

    assert profile_links(response) == {"owner"}
    assert "Sub-Saharan Africa" in results(response)


def test_a_region_filter_does_not_reveal_a_hidden_country(client, other_client, owner):
    set_profile(owner, country="NG", location_visibility="members")

    assert profile_links(client.get(PEOPLE, {"region": "ssa"})) == set()
    assert profile_links(other_client.get(PEOPLE, {"region": "ssa"})) == {"owner"}


def test_filtering_by_organization(client, owner, other, organization):
    Membership.objects.create(organization=organization, user=owner)

    response = client.get(PEOPLE, {"organization": organization.slug})

    assert profile_links(response) == {"owner"}


def test_an_unknown_filter_value_gets_a_message_not_an_error_page(client, owner):
    response = client.get(PEOPLE, {"capacity": "no-such-capacity", "region": "mars"})

    assert response.status_code == 200
    assert "cdx-message--error" in response.content.decode()
    assert profile_links(response) == set()


def test_a_bad_page_number_shows_the_first_or_last_page(client, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        UserFactory(username=f"person{n}")

    for page, expected in [("abc", "Page 1 of 3"), ("999", "Page 3 of 3"), ("0", "Page 3 of 3")]:
        response = client.get(PEOPLE, {"page": page})
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_cards_show_name_pronouns_region_and_languages(client, owner):
    set_profile(owner, pronouns="she/her", country="NG")
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)

    html = results(client.get(PEOPLE))

    assert "Owner" in html and "she/her" in html
    assert "Sub-Saharan Africa" in html and "Hausa" in html


def test_cards_leave_out_what_the_reader_may_not_see(client, owner):
    set_profile(owner, pronouns="they/them", pronouns_visibility="private", country="NG")
    set_profile(owner, location_visibility="members")

    html = results(client.get(PEOPLE))

    assert "Owner" in html
    assert "they/them" not in html
    assert "Sub-Saharan Africa" not in html


def test_the_directory_runs_the_same_number_of_queries_whatever_the_page_size(
    other_client, taxonomy, organization, settings
):
    # given: 30 people, each with languages, capacities and an organization
    for n in range(30):
        user = UserFactory(username=f"person{n:02d}")
        set_profile(user, country="NG")
        ProfileLanguage.objects.create(profile=user.profile, language="ha", proficiency=0)
        ProfileLanguage.objects.create(profile=user.profile, language="en", proficiency=4)
        claim(user, taxonomy["lua-scripting"], Relation.KNOWS)
        claim(user, taxonomy["lua-scripting"], Relation.OFFERS)
        claim(user, taxonomy["grant-writing"], Relation.WANTS)
        Membership.objects.create(organization=organization, user=user)
    other_client.get(PEOPLE)  # warms the caches of names and labels

    def queries(page_size: int) -> int:
        settings.PAGE_SIZE = page_size
        with CaptureQueriesContext(connection) as captured:
            response = other_client.get(PEOPLE, {"language": "ha"})
        assert len(profile_links(response)) == page_size
        return len(captured)

    # then
    assert queries(5) == queries(30)


def test_the_directory_renders_right_to_left_in_arabic(client, owner):
    client.cookies["capacityhub_language"] = "ar"

    response = client.get(PEOPLE)

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# A profile


@pytest.fixture
def private_bio(owner):
    return set_profile(owner, bio="My very secret bio", bio_visibility="private")


def test_a_profile_page_is_public(client, owner):
    response = client.get(reverse("web:profile-detail", args=["owner"]))

    assert response.status_code == 200
    assert "Owner" in response.content.decode()


def test_an_unknown_person_is_not_found(client, owner):
    assert client.get(reverse("web:profile-detail", args=["nobody"])).status_code == 404


def test_a_private_bio_is_hidden_from_anonymous_visitors_and_other_members(
    client, other_client, private_bio
):
    url = reverse("web:profile-detail", args=["owner"])

    assert "My very secret bio" not in client.get(url).content.decode()
    assert "My very secret bio" not in other_client.get(url).content.decode()


def test_a_private_bio_is_shown_to_its_owner_and_to_staff(owner_client, staff_client, private_bio):
    url = reverse("web:profile-detail", args=["owner"])

    assert "My very secret bio" in owner_client.get(url).content.decode()
    assert "My very secret bio" in staff_client.get(url).content.decode()


def test_members_only_fields_are_shown_to_members_but_not_to_anonymous_visitors(
    client, other_client, owner
):
    set_profile(
        owner,
        wikimedia_username="OwnerWiki",
        wikimedia_username_visibility="members",
        country="NG",
        location_visibility="members",
    )
    url = reverse("web:profile-detail", args=["owner"])

    anonymous_html = client.get(url).content.decode()
    member_html = other_client.get(url).content.decode()

    assert "OwnerWiki" not in anonymous_html and "Nigeria" not in anonymous_html
    assert "OwnerWiki" in member_html and "Nigeria" in member_html


def test_the_email_address_is_never_shown_to_others(client, other_client, owner_client, owner):
    url = reverse("web:profile-detail", args=["owner"])

    assert "owner@example.org" not in client.get(url).content.decode()
    assert "owner@example.org" not in other_client.get(url).content.decode()
    assert "owner@example.org" in owner_client.get(url).content.decode()


def test_a_profile_lists_capacities_with_levels_languages_and_organizations(
    client, owner, taxonomy, organization
):
    claim(owner, taxonomy["lua-scripting"], Relation.KNOWS, level=5)
    claim(owner, taxonomy["lua-scripting"], Relation.OFFERS, level=4)
    claim(owner, taxonomy["grant-writing"], Relation.WANTS, level=1)
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    Membership.objects.create(organization=organization, user=owner)

    html = client.get(reverse("web:profile-detail", args=["owner"])).content.decode()

    assert "Lua scripting" in html and "expert" in html and "advanced" in html
    assert "Grant writing" in html and "beginner" in html
    assert "Hausa" in html and "native" in html
    assert "Wikimedians of Kano" in html
    assert reverse("web:organization-detail", args=["wm-kano"]) in html


def test_private_capacities_are_not_listed_for_other_members(other_client, owner, taxonomy):
    set_profile(owner, capacities_visibility="private")
    claim(owner, taxonomy["lua-scripting"], Relation.KNOWS)

    html = other_client.get(reverse("web:profile-detail", args=["owner"])).content.decode()

    assert "Lua scripting" not in html


def test_only_the_owner_gets_an_edit_link(owner_client, other_client, owner):
    url = reverse("web:profile-detail", args=["owner"])
    edit = reverse("web:profile-edit")

    assert edit in owner_client.get(url).content.decode()
    assert edit not in other_client.get(url).content.decode()
