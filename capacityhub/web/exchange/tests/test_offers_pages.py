"""The offers pages: list, my offers, detail, make, edit, withdraw, availability."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.models import CapacityClaim, Profile
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.models import Availability, Offer
from capacityhub.exchange.tests.factories_needs import (
    MethodFactory,
    availability_of,
    claim,
    offer_of,
)

pytestmark = pytest.mark.django_db

LIST = reverse("web:offer-list")
CREATE = reverse("web:offer-create")
MINE = reverse("web:my-offers")
AVAILABILITY = reverse("web:availability")


def _detail(offer):
    return reverse("web:offer-detail", args=[offer.pk])


def _edit(offer):
    return reverse("web:offer-edit", args=[offer.pk])


def _withdraw(offer):
    return reverse("web:offer-withdraw", args=[offer.pk])


def _results(response) -> str:
    """The results part of a list page (the filter form names every capacity too)."""
    return response.content.decode().partition('id="results-heading"')[2]


def _form_data(**overrides):
    data = {
        "capacity": "grant-reporting",
        "level": "4",
        "description": "Ten reports written",
        "languages": ["fr"],
        "online": "on",
        "region": "ssa",
    }
    data.update(overrides)
    return data


# --- list --------------------------------------------------------------------------------------


def test_the_list_shows_visible_active_offers_with_availability(client, owner, other, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"], description="Reports")
    availability_of(owner, hours_per_month=6, max_connections=2)
    Profile.objects.filter(user=other).update(capacities_visibility="members")
    offer_of(other, taxonomy["lua-scripting"])
    offer_of(owner, taxonomy["grant-writing"], is_active=False)

    page = _results(client.get(LIST))

    assert "Grant reporting" in page
    assert "6 hours a month" in page
    assert "Lua scripting" not in page
    assert "Grant writing" not in page


def test_the_list_filters_by_capacity_holder_and_language(client, owner, organization, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"], languages=["fr"])
    offer_of(organization, taxonomy["lua-scripting"], languages=["ha"])

    by_capacity = _results(client.get(LIST, {"capacity": "fundraising"}))
    by_holder = _results(client.get(LIST, {"holder": "organization"}))
    by_language = _results(client.get(LIST, {"language": "fr"}))

    assert "Grant reporting" in by_capacity and "Lua scripting" not in by_capacity
    assert "Lua scripting" in by_holder and "Grant reporting" not in by_holder
    assert "Grant reporting" in by_language and "Lua scripting" not in by_language
    assert client.get(LIST, {"capacity": "astrology", "holder": "x"}).status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(
    client, taxonomy, count, django_assert_num_queries
):
    mentoring = MethodFactory(code="mentoring")
    for i in range(count):
        holder = UserFactory() if i % 2 else OrganizationFactory()
        offer = offer_of(holder, taxonomy["grant-writing"])
        offer.methods.set([mentoring])
        availability_of(holder, hours_per_month=i)
    client.get(LIST)  # warm the taxonomy caches

    # the filter's methods (+ their capacities), count, page, methods of the page
    with django_assert_num_queries(5):
        assert client.get(LIST).status_code == 200


def test_my_offers_include_withdrawn_ones_and_need_sign_in(client, owner_client, owner, taxonomy):
    offer_of(owner, taxonomy["grant-writing"], is_active=False)

    assert "Grant writing" in _results(owner_client.get(MINE))
    assert client.get(MINE).status_code == 302


# --- detail ------------------------------------------------------------------------------------


def test_the_detail_shows_the_offer_and_edit_buttons_to_its_holder(
    client, owner_client, owner, taxonomy
):
    offer = offer_of(owner, taxonomy["grant-reporting"], description="Ten reports")

    anonymous_page = client.get(_detail(offer)).content.decode()
    own_page = owner_client.get(_detail(offer)).content.decode()

    assert "Ten reports" in anonymous_page
    assert _edit(offer) not in anonymous_page
    assert _edit(offer) in own_page


def test_a_hidden_or_withdrawn_offer_is_a_404_for_others(other_client, owner, taxonomy):
    hidden = offer_of(owner, taxonomy["grant-reporting"])
    withdrawn = offer_of(owner, taxonomy["grant-writing"], is_active=False)
    Profile.objects.filter(user=owner).update(capacities_visibility="private")

    assert other_client.get(_detail(hidden)).status_code == 404
    assert other_client.get(_detail(withdrawn)).status_code == 404


# --- create ------------------------------------------------------------------------------------


def test_a_person_offers_a_capacity_they_know(owner_client, owner, taxonomy):
    claim(owner, taxonomy["grant-reporting"])

    response = owner_client.post(CREATE, _form_data())

    offer = Offer.objects.get()
    assert response["Location"] == _detail(offer)
    assert (offer.claim.profile.user, offer.claim.level) == (owner, 4)


def test_offering_a_capacity_one_does_not_know_is_shown_on_the_field(owner_client, taxonomy):
    response = owner_client.post(CREATE, _form_data())

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "You can only offer a capacity you also know."
    ]
    assert not Offer.objects.exists()
    assert not CapacityClaim.objects.exists()


def test_an_unknown_capacity_or_level_is_refused_by_the_form(owner_client, taxonomy):
    response = owner_client.post(CREATE, _form_data(capacity="astrology", level="9"))

    assert set(response.context["form"].errors) == {"capacity", "level"}
    assert not Offer.objects.exists()


def test_a_manager_offers_for_the_organization(manager_client, organization, taxonomy):
    manager_client.post(CREATE, _form_data(organization=organization.slug))

    assert Offer.objects.get().claim.organization == organization


def test_a_member_cannot_offer_for_an_organization_they_do_not_manage(
    owner_client, owner, organization, taxonomy
):
    claim(owner, taxonomy["grant-reporting"])

    response = owner_client.post(CREATE, _form_data(organization=organization.slug))

    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, taxonomy):
    assert client.post(CREATE, _form_data()).status_code == 302
    assert not Offer.objects.exists()


# --- edit and withdraw -------------------------------------------------------------------------


def test_the_holder_edits_the_offer(owner_client, owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)
    assert owner_client.get(_edit(offer)).status_code == 200

    response = owner_client.post(_edit(offer), _form_data(level="5", description="Expert now"))

    offer.refresh_from_db()
    assert response.status_code == 302
    assert (offer.claim.level, offer.description) == (5, "Expert now")


@pytest.mark.parametrize("who", ["other_client", "manager_client"])
def test_someone_else_cannot_edit_or_withdraw_the_offer(owner, taxonomy, request, who):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)
    client = request.getfixturevalue(who)

    assert client.get(_edit(offer)).status_code == 403
    assert client.post(_edit(offer), _form_data(level="5")).status_code == 403
    assert client.post(_withdraw(offer)).status_code == 403

    offer.refresh_from_db()
    assert (offer.claim.level, offer.is_active) == (2, True)


def test_the_holder_withdraws_the_offer_and_twice_is_a_message(owner_client, owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"])

    owner_client.post(_withdraw(offer))
    again = owner_client.post(_withdraw(offer), follow=True)

    offer.refresh_from_db()
    assert not offer.is_active
    assert "withdrawn already" in again.content.decode()
    assert owner_client.get(_withdraw(offer)).status_code == 405


# --- availability ------------------------------------------------------------------------------


def test_a_person_sets_their_availability(owner_client, owner):
    away = timezone.localdate() + timedelta(days=20)

    response = owner_client.post(
        AVAILABILITY,
        {"hours_per_month": "4", "max_connections": "2", "away_until": away.isoformat()},
    )

    assert response.status_code == 302
    availability = Availability.objects.get(profile=owner.profile)
    assert (availability.hours_per_month, availability.away_until) == (4, away)


def test_availability_out_of_range_is_refused(owner_client, owner):
    response = owner_client.post(AVAILABILITY, {"hours_per_month": "999", "max_connections": "0"})

    assert set(response.context["form"].errors) == {"hours_per_month", "max_connections"}
    assert not Availability.objects.exists()


def test_a_manager_sets_the_organizations_availability_and_others_cannot(
    manager_client, other_client, organization
):
    url = f"{AVAILABILITY}?organization={organization.slug}"
    data = {"hours_per_month": "20", "max_connections": "5"}

    assert other_client.post(url, data).status_code == 403
    manager_client.post(url, data)

    assert Availability.objects.get(organization=organization).max_connections == 5
    assert manager_client.get(f"{AVAILABILITY}?organization=nowhere").status_code == 404


def test_an_id_too_large_for_the_database_is_a_404(client, db):
    assert client.get(f"/offers/{2**64}/").status_code == 404
