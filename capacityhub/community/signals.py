"""Every account has a profile: created when the user row is committed."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User


@receiver(post_save, sender=User, dispatch_uid="community.ensure_profile")
def ensure_profile(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    """A new user gets a profile. Runs after commit (a side effect, as in the services), so
    code that creates the user and its profile in one transaction keeps its own values.
    Bulk inserts (the demo data) send no signal and create their profiles themselves."""
    if not created or raw:
        return
    user_id = instance.pk
    transaction.on_commit(lambda: _ensure(user_id), using=kwargs.get("using"))


def _ensure(user_id: int) -> None:
    from .services import profile_ensure

    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        profile_ensure(user=user)
