"""The offers API: /offers, /offers/{id}, /offers/{id}/withdraw, /me/offers, /me/availability."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacityhub.api.core.tests import API, bearer, error_fields
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


def _send(client, method, path, data=None, **headers):
    return getattr(client, method)(
        f"{API}{path}", data or {}, content_type="application/json", headers=headers
    )


def _body(**overrides):
    body = {
        "capacity": "grant-reporting",
        "level": 4,
        "description": "Ten reports written.",
        "methods": [],
        "languages": ["fr"],
        "online": True,
        "region": "ssa",
    }
    body.update(overrides)
    return body


def _capacities(response):
    assert response.status_code == 200, response.content
    return {offer["capacity"]["code"] for offer in response.json()["results"]}


# --- reading -----------------------------------------------------------------------------------


def test_the_list_shows_offers_with_holder_and_availability(client, owner, organization, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"], level=4, languages=["fr"])
    availability_of(owner, hours_per_month=6, max_connections=2)
    offer_of(organization, taxonomy["lua-scripting"])

    body = client.get(f"{API}/offers?sort=level&page_size=1").json()

    assert body["count"] == 2
    offer = body["results"][0]
    assert offer["capacity"] == {"code": "grant-reporting", "label": "Grant reporting"}
    assert offer["level"] == 4
    assert offer["holder"] == {
        "kind": "person",
        "username": "owner",
        "slug": None,
        "name": "Owner",
    }
    assert offer["availability"] == {
        "hours_per_month": 6,
        "max_connections": 2,
        "away_until": None,
        "is_set": True,
    }
    assert offer["languages"] == [{"code": "fr", "name": "French"}]


def test_a_persons_offer_follows_the_visibility_of_their_capacities(client, owner, other, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"])
    Profile.objects.filter(user=owner).update(capacities_visibility="members")

    assert _capacities(client.get(f"{API}/offers")) == set()
    assert _capacities(client.get(f"{API}/offers", headers=bearer(other))) == {"grant-reporting"}


def test_offers_are_filtered(client, owner, organization, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"], languages=["fr"], region="nwe")
    org_offer = offer_of(organization, taxonomy["lua-scripting"], languages=["ha"])
    org_offer.methods.set([MethodFactory(code="mentoring")])
    offer_of(owner, taxonomy["grant-writing"], is_active=False)

    assert _capacities(client.get(f"{API}/offers?capacity=fundraising")) == {"grant-reporting"}
    assert _capacities(client.get(f"{API}/offers?capacity=fundraising&exact=true")) == set()
    assert _capacities(client.get(f"{API}/offers?region=nwe")) == {"grant-reporting"}
    assert _capacities(client.get(f"{API}/offers?language=ha")) == {"lua-scripting"}
    assert _capacities(client.get(f"{API}/offers?method=mentoring")) == {"lua-scripting"}
    assert _capacities(client.get(f"{API}/offers?holder=person")) == {"grant-reporting"}
    assert _capacities(client.get(f"{API}/offers?organization=wm-kano")) == {"lua-scripting"}


def test_bad_filters_are_422_naming_the_field(client, db):
    assert error_fields(client.get(f"{API}/offers?capacity=astrology")) == {"capacity"}
    assert error_fields(client.get(f"{API}/offers?holder=robot")) == {"holder"}
    assert error_fields(client.get(f"{API}/offers?method=Not%20A%20Code")) == {"method"}
    assert error_fields(client.get(f"{API}/offers?organization=nowhere")) == {"organization"}


@pytest.mark.parametrize("size", [2, 10])
def test_the_list_runs_a_fixed_number_of_queries(client, taxonomy, size, django_assert_num_queries):
    mentoring = MethodFactory(code="mentoring")
    for i in range(size):
        holder = UserFactory() if i % 2 else OrganizationFactory()
        offer = offer_of(holder, taxonomy["grant-writing"])
        offer.methods.set([mentoring])
        availability_of(holder, hours_per_month=i)
    client.get(f"{API}/offers")  # warm the taxonomy caches

    # count, page (with holder and availability), methods
    with django_assert_num_queries(3):
        body = client.get(f"{API}/offers?page_size={size}").json()

    assert len(body["results"]) == size


def test_a_withdrawn_offer_is_a_404_except_for_its_holder(client, owner, other, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], is_active=False)

    assert client.get(f"{API}/offers/{offer.pk}", headers=bearer(other)).status_code == 404
    own = client.get(f"{API}/offers/{offer.pk}", headers=bearer(owner)).json()
    assert (own["is_active"], own["can_edit"]) == (False, True)


def test_my_offers_need_credentials_and_include_withdrawn_ones(client, owner, taxonomy):
    offer_of(owner, taxonomy["grant-reporting"], is_active=False)

    assert client.get(f"{API}/me/offers").status_code == 401
    mine = client.get(f"{API}/me/offers", headers=bearer(owner))
    assert _capacities(mine) == {"grant-reporting"}


# --- writing -----------------------------------------------------------------------------------


def test_a_person_offers_a_capacity_they_know(client, owner, taxonomy):
    claim(owner, taxonomy["grant-reporting"])

    response = _send(client, "post", "/offers", _body(), **bearer(owner))

    assert response.status_code == 201, response.content
    assert response.json()["holder"]["username"] == "owner"
    assert Offer.objects.get().claim.level == 4


def test_an_offer_for_a_capacity_the_person_does_not_know_is_a_422(client, owner, taxonomy):
    response = _send(client, "post", "/offers", _body(), **bearer(owner))

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "capacity", "message": "You can only offer a capacity you also know."}
    ]
    assert not Offer.objects.exists()
    assert not CapacityClaim.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": "astrology"}, "capacity"),
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"languages": ["xx"]}, "languages"),
        ({"region": "atlantis"}, "region"),
        ({"methods": ["telepathy"]}, "methods"),
        ({"organization": "nowhere"}, "organization"),
        ({"is_active": False}, "is_active"),
    ],
)
def test_bad_offer_input_is_a_422_and_nothing_is_saved(client, owner, taxonomy, overrides, field):
    claim(owner, taxonomy["grant-reporting"])

    response = _send(client, "post", "/offers", _body(**overrides), **bearer(owner))

    assert response.status_code == 422, response.content
    assert field in error_fields(response)
    assert not Offer.objects.exists()


def test_a_manager_offers_for_the_organization_and_a_member_cannot(
    client, manager, other, organization, taxonomy
):
    refused = _send(client, "post", "/offers", _body(organization="wm-kano"), **bearer(other))
    made = _send(client, "post", "/offers", _body(organization="wm-kano"), **bearer(manager))

    assert refused.status_code == 403
    assert made.status_code == 201
    assert made.json()["holder"]["slug"] == "wm-kano"


def test_the_holder_changes_the_offer(client, owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)

    response = _send(
        client, "patch", f"/offers/{offer.pk}", {"level": 5, "online": False}, **bearer(owner)
    )

    assert response.status_code == 200, response.content
    assert (response.json()["level"], response.json()["online"]) == (5, False)


@pytest.mark.parametrize("who", ["other", "manager"])
def test_acting_on_someone_elses_offer_is_a_403_and_nothing_changes(
    client, owner, taxonomy, request, who
):
    offer = offer_of(owner, taxonomy["grant-reporting"], level=2)
    headers = bearer(request.getfixturevalue(who))

    patched = _send(client, "patch", f"/offers/{offer.pk}", {"level": 5}, **headers)
    withdrawn = _send(client, "post", f"/offers/{offer.pk}/withdraw", **headers)

    assert (patched.status_code, withdrawn.status_code) == (403, 403)
    offer.refresh_from_db()
    assert (offer.claim.level, offer.is_active) == (2, True)


def test_withdrawing_twice_is_a_422(client, owner, taxonomy):
    offer = offer_of(owner, taxonomy["grant-reporting"])
    headers = bearer(owner)

    first = _send(client, "post", f"/offers/{offer.pk}/withdraw", **headers)
    second = _send(client, "post", f"/offers/{offer.pk}/withdraw", **headers)

    assert first.status_code == 200
    assert first.json()["is_active"] is False
    assert second.status_code == 422


# --- availability ------------------------------------------------------------------------------


def test_availability_is_read_and_set(client, owner):
    headers = bearer(owner)
    away = (timezone.localdate() + timedelta(days=10)).isoformat()

    before = client.get(f"{API}/me/availability", headers=headers).json()
    put = _send(
        client,
        "put",
        "/me/availability",
        {"hours_per_month": 8, "max_connections": 3, "away_until": away},
        **headers,
    )

    assert before["is_set"] is False
    assert put.status_code == 200, put.content
    assert put.json() == {
        "hours_per_month": 8,
        "max_connections": 3,
        "away_until": away,
        "is_set": True,
    }
    assert client.get(f"{API}/me/availability").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hours_per_month": 201, "max_connections": 2}, "hours_per_month"),
        ({"hours_per_month": 4, "max_connections": 0}, "max_connections"),
        ({"hours_per_month": 4}, "max_connections"),
    ],
)
def test_availability_out_of_range_is_a_422(client, owner, body, field):
    response = _send(client, "put", "/me/availability", body, **bearer(owner))

    assert response.status_code == 422
    assert field in error_fields(response)
    assert not Availability.objects.exists()


def test_an_organizations_availability_is_set_by_its_managers_only(
    client, manager, other, organization
):
    body = {"hours_per_month": 20, "max_connections": 5}
    url = "/me/availability?organization=wm-kano"

    refused = _send(client, "put", url, body, **bearer(other))
    accepted = _send(client, "put", url, body, **bearer(manager))

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert Availability.objects.get(organization=organization).max_connections == 5
