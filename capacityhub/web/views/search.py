"""The search page: one box for capacities, people, organizations and needs."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from capacityhub.search.registry import labels
from capacityhub.search.selectors import search
from capacityhub.web.forms.search import SearchForm


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
    found = page_obj = None
    if query:
        number = _page_number(request.GET.get("page"))
        found = search(
            viewer=request.user,
            query=query,
            kinds=kinds,
            page=number,
            page_size=settings.PAGE_SIZE,
        )
        paginator = Paginator(_Found(found.results, found.total), settings.PAGE_SIZE)
        if found.results:
            page_obj = paginator.page(number)
    counts = found.facets if found else {}
    facets = [(kind, label, counts.get(kind, 0)) for kind, label in labels().items()]
    return render(
        request,
        "web/search/results.html",
        {"form": form, "query": query, "found": found, "page_obj": page_obj, "facets": facets},
    )


urlpatterns = [path("search/", search_page, name="search")]
