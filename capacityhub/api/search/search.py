"""Search: every registered kind in one query, as the caller may see it, with facets."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from capacityhub.search.facets import FACETS
from capacityhub.search.registry import KINDS
from capacityhub.search.selectors import search

from ..core.pagination import page_out
from ..core.schemas import READ, READ_ERRORS, Page, PageQuery, Text

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


class FacetValueOut(Schema):
    value: str = Field(description="What to pass back as this facet's query parameter.")
    label: str = Field(description="The value's name in the request's language.")
    count: int = Field(description="Results (as filtered) carrying this value.")
    selected: bool = Field(description="Whether the request filters on this value.")


class SearchPage(Page[SearchHitOut]):
    facets: dict[str, int] = Field(description="Number of results per kind (before `kind`).")
    more: bool = Field(
        description="True when more results exist than `count`: counting stops at 1,000."
    )
    facet_values: dict[str, list[FacetValueOut]] = Field(
        description="Per facet (capacity, language, type, region): the most frequent values "
        "among the results, and every selected one."
    )


FacetParam = list[Text(64, min_length=1)] | None


class SearchQueryIn(PageQuery):
    q: Text(200, min_length=1) = Field(description="Words to find, in any language.")
    kind: list[KindName] | None = Field(None, description="Only these kinds (repeatable).")
    capacity: FacetParam = Field(
        None, description="Capacity codes (repeatable); each matches its descendants too."
    )
    language: FacetParam = Field(None, description="Language codes, e.g. `fr` (repeatable).")
    type: FacetParam = Field(None, description="Types of resource, e.g. `guide` (repeatable).")
    region: FacetParam = Field(None, description="Wikimedia region codes (repeatable).")


@router.get("/search", response={200: SearchPage, **READ_ERRORS}, **READ)
def search_hub(request: HttpRequest, filters: Query[SearchQueryIn]):
    """Full-text search with highlighted snippets; private data only for those who may see it."""
    found = search(
        viewer=request.user,
        query=filters.q,
        kinds=filters.kind,
        filters={name: getattr(filters, name) for name in FACETS},
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
    values = {
        name: [vars(value) for value in found.facet_values[name]] for name in found.facet_values
    }
    return {**body, "facets": found.facets, "facet_values": values, "more": found.capped}
