"""The private address of a person's calendar feed."""

import secrets

from django.db import transaction

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member

from ..models import CalendarFeed


def _token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_reset(*, actor) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    require_member(actor)
    feed, created = CalendarFeed.objects.get_or_create(user=actor, defaults={"token": _token()})
    if not created:
        feed.token = _token()
        feed.save(update_fields=["token", "created_at"])
    audit_log(actor=actor, action="calendar.reset", target=feed)
    return feed
