"""Talking in a connection's thread, and the feedback each side leaves once it is completed."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log

from ..models import Connection, Feedback, Message
from ..selectors.connections import PROVIDER, REQUESTER, side_user_ids
from .connection_rules import (
    ALREADY,
    Status,
    clean_text,
    lock_connection,
    notify_side,
    require_side,
    require_status,
)

MESSAGE_MAX = Message._meta.get_field("body").max_length
COMMENT_MAX = Feedback._meta.get_field("comment").max_length


@transaction.atomic
def message_send(*, actor, connection: Connection, body: str) -> Message:
    """Either side writes in the thread (not once it was declined or withdrawn)."""
    sides = require_side(actor, connection)
    if connection.status in (Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError({"body": str(ALREADY[connection.status])})
    body = clean_text(body, "body", MESSAGE_MAX)
    message = Message.objects.create(connection=connection, sender=actor, body=body)
    Connection.objects.filter(pk=connection.pk).update(updated_at=message.created_at)
    other = PROVIDER if REQUESTER in sides else REQUESTER
    notify_side(
        connection,
        other,
        actor,
        gettext_lazy("New message from %(name)s about “%(need)s”"),
        gettext_lazy("%(name)s wrote:\n\n%(message)s"),
        message=body,
    )
    return message


@transaction.atomic
def feedback_leave(*, actor, connection: Connection, rating: int, comment: str = "") -> Feedback:
    """After completion, each side rates the help once (1 to 5) with an optional comment. The
    connection's row lock makes "once per side" hold when two managers of one organization
    rate at the same moment."""
    sides = require_side(actor, connection)
    lock_connection(connection)
    require_status(connection, Status.COMPLETED)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    comment = clean_text(comment, "comment", COMMENT_MAX, required=False)
    side = REQUESTER if REQUESTER in sides else PROVIDER
    authors = side_user_ids(connection=connection, side=side)
    if Feedback.objects.filter(connection=connection, author_id__in=authors).exists():
        raise ValidationError({"rating": _("Your side has already left feedback.")})
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                connection=connection, author=actor, rating=rating, comment=comment
            )
    except IntegrityError:
        raise ValidationError({"rating": _("Your side has already left feedback.")}) from None
    audit_log(
        actor=actor,
        action="connection.feedback",
        target=connection,
        changes={"side": side, "rating": rating},
    )
    other = PROVIDER if side == REQUESTER else REQUESTER
    notify_side(
        connection,
        other,
        actor,
        gettext_lazy("%(name)s left feedback on the connection for “%(need)s”"),
    )
    return feedback
