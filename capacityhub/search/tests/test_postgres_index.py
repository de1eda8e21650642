"""PostgreSQL reads a stored, GIN-indexed tsvector instead of computing one per row."""

import pytest
from django.db import connection

from capacityhub.search.models import SearchDocument
from capacityhub.search.postgres_fts import PostgresBackend

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def test_the_documents_have_a_gin_index_on_a_stored_vector():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument' "
            "AND indexname = 'search_document_vector_gin'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin (search_vector)" in definition.lower()


def test_searching_never_computes_a_vector_per_row(indexed, anonymous):
    documents, _queries = PostgresBackend()._matching(
        "fundraising", None, {SearchDocument.Level.PUBLIC}, None, None
    )
    sql = str(documents.query)
    assert "search_vector" in sql
    assert "to_tsvector" not in sql
