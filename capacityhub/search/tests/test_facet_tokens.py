"""Facet filters inside the full-text index (issue 10: faceted search p95 was 20–34 ms at
50,000 resources): facet values are words of the FTS5 index, and a filter is part of its MATCH."""

import pytest
from django.db import connection

from capacityhub.search import facet_tokens
from capacityhub.search.models import SearchDocument
from capacityhub.search.tests.test_facets import walks  # noqa: F401  (the fixture)

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 index is SQLite's; PostgreSQL uses EXISTS"
)


def test_a_token_is_one_word_that_no_language_writes():
    tokens = {facet_tokens.token("language", v) for v in ["pt-br", "pt", "br", "learning_pattern"]}

    assert len(tokens) == 4
    assert all(t.isalnum() and t.startswith("zq") and t.endswith("z") for t in tokens)


def test_values_of_one_facet_or_and_facets_and():
    clause = facet_tokens.match({"region": ["lac"], "language": ["es", "yo"], "type": []})

    es, yo = facet_tokens.token("language", "es"), facet_tokens.token("language", "yo")
    lac = facet_tokens.token("region", "lac")
    assert clause == f'facet_tokens : ("{es}" OR "{yo}") AND facet_tokens : ("{lac}")'
    assert facet_tokens.match({}) == ""


def test_a_document_keeps_its_facets_as_tokens_without_duplicates_or_oversized_values():
    text = facet_tokens.tokens([("language", "es"), ("language", "es"), ("region", "x" * 33)])

    assert text == facet_tokens.token("language", "es")


@sqlite_only
@pytest.mark.django_db
def test_the_index_holds_the_tokens_and_filters_through_one_match(walks, client):  # noqa: F811
    lima = SearchDocument.objects.get(title="Photo walk in Lima")
    assert facet_tokens.token("region", "lac") in lima.facet_tokens

    response = client.get("/api/v1/search", {"q": "photo walk", "capacity": "outreach"})

    results = response.json()["results"]
    assert {r["title"] for r in results} == {"Photo walk in Lagos", "Photo walk in Lima"}
    assert not any("zq" in r["snippet"] for r in results)


@sqlite_only
@pytest.mark.django_db
def test_a_facet_token_typed_as_a_query_finds_nothing(walks, client):  # noqa: F811
    token = facet_tokens.token("region", "lac")

    response = client.get("/api/v1/search", {"q": token})

    assert response.json()["count"] == 0
