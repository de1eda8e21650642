"""Connection pages: my connections, one connection (its thread and actions), inviting a
provider to help with a need, and the inbox of notifications.

Inviting from anywhere (e.g. a need's list of matches) is a link to
    {% url 'web:connection-invite' need.pk %}?provider=<username>
or `?organization=<slug>` or `?offer=<offer id>`; the page asks for the first message.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, re_path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.core.notifications import (
    notification_get,
    notification_list,
    notification_mark_read,
    notification_unread_count,
    notifications_mark_all_read,
)
from capacityhub.exchange.models import Connection
from capacityhub.exchange.selectors.connections import (
    PROVIDER,
    REQUESTER,
    connection_available_actions,
    connection_get,
    connection_list,
    connection_messages,
    connection_sides,
    invitee_resolve,
    need_for_invitation,
)
from capacityhub.exchange.services.connections import (
    connection_accept,
    connection_decline,
    connection_invite,
    connection_mark_done,
    connection_withdraw,
    require_can_invite,
)
from capacityhub.exchange.services.conversation import feedback_leave, message_send
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.exchange.forms_connections import (
    FeedbackForm,
    InboxFilterForm,
    InboxForm,
    InviteForm,
    MessageForm,
)

ACTIONS = {
    "accept": (connection_accept, gettext_lazy("You accepted the invitation.")),
    "decline": (connection_decline, gettext_lazy("You declined the invitation.")),
    "withdraw": (connection_withdraw, gettext_lazy("You withdrew from this connection.")),
    "done": (connection_mark_done, gettext_lazy("You marked this connection done.")),
}


def _connection_or_404(request, pk: int) -> Connection:
    return object_or_404(connection_get, _("No such connection."), viewer=request.user, pk=pk)


# My connections --------------------------------------------------------------------------------


@login_required
def connection_list_view(request):
    side = request.GET.get("side") if request.GET.get("side") in (REQUESTER, PROVIDER) else None
    status = request.GET.get("status")
    status = status if status in Connection.Status.values else None
    connections = connection_list(user=request.user, side=side, status=status)
    page_obj = Paginator(connections, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "connections": page_obj.object_list,
        "side": side,
        "status": status,
        "statuses": Connection.Status.choices,
    }
    return render(request, "web/exchange/connections/list.html", context)


# One connection --------------------------------------------------------------------------------


def _detail(request, connection, message_form=None, feedback_form=None, status=200):
    actions = connection_available_actions(connection=connection, user=request.user)
    sides = connection_sides(connection=connection, user=request.user)
    context = {
        "connection": connection,
        "thread": connection_messages(connection=connection),
        "feedback": connection.feedback.select_related("author__profile"),
        "actions": actions,
        "button_actions": [a for a in ("accept", "decline", "done", "withdraw") if a in actions],
        "is_requester_side": REQUESTER in sides,
        "is_provider_side": PROVIDER in sides,
        "message_form": message_form or MessageForm(),
        "feedback_form": feedback_form or FeedbackForm(),
    }
    return render(request, "web/exchange/connections/detail.html", context, status=status)


@login_required
def connection_detail(request, pk: int):
    return _detail(request, _connection_or_404(request, pk))


@login_required
@require_POST
def connection_action(request, pk: str, action: str):
    connection = _connection_or_404(request, int(pk))
    service, done_message = ACTIONS[action]
    try:
        service(actor=request.user, connection=connection)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect("web:connection-detail", pk=connection.pk)


@login_required
@require_POST
def connection_message(request, pk: int):
    connection = _connection_or_404(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message_send(actor=request.user, connection=connection, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("web:connection-detail", pk=connection.pk)
    return _detail(request, connection, message_form=form)


@login_required
@require_POST
def connection_feedback(request, pk: int):
    connection = _connection_or_404(request, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback_leave(actor=request.user, connection=connection, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("web:connection-detail", pk=connection.pk)
    return _detail(request, connection, feedback_form=form)


# Inviting --------------------------------------------------------------------------------------


def _invitee(values, viewer) -> dict:
    """Whom the query string or the form names (an empty dict when no one it may name)."""
    try:
        return invitee_resolve(
            viewer=viewer,
            provider=values.get("provider"),
            organization=values.get("organization"),
            offer=values.get("offer"),
        )
    except ValidationError:
        return {}


def _invitee_name(invitee: dict) -> str:
    if "offer" in invitee:
        claim = invitee["offer"].claim
        return claim.organization.name if claim.organization_id else claim.profile.display_name
    if "provider" in invitee:
        profile = getattr(invitee["provider"], "profile", None)
        return profile.display_name if profile else invitee["provider"].username
    return invitee["provider_organization"].name


@login_required
@require_http_methods(["GET", "POST"])
def connection_invite_view(request, need_pk: int):
    need = object_or_404(need_for_invitation, _("No such need."), viewer=request.user, pk=need_pk)
    require_can_invite(request.user, need)
    form = InviteForm(request.POST or None, initial=request.GET.dict())
    invitee = _invitee(request.POST if request.method == "POST" else request.GET, request.user)
    if not invitee:
        raise Http404(_("Choose whom to invite from the need's matches."))
    if request.method == "POST" and form.is_valid():
        try:
            connection = connection_invite(
                actor=request.user, need=need, message=form.cleaned_data["message"], **invitee
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your invitation was sent."))
            return redirect("web:connection-detail", pk=connection.pk)
    context = {"form": form, "need": need, "invitee": _invitee_name(invitee)}
    return render(request, "web/exchange/connections/invite.html", context)


# Inbox -----------------------------------------------------------------------------------------


def _safe_next(request, url: str) -> str | None:
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _inbox_post(request):
    form = InboxForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was marked read."))
        return redirect("web:inbox")
    if form.cleaned_data["all"]:
        count = notifications_mark_all_read(actor=request.user)
        messages.success(request, _("All notifications marked read (%d).") % count)
        return redirect("web:inbox")
    if not form.cleaned_data["notification"]:
        return redirect("web:inbox")
    notification = object_or_404(
        notification_get,
        _("No such notification."),
        user=request.user,
        pk=form.cleaned_data["notification"],
    )
    notification_mark_read(actor=request.user, notification=notification)
    target = _safe_next(request, notification.url) if form.cleaned_data["open"] else None
    return redirect(target or "web:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request):
    if request.method == "POST":
        return _inbox_post(request)
    filters = InboxFilterForm(request.GET)
    unread_only = filters.is_valid() and filters.cleaned_data["unread"]
    notifications = notification_list(user=request.user, unread_only=unread_only)
    page_obj = Paginator(notifications, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "notifications": page_obj.object_list,
        "unread_count": notification_unread_count(user=request.user),
        "unread_only": unread_only,
    }
    return render(request, "web/exchange/connections/inbox.html", context)


urlpatterns = [
    path("me/connections/", connection_list_view, name="connection-list"),
    path("connections/<int:pk>/", connection_detail, name="connection-detail"),
    path("connections/<int:pk>/messages/", connection_message, name="connection-message"),
    path("connections/<int:pk>/feedback/", connection_feedback, name="connection-feedback"),
    re_path(
        r"^connections/(?P<pk>[0-9]{1,19})/(?P<action>accept|decline|withdraw|done)/$",
        connection_action,
        name="connection-action",
    ),
    path("needs/<int:need_pk>/invite/", connection_invite_view, name="connection-invite"),
    path("inbox/", inbox, name="inbox"),
]
