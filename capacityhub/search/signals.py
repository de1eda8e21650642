"""Model signals that mark changed objects for re-indexing (see indexing.mark_changed).

Users themselves are not watched (every sign-in saves one): deleting an account deletes its
profile, and a deactivated account's profile is left out of results by the selector."""

from django.db.models.signals import post_delete, post_save

from capacityhub.community.models import Organization, Profile
from capacityhub.exchange.models import Need
from capacityhub.taxonomy.models import Capacity, CapacityTranslation

from .indexing import mark_changed


def _marker(kind: str, key: str = "pk"):
    def receiver(sender, instance, **kwargs):
        mark_changed(kind, getattr(instance, key))

    return receiver


RECEIVERS = [
    (Capacity, _marker("capacity")),
    (CapacityTranslation, _marker("capacity", "capacity_id")),
    (Profile, _marker("profile")),
    (Organization, _marker("organization")),
    (Need, _marker("need")),
]


def connect() -> None:
    for model, receiver in RECEIVERS:
        uid = f"search:{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
