"""Asking for on-site technical assistance through the API."""

import pytest
from django.urls import reverse

from capacityhub.exchange.models import Need
from capacityhub.taxonomy.models import Method

pytestmark = pytest.mark.django_db
URL = "/api/v1/assistance-requests"


@pytest.fixture(autouse=True)
def method(db):
    return Method.objects.create(code="on-site-technical-assistance", labels={"en": "On-site"})


def _post(client, **data):
    return client.post(URL, data, content_type="application/json")


def test_a_manager_asks_and_gets_the_need_it_became(manager_client, organization, taxonomy):
    response = _post(
        manager_client,
        organization=organization.slug,
        title="Help with grants",
        capacities=["grant-writing"],
        languages=["ha"],
    )

    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert response.json()["id"] == need.pk
    assert response.json()["url"] == reverse("web:need-detail", args=[need.pk])
    assert manager_client.get(response.json()["api_url"]).status_code == 200
    assert need.organization == organization and not need.online
    assert [m.code for m in need.methods.all()] == ["on-site-technical-assistance"]


@pytest.mark.parametrize("who", ["owner_client", "other_client"])
def test_members_who_do_not_manage_the_organization_get_403(who, request, organization, taxonomy):
    client = request.getfixturevalue(who)

    response = _post(
        client, organization=organization.slug, title="Help", capacities=["grant-writing"]
    )

    assert response.status_code == 403
    assert not Need.objects.exists()


def test_anonymous_people_must_sign_in(client, organization, taxonomy):
    response = _post(
        client, organization=organization.slug, title="Help", capacities=["grant-writing"]
    )

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacities": ["no-such-capacity"]}, "capacities"),
        ({"capacities": []}, "capacities"),
        ({"organization": "no-such-organization"}, "organization"),
        ({"starts_on": "2031-05-10", "ends_on": "2031-05-01"}, "ends_on"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_saves_nothing(
    manager_client, organization, taxonomy, change, field
):
    data = {"organization": organization.slug, "title": "Help", "capacities": ["grant-writing"]}

    response = _post(manager_client, **{**data, **change})

    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert not Need.objects.exists()
