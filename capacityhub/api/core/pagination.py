"""Page-number pagination: `page` (from 1) and `page_size` (1..API_MAX_PAGE_SIZE)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(queryset: QuerySet | Sequence, page: int, page_size: int) -> tuple[list, int]:
    """(the items on `page`, the total count). A page past the end is empty, never a 404."""
    page_size = max(1, min(page_size, settings.API_MAX_PAGE_SIZE))
    page = max(1, page)
    count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    start = (page - 1) * page_size
    if start >= count:
        return [], count
    return list(queryset[start : start + page_size]), count


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_out(
    request: HttpRequest, results: list[Any], count: int, page: int, page_size: int
) -> dict[str, Any]:
    """The page envelope every list returns: count, page, page_size, next, previous, results."""
    page_size = max(1, min(page_size, settings.API_MAX_PAGE_SIZE))
    has_next = page * page_size < count
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": _page_url(request, page + 1) if has_next else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "results": results,
    }
