"""Permission checks shared by every service. Services raise; views and the API translate."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_member(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Please sign in first."))


def require_staff(actor) -> None:
    require_member(actor)
    if not actor.is_staff:
        raise PermissionDenied(_("Only Capacity Building Unit staff can do this."))
