"""Keeps SearchDocument in step with every registered kind (see catalog.py, registry.py).

Signals only mark what changed; the marked objects are re-indexed together once the
transaction commits (a few queries per kind, however many rows a service touched). Bulk
writes that skip signals are put right by `manage.py search_reindex`.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from capacityhub.taxonomy.models import fold

from . import facet_tokens
from .catalog import KINDS
from .models import SearchDocument, SearchFacet

Level = SearchDocument.Level
BATCH = 500


def clean(text: str) -> str:
    # The engines' match markers and NUL must never come from the content itself.
    return (text or "").translate({0: None, 2: None, 3: None})


def document(kind: str, object_id: int, title: str, parts: Iterable[str], **fields):
    title = clean(title)[:300]
    body = clean("\n".join(part for part in parts if part))
    folded = fold(f"{title}\n{body}")
    return SearchDocument(
        kind=kind, object_id=object_id, title=title, body=body, folded=folded, **fields
    )


def facet_rows(documents: Iterable[SearchDocument]) -> list[SearchFacet]:
    """The saved documents' `facets` attribute ([(name, value), ...]) as rows, without
    duplicates or empty values; values longer than the column are not facets."""
    rows = []
    for doc in documents:
        seen = set()
        for name, value in getattr(doc, "facets", None) or ():
            value = str(value or "")
            if facet_tokens.is_facet(name, value) and (name, value) not in seen:
                seen.add((name, value))
                rows.append(SearchFacet(document_id=doc.pk, name=name, value=value))
    return rows


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Replace the documents of these objects (removing those of objects that are gone)."""
    ids = list(ids)
    source = KINDS[kind]
    documents = [doc for obj in source.load(ids) for doc in source.documents(obj)]
    for doc in documents:
        doc.facet_tokens = facet_tokens.tokens(getattr(doc, "facets", None) or ())
    with transaction.atomic():
        stale = SearchDocument.objects.filter(kind=kind, object_id__in=ids)
        SearchFacet.objects.filter(document__in=stale).delete()
        stale.delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
        SearchFacet.objects.bulk_create(facet_rows(documents), batch_size=BATCH * 4)


def reindex_all() -> int:
    """Rebuild the whole index; returns the number of documents."""
    with transaction.atomic():
        SearchFacet.objects.all().delete()
        SearchDocument.objects.all().delete()
        for kind, source in KINDS.items():
            model = source.model or source.load([]).model
            ids = list(model.objects.values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                reindex(kind, ids[start : start + BATCH])
    return SearchDocument.objects.count()


# Marking changes: flushed once per transaction, on commit.


def _pending(connection) -> set:
    return connection.__dict__.setdefault("_search_pending", set())


def flush() -> None:
    connection = transaction.get_connection()
    pending, connection._search_pending = _pending(connection), set()
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, pk in pending:
        by_kind[kind].add(pk)
    for kind, ids in by_kind.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), BATCH):  # an import may touch thousands
            reindex(kind, ordered[start : start + BATCH])


def mark_changed(kind: str, pk: int) -> None:
    """Re-index this object when the transaction commits."""
    connection = transaction.get_connection()
    pending = _pending(connection)
    was_empty = not pending
    pending.add((kind, pk))
    # Django replaces its list of commit hooks whenever a rollback drops some: then our
    # marks may have lost their callback, so register it again (a spare flush does nothing).
    if was_empty or connection.__dict__.get("_search_hooks") is not connection.run_on_commit:
        transaction.on_commit(flush, robust=True)
        connection._search_hooks = connection.run_on_commit
