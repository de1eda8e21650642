"""Helpers shared by the review services."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member

from ..models import Application, Call
from ..selectors import call_can_manage


def require_call_manager(actor, call: Call) -> None:
    require_member(actor)
    if not call_can_manage(user=actor, call=call):
        raise PermissionDenied(_("Only staff and the managers of the call's organization can."))


def locked_call(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


def locked_application(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("call").get(pk=application.pk)
