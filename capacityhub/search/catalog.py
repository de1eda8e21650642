"""What can be searched: the kinds registered so far (see registry.py for how to register).

A kind says how to load objects by id, the documents of one object (one per audience where
fields have their own visibility), which model saves mean "re-index", and how to turn hits
back into titles and URLs in the reader's language (`locate`, one batch per page). Documents
may carry facet values: `document.facets = [("language", "fr"), ...]`.

This module imports nothing else from search, so indexing (which reads the kinds) and the
registry (whose signals call indexing) sit on top of it without a circle.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str  # lazy translation: the facet's and the result's name
    load: Callable[[list[int]], Iterable[Model]]
    documents: Callable[[Model], list]
    # (object ids on this page, language) -> {object id: (title, url)}; ids left out are gone.
    locate: Callable[[list[int], str], dict[int, tuple[str, str]]]
    # Saving or deleting one of these re-indexes the object named by the attribute.
    watch: tuple[tuple[type[Model], str], ...] = field(default_factory=tuple)
    model: type[Model] | None = None  # all objects, for search_reindex (default: load's model)


KINDS: dict[str, SearchKind] = {}


def labels() -> dict[str, str]:
    return {name: kind.label for name, kind in KINDS.items()}
