"""GET /api/v1/needs/{id}/matches and GET /api/v1/offers/{id}/needs."""

import pytest

from capacityhub.api.core.tests import API
from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.exchange.models import Offer
from capacityhub.exchange.selectors.matching import matching_cache_clear
from capacityhub.exchange.tests.factories_matching import (
    need,
    offer,
    organization_languages,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    matching_cache_clear()
    yield
    matching_cache_clear()


@pytest.fixture
def amina_offer(taxonomy) -> Offer:
    return offer(person("amina"), taxonomy["grant-reporting"])


@pytest.fixture
def fundraising_need(owner, taxonomy):
    return need(owner, [taxonomy["fundraising"]])


def test_anyone_may_see_who_could_help_with_a_public_need(client, fundraising_need, amina_offer):
    response = client.get(f"{API}/needs/{fundraising_need.pk}/matches")

    assert response.status_code == 200
    [match] = response.json()
    assert match["kind"] == "person"
    assert match["username"] == "amina"
    assert match["offer"] == amina_offer.pk
    assert match["capacity"] == "grant-reporting"
    assert match["explanation"].startswith("offers Grant reporting, a part of Fundraising")
    assert match["reasons"][1] == "speaks French natively"
    assert set(match["components"]) == {
        "closeness", "level", "language", "place", "load", "feedback"
    }  # fmt: skip
    assert 0 < match["score"] <= 1


def test_organizations_are_matched_by_slug(client, owner, taxonomy):
    ghana = OrganizationFactory(slug="wm-ghana", name="Wikimedia Ghana")
    organization_languages(ghana, "fr")
    offer(ghana, taxonomy["grant-reporting"])
    reporting_need = need(owner, [taxonomy["grant-reporting"]])

    [match] = client.get(f"{API}/needs/{reporting_need.pk}/matches").json()

    assert (match["kind"], match["organization"], match["username"]) == (
        "organization", "wm-ghana", None
    )  # fmt: skip


def test_a_need_hidden_from_the_caller_is_not_found(
    client, other_client, owner, taxonomy, amina_offer
):
    members_need = need(owner, [taxonomy["grant-reporting"]], visibility="members")

    assert client.get(f"{API}/needs/{members_need.pk}/matches").status_code == 404
    assert other_client.get(f"{API}/needs/{members_need.pk}/matches").status_code == 200
    assert client.get(f"{API}/needs/999999/matches").status_code == 404


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=51", "limit=x", "lang=%00", "lang=" + "a" * 40]
)  # fmt: skip
def test_bad_parameters_are_refused_clearly(client, fundraising_need, query):
    response = client.get(f"{API}/needs/{fundraising_need.pk}/matches?{query}")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] in {"limit", "lang"}


@pytest.mark.parametrize("need_id", ["0", "-1", str(2**63), "x"])
def test_impossible_ids_are_refused_not_crashed_on(client, need_id):
    assert client.get(f"{API}/needs/{need_id}/matches").status_code in {404, 422}
    assert client.get(f"{API}/offers/{need_id}/needs").status_code in {404, 422}


def test_limit_caps_the_list(client, owner, taxonomy):
    for n in range(4):
        offer(person(f"helper{n}"), taxonomy["grant-reporting"])
    reporting_need = need(owner, [taxonomy["grant-reporting"]])

    response = client.get(f"{API}/needs/{reporting_need.pk}/matches?limit=3")

    assert [m["username"] for m in response.json()] == ["helper0", "helper1", "helper2"]


@pytest.mark.parametrize("limit", [5, 20])
def test_matches_take_a_fixed_number_of_queries(
    client, owner, taxonomy, limit, django_assert_max_num_queries
):
    for n in range(25):
        offer(person(f"helper{n:02}"), taxonomy["grant-reporting"])
    reporting_need = need(owner, [taxonomy["grant-reporting"]])
    url = f"{API}/needs/{reporting_need.pk}/matches?limit={limit}"
    client.get(url)  # builds the index

    # the need (+ its capacities), live offers, people (+ languages, claims, memberships)
    with django_assert_max_num_queries(7):
        assert len(client.get(url).json()) == limit


def test_an_offer_lists_the_open_needs_it_could_answer(client, owner, taxonomy, amina_offer):
    reporting = need(owner, [taxonomy["grant-reporting"]], title="Our grant report")
    need(owner, [taxonomy["lua-scripting"]], title="Lua")

    response = client.get(f"{API}/offers/{amina_offer.pk}/needs")

    assert response.status_code == 200
    [match] = response.json()
    assert (match["need"], match["title"], match["organization"]) == (
        reporting.pk, "Our grant report", None
    )  # fmt: skip
    assert match["explanation"].startswith("asks for Grant reporting · in French")


def test_a_withdrawn_offer_is_not_found_by_others(client, other_client, amina_offer):
    Offer.objects.filter(pk=amina_offer.pk).update(is_active=False)

    assert client.get(f"{API}/offers/{amina_offer.pk}/needs").status_code == 404
    assert other_client.get(f"{API}/offers/{amina_offer.pk}/needs").status_code == 404


@pytest.mark.parametrize("lang", ["fr", "zz", "pt-BR", "sr_Latn_RS"])
def test_any_well_formed_language_is_answered(client, fundraising_need, amina_offer, lang):
    response = client.get(f"{API}/needs/{fundraising_need.pk}/matches?lang={lang}")

    assert response.status_code == 200
    assert response.json()[0]["explanation"]
