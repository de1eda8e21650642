import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


def test_it_returns_a_page_of_hits_with_facets(indexed):
    response = Client().get(URL, {"q": "fundraising"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["facets"] == {"capacity": 1, "need": 1}
    capacity = next(hit for hit in body["results"] if hit["kind"] == "capacity")
    assert capacity["title"] == "Fundraising"
    assert capacity["url"].endswith("/capacities/fundraising/")
    # The snippet is a readable line of the body (the Spanish label), not the matched code.
    assert capacity["snippet"] == "Recaudación de fondos"


def test_it_filters_by_kind(indexed):
    body = Client().get(URL, {"q": "fundraising", "kind": ["need"]}).json()

    assert [hit["kind"] for hit in body["results"]] == ["need"]


def test_it_applies_visibility(indexed, other_client, staff_client):
    assert Client().get(URL, {"q": "budget"}).json()["count"] == 0
    assert other_client.get(URL, {"q": "budget"}).json()["count"] == 1
    assert staff_client.get(URL, {"q": "budget"}).json()["count"] == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 201},
        {"q": "a", "kind": "nope"},
        {"q": "a", "page_size": 101},
        {"q": "a", "page": 0},
        {"q": "a\x00"},
    ],
)
def test_it_refuses_bad_parameters(db, params):
    assert Client().get(URL, params).status_code == 422


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "-", "(a OR b", "'", "\\"])
def test_query_syntax_is_never_an_error(indexed, query):
    assert Client().get(URL, {"q": query}).status_code == 200


def test_pages_link_to_each_other(many_people):
    body = Client().get(URL, {"q": "walrus", "page_size": 20}).json()

    assert body["count"] == 30 and len(body["results"]) == 20
    assert "page=2" in body["next"] and body["previous"] is None
