"""What can be searched: each kind of object registers how to index and how to show itself.

An app makes its objects searchable by calling `register(SearchKind(...))` from its
AppConfig.ready(): how to load objects by id, the documents of one object (one per audience
where fields have their own visibility), which model saves mean "re-index", and how to turn
hits back into titles and URLs in the reader's language (`locate`, one batch per page).
Documents may carry facet values: `document.facets = [("language", "fr"), ...]`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.db.models.signals import post_delete, post_save


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


def _marker(kind: str, key: str):
    def receiver(sender, instance, **kwargs):
        from .indexing import mark_changed

        object_id = getattr(instance, key)
        if object_id is not None:
            mark_changed(kind, object_id)

    return receiver


def register(kind: SearchKind) -> None:
    KINDS[kind.name] = kind
    for model, key in kind.watch:
        receiver = _marker(kind.name, key)
        uid = f"search:{kind.name}:{model._meta.label}:{key}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid, weak=False)


def labels() -> dict[str, str]:
    return {name: kind.label for name, kind in KINDS.items()}
