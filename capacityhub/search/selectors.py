"""The one search over every registered kind (registry.py), as one viewer may see it."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .backends import Hit
from .catalog import KINDS
from .engines import backend
from .facets import FacetValue, clean_filters, labelled, stored_filters
from .models import SearchDocument

Level = SearchDocument.Level
MAX_PAGE_SIZE = 100
# Results counted (in all and per facet value) at most: beyond, "more than 1,000" is all a
# reader needs, and counting a word found in half the hub costs more than ranking it.
COUNT_CAP = 1000


@dataclass(frozen=True)
class Result:
    kind: str
    object_id: int
    title: str
    snippet: SafeString
    url: str


@dataclass
class SearchResults:
    query: str
    results: list[Result]
    total: int
    page: int
    page_size: int
    facets: dict[str, int] = field(default_factory=dict)  # results per kind
    # The other facets: top values with their counts, chosen ones first-class.
    facet_values: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)  # the chosen values
    # More than COUNT_CAP results: the total is COUNT_CAP and counts cover that many of them.
    capped: bool = False


def viewer_levels(viewer) -> set[str]:
    """Anonymous: public; members: public and members-only; staff: everything."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return {Level.PUBLIC}
    if viewer.is_staff:
        return set(Level.values)
    return {Level.PUBLIC, Level.MEMBERS}


def search(
    *,
    viewer,
    query: str,
    kinds=None,
    filters: Mapping[str, Iterable[str]] | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchResults:
    """Hits on one page with their URLs, the total, counts per kind and per facet value.

    `filters` holds readers' values ({"capacity": [code], "language": [code], "type": [...],
    "region": [code]}; a capacity matches its descendants too); an unknown value raises
    ValidationError naming its facet. A fixed number of queries whatever the page size:
    counts per kind, per facet value, the hits (one query; three for words found in many
    documents, see SqliteFtsBackend._best_visible), then one per kind shown (and the
    taxonomy's labels, cached)."""
    kinds = [kind for kind in (kinds or []) if kind in KINDS] or None
    chosen = clean_filters(filters, strict=True)
    stored = stored_filters(chosen)
    page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
    levels = viewer_levels(viewer)
    scope = {"levels": levels, "owner_id": viewer.pk if levels != {Level.PUBLIC} else None}
    scope.update(filters=stored, cap=COUNT_CAP)
    engine = backend()
    facets, total = _count(engine, query, kinds, scope)
    hits: list[Hit] = []
    counts: dict = {}
    if total:
        counts = engine.facet_counts(query, kinds=kinds, **scope)
    offset, shown = (page - 1) * page_size, min(total, COUNT_CAP)
    if offset < shown:
        del scope["cap"]
        hits, _total = engine.search(
            query,
            kinds=kinds,
            limit=min(page_size, shown - offset),
            offset=offset,
            total=shown,
            **scope,
        )
    values = labelled(counts, chosen, _language())
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    return SearchResults(
        query, _results(hits), total, page, page_size, facets, values, chosen, capped
    )


def _count(engine, query: str, kinds, scope: dict) -> tuple[dict[str, int], int]:
    """Counts per kind, and the total of the chosen kinds (COUNT_CAP + 1 = "more")."""
    facets = engine.facets(query, **scope)
    if kinds and sum(facets.values()) > COUNT_CAP:
        # The sample may hold few of the chosen kinds: count them apart.
        return facets, sum(engine.facets(query, kinds=kinds, **scope).values())
    return facets, sum(n for kind, n in facets.items() if kinds is None or kind in kinds)


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _results(hits: list[Hit]) -> list[Result]:
    """Titles in the reader's language and URLs: one batch per kind on the page. An object
    deleted since it was indexed is left out."""
    language = _language()
    ids: dict[str, list[int]] = {}
    for hit in hits:
        ids.setdefault(hit.kind, []).append(hit.object_id)
    located = {kind: KINDS[kind].locate(kind_ids, language) for kind, kind_ids in ids.items()}
    results = []
    for hit in hits:
        if hit.object_id in located[hit.kind]:
            title, url = located[hit.kind][hit.object_id]
            results.append(Result(hit.kind, hit.object_id, title, hit.snippet, url))
    return results
