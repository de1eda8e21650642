"""The search page: one box for every registered kind, with facets that work without JS."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from capacityhub.search.facets import FACETS, clean_filters
from capacityhub.search.registry import labels
from capacityhub.search.selectors import search
from capacityhub.web.search.forms_search import SearchForm


class _Found:
    """The hits of one page posing as the whole result list, so Paginator can number pages."""

    def __init__(self, results, total: int):
        self.results, self.total = results, total

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice):
        return self.results


def _page_number(value) -> int:
    try:
        return max(1, min(int(value), 1_000_000))
    except (TypeError, ValueError):
        return 1


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    form.is_valid()  # a field that does not validate is left out, the rest still searches
    query = form.cleaned_data.get("q", "").strip()
    kinds = form.cleaned_data.get("kind", [])
    # Values that are not (or no longer) known are dropped, never an error page.
    chosen = clean_filters({name: request.GET.getlist(name) for name in FACETS}, strict=False)
    found = page_obj = None
    if query:
        number = _page_number(request.GET.get("page"))
        found = search(
            viewer=request.user,
            query=query,
            kinds=kinds,
            filters=chosen,
            page=number,
            page_size=settings.PAGE_SIZE,
        )
        paginator = Paginator(_Found(found.results, found.total), settings.PAGE_SIZE)
        if found.results:
            page_obj = paginator.page(number)
    counts = found.facets if found else {}
    facets = [(kind, label, counts.get(kind, 0)) for kind, label in labels().items()]
    context = {
        "form": form,
        "query": query,
        "found": found,
        "page_obj": page_obj,
        "facets": facets,
        "facet_groups": _facet_groups(found),
        "active": _active_filters(request, found, query, kinds, chosen),
    }
    return render(request, "web/search/results.html", context)


def _facet_groups(found) -> list[tuple[str, str, list]]:
    if not found:
        return []
    return [
        (name, FACETS[name], found.facet_values[name])
        for name in FACETS
        if name in found.facet_values
    ]


def _active_filters(request, found, query, kinds, chosen) -> list[tuple[str, str]]:
    """(label, URL of this search without that value) for every chosen facet value."""
    if not found:
        return []
    labels_by_value = {
        (name, value.value): value.label
        for name, values in found.facet_values.items()
        for value in values
    }
    active = []
    for name, values in chosen.items():
        for value in values:
            rest = [(n, v) for n, vs in chosen.items() for v in vs if (n, v) != (name, value)]
            params = [("q", query), *(("kind", kind) for kind in kinds), *rest]
            label = f"{FACETS[name]}: {labels_by_value.get((name, value), value)}"
            active.append((label, f"{request.path}?{urlencode(params)}"))
    return active


urlpatterns = [path("search/", search_page, name="search")]
