"""The one search over every registered kind (registry.py), as one viewer may see it."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .backends import Hit, backend
from .models import SearchDocument
from .registry import KINDS

Level = SearchDocument.Level
MAX_PAGE_SIZE = 100


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
    facets: dict[str, int] = field(default_factory=dict)


def viewer_levels(viewer) -> set[str]:
    """Anonymous: public; members: public and members-only; staff: everything."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return {Level.PUBLIC}
    if viewer.is_staff:
        return set(Level.values)
    return {Level.PUBLIC, Level.MEMBERS}


def search(*, viewer, query: str, kinds=None, page: int = 1, page_size: int = 20) -> SearchResults:
    """Hits on one page with their URLs, the total, and counts per kind for the facets.
    A fixed number of queries whatever the page size (at most five)."""
    kinds = [kind for kind in (kinds or []) if kind in KINDS] or None
    page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
    levels = viewer_levels(viewer)
    owner_id = viewer.pk if levels != {Level.PUBLIC} else None
    engine = backend()
    facets = engine.facets(query, levels=levels, owner_id=owner_id)
    total = sum(n for kind, n in facets.items() if kinds is None or kind in kinds)
    hits: list[Hit] = []
    if total and (page - 1) * page_size < total:
        hits, total = engine.search(
            query,
            kinds=kinds,
            levels=levels,
            owner_id=owner_id,
            limit=page_size,
            offset=(page - 1) * page_size,
        )
    return SearchResults(query, _results(hits), total, page, page_size, facets)


def _results(hits: list[Hit]) -> list[Result]:
    """Titles in the reader's language and URLs: one batch per kind on the page. An object
    deleted since it was indexed is left out."""
    language = (get_language() or "en").split("-")[0]
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
