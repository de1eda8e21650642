"""How an app makes its objects searchable: `register(SearchKind(...))` from its
AppConfig.ready() (decision 0013). The kinds themselves are kept in catalog.py; saving or
deleting a watched model marks its object for re-indexing when the transaction commits."""

from django.db.models.signals import post_delete, post_save

from .catalog import KINDS, SearchKind, labels
from .indexing import mark_changed

__all__ = ["KINDS", "SearchKind", "labels", "register"]


def _marker(kind: str, key: str):
    def receiver(sender, instance, **kwargs):
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
