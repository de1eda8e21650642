"""Full-text search behind one interface: SQLite FTS5 by default, PostgreSQL when configured.

`backend().search(query, kinds=…, levels=…, owner_id=…, filters=…)` returns the hits one viewer
may see and their total; `facets()` counts them per kind and `facet_counts()` per facet value
(SearchFacet). `filters` is {facet name: [values]}: values of one facet OR, facets AND.
The query is reduced to its words before it reaches either engine, so no input (quotes, `*`,
`NEAR`, brackets, `-`) is ever read as query syntax. Snippets come back HTML-escaped with only
`<mark>` around the matched words.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat
from django.utils.safestring import SafeString, mark_safe

from capacityhub.taxonomy.models import fold

from .models import SearchDocument, SearchFacet

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


def _documents(kinds, levels, owner_id, filters=None) -> QuerySet[SearchDocument]:
    documents = SearchDocument.objects.filter(visible(levels=levels, owner_id=owner_id))
    if kinds:
        documents = documents.filter(kind__in=list(kinds))
    for name, values in sorted((filters or {}).items()):
        if values:
            # A correlated EXISTS reads the few facet rows of each match by (document, name);
            # `pk IN (…)` would first list every document with the value (thousands), and
            # letting SQLite probe the index once per value (a capacity's 20 descendants)
            # made it five times slower: `value || ''` keeps the value out of the lookup.
            tagged = (
                SearchFacet.objects.filter(document_id=OuterRef("pk"), name=name)
                .annotate(plain=Concat("value", Value(""), output_field=CharField()))
                .filter(plain__in=sorted(set(values)))
            )
            documents = documents.filter(Exists(tagged))
    return documents


def _where(documents: QuerySet) -> tuple[str, tuple]:
    """The WHERE clause the ORM compiles for these documents, on the table's own name, to
    combine with an engine's own match in raw SQL. Every value in it is a parameter."""
    compiler = documents.query.get_compiler(connection=connection)
    sql, params = compiler.compile(documents.query.where)
    return sql or "1 = 1", tuple(params)


def _grouped(rows) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for name, value, n in rows:
        counts.setdefault(name, {})[value] = n
    return counts


class SearchBackend:
    def search(
        self,
        query: str,
        *,
        kinds=None,
        levels,
        owner_id=None,
        filters=None,
        limit: int = 20,
        offset: int = 0,
        total: int | None = None,
    ) -> tuple[list[Hit], int]:
        """One page of hits and their total (counted unless the caller knows it)."""
        raise NotImplementedError

    def facets(
        self, query: str, *, kinds=None, levels, owner_id=None, filters=None, cap: int
    ) -> dict[str, int]:
        """Matching documents per kind, counting at most cap + 1 of them (a word found in
        half the hub is not worth counting exactly on every keystroke)."""
        raise NotImplementedError

    def facet_counts(
        self, query: str, *, kinds=None, levels, owner_id=None, filters=None, cap: int
    ) -> dict[str, dict[str, int]]:
        """{facet name: {value: documents}} over (at most `cap` of) the results as filtered."""
        raise NotImplementedError


class SqliteFtsBackend(SearchBackend):
    """FTS5 table `search_fts` (porter stemming, diacritics removed), kept in step with
    SearchDocument by triggers (migration 0002)."""

    def __init__(self):
        self._wheres: dict = {}

    def _where(self, kinds, levels, owner_id, filters) -> tuple[str, tuple]:
        """The compiled visibility and filter clause, once per combination: one search
        asks for it three times, and building it through the ORM is not free."""
        key = (
            tuple(sorted(kinds or ())),
            tuple(sorted(levels)),
            owner_id,
            tuple(sorted((name, tuple(values)) for name, values in (filters or {}).items())),
        )
        if key not in self._wheres:
            self._wheres[key] = _where(_documents(kinds, levels, owner_id, filters))
        return self._wheres[key]

    def _match(self, query: str) -> str | None:
        words = terms(query)
        return " ".join(f'"{word}"' for word in words) if words else None

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
        match = self._match(query)
        if match is None:
            return [], 0
        where, params = self._where(kinds, levels, owner_id, filters)
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
                rows = self._rows(cursor, match, ids[offset:])
            else:
                cursor.execute(
                    "SELECT search_searchdocument.id, kind, object_id, "
                    "search_searchdocument.title, "
                    f"snippet(search_fts, -1, char(2), char(3), '…', 24) {base} "
                    "ORDER BY bm25(search_fts, 10.0, 1.0), search_searchdocument.id "
                    "LIMIT %s OFFSET %s",
                    (match, *params, limit, offset),
                )
                rows = [row[1:] for row in cursor.fetchall()]
        return [Hit(k, oid, title, render_snippet(raw)) for k, oid, title, raw in rows], total

    # With this many matches, rank the index alone first (see _best_visible).
    FAST_PATH_FROM = 300

    def _best_visible(self, cursor, match, where, params, wanted: int) -> list[int] | None:
        """The `wanted` best-ranked matches the viewer may see, ranking the FTS index alone
        (no join per match) and checking only the best candidates; None when too few of
        them pass, and the caller ranks with the join. Same order as the joined query."""
        size = max(4 * wanted, 200)
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts, 10.0, 1.0), rowid LIMIT %s",
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

    def _rows(self, cursor, match, ids: list[int]) -> list[tuple]:
        """Kind, object, title and snippet of these documents, in this order."""
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT search_fts.rowid, kind, object_id, search_searchdocument.title, "  # noqa: S608
            "snippet(search_fts, -1, char(2), char(3), '…', 24) FROM search_fts "
            "JOIN search_searchdocument ON search_searchdocument.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND search_fts.rowid IN ({marks})",
            (match, *ids),
        )
        found = {row[0]: row[1:] for row in cursor.fetchall()}
        return [found[pk] for pk in ids if pk in found]

    def facets(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        match = self._match(query)
        if match is None:
            return {}
        where, params = self._where(kinds, levels, owner_id, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT kind, COUNT(*) FROM (SELECT search_searchdocument.kind AS kind "  # noqa: S608
                f"{self.JOIN}{where} LIMIT %s) GROUP BY kind",
                (match, *params, cap + 1),
            )
            return dict(cursor.fetchall())

    def facet_counts(self, query, *, kinds=None, levels, owner_id=None, filters=None, cap):
        match = self._match(query)
        if match is None:
            return {}
        where, params = self._where(kinds, levels, owner_id, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT f.name, f.value, COUNT(*) FROM search_searchfacet f "  # noqa: S608
                f"WHERE f.document_id IN (SELECT search_searchdocument.id {self.JOIN}{where} "
                "LIMIT %s) GROUP BY f.name, f.value",
                (match, *params, cap),
            )
            return _grouped(cursor.fetchall())


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
        typed = _WORD.findall((query or "").casefold())[:MAX_TERMS]
        marks = folded | SearchQuery(" ".join(typed), config="simple", search_type="plain")
        return folded, marks

    def _matching(self, query, kinds, levels, owner_id, filters):
        folded, marks = self._queries(query)
        if folded is None:
            return None, None
        documents = _documents(kinds, levels, owner_id, filters).annotate(vector=StoredVector())
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
        from django.contrib.postgres.search import SearchHeadline, SearchRank

        documents, queries = self._matching(query, kinds, levels, owner_id, filters)
        if documents is None:
            return [], 0
        total = documents.count() if total is None else total
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
        return _grouped(rows)


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
