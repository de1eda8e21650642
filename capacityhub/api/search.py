"""Search: capacities, people, organizations and needs in one query, as the caller may see them."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from capacityhub.search.registry import KINDS
from capacityhub.search.selectors import search

from .pagination import page_out
from .people import READ
from .schemas import READ_ERRORS, Page, PageQuery, Text

router = Router(tags=["search"])

KindName = Literal[tuple(KINDS)]


class SearchHitOut(Schema):
    kind: str = Field(description="The kind of result, one of those `kind` accepts.")
    id: int
    title: str
    snippet: str = Field(
        description="HTML: the matching passage, escaped, with <mark> around matched words."
    )
    url: str = Field(description="The page of this result on the web.")


class SearchPage(Page[SearchHitOut]):
    facets: dict[str, int] = Field(description="Number of results per kind (before `kind`).")


class SearchQueryIn(PageQuery):
    q: Text(200, min_length=1) = Field(description="Words to find, in any language.")
    kind: list[KindName] | None = Field(None, description="Only these kinds (repeatable).")


@router.get("/search", response={200: SearchPage, **READ_ERRORS}, **READ)
def search_hub(request: HttpRequest, filters: Query[SearchQueryIn]):
    """Full-text search with highlighted snippets; private data only for those who may see it."""
    found = search(
        viewer=request.user,
        query=filters.q,
        kinds=filters.kind,
        page=filters.page,
        page_size=filters.page_size,
    )
    results = [
        {
            "kind": result.kind,
            "id": result.object_id,
            "title": result.title,
            "snippet": str(result.snippet),
            "url": request.build_absolute_uri(result.url),
        }
        for result in found.results
    ]
    body = page_out(request, results, found.total, filters.page, filters.page_size)
    return {**body, "facets": found.facets}
