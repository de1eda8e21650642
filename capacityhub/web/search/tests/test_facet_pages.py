"""Facets on the search page and in GET /api/v1/search."""

import pytest
from django.test import Client

from capacityhub.search.tests.test_facets import walks  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
API = "/api/v1/search"


def test_the_api_filters_by_repeatable_facet_parameters(walks):  # noqa: F811
    body = Client().get(API, {"q": "photo walk", "capacity": "outreach", "language": ["yo", "en"]})

    assert [hit["title"] for hit in body.json()["results"]] == ["Photo walk in Lagos"]


def test_the_api_returns_labelled_facet_values(walks):  # noqa: F811
    body = Client().get(API, {"q": "photo walk", "region": "lac"}).json()

    assert body["count"] == 2
    assert body["facet_values"]["region"] == [
        {"value": "lac", "label": "Latin America and the Caribbean", "count": 2, "selected": True}
    ]
    languages = {value["value"]: value["count"] for value in body["facet_values"]["language"]}
    assert languages == {"es": 2, "en": 1}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"capacity": "no-such-capacity"}, "capacity"),
        ({"language": "xx-nope"}, "language"),
        ({"region": "atlantis"}, "region"),
        ({"type": "<b>"}, "type"),
    ],
)
def test_the_api_refuses_unknown_facet_values_naming_the_parameter(walks, params, field):  # noqa: F811
    response = Client().get(API, {"q": "walk", **params})

    assert response.status_code == 422
    assert field in response.content.decode()


def test_the_api_runs_a_bounded_number_of_queries(walks, django_assert_max_num_queries):  # noqa: F811
    params = {"q": "photo walk", "capacity": "outreach", "region": ["lac", "ssa"]}
    Client().get(API, params)
    with django_assert_max_num_queries(8):
        assert Client().get(API, params).status_code == 200


def test_the_page_shows_facet_values_with_counts_as_checkboxes(walks):  # noqa: F811
    page = Client().get("/search/", {"q": "photo walk"}).content.decode()

    assert 'name="region" value="lac"' in page
    assert "Latin America and the Caribbean (2)" in page
    assert 'name="capacity" value="outreach"' in page


def test_a_chosen_value_narrows_the_page_and_can_be_removed(walks):  # noqa: F811
    page = Client().get("/search/", {"q": "photo walk", "region": "lac"}).content.decode()

    assert "Photo walk in Lagos" not in page
    assert "Photo walk in Lima" in page
    assert 'name="region" value="lac" checked' in page
    assert "Remove filter Region: Latin America and the Caribbean" in page
    assert 'href="/search/?q=photo+walk"' in page


def test_unknown_values_on_the_page_are_ignored_not_an_error(walks):  # noqa: F811
    response = Client().get("/search/", {"q": "photo walk", "capacity": "gone", "region": "x"})

    assert response.status_code == 200
    assert "Photo walk in Lagos" in response.content.decode()


def test_the_page_runs_a_bounded_number_of_queries(walks, django_assert_max_num_queries):  # noqa: F811
    params = {"q": "photo walk", "capacity": "outreach", "language": "es"}
    Client().get("/search/", params)
    with django_assert_max_num_queries(10):
        assert Client().get("/search/", params).status_code == 200


def test_the_page_and_the_api_say_when_there_are_more_results_than_counted(walks, monkeypatch):  # noqa: F811
    monkeypatch.setattr("capacityhub.search.selectors.COUNT_CAP", 2)

    page = Client().get("/search/", {"q": "photo walk"}).content.decode()
    body = Client().get(API, {"q": "photo walk"}).json()

    assert "More than 2 results" in page
    assert (body["count"], body["more"]) == (2, True)
