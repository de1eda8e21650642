"""Every account has a profile: created when the user row is committed. A new password revokes
the person's API tokens."""

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


@receiver(post_save, sender=User, dispatch_uid="community.revoke_tokens_on_new_password")
def revoke_tokens_on_new_password(sender, instance: User, created: bool, **kwargs) -> None:
    """Every way of setting a password (allauth's change, reset and set pages, the admin's
    password form, `changepassword`) calls set_password(), which keeps the raw password in
    `_password` until save() has run. Django's own rehash on login clears it before saving, so a
    hash upgrade does not count as a new password."""
    if created or kwargs.get("raw") or getattr(instance, "_password", None) is None:
        return
    from .services import api_tokens_revoke_all

    api_tokens_revoke_all(user=instance, reason="password_changed")
