"""The matching pages: /needs/<id>/matches/ and /offers/<id>/needs/."""

import pytest

from capacityhub.exchange.selectors.matching import matching_cache_clear
from capacityhub.exchange.tests.factories_matching import need, offer, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    matching_cache_clear()
    yield
    matching_cache_clear()


@pytest.fixture
def amina_offer(taxonomy):
    return offer(person("amina"), taxonomy["grant-reporting"])


def test_the_requester_sees_who_could_help_and_can_invite_them(
    owner_client, owner, taxonomy, amina_offer
):
    fundraising_need = need(owner, [taxonomy["fundraising"]])

    response = owner_client.get(f"/needs/{fundraising_need.pk}/matches/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/people/amina/"><bdi>Amina</bdi></a>' in page
    assert "offers Grant reporting, a part of Fundraising · speaks French natively" in page
    assert f"/needs/{fundraising_need.pk}/invite/?offer={amina_offer.pk}" in page


def test_others_see_the_matches_of_a_public_need_but_cannot_invite(
    client, owner, taxonomy, amina_offer
):
    fundraising_need = need(owner, [taxonomy["fundraising"]])

    page = client.get(f"/needs/{fundraising_need.pk}/matches/").content.decode()

    assert "Amina" in page
    assert "/invite/" not in page


def test_a_need_hidden_from_the_viewer_has_no_matches_page(client, owner, taxonomy):
    private_need = need(owner, [taxonomy["fundraising"]], visibility="private")

    assert client.get(f"/needs/{private_need.pk}/matches/").status_code == 404
    assert client.get(f"/needs/{2**64}/matches/").status_code == 404


def test_a_need_without_matches_says_so(owner_client, owner, taxonomy):
    lonely = need(owner, [taxonomy["lua-scripting"]])

    page = owner_client.get(f"/needs/{lonely.pk}/matches/").content.decode()

    assert "No one offers these capacities" in page


def test_an_offer_page_lists_open_needs_it_could_answer(client, owner, taxonomy, amina_offer):
    reporting = need(owner, [taxonomy["grant-reporting"]], title="Our grant report")

    response = client.get(f"/offers/{amina_offer.pk}/needs/?limit=5")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Our grant report" in page
    assert f'href="/needs/{reporting.pk}/"' in page
    assert "asks for Grant reporting · in French" in page
    assert client.get("/offers/999999/needs/").status_code == 404


def test_the_need_page_includes_who_could_help(owner_client, owner, taxonomy, amina_offer):
    fundraising_need = need(owner, [taxonomy["fundraising"]])

    page = owner_client.get(f"/needs/{fundraising_need.pk}/").content.decode()

    assert "Who could help" in page
    assert "offers Grant reporting, a part of Fundraising" in page
    assert f"/needs/{fundraising_need.pk}/matches/?limit=50" in page


def test_the_offer_page_includes_the_open_needs_it_could_answer(
    client, owner, taxonomy, amina_offer
):
    need(owner, [taxonomy["grant-reporting"]], title="Our grant report")

    page = client.get(f"/offers/{amina_offer.pk}/").content.decode()

    assert "Open needs this offer could answer" in page
    assert "Our grant report" in page
