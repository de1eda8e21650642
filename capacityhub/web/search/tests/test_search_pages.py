import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_search_page_lists_hits_with_links_and_facets(indexed):
    response = Client().get("/search/", {"q": "amina"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/people/owner/"' in page
    assert 'name="kind" value="profile"' in page
    assert 'for="id_q"' in page


def test_members_only_text_is_not_on_the_page_for_anonymous_visitors(indexed, other_client):
    assert "/people/owner/" not in Client().get("/search/", {"q": "newcomers"}).content.decode()
    assert "<mark>newcomers</mark>" in other_client.get("/search/?q=newcomers").content.decode()


def test_the_page_never_renders_markup_from_the_content(indexed, other_client):
    page = other_client.get("/search/", {"q": "templates"}).content.decode()

    assert "<script>alert(1)</script>" not in page


def test_kinds_narrow_the_results(indexed, staff_client):
    page = staff_client.get("/search/", {"q": "fundraising", "kind": "capacity"}).content.decode()

    assert 'href="/capacities/fundraising/"' in page
    assert "/needs/" not in page.split('class="search-results"')[1]


def test_an_empty_search_shows_the_empty_state(indexed):
    response = Client().get("/search/", {"q": "zzzz-nothing", "page": "banana", "kind": "x"})

    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


def test_the_page_without_a_query_explains_itself(db):
    response = Client().get("/search/")

    assert response.status_code == 200
    assert "Search capacities, people, organizations and needs" in response.content.decode()


def test_results_are_paginated(many_people):
    first = Client().get("/search/", {"q": "walrus"}).content.decode()
    second = Client().get("/search/", {"q": "walrus", "page": 2}).content.decode()
    past = Client().get("/search/", {"q": "walrus", "page": 99})

    assert 'rel="next"' in first and 'rel="prev"' in second
    assert past.status_code == 200


def test_the_search_page_only_answers_get(db, owner_client):
    assert owner_client.post("/search/", {"q": "x"}).status_code == 405
