"""Connections and the inbox: invite a provider to help with a need, answer, talk, finish,
give feedback; read and clear your notifications.

Every operation needs credentials. A connection is visible to its two sides (the requester
and, for an organization's need, its managers; the provider or the providing organization's
managers) and to staff; to anyone else it does not exist (404).
"""

from django.http import HttpRequest
from ninja import Query, Router, Status

from capacityhub.community.models import Organization, User
from capacityhub.core.notifications import (
    notification_body,
    notification_get,
    notification_list,
    notification_mark_read,
    notification_subject,
    notification_unread_count,
    notifications_mark_all_read,
)
from capacityhub.exchange.models import Connection
from capacityhub.exchange.selectors.connections import (
    connection_available_actions,
    connection_get,
    connection_list,
    connection_messages,
    connection_sides,
    invitee_resolve,
    managed_organization_ids,
    need_for_invitation,
)
from capacityhub.exchange.services import connections as services
from capacityhub.exchange.services import conversation

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    ObjectId,
    PageQuery,
)
from .schemas_connections import (
    ConnectionOut,
    ConnectionPage,
    ConnectionQuery,
    FeedbackIn,
    FeedbackOut,
    InviteIn,
    MarkedOut,
    MessageIn,
    MessageOut,
    MessagePage,
    NotificationOut,
    NotificationPage,
    NotificationQuery,
)

router = Router(tags=["connections"])


# Serializers -----------------------------------------------------------------------------------


def _person(user: User | None) -> dict:
    profile = getattr(user, "profile", None) if user else None
    return {
        "kind": "person",
        "username": user.username if user else None,
        "slug": None,
        "name": profile.display_name if profile else (user.username if user else ""),
    }


def _organization(organization: Organization) -> dict:
    return {
        "kind": "organization",
        "username": None,
        "slug": organization.slug,
        "name": organization.name,
    }


def connection_summary(connection: Connection, sides: list[str]) -> dict:
    need = connection.need
    return {
        "id": connection.pk,
        "need": {"id": need.pk, "title": need.title, "status": need.status},
        "requester": _person(need.requester),
        "requesting_organization": _organization(need.organization) if need.organization else None,
        "provider": _organization(connection.provider_organization)
        if connection.provider_organization_id
        else _person(connection.provider),
        "offer": connection.offer_id,
        "status": connection.status,
        "requester_done": connection.requester_done,
        "provider_done": connection.provider_done,
        "created_at": connection.created_at,
        "updated_at": connection.updated_at,
        "completed_at": connection.completed_at,
        "your_sides": sides,
    }


def connection_out(connection: Connection, user) -> dict:
    sides = sorted(connection_sides(connection=connection, user=user))
    return {
        **connection_summary(connection, sides),
        "actions": connection_available_actions(connection=connection, user=user),
    }


def _list_sides(connection: Connection, user, managed: set[int]) -> list[str]:
    """The caller's sides from what the list already read: no query per row."""
    need = connection.need
    sides = []
    if need.requester_id == user.pk or need.organization_id in managed:
        sides.append("requester")
    if connection.provider_id == user.pk or connection.provider_organization_id in managed:
        sides.append("provider")
    return sides


def message_out(message) -> dict:
    sender = message.sender
    profile = getattr(sender, "profile", None) if sender else None
    return {
        "id": message.pk,
        "sender": sender.username if sender else None,
        "sender_name": profile.display_name if profile else (sender.username if sender else ""),
        "body": message.body,
        "created_at": message.created_at,
    }


def notification_out(notification) -> dict:
    return {
        "id": notification.pk,
        "subject": notification_subject(notification),
        "body": notification_body(notification),
        "url": notification.url,
        "read": notification.read_at is not None,
        "read_at": notification.read_at,
        "created_at": notification.created_at,
    }


def _connection(request: HttpRequest, connection_id: int) -> Connection:
    return connection_get(viewer=request.user, pk=connection_id)


def _invitee(payload: InviteIn, viewer) -> dict:
    return invitee_resolve(
        viewer=viewer,
        provider=payload.provider,
        organization=payload.organization,
        offer=payload.offer,
    )


def _refetch(request: HttpRequest, connection: Connection) -> dict:
    return connection_out(_connection(request, connection.pk), request.user)


# Connections -----------------------------------------------------------------------------------


@router.post(
    "/needs/{need_id}/connections",
    response={201: ConnectionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def invite_to_need(request: HttpRequest, need_id: ObjectId, payload: InviteIn):
    """The requester (or, for an organization's need, its managers) invites one person,
    organization or offer to help; `message` starts the thread. Refused (422) for yourself,
    your own organization, a provider already invited, away or at capacity, or a need that is
    no longer open."""
    need = need_for_invitation(viewer=request.user, pk=need_id)
    services.require_can_invite(request.user, need)
    connection = services.connection_invite(
        actor=request.user, need=need, message=payload.message, **_invitee(payload, request.user)
    )
    return Status(201, _refetch(request, connection))


@router.get("/me/connections", response={200: ConnectionPage, **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_connections(request: HttpRequest, filters: Query[ConnectionQuery]):
    """Connections you take part in, on either side, most recently changed first."""
    connections = connection_list(user=request.user, side=filters.side, status=filters.status)
    items, count = paginate(connections, filters.page, filters.page_size)
    managed = set(managed_organization_ids(request.user))
    results = [connection_summary(c, _list_sides(c, request.user, managed)) for c in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.get(
    "/connections/{connection_id}", response={200: ConnectionOut, **DETAIL_ERRORS}, auth=WRITE_AUTH
)
def get_connection(request: HttpRequest, connection_id: ObjectId):
    """One connection, for its two sides and staff."""
    return connection_out(_connection(request, connection_id), request.user)


def _transition(request: HttpRequest, connection_id: int, service) -> dict:
    connection = service(actor=request.user, connection=_connection(request, connection_id))
    return _refetch(request, connection)


@router.post(
    "/connections/{connection_id}/accept",
    response={200: ConnectionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def accept_connection(request: HttpRequest, connection_id: ObjectId):
    """The provider side accepts an invitation; an open need moves to in progress."""
    return _transition(request, connection_id, services.connection_accept)


@router.post(
    "/connections/{connection_id}/decline",
    response={200: ConnectionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def decline_connection(request: HttpRequest, connection_id: ObjectId):
    """The provider side declines an invitation."""
    return _transition(request, connection_id, services.connection_decline)


@router.post(
    "/connections/{connection_id}/withdraw",
    response={200: ConnectionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def withdraw_connection(request: HttpRequest, connection_id: ObjectId):
    """Either side ends an invited or accepted connection."""
    return _transition(request, connection_id, services.connection_withdraw)


@router.post(
    "/connections/{connection_id}/done",
    response={200: ConnectionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_connection_done(request: HttpRequest, connection_id: ObjectId):
    """Your side says the help happened. Once both sides have, the connection is completed
    and recorded as evidence for both."""
    return _transition(request, connection_id, services.connection_mark_done)


@router.get(
    "/connections/{connection_id}/messages",
    response={200: MessagePage, **DETAIL_ERRORS},
    auth=WRITE_AUTH,
)
def list_connection_messages(
    request: HttpRequest, connection_id: ObjectId, filters: Query[PageQuery]
):
    """The thread, oldest first."""
    connection = _connection(request, connection_id)
    items, count = paginate(
        connection_messages(connection=connection), filters.page, filters.page_size
    )
    results = [message_out(message) for message in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.post(
    "/connections/{connection_id}/messages",
    response={201: MessageOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def send_connection_message(request: HttpRequest, connection_id: ObjectId, payload: MessageIn):
    """Write to the other side; they are notified."""
    message = conversation.message_send(
        actor=request.user, connection=_connection(request, connection_id), body=payload.body
    )
    return Status(201, message_out(message))


@router.post(
    "/connections/{connection_id}/feedback",
    response={201: FeedbackOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def leave_connection_feedback(request: HttpRequest, connection_id: ObjectId, payload: FeedbackIn):
    """After completion, each side rates the help once."""
    feedback = conversation.feedback_leave(
        actor=request.user,
        connection=_connection(request, connection_id),
        rating=payload.rating,
        comment=payload.comment,
    )
    return Status(201, FeedbackOut.from_orm(feedback).model_dump())


# Notifications ---------------------------------------------------------------------------------


@router.get(
    "/me/notifications",
    response={200: NotificationPage, **READ_ERRORS},
    auth=WRITE_AUTH,
    tags=["notifications"],
)
def list_my_notifications(request: HttpRequest, filters: Query[NotificationQuery]):
    """Your inbox, newest first, with the number still unread."""
    notifications = notification_list(user=request.user, unread_only=filters.unread)
    items, count = paginate(notifications, filters.page, filters.page_size)
    results = [notification_out(notification) for notification in items]
    return {
        **page_out(request, results, count, filters.page, filters.page_size),
        "unread_count": notification_unread_count(user=request.user),
    }


@router.post(
    "/me/notifications/read-all",
    response={200: MarkedOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    tags=["notifications"],
)
def mark_all_my_notifications_read(request: HttpRequest):
    return {"marked": notifications_mark_all_read(actor=request.user)}


@router.post(
    "/me/notifications/{notification_id}/read",
    response={200: NotificationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
    tags=["notifications"],
)
def mark_my_notification_read(request: HttpRequest, notification_id: ObjectId):
    notification = notification_get(user=request.user, pk=notification_id)
    return notification_out(notification_mark_read(actor=request.user, notification=notification))
