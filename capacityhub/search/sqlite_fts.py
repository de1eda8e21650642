"""SQLite FTS5 search (see backends.py for the interface).

The FTS5 table `search_fts` (porter stemming, diacritics removed) indexes each document's
title, body and facet tokens (facet_tokens.py), kept in step with SearchDocument by triggers
(migrations 0002, 0005). Words match title and body only; facet filters are part of the same
MATCH, so FTS5 intersects them in its index instead of probing SearchFacet per match — except
the broad ones (BROAD), checked by EXISTS on what the MATCH leaves."""

from django.db import connection

from . import facet_tokens
from .backends import Hit, SearchBackend, documents_for, grouped_counts, render_snippet, terms
from .backends import where_sql as compiled_where
from .snippets import snippet

# Facets whose filter is an OR of many values (a capacity with its descendants): an OR of ~20
# tokens costs FTS5 more than checking SearchFacet for the few documents the words and the
# other facets' tokens leave, so these stay EXISTS clauses (benchmarks/RESULTS.md, issue 10).
BROAD = {"capacity"}
# Ranking weights per FTS column: title, body, facet tokens (which say nothing of relevance).
RANK = "bm25(search_fts, 10.0, 1.0, 0.0)"


class SqliteFtsBackend(SearchBackend):
    def __init__(self):
        self._wheres: dict = {}

    def where_sql(self, kinds, levels, owner_id, filters=None) -> tuple[str, tuple]:
        """The compiled visibility clause (and the filters on broad facets), once per
        combination: one search asks for it three times, and building it through the ORM is
        not free."""
        broad = {name: values for name, values in (filters or {}).items() if name in BROAD}
        key = (
            tuple(sorted(kinds or ())),
            tuple(sorted(levels)),
            owner_id,
            tuple(sorted((name, tuple(values)) for name, values in broad.items())),
        )
        if key not in self._wheres:
            self._wheres[key] = compiled_where(documents_for(kinds, levels, owner_id, broad))
        return self._wheres[key]

    @staticmethod
    def _words(query: str) -> str | None:
        """The query's words, matched in title and body only."""
        words = terms(query)
        return "{title body} : (" + " ".join(f'"{w}"' for w in words) + ")" if words else None

    def _match(self, query: str, filters=None) -> str | None:
        words = self._words(query)
        if words is None:
            return None
        narrow = {name: values for name, values in (filters or {}).items() if name not in BROAD}
        chosen = facet_tokens.match(narrow)
        return f"{words} AND {chosen}" if chosen else words

    # The document table is joined by its own name, so the ORM's WHERE clause reads as is.
    JOIN = (
        "FROM search_fts JOIN search_searchdocument "
        "ON search_searchdocument.id = search_fts.rowid WHERE search_fts MATCH %s AND "
    )

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
        match = self._match(query, filters)
        if match is None:
            return [], 0
        where, params = self.where_sql(kinds, levels, owner_id, filters)
        base = f"{self.JOIN}{where}"
        with connection.cursor() as cursor:
            if total is None:
                cursor.execute(f"SELECT COUNT(*) {base}", (match, *params))
                total = cursor.fetchone()[0]
            if not total or offset >= total:
                return [], total
            ids = None
            if total >= self.FAST_PATH_FROM:
                ids = self._best_visible(cursor, match, where, params, offset + limit)
            if ids is not None:
                rows = self._rows(cursor, ids[offset:])
            else:
                # Ranked with the facets; the snippet is cut from the body in Python
                # (snippets.py: readable lines only, the phrase marked as a whole).
                cursor.execute(
                    "SELECT kind, object_id, search_searchdocument.title, "  # noqa: S608
                    f"search_searchdocument.body {base} "
                    f"ORDER BY {RANK}, search_searchdocument.id LIMIT %s OFFSET %s",
                    (match, *params, limit, offset),
                )
                rows = cursor.fetchall()
        words = terms(query)
        hits = [
            Hit(k, oid, title, render_snippet(snippet(body, words))) for k, oid, title, body in rows
        ]
        return hits, total

    # With this many matches, rank the index alone first (see _best_visible).
    FAST_PATH_FROM = 300

    def _best_visible(self, cursor, match, where, params, wanted: int) -> list[int] | None:
        """The `wanted` best-ranked matches the viewer may see, ranking the FTS index alone
        (no join per match) and checking only the best candidates; None when too few of
        them pass, and the caller ranks with the join. Same order as the joined query."""
        size = max(4 * wanted, 200)
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608
            f"ORDER BY {RANK}, rowid LIMIT %s",
            (match, size),
        )
        candidates = [row[0] for row in cursor.fetchall()]
        marks = ", ".join(["%s"] * len(candidates))
        cursor.execute(
            f"SELECT id FROM search_searchdocument WHERE id IN ({marks}) AND {where}",  # noqa: S608
            (*candidates, *params),
        )
        allowed = {row[0] for row in cursor.fetchall()}
        best = [pk for pk in candidates if pk in allowed]
        if len(best) >= wanted or len(candidates) < size:
            return best[:wanted]
        return None

    def _rows(self, cursor, ids: list[int]) -> list[tuple]:
        """Kind, object, title and body of these documents, in this order."""
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT id, kind, object_id, title, body FROM search_searchdocument "  # noqa: S608
            f"WHERE id IN ({marks})",
            ids,
        )
        found = {row[0]: row[1:] for row in cursor.fetchall()}
        return [found[pk] for pk in ids if pk in found]

    def facets(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        match = self._match(query, filters)
        if match is None:
            return {}
        where, params = self.where_sql(kinds, levels, owner_id, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT kind, COUNT(*) FROM (SELECT search_searchdocument.kind AS kind "  # noqa: S608
                f"{self.JOIN}{where} LIMIT %s) GROUP BY kind",
                (match, *params, cap + 1),
            )
            return dict(cursor.fetchall())

    def facet_counts(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        match = self._match(query, filters)
        if match is None:
            return {}
        where, params = self.where_sql(kinds, levels, owner_id, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT f.name, f.value, COUNT(*) FROM search_searchfacet f "  # noqa: S608
                f"WHERE f.document_id IN (SELECT search_searchdocument.id {self.JOIN}{where} "
                "LIMIT %s) GROUP BY f.name, f.value",
                (match, *params, cap),
            )
            return grouped_counts(cursor.fetchall())
