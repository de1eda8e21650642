"""Full-text search behind one interface: SQLite FTS5 by default, PostgreSQL when configured.

`backend().search(query, kinds=…, levels=…, owner_id=…)` returns the hits one viewer may see
and their total; `facets()` counts them per kind. The query is reduced to its words before it
reaches either engine, so no input (quotes, `*`, `NEAR`, brackets, `-`) is ever read as query
syntax. Snippets come back HTML-escaped with only `<mark>` around the matched words.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from capacityhub.taxonomy.models import fold

from .models import SearchDocument

Level = SearchDocument.Level
# Kinds indexed as one document per audience (see SearchDocument); a viewer matches exactly
# one of them, so an object never appears twice.
AUDIENCE_KINDS = ["profile"]
MAX_TERMS = 16
# Engines mark matches with these; they are stripped from indexed text (indexing.clean).
START, STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: SafeString


def terms(query: str) -> list[str]:
    """The words of a query, folded; nothing else of it survives."""
    return _WORD.findall(fold(query or ""))[:MAX_TERMS]


def render_snippet(raw: str | None) -> SafeString:
    """Escape everything, then turn the engine's match markers into <mark> tags."""
    escaped = html.escape(raw or "", quote=True)
    marked = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above; only our own <mark> tags added


def audience(levels) -> str:
    """Which of a profile's documents a viewer with these levels reads (on others' profiles)."""
    if Level.PRIVATE in levels or Level.STAFF in levels:
        return Level.PRIVATE
    return Level.MEMBERS if Level.MEMBERS in levels else Level.PUBLIC


def visible(*, levels, owner_id: int | None) -> Q:
    """Documents a viewer may see: by level, plus their own; for profiles exactly one."""
    owner = owner_id if owner_id is not None else -1
    single = ~Q(kind__in=AUDIENCE_KINDS) & (Q(visibility__in=list(levels)) | Q(owner_id=owner))
    others = Q(visibility=audience(levels)) & ~Q(owner_id=owner)
    own = Q(visibility=Level.PRIVATE, owner_id=owner)
    return single | (Q(kind__in=AUDIENCE_KINDS) & (others | own))


def _documents(kinds, levels, owner_id) -> QuerySet[SearchDocument]:
    documents = SearchDocument.objects.filter(visible(levels=levels, owner_id=owner_id))
    if kinds:
        documents = documents.filter(kind__in=list(kinds))
    return documents


class SearchBackend:
    def search(
        self, query: str, *, kinds=None, levels, owner_id=None, limit: int = 20, offset: int = 0
    ) -> tuple[list[Hit], int]:
        raise NotImplementedError

    def facets(self, query: str, *, levels, owner_id=None) -> dict[str, int]:
        raise NotImplementedError


class SqliteFtsBackend(SearchBackend):
    """FTS5 table `search_fts` (porter stemming, diacritics removed), kept in step with
    SearchDocument by triggers (migration 0002)."""

    def _match(self, query: str) -> str | None:
        words = terms(query)
        return " ".join(f'"{word}"' for word in words) if words else None

    def _visible_sql(self, kinds, levels, owner_id) -> tuple[str, tuple]:
        ids = _documents(kinds, levels, owner_id).values("id")
        sql, params = ids.query.sql_with_params()
        return f"d.id IN ({sql})", params

    def search(self, query, *, kinds=None, levels, owner_id=None, limit=20, offset=0):
        match = self._match(query)
        if match is None:
            return [], 0
        where, params = self._visible_sql(kinds, levels, owner_id)
        base = (
            "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {base}", (match, *params))
            total = cursor.fetchone()[0]
            if not total or offset >= total:
                return [], total
            cursor.execute(
                "SELECT d.kind, d.object_id, d.title, "
                f"snippet(search_fts, -1, char(2), char(3), '…', 24) {base} "
                "ORDER BY bm25(search_fts, 10.0, 1.0), d.id LIMIT %s OFFSET %s",
                (match, *params, limit, offset),
            )
            rows = cursor.fetchall()
        return [Hit(k, oid, title, render_snippet(raw)) for k, oid, title, raw in rows], total

    def facets(self, query, *, levels, owner_id=None):
        match = self._match(query)
        if match is None:
            return {}
        # `where` is SQL compiled by the ORM; every value in it is a parameter.
        where, params = self._visible_sql(None, levels, owner_id)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.kind, COUNT(*) FROM search_fts JOIN search_searchdocument d "  # noqa: S608
                f"ON d.id = search_fts.rowid WHERE search_fts MATCH %s AND {where} "
                "GROUP BY d.kind",
                (match, *params),
            )
            return dict(cursor.fetchall())


class PostgresBackend(SearchBackend):
    """PostgreSQL full-text search, configuration "simple" (the content is multilingual, so
    no stemming), over the folded text so that accents do not matter."""

    def _queries(self, query: str):
        from django.contrib.postgres.search import SearchQuery

        words = terms(query)
        if not words:
            return None, None
        folded = SearchQuery(" ".join(words), config="simple", search_type="plain")
        # Headlines read the original text: mark the words as typed too (with accents).
        typed = _WORD.findall((query or "").casefold())[:MAX_TERMS]
        marks = folded | SearchQuery(" ".join(typed), config="simple", search_type="plain")
        return folded, marks

    def _matching(self, query, kinds, levels, owner_id):
        from django.contrib.postgres.search import SearchVector

        folded, marks = self._queries(query)
        if folded is None:
            return None, None
        documents = _documents(kinds, levels, owner_id).annotate(
            vector=SearchVector("folded", config="simple")
        )
        return documents.filter(vector=folded), (folded, marks)

    def search(self, query, *, kinds=None, levels, owner_id=None, limit=20, offset=0):
        from django.contrib.postgres.search import SearchHeadline, SearchRank

        documents, queries = self._matching(query, kinds, levels, owner_id)
        if documents is None:
            return [], 0
        total = documents.count()
        if not total or offset >= total:
            return [], total
        folded, marks = queries
        options = {"config": "simple", "start_sel": START, "stop_sel": STOP}
        rows = (
            documents.annotate(
                rank=SearchRank(F("vector"), folded),
                body_snippet=SearchHeadline("body", marks, max_words=30, min_words=12, **options),
                title_snippet=SearchHeadline("title", marks, **options),
            )
            .order_by("-rank", "id")
            .values_list("kind", "object_id", "title", "body_snippet", "title_snippet")
        )[offset : offset + limit]
        hits = [
            Hit(kind, oid, title, render_snippet(_best_snippet(body, heading)))
            for kind, oid, title, body, heading in rows
        ]
        return hits, total

    def facets(self, query, *, levels, owner_id=None):
        documents, _queries = self._matching(query, None, levels, owner_id)
        if documents is None:
            return {}
        rows = documents.values("kind").annotate(n=Count("id")).order_by()
        return {row["kind"]: row["n"] for row in rows}


def _best_snippet(body: str | None, title: str | None) -> str:
    """The body's headline when it holds a match, else the title's, else the body's start."""
    body, title = body or "", title or ""
    if START in body or START not in title:
        return body or title
    return title


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SqliteFtsBackend()
