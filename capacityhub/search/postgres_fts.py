"""PostgreSQL full-text search (see backends.py for the interface). Facet filters stay
correlated EXISTS over SearchFacet here, served by its (document, name, value) index."""

from django.db.models import Count, Expression, F

from .backends import (
    MAX_TERMS,
    WORD,
    Hit,
    SearchBackend,
    documents_for,
    grouped_counts,
    render_snippet,
    terms,
)
from .models import SearchDocument, SearchFacet
from .snippets import snippet


class StoredVector(Expression):
    """The document table's generated `search_vector` column (PostgreSQL, migration 0004),
    under whatever alias the table has in the query (it is renamed inside subqueries)."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."search_vector"', []


class PostgresBackend(SearchBackend):
    """PostgreSQL full-text search, configuration "simple" (the content is multilingual, so
    no stemming), over the folded text so that accents do not matter. The tsvector is a
    stored, GIN-indexed column (migration 0004), never computed per row at query time."""

    def _queries(self, query: str):
        from django.contrib.postgres.search import SearchQuery

        words = terms(query)
        if not words:
            return None, None
        folded = SearchQuery(" ".join(words), config="simple", search_type="plain")
        # Headlines read the original text: mark the words as typed too (with accents).
        typed = WORD.findall((query or "").casefold())[:MAX_TERMS]
        marks = folded | SearchQuery(" ".join(typed), config="simple", search_type="plain")
        return folded, marks

    def _matching(self, query, kinds, levels, owner_id, filters):
        folded, marks = self._queries(query)
        if folded is None:
            return None, None
        documents = documents_for(kinds, levels, owner_id, filters).annotate(vector=StoredVector())
        return documents.filter(vector=folded), (folded, marks)

    def search(
        self,
        query,
        *,
        kinds=None,
        levels,
        owner_id=None,
        filters=None,
        limit=20,
        offset=0,
        total=None,
    ):
        from django.contrib.postgres.search import SearchRank

        documents, queries = self._matching(query, kinds, levels, owner_id, filters)
        if documents is None:
            return [], 0
        total = documents.count() if total is None else total
        if not total or offset >= total:
            return [], total
        folded, _marks = queries
        # Snippets are cut in Python, as on SQLite (snippets.py): readable lines only, the
        # phrase marked as a whole.
        rows = (
            documents.annotate(rank=SearchRank(F("vector"), folded))
            .order_by("-rank", "id")
            .values_list("kind", "object_id", "title", "body")
        )[offset : offset + limit]
        words = terms(query)
        hits = [
            Hit(kind, oid, title, render_snippet(snippet(body, words)))
            for kind, oid, title, body in rows
        ]
        return hits, total

    def facets(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        documents, _queries = self._matching(query, kinds, levels, owner_id, filters)
        if documents is None:
            return {}
        sample = documents.order_by().values("id")[: cap + 1]
        rows = (
            SearchDocument.objects.filter(id__in=sample)
            .values("kind")
            .annotate(n=Count("id"))
            .order_by()
        )
        return {row["kind"]: row["n"] for row in rows}

    def facet_counts(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        documents, _queries = self._matching(query, kinds, levels, owner_id, filters)
        if documents is None:
            return {}
        rows = (
            SearchFacet.objects.filter(document__in=documents.order_by().values("id")[:cap])
            .values_list("name", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
        return grouped_counts(rows)
