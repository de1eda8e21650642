"""Objects named in a URL: one lookup for every page."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from capacityhub.core.validation import MAX_ID

T = TypeVar("T")


def object_or_404(get: Callable[..., T], message: str, /, **lookup) -> T:
    """`get(**lookup)` (a selector that applies visibility), or a 404 saying `message` when
    there is no such object for this viewer, or the id is too large to be a database key."""
    too_large = any(type(v) is int and v > MAX_ID for v in lookup.values())
    if too_large:
        raise Http404(message)
    try:
        return get(**lookup)
    except ObjectDoesNotExist:
        raise Http404(message) from None
