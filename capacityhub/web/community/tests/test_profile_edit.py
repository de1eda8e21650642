"""Editing one's own profile, languages and capacities through the pages."""

import pytest
from django.urls import reverse

from capacityhub.community.models import CapacityClaim, Profile, ProfileLanguage, Relation
from capacityhub.community.selectors import FIELD_GROUPS
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

EDIT = "/me/edit/"
CAPACITIES = "/me/capacities/"


def profile_data(profile: Profile, languages=(), **overrides) -> dict:
    """What the edit form posts: the profile fields, visibilities, version and languages."""
    data = {
        "display_name": profile.display_name,
        "wikimedia_username": profile.wikimedia_username,
        "pronouns": profile.pronouns,
        "bio": profile.bio,
        "country": profile.country,
        "time_zone": profile.time_zone,
        "version": profile.version,
        **{f"{group}_visibility": "public" for group in FIELD_GROUPS},
        "languages-TOTAL_FORMS": str(len(languages)),
        "languages-INITIAL_FORMS": "0",
    }
    for n, (code, proficiency) in enumerate(languages):
        data[f"languages-{n}-language"] = code
        data[f"languages-{n}-proficiency"] = str(proficiency)
    data.update(overrides)
    return data


def claims_data(**relations) -> dict:
    """What the capacities form posts: knows=[(code, level)], offers=[...], wants=[...]."""
    data = {}
    for relation in ["knows", "offers", "wants"]:
        rows = relations.get(relation, [])
        data[f"{relation}-TOTAL_FORMS"] = str(len(rows) + 1)  # plus one blank row
        data[f"{relation}-INITIAL_FORMS"] = "0"
        for n, (code, level) in enumerate(rows):
            data[f"{relation}-{n}-capacity"] = code
            data[f"{relation}-{n}-level"] = str(level)
        data[f"{relation}-{len(rows)}-capacity"] = ""
        data[f"{relation}-{len(rows)}-level"] = "2"
    return data


def test_editing_pages_need_a_signed_in_member(client):
    for url in [EDIT, CAPACITIES, reverse("web:profile-me")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_my_profile_link_leads_to_my_own_profile(owner_client):
    response = owner_client.get(reverse("web:profile-me"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:profile-detail", args=["owner"])


def test_the_edit_form_shows_the_current_values_and_visibility_choices(owner_client, owner):
    owner.profile.pronouns = "she/her"
    owner.profile.save()

    response = owner_client.get(EDIT)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="she/her"' in html
    assert 'name="bio_visibility"' in html and "Only me" in html
    assert 'name="version"' in html and 'type="hidden"' in html


def test_saving_the_profile_changes_it_and_writes_an_audit_row(owner_client, owner):
    profile = owner.profile

    response = owner_client.post(
        EDIT,
        profile_data(
            profile,
            languages=[("ha", 0), ("en", 4)],
            display_name="Amina",
            bio="Hausa Wikipedian",
            bio_visibility="members",
            country="NG",
            time_zone="Africa/Lagos",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:profile-detail", args=["owner"])
    profile.refresh_from_db()
    assert profile.display_name == "Amina"
    assert profile.bio_visibility == "members"
    assert profile.country == "NG" and profile.time_zone == "Africa/Lagos"
    assert profile.version == 2
    assert dict(profile.languages.values_list("language", "proficiency")) == {"ha": 0, "en": 4}
    entry = AuditEntry.objects.get(action="profile.update")
    assert entry.actor == owner
    assert entry.changes["display_name"] == ["Owner", "Amina"]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Profile saved." in page


def test_a_stale_form_gets_a_conflict_message_and_changes_nothing(owner_client, owner):
    # given: the form was loaded at version 1, then the profile changed elsewhere
    profile = owner.profile
    stale = profile_data(profile, languages=[("fr", 3)], display_name="Stale name")
    Profile.objects.filter(pk=profile.pk).update(version=2, display_name="Fresh name")

    # when
    response = owner_client.post(EDIT, stale)

    # then
    assert response.status_code == 200
    assert "Someone else changed this in the meantime" in response.content.decode()
    profile.refresh_from_db()
    assert profile.display_name == "Fresh name"
    assert profile.version == 2
    assert not profile.languages.exists()
    assert not AuditEntry.objects.filter(action="profile.update").exists()


def test_a_missing_display_name_is_refused_with_a_message(owner_client, owner):
    response = owner_client.post(EDIT, profile_data(owner.profile, display_name=""))

    assert response.status_code == 200
    assert "cdx-message--error" in response.content.decode()
    owner.profile.refresh_from_db()
    assert owner.profile.display_name == "Owner"


def test_an_unknown_country_is_refused_with_a_message(owner_client, owner):
    response = owner_client.post(EDIT, profile_data(owner.profile, country="XX"))

    assert response.status_code == 200
    assert 'id="id_country_error"' in response.content.decode()


def test_a_language_listed_twice_is_refused(owner_client, owner):
    response = owner_client.post(
        EDIT, profile_data(owner.profile, languages=[("fr", 3), ("fr", 5)])
    )

    assert response.status_code == 200
    assert "This language is listed twice." in response.content.decode()
    assert not ProfileLanguage.objects.exists()


def test_a_language_can_be_removed_by_blanking_its_row(owner_client, owner):
    ProfileLanguage.objects.create(profile=owner.profile, language="fr", proficiency=3)

    response = owner_client.post(EDIT, profile_data(owner.profile, languages=[("", 0)]))

    assert response.status_code == 302
    assert not owner.profile.languages.exists()


# Capacities


def test_the_capacities_form_has_blank_rows_for_each_relation(owner_client, taxonomy):
    response = owner_client.get(CAPACITIES)

    assert response.status_code == 200
    html = response.content.decode()
    for relation in ["knows", "offers", "wants"]:
        assert f'name="{relation}-0-capacity"' in html
        assert f'name="{relation}-TOTAL_FORMS"' in html
    assert "Lua scripting" in html


def test_saving_capacities_replaces_what_i_know_offer_and_want(owner_client, owner, taxonomy):
    response = owner_client.post(
        CAPACITIES,
        claims_data(
            knows=[("lua-scripting", 5)],
            offers=[("lua-scripting", 4)],
            wants=[("grant-writing", 1)],
        ),
    )

    assert response.status_code == 302
    claims = set(
        CapacityClaim.objects.filter(profile=owner.profile).values_list(
            "capacity__code", "relation", "level"
        )
    )
    assert claims == {
        ("lua-scripting", "knows", 5),
        ("lua-scripting", "offers", 4),
        ("grant-writing", "wants", 1),
    }
    assert AuditEntry.objects.filter(action="profile.capacities", actor=owner).exists()
    edit_page = owner_client.get(CAPACITIES).content.decode()
    assert 'value="lua-scripting" selected' in edit_page


def test_offering_a_capacity_i_do_not_know_is_refused_and_nothing_changes(
    owner_client, owner, taxonomy
):
    # given
    CapacityClaim.objects.create(
        profile=owner.profile, capacity=taxonomy["grant-writing"], relation=Relation.WANTS
    )

    # when
    response = owner_client.post(
        CAPACITIES, claims_data(knows=[("grant-writing", 2)], offers=[("lua-scripting", 3)])
    )

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lua scripting: You can only offer a capacity you also know." in html
    assert list(owner.profile.claims.values_list("capacity__code", "relation")) == [
        ("grant-writing", "wants")
    ]


def test_a_capacity_listed_twice_under_one_relation_is_refused(owner_client, owner, taxonomy):
    response = owner_client.post(
        CAPACITIES, claims_data(knows=[("lua-scripting", 2), ("lua-scripting", 4)])
    )

    assert response.status_code == 200
    assert "Lua scripting is listed twice." in response.content.decode()
    assert not owner.profile.claims.exists()


def test_an_unknown_capacity_code_is_refused_with_a_message(owner_client, owner, taxonomy):
    response = owner_client.post(CAPACITIES, claims_data(knows=[("no-such-capacity", 2)]))

    assert response.status_code == 200
    assert "cdx-message--error" in response.content.decode()
    assert not owner.profile.claims.exists()


def test_a_tampered_formset_gets_a_page_not_an_error(owner_client, taxonomy):
    response = owner_client.post(CAPACITIES, {"knows-TOTAL_FORMS": "x"})

    assert response.status_code == 200


def test_the_edit_page_renders_right_to_left_in_arabic(owner_client):
    response = owner_client.get(EDIT, HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
