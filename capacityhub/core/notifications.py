"""Notifications: the in-hub inbox, with an e-mail copy sent after the transaction commits.

Any module tells a person something with `notify()`. The subject and body are rendered in the
recipient's own language (User.preferred_language, else settings.LANGUAGE_CODE), so callers
pass translatable lazy strings (gettext_lazy) and, separately, the values to interpolate:

    notify(
        recipient=provider,
        subject=gettext_lazy("%(name)s invites you to help with “%(need)s”"),
        context={"name": requester_name, "need": need.title},
        url=connection.get_absolute_url(),
    )

Notifications are stored as data: the message's source text (the msgid of a gettext_lazy
string) and its values, so each time one is shown (`notification_subject()`,
`notification_body()`) it is translated into the reader's language of the moment: a
notification sent while English was active reads in Arabic to a reader who now uses Arabic.
Plain strings (a curator's note) are stored as they are and shown as written. The rendered
text in the recipient's language is kept too, for the e-mail and for rows stored before.

The e-mail is queued with `transaction.on_commit`, so a rolled-back action never e-mails
anyone. Sending never raises: a failure is logged and the notification stays in the inbox
with `emailed_at` empty.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .models import Notification
from .permissions import require_member

logger = logging.getLogger(__name__)

SUBJECT_MAX = Notification._meta.get_field("subject").max_length
BODY_MAX = Notification._meta.get_field("body").max_length
URL_MAX = Notification._meta.get_field("url").max_length


def recipient_language(recipient) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    preferred = getattr(recipient, "preferred_language", "") or ""
    return preferred if preferred in supported else settings.LANGUAGE_CODE


def _render(text: Any, context: Mapping[str, Any] | None) -> str:
    # str() of a lazy string translates it into the active (the recipient's) language.
    rendered = str(text)
    if context and isinstance(text, Promise):  # plain text (a person's note) is not a format
        rendered = rendered % {key: str(value) for key, value in context.items()}
    return rendered


def message_key(text: Any) -> str:
    """The msgid behind a gettext_lazy string, or "" for plain text (stored as written).

    A lazy string is recognised as a translation by rendering it with no language active:
    gettext then returns its msgid unchanged (a reverse_lazy() would not)."""
    if not isinstance(text, Promise):
        return ""
    args = getattr(text, "_args", ())
    if len(args) != 1 or not isinstance(args[0], str):
        return ""
    with translation.override(None):
        return args[0] if str(text) == args[0] else ""


def _params(context: Mapping[str, Any] | None) -> dict[str, str]:
    return {key: str(value) for key, value in (context or {}).items()}


def _shown(key: str, params: Mapping[str, str], stored: str, limit: int, isolate: bool) -> str:
    if not key:
        return stored
    if isolate:  # a name or title in another script keeps its own direction (FSI … PDI)
        params = {name: f"\u2068{value}\u2069" for name, value in params.items()}
    try:
        return _shorten(_(key) % params if params else _(key), limit)
    except (KeyError, ValueError, TypeError):  # a msgid whose placeholders changed since
        return stored


def notification_subject(notification: Notification, *, isolate: bool = False) -> str:
    """The subject in the active (the reader's) language; `isolate` wraps each value in
    Unicode first-strong isolates for display next to text in another direction."""
    n = notification
    return " ".join(_shown(n.subject_key, n.params, n.subject, SUBJECT_MAX, isolate).split())


def notification_body(notification: Notification, *, isolate: bool = False) -> str:
    """The body in the active (the reader's) language."""
    n = notification
    return _shown(n.body_key, n.params, n.body, BODY_MAX, isolate)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify(
    *,
    recipient,
    subject: Any,
    body: Any = "",
    url: str = "",
    context: Mapping[str, Any] | None = None,
) -> Notification:
    """Put a notification in `recipient`'s inbox and e-mail a copy after commit.

    `subject` and `body` may be lazy translatable strings with %(name)s placeholders filled
    from `context`; both are rendered in the recipient's language."""
    with translation.override(recipient_language(recipient)):
        rendered_subject = _render(subject, context)
        rendered_body = _render(body, context) if body else ""
    notification = Notification.objects.create(
        recipient=recipient,
        subject=_shorten(" ".join(rendered_subject.split()), SUBJECT_MAX),
        body=_shorten(rendered_body, BODY_MAX),
        subject_key=message_key(subject),
        body_key=message_key(body) if body else "",
        params=_params(context),
        url=url[:URL_MAX],
    )
    if recipient.is_active and recipient.email:
        transaction.on_commit(lambda: _send_email(notification, recipient))
    return notification


def _email_text(notification: Notification, recipient) -> str:
    parts = [notification.body] if notification.body else []
    if notification.url:
        parts.append(settings.SITE_URL.rstrip("/") + notification.url)
    with translation.override(recipient_language(recipient)):
        parts.append(_("You can read all your notifications in your inbox on Capacity Hub."))
    return "\n\n".join(parts)


def _send_email(notification: Notification, recipient) -> None:
    try:
        send_mail(
            subject=notification.subject,
            message=_email_text(notification, recipient),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient.email],
        )
    except Exception:  # a broken mail server must never break the action that notified
        logger.exception("Could not e-mail notification %s", notification.pk)
        return
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
    notification.emailed_at = now


# Writes ----------------------------------------------------------------------------------------


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one of your own notifications read (reading it twice keeps the first time)."""
    require_member(actor)
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of yours read; returns how many were unread."""
    require_member(actor)
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Reads -----------------------------------------------------------------------------------------


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox, newest first. Anonymous users have none."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_get(*, user, pk: int) -> Notification:
    """One of the user's own notifications; anyone else's is Notification.DoesNotExist."""
    return notification_list(user=user).get(pk=pk)
