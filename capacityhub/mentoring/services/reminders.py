"""Reminders for pairs silent for four weeks (run daily: `manage.py remind_silent_mentorships`)."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from capacityhub.core.notifications import notify

from ..models import Mentorship

SILENT_DAYS = 28
SILENT_SUBJECT = gettext_lazy("Your mentorship has been quiet for four weeks")
SILENT_BODY = gettext_lazy(
    "Plan a meeting, log it, or end the mentorship if it has run its course."
)


@transaction.atomic
def remind_silent(*, now: dt.datetime | None = None) -> int:
    """Notify both sides of each accepted or active pair with no activity (accepted, meeting)
    for 28 days and no reminder since; returns how many pairs were reminded."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=SILENT_DAYS)
    silent = (
        Mentorship.objects.select_for_update(of=("self",))
        .filter(status__in=[Mentorship.Status.ACCEPTED, Mentorship.Status.ACTIVE])
        .filter(
            Q(last_activity_at__lt=cutoff) | Q(last_activity_at__isnull=True, created_at__lt=cutoff)
        )
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff))
        .select_related("mentor", "mentee")
    )
    count = 0
    for mentorship in silent:
        url = mentorship.get_absolute_url()
        for person in (mentorship.mentor, mentorship.mentee):
            notify(recipient=person, subject=SILENT_SUBJECT, body=SILENT_BODY, url=url)
        mentorship.reminded_at = now
        mentorship.save(update_fields=["reminded_at"])
        count += 1
    return count
