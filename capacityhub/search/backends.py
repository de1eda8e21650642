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
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.safestring import SafeString, mark_safe

from capacityhub.taxonomy.models import fold

from .models import SearchDocument, SearchFacet

__all__ = ["Hit", "SearchBackend", "render_snippet", "terms"]

Level = SearchDocument.Level
# Kinds indexed as one document per audience (see SearchDocument); a viewer matches exactly
# one of them, so an object never appears twice.
AUDIENCE_KINDS = ["profile"]
MAX_TERMS = 16
# Engines mark matches with these; they are stripped from indexed text (indexing.clean).
START, STOP = "\x02", "\x03"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: SafeString


def terms(query: str) -> list[str]:
    """The words of a query, folded; nothing else of it survives."""
    return WORD.findall(fold(query or ""))[:MAX_TERMS]


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


def documents_for(kinds, levels, owner_id, filters=None) -> QuerySet[SearchDocument]:
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


def where_sql(documents: QuerySet) -> tuple[str, tuple]:
    """The WHERE clause the ORM compiles for these documents, on the table's own name, to
    combine with an engine's own match in raw SQL. Every value in it is a parameter."""
    compiler = documents.query.get_compiler(connection=connection)
    sql, params = compiler.compile(documents.query.where)
    return sql or "1 = 1", tuple(params)


def grouped_counts(rows) -> dict[str, dict[str, int]]:
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
