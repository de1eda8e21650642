"""Community services and visibility, with the standard cast: owner, other, manager, staff,
anonymous."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.accounts import user_delete, user_export_data
from capacityhub.community.models import (
    ApiToken,
    CapacityClaim,
    Membership,
    Organization,
    Profile,
    ProfileLanguage,
)
from capacityhub.community.selectors import (
    organization_members,
    profile_get,
    profile_list,
    profile_view,
)
from capacityhub.community.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    membership_remove,
    membership_set,
    organization_create,
    organization_set_capacities,
    organization_set_languages,
    organization_update,
    profile_set_capacities,
    profile_set_languages,
    profile_update,
)
from capacityhub.community.tests.factories import MembershipFactory
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(owner):
    return owner.profile


def _fields(error: pytest.ExceptionInfo) -> set[str]:
    return set(error.value.message_dict)


# --- profile_update --------------------------------------------------------------------------


def test_the_owner_updates_their_profile(owner, profile):
    profile_update(actor=owner, profile=profile, display_name="Amina", country="ng")

    profile.refresh_from_db()
    assert (profile.display_name, profile.country, profile.version) == ("Amina", "NG", 2)
    entry = AuditEntry.objects.get(action="profile.update")
    assert entry.actor == owner
    assert entry.changes["display_name"] == ["Owner", "Amina"]


def test_staff_update_anyones_profile(staff, profile):
    profile_update(actor=staff, profile=profile, pronouns="she/her")

    profile.refresh_from_db()
    assert profile.pronouns == "she/her"


@pytest.mark.parametrize("actor_name", ["other", "manager", "anonymous"])
def test_no_one_else_updates_a_profile(request, profile, actor_name):
    actor = request.getfixturevalue(actor_name)

    with pytest.raises(PermissionDenied):
        profile_update(actor=actor, profile=profile, display_name="Hacked")

    profile.refresh_from_db()
    assert profile.display_name == "Owner"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"bio_visibility": "everyone"}, "bio_visibility"),
        ({"user": 1}, "user"),
    ],
)
def test_bad_profile_input_names_the_field_and_changes_nothing(owner, profile, changes, field):
    with pytest.raises(ValidationError) as error:
        profile_update(actor=owner, profile=profile, display_name="Changed", **changes)

    assert field in _fields(error)
    stored = Profile.objects.get(pk=profile.pk)
    assert (stored.display_name, stored.version) == ("Owner", 1)
    assert not AuditEntry.objects.exists()


def test_a_stale_profile_version_is_a_conflict(owner, profile):
    profile_update(actor=owner, profile=profile, pronouns="they", expected_version=1)

    with pytest.raises(ValidationError) as error:
        profile_update(
            actor=owner, profile=Profile.objects.get(pk=profile.pk), bio="x", expected_version=1
        )

    assert _fields(error) == {"version"}
    stored = Profile.objects.get(pk=profile.pk)
    assert (stored.bio, stored.version) == ("", 2)


# --- profile_set_languages -------------------------------------------------------------------


def test_the_owner_sets_their_languages(owner, profile):
    profile_set_languages(actor=owner, profile=profile, languages={"ha": 0, "en": 4})

    assert {(pl.language, pl.proficiency) for pl in profile.languages.all()} == {
        ("ha", 0),
        ("en", 4),
    }


@pytest.mark.parametrize("languages", [{"xx": 3}, {"en": 6}, {"en": -1}, {"en": "4"}])
def test_bad_languages_are_refused_and_nothing_changes(owner, profile, languages):
    ProfileLanguage.objects.create(profile=profile, language="fr", proficiency=2)

    with pytest.raises(ValidationError) as error:
        profile_set_languages(actor=owner, profile=profile, languages={"es": 1, **languages})

    assert _fields(error) == {f"languages.{next(iter(languages))}"}
    assert [pl.language for pl in profile.languages.all()] == ["fr"]


def test_another_member_cannot_set_my_languages(other, profile):
    with pytest.raises(PermissionDenied):
        profile_set_languages(actor=other, profile=profile, languages={"en": 1})


# --- profile_set_capacities ------------------------------------------------------------------


def test_the_owner_sets_what_they_know_offer_and_want(owner, profile, taxonomy):
    profile_set_capacities(
        actor=owner,
        profile=profile,
        claims=[
            ("grant-writing", "knows", 4),
            ("grant-writing", "offers", 4),
            ("lua-scripting", "wants", 1),
        ],
    )

    assert profile.claims.count() == 3
    assert AuditEntry.objects.filter(action="profile.capacities", actor=owner).exists()


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (("lua-scripting", "offers", 3), "only offer a capacity you also know"),
        (("no-such-capacity", "knows", 3), "Unknown capacity"),
        (("lua-scripting", "knows", 0), "between 1 and 5"),
        (("lua-scripting", "knows", 6), "between 1 and 5"),
        (("lua-scripting", "teaches", 2), "knows, offers or wants"),
    ],
)
def test_bad_claims_are_refused_and_nothing_changes(owner, profile, taxonomy, claim, message):
    CapacityClaim.objects.create(
        profile=profile, capacity=taxonomy["fundraising"], relation="wants"
    )

    with pytest.raises(ValidationError) as error:
        profile_set_capacities(
            actor=owner, profile=profile, claims=[("grant-writing", "knows", 2), claim]
        )

    assert _fields(error) == {f"capacities.{claim[0]}"}
    assert message in str(error.value)
    assert [(c.capacity.code, c.relation) for c in profile.claims.all()] == [
        ("fundraising", "wants")
    ]


def test_staff_set_someones_capacities_but_another_member_cannot(staff, other, profile, taxonomy):
    profile_set_capacities(actor=staff, profile=profile, claims=[("lua-scripting", "wants", 2)])

    with pytest.raises(PermissionDenied):
        profile_set_capacities(actor=other, profile=profile, claims=[])
    assert profile.claims.count() == 1


# --- organizations ---------------------------------------------------------------------------


def test_a_member_creates_an_organization_and_becomes_its_manager(owner):
    organization = organization_create(
        actor=owner, name="Wikimedia Ghana", kind="user_group", countries=["gh"], region="ssa"
    )

    assert organization.slug == "wikimedia-ghana"
    assert organization.countries == ["GH"]
    assert Membership.objects.get(organization=organization, user=owner).role == "manager"
    assert AuditEntry.objects.filter(action="organization.create").exists()


def test_organization_slugs_stay_unique(owner, organization):
    second = organization_create(actor=owner, name="wm kano", kind="hub")
    third = organization_create(actor=owner, name="wm kano", kind="hub")

    assert {second.slug, third.slug} == {"wm-kano-2", "wm-kano-3"}


def test_anonymous_cannot_create_an_organization(anonymous):
    with pytest.raises(PermissionDenied):
        organization_create(actor=anonymous, name="X", kind="hub")
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"countries": ["ZZ"]}, "countries"),
        ({"region": "moon"}, "region"),
        ({"names": {"xx": "Nope"}}, "names"),
        ({"kind": "club"}, "kind"),
        ({"website": "not a url"}, "website"),
        ({"slug": "mine"}, "slug"),
    ],
)
def test_bad_organization_input_is_refused(owner, fields, field):
    kind = fields.pop("kind", "hub")

    with pytest.raises(ValidationError) as error:
        organization_create(actor=owner, name="Bad", kind=kind, **fields)

    assert field in _fields(error)
    assert not Organization.objects.exists()
    assert not Membership.objects.exists()


def test_the_manager_and_staff_update_the_organization(manager, staff, organization):
    organization_update(actor=manager, organization=organization, name="Kano", expected_version=1)
    organization_update(actor=staff, organization=organization, website="https://kano.example")

    organization.refresh_from_db()
    assert (organization.name, organization.website, organization.version) == (
        "Kano",
        "https://kano.example",
        3,
    )
    assert AuditEntry.objects.filter(action="organization.update").count() == 2


@pytest.mark.parametrize("actor_name", ["other", "owner", "anonymous"])
def test_others_cannot_update_an_organization(request, organization, manager, actor_name):
    actor = request.getfixturevalue(actor_name)
    if actor_name == "other":
        MembershipFactory(organization=organization, user=actor)  # an ordinary member

    with pytest.raises(PermissionDenied):
        organization_update(actor=actor, organization=organization, name="Mine")
    with pytest.raises(PermissionDenied):
        organization_set_languages(actor=actor, organization=organization, languages=["fr"])
    with pytest.raises(PermissionDenied):
        organization_set_capacities(actor=actor, organization=organization, claims=[])

    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano"


def test_a_stale_organization_version_is_a_conflict(manager, organization):
    organization_update(actor=manager, organization=organization, name="A", expected_version=1)

    with pytest.raises(ValidationError) as error:
        organization_update(
            actor=manager,
            organization=Organization.objects.get(pk=organization.pk),
            name="B",
            expected_version=1,
        )

    assert _fields(error) == {"version"}
    assert Organization.objects.get(pk=organization.pk).name == "A"


def test_a_bad_country_on_update_changes_nothing(manager, organization):
    with pytest.raises(ValidationError) as error:
        organization_update(
            actor=manager, organization=organization, name="Changed", countries=["NG", "ZZ"]
        )

    assert _fields(error) == {"countries"}
    stored = Organization.objects.get(pk=organization.pk)
    assert (stored.name, stored.countries, stored.version) == ("Wikimedians of Kano", [], 1)


def test_organization_languages_are_replaced_and_checked(manager, organization):
    organization_set_languages(actor=manager, organization=organization, languages=["ha", "en"])
    with pytest.raises(ValidationError):
        organization_set_languages(actor=manager, organization=organization, languages=["xx"])

    assert {ol.language for ol in organization.languages.all()} == {"ha", "en"}


def test_organizations_offer_or_want_but_do_not_know(manager, staff, organization, taxonomy):
    organization_set_capacities(
        actor=manager,
        organization=organization,
        claims=[("grant-writing", "offers", 4), ("lua-scripting", "wants", 1)],
    )

    with pytest.raises(ValidationError) as error:
        organization_set_capacities(
            actor=staff, organization=organization, claims=[("lua-scripting", "knows", 2)]
        )

    assert _fields(error) == {"capacities"}
    assert organization.claims.count() == 2


# --- memberships -----------------------------------------------------------------------------


def test_the_manager_adds_and_promotes_members(manager, other, organization):
    membership_set(actor=manager, organization=organization, user=other, role="member")
    membership_set(actor=manager, organization=organization, user=other, role="manager")

    assert Membership.objects.get(organization=organization, user=other).role == "manager"
    assert AuditEntry.objects.filter(action="membership.set").count() == 2


def test_an_ordinary_member_cannot_add_people(other, owner, organization, manager):
    MembershipFactory(organization=organization, user=other)

    with pytest.raises(PermissionDenied):
        membership_set(actor=other, organization=organization, user=owner, role="manager")
    assert not Membership.objects.filter(user=owner).exists()


def test_an_unknown_role_is_refused(manager, other, organization):
    with pytest.raises(ValidationError) as error:
        membership_set(actor=manager, organization=organization, user=other, role="owner")

    assert _fields(error) == {"role"}


def test_a_member_may_leave_but_not_remove_others(other, owner, organization, manager):
    MembershipFactory(organization=organization, user=other)
    MembershipFactory(organization=organization, user=owner)

    with pytest.raises(PermissionDenied):
        membership_remove(actor=other, organization=organization, user=owner)
    membership_remove(actor=other, organization=organization, user=other)

    assert list(
        organization.memberships.values_list("user__username", flat=True).order_by("id")
    ) == [
        "manager",
        "owner",
    ]


def test_the_last_manager_cannot_leave_or_be_removed(manager, staff, organization):
    with pytest.raises(ValidationError):
        membership_remove(actor=manager, organization=organization, user=manager)
    with pytest.raises(ValidationError):
        membership_remove(actor=staff, organization=organization, user=manager)

    assert organization.memberships.filter(role="manager").count() == 1


def test_removing_someone_who_is_not_a_member_is_an_error(manager, other, organization):
    with pytest.raises(ValidationError) as error:
        membership_remove(actor=manager, organization=organization, user=other)

    assert _fields(error) == {"user"}


# --- API tokens ------------------------------------------------------------------------------


def test_a_token_authenticates_until_revoked(owner):
    token, secret = api_token_create(user=owner, name="chapter website")

    assert secret.startswith(token.prefix)
    assert token.key_hash == ApiToken.hash(secret) and secret not in token.key_hash
    assert api_token_authenticate(secret) == owner
    token.refresh_from_db()
    assert token.last_used_at is not None

    api_token_revoke(actor=owner, token=token)

    assert api_token_authenticate(secret) is None
    assert api_token_authenticate("chub_made-up") is None


def test_a_token_needs_a_name(owner):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=owner, name="   ")

    assert _fields(error) == {"name"}


def test_another_member_cannot_revoke_my_token_but_staff_can(owner, other, staff):
    token, secret = api_token_create(user=owner, name="mine")

    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=other, token=token)
    assert api_token_authenticate(secret) == owner

    api_token_revoke(actor=staff, token=token)
    assert api_token_authenticate(secret) is None


def test_tokens_of_an_inactive_user_do_not_authenticate(owner):
    _token, secret = api_token_create(user=owner, name="mine")
    owner.is_active = False
    owner.save()

    assert api_token_authenticate(secret) is None


# --- export and deletion ---------------------------------------------------------------------


def test_the_export_has_the_persons_data(owner, profile, organization, taxonomy):
    profile_set_languages(actor=owner, profile=profile, languages={"ha": 0})
    profile_set_capacities(actor=owner, profile=profile, claims=[("lua-scripting", "wants", 1)])
    MembershipFactory(organization=organization, user=owner)

    data = user_export_data(user=owner)

    assert data["account"]["username"] == "owner"
    assert data["languages"] == {"ha": 0}
    assert data["capacities"] == [{"capacity": "lua-scripting", "relation": "wants", "level": 1}]
    assert data["memberships"] == [{"organization": "wm-kano", "role": "member"}]


def test_deleting_an_account_anonymises_it_and_keeps_contributions(owner, profile, organization):
    MembershipFactory(organization=organization, user=owner)
    profile_update(actor=owner, profile=profile, bio="about me")
    api_token_create(user=owner, name="script")

    user_delete(actor=owner, user=owner)

    owner.refresh_from_db()
    assert owner.username == f"deleted-{owner.pk}"
    assert (owner.email, owner.first_name, owner.is_active) == ("", "", False)
    assert not owner.has_usable_password()
    assert not Profile.objects.filter(user=owner).exists()
    assert not owner.memberships.exists() and not owner.api_tokens.exists()
    # the audit trail of what they did stays, still pointing at the (anonymous) account
    assert AuditEntry.objects.filter(action="profile.update", actor=owner).exists()
    assert AuditEntry.objects.filter(action="user.delete", target_id=str(owner.pk)).exists()


def test_another_member_cannot_delete_my_account(other, owner):
    with pytest.raises(PermissionDenied):
        user_delete(actor=other, user=owner)

    owner.refresh_from_db()
    assert owner.is_active


# --- visibility ------------------------------------------------------------------------------


@pytest.fixture
def mixed_profile(owner, profile, organization, taxonomy):
    """Bio public, pronouns for members, location private."""
    profile.bio, profile.bio_visibility = "I edit Hausa Wikipedia", "public"
    profile.pronouns, profile.pronouns_visibility = "she/her", "members"
    profile.country, profile.time_zone = "NG", "Africa/Lagos"
    profile.location_visibility = "private"
    profile.save()
    MembershipFactory(organization=organization, user=owner)
    return profile_get(username="owner")


@pytest.mark.parametrize(
    ("viewer_name", "bio", "pronouns", "country", "email"),
    [
        ("anonymous", True, False, False, False),
        ("other", True, True, False, False),
        ("owner", True, True, True, True),
        ("staff", True, True, True, True),
    ],
)
def test_each_viewer_sees_only_what_they_may(
    request, mixed_profile, viewer_name, bio, pronouns, country, email
):
    viewer = request.getfixturevalue(viewer_name)

    view = profile_view(mixed_profile, viewer)

    assert (view.bio is not None) == bio
    assert (view.pronouns is not None) == pronouns
    assert (view.country == "NG") == country
    assert (view.region == "ssa") == country
    assert (view.time_zone is not None) == country
    assert (view.email == "owner@example.org") == email
    assert view.is_self == (viewer_name == "owner")
    assert bool(view.visibility) == email  # only the owner and staff see the settings


def test_a_private_location_cannot_be_found_through_a_filter(
    mixed_profile, other, staff, anonymous
):
    for viewer in [other, anonymous]:
        assert not profile_list(viewer=viewer, region="ssa").exists()
        assert not profile_list(viewer=viewer, country="ng").exists()
    assert list(profile_list(viewer=staff, region="ssa")) == [mixed_profile]


def test_members_only_capacities_are_hidden_from_anonymous_filters(
    owner, profile, other, anonymous, taxonomy
):
    profile.capacities_visibility = "members"
    profile.save()
    CapacityClaim.objects.create(
        profile=profile, capacity=taxonomy["lua-scripting"], relation="wants"
    )
    technology = taxonomy["technology"].pk

    assert list(profile_list(viewer=other, capacity_id=technology, relation="wants")) == [profile]
    assert not profile_list(viewer=anonymous, capacity_id=technology).exists()


def test_hidden_affiliations_keep_a_person_off_an_organizations_list(
    owner, profile, other, staff, organization, manager
):
    profile.affiliations_visibility = "private"
    profile.save()
    MembershipFactory(organization=organization, user=owner)

    def names(viewer):
        return {
            m.user.username for m in organization_members(organization=organization, viewer=viewer)
        }

    assert names(other) == {"manager"}
    assert names(owner) == {"manager", "owner"}
    assert names(staff) == {"manager", "owner"}
    assert not profile_list(viewer=other, organization_id=organization.pk).filter(pk=profile.pk)


def test_listing_the_same_capacity_twice_is_refused_and_changes_nothing(owner, taxonomy):
    profile = owner.profile
    claims = [("lua-scripting", "knows", 3), ("lua-scripting", "knows", 4)]
    with pytest.raises(ValidationError) as error:
        profile_set_capacities(actor=owner, profile=profile, claims=claims)
    assert "capacities.lua-scripting" in error.value.message_dict
    assert profile.claims.count() == 0


def test_saving_capacities_again_keeps_the_claims_that_stay(owner, taxonomy):
    profile = owner.profile
    profile_set_capacities(
        actor=owner,
        profile=profile,
        claims=[("lua-scripting", "knows", 3), ("fundraising", "wants", 1)],
    )
    kept = profile.claims.get(relation="knows")
    profile_set_capacities(actor=owner, profile=profile, claims=[("lua-scripting", "knows", 5)])
    assert list(profile.claims.values_list("pk", "level")) == [(kept.pk, 5)]
