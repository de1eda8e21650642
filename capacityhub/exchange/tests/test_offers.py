"""Offers and availability: the services and the selectors (visibility, filters)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.community.models import CapacityClaim, Membership, Profile
from capacityhub.community.services import profile_set_capacities
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import Availability, Offer
from capacityhub.exchange.selectors.offers import (
    availability_for,
    offer_availability,
    offer_get,
    offer_list,
    with_offer_details,
)
from capacityhub.exchange.services.offers import (
    availability_set,
    offer_create,
    offer_update,
    offer_withdraw,
)

from .factories_needs import MethodFactory, availability_of, claim, offer_of

pytestmark = pytest.mark.django_db


def _offer(actor, **overrides):
    fields = {
        "capacity": "grant-reporting",
        "level": 4,
        "description": "I have written ten grant reports.",
        "methods": [],
        "languages": ["fr", "en"],
        "online": True,
        "region": "ssa",
    }
    fields.update(overrides)
    return offer_create(actor=actor, **fields)


def _claims(holder):
    return sorted((c.capacity.code, c.relation, c.level) for c in holder.claims.all())


# --- offer_create ------------------------------------------------------------------------------


def test_a_person_offers_a_capacity_they_know(owner, taxonomy):
    claim(owner, taxonomy["grant-reporting"], level=4)
    MethodFactory(code="mentoring")

    offer = _offer(owner, methods=["mentoring"])

    assert offer.claim.profile == owner.profile
    assert (offer.claim.relation, offer.claim.level) == ("offers", 4)
    assert offer.languages == ["fr", "en"]
    assert [m.code for m in offer.methods.all()] == ["mentoring"]
    assert offer.is_active
    assert AuditEntry.objects.filter(action="offer.create", target_id=str(offer.pk)).exists()


def test_an_offer_for_a_capacity_the_person_does_not_know_is_refused(owner, taxonomy):
    claim(owner, taxonomy["grant-writing"])

    with pytest.raises(ValidationError) as caught:
        _offer(owner, capacity="grant-reporting")

    assert caught.value.message_dict == {
        "capacity": ["You can only offer a capacity you also know."]
    }
    assert not Offer.objects.exists()
    assert _claims(owner.profile) == [("grant-writing", "knows", 3)]


def test_an_existing_offers_claim_gets_its_offer_and_the_new_level(owner, taxonomy):
    profile_set_capacities(
        actor=owner,
        profile=owner.profile,
        claims=[("grant-reporting", "knows", 4), ("grant-reporting", "offers", 2)],
    )

    offer = _offer(owner, level=3)

    assert _claims(owner.profile) == [
        ("grant-reporting", "knows", 4),
        ("grant-reporting", "offers", 3),
    ]
    assert offer.claim.level == 3


def test_offering_the_same_capacity_twice_is_refused(owner, taxonomy):
    claim(owner, taxonomy["grant-reporting"])
    _offer(owner)

    with pytest.raises(ValidationError) as caught:
        _offer(owner, description="Again")

    assert "capacity" in caught.value.message_dict
    assert Offer.objects.get().description == "I have written ten grant reports."


def test_offering_a_withdrawn_capacity_again_reactivates_the_offer(owner, taxonomy):
    claim(owner, taxonomy["grant-reporting"])
    first = _offer(owner)
    offer_withdraw(actor=owner, offer=first)

    again = _offer(owner, description="Back from leave")

    assert again.pk == first.pk
    assert again.is_active
    assert again.description == "Back from leave"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": "astrology"}, "capacity"),
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"languages": ["zz-unknown"]}, "languages"),
        ({"region": "atlantis"}, "region"),
        ({"methods": ["telepathy"]}, "methods"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_bad_offer_input_is_refused_naming_the_field_and_nothing_is_saved(
    owner, taxonomy, overrides, field
):
    claim(owner, taxonomy["grant-reporting"])

    with pytest.raises(ValidationError) as caught:
        _offer(owner, **overrides)

    assert field in caught.value.message_dict
    assert not Offer.objects.exists()
    assert _claims(owner.profile) == [("grant-reporting", "knows", 3)]


def test_a_manager_offers_a_capacity_for_the_organization(manager, organization, taxonomy):
    offer = _offer(manager, organization=organization)

    assert offer.claim.organization == organization
    assert _claims(organization) == [("grant-reporting", "offers", 4)]


def test_a_plain_member_cannot_offer_for_the_organization(other, organization, taxonomy):
    Membership.objects.create(organization=organization, user=other)

    with pytest.raises(PermissionDenied):
        _offer(other, organization=organization)

    assert not Offer.objects.exists()


def test_anonymous_cannot_offer(anonymous, taxonomy):
    with pytest.raises(PermissionDenied):
        _offer(anonymous)


# --- offer_update / offer_withdraw -------------------------------------------------------------


def test_the_person_changes_their_offer_and_its_level(owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)

    offer_update(actor=owner, offer=offer, level=5, description="Now an expert", online=False)

    offer.refresh_from_db()
    assert (offer.claim.level, offer.description, offer.online) == (5, "Now an expert", False)
    assert AuditEntry.objects.get(action="offer.update").changes["level"] == [2, 5]


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_someone_else_cannot_change_or_withdraw_an_offer(owner, taxonomy, request, who):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        offer_update(actor=actor, offer=offer, level=5)
    with pytest.raises(PermissionDenied):
        offer_withdraw(actor=actor, offer=offer)

    offer.refresh_from_db()
    assert (offer.claim.level, offer.is_active) == (2, True)


def test_staff_and_managers_may_change_offers_they_look_after(
    owner, staff, manager, organization, taxonomy
):
    personal = offer_of(owner, taxonomy["grant-reporting"])
    collective = offer_of(organization, taxonomy["lua-scripting"])

    offer_update(actor=staff, offer=personal, description="Checked by staff")
    offer_update(actor=manager, offer=collective, description="Our Lua clinic")

    assert Offer.objects.get(pk=collective.pk).description == "Our Lua clinic"
    with pytest.raises(PermissionDenied):
        offer_update(actor=manager, offer=personal, description="Not mine")


def test_an_update_with_bad_input_changes_nothing(owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2, description="Before")

    for changes in [{"level": 7}, {"methods": ["telepathy"]}, {"claim": 1}, {"is_active": False}]:
        with pytest.raises(ValidationError):
            offer_update(actor=owner, offer=offer, description="After", **changes)

    offer.refresh_from_db()
    assert (offer.claim.level, offer.description, offer.is_active) == (2, "Before", True)


def test_withdrawing_keeps_the_claim_and_deactivates_the_offer(owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"])

    offer_withdraw(actor=owner, offer=offer)

    offer.refresh_from_db()
    assert not offer.is_active
    assert CapacityClaim.objects.filter(pk=offer.claim_id, relation="offers").exists()
    assert AuditEntry.objects.filter(action="offer.withdraw").count() == 1


def test_withdrawing_twice_is_refused(owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"])
    offer_withdraw(actor=owner, offer=offer)

    with pytest.raises(ValidationError):
        offer_withdraw(actor=owner, offer=offer)

    assert AuditEntry.objects.filter(action="offer.withdraw").count() == 1


def test_an_offer_survives_an_edit_of_the_persons_other_capacities(owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=3)

    profile_set_capacities(
        actor=owner,
        profile=owner.profile,
        claims=[
            ("grant-reporting", "knows", 3),
            ("grant-reporting", "offers", 3),
            ("lua-scripting", "wants", 1),
        ],
    )

    assert Offer.objects.filter(pk=offer.pk).exists()


# --- availability ------------------------------------------------------------------------------


def test_a_person_sets_their_availability_and_changes_it_later(owner):
    away = timezone.localdate() + timedelta(days=30)

    availability_set(
        actor=owner, profile=owner.profile, hours_per_month=4, max_connections=2, away_until=away
    )
    availability_set(actor=owner, profile=owner.profile, hours_per_month=8, max_connections=3)

    availability = availability_for(profile=owner.profile)
    assert (availability.hours_per_month, availability.max_connections) == (8, 3)
    assert availability.away_until is None
    assert AuditEntry.objects.filter(action="availability.set").count() == 2


def test_a_manager_sets_the_organizations_availability(manager, organization):
    availability_set(
        actor=manager, organization=organization, hours_per_month=20, max_connections=5
    )

    assert availability_for(organization=organization).max_connections == 5


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"hours_per_month": -1, "max_connections": 2}, "hours_per_month"),
        ({"hours_per_month": 201, "max_connections": 2}, "hours_per_month"),
        ({"hours_per_month": 4, "max_connections": 0}, "max_connections"),
        ({"hours_per_month": 4, "max_connections": 51}, "max_connections"),
    ],
)
def test_availability_out_of_range_is_refused(owner, values, field):
    with pytest.raises(ValidationError) as caught:
        availability_set(actor=owner, profile=owner.profile, **values)

    assert field in caught.value.message_dict
    assert not Availability.objects.exists()


def test_no_one_sets_someone_elses_availability(owner, other, organization):
    with pytest.raises(PermissionDenied):
        availability_set(actor=other, profile=owner.profile, hours_per_month=1, max_connections=1)
    with pytest.raises(PermissionDenied):
        availability_set(
            actor=other, organization=organization, hours_per_month=1, max_connections=1
        )

    assert not Availability.objects.exists()


# --- selectors ---------------------------------------------------------------------------------


@pytest.fixture
def offers(owner, other, organization, taxonomy):
    """owner (public capacities) offers grant reporting; other (members-only capacities)
    offers Lua; the organization offers fundraising; a withdrawn offer of owner's."""
    Profile.objects.filter(user=other).update(capacities_visibility="members")
    MethodFactory(code="mentoring")
    result = {
        "owner": offer_of(owner, taxonomy["grant-reporting"], languages=["fr"]),
        "other": offer_of(other, taxonomy["lua-scripting"], region="lac"),
        "org": offer_of(organization, taxonomy["fundraising"], languages=["ha"]),
        "withdrawn": offer_of(owner, taxonomy["grant-writing"], is_active=False),
    }
    result["org"].methods.set([MethodFactory(code="mentoring")])
    return result


def _seen(viewer, offers, **filters):
    names = {offer.pk: name for name, offer in offers.items()}
    return {names[o.pk] for o in offer_list(viewer=viewer, **filters)}


def test_a_persons_offer_is_seen_only_by_those_who_may_see_their_capacities(
    owner, other, staff, anonymous, offers
):
    assert _seen(anonymous, offers) == {"owner", "org"}
    assert _seen(owner, offers) == {"owner", "other", "org"}
    assert _seen(staff, offers) == {"owner", "other", "org"}


def test_a_private_capacity_list_hides_the_offer_even_from_members(owner, other, offers):
    Profile.objects.filter(user=owner).update(capacities_visibility="private")

    assert _seen(other, offers) == {"other", "org"}
    assert _seen(owner, offers) == {"owner", "other", "org"}
    with pytest.raises(Offer.DoesNotExist):
        offer_get(viewer=other, pk=offers["owner"].pk)


def test_a_withdrawn_offer_is_seen_only_by_its_holder_and_staff(owner, other, staff, offers):
    assert offer_get(viewer=owner, pk=offers["withdrawn"].pk) == offers["withdrawn"]
    assert offer_get(viewer=staff, pk=offers["withdrawn"].pk) == offers["withdrawn"]
    with pytest.raises(Offer.DoesNotExist):
        offer_get(viewer=other, pk=offers["withdrawn"].pk)


def test_offers_are_filtered_by_capacity_region_language_method_and_holder(
    staff, offers, taxonomy, organization
):
    assert _seen(staff, offers, capacity_code="organizational") == {"owner", "org"}
    assert _seen(staff, offers, capacity_code="fundraising", descendants=False) == {"org"}
    assert _seen(staff, offers, capacity_code="astrology") == set()
    assert _seen(staff, offers, region="lac") == {"other"}
    assert _seen(staff, offers, language="ha") == {"org"}
    assert _seen(staff, offers, method="mentoring") == {"org"}
    assert _seen(staff, offers, holder="person") == {"owner", "other"}
    assert _seen(staff, offers, holder="organization") == {"org"}
    assert _seen(staff, offers, organization_id=organization.pk) == {"org"}


def test_my_offers_include_withdrawn_ones_and_those_of_organizations_i_manage(
    owner, manager, anonymous, offers
):
    assert _seen(owner, offers, mine=True) == {"owner", "withdrawn"}
    assert _seen(manager, offers, mine=True) == {"org"}
    assert _seen(anonymous, offers, mine=True) == set()


def test_an_offer_carries_its_holders_availability(owner, offers, django_assert_num_queries):
    availability_of(owner, hours_per_month=6, max_connections=1)

    with django_assert_num_queries(2):
        cards = list(with_offer_details(offer_list(viewer=owner)))
        found = {o.pk: offer_availability(o) for o in cards}

    assert found[offers["owner"].pk].hours_per_month == 6
    assert found[offers["org"].pk] is None
