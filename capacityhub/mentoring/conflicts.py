"""Mentor pairs as a conflict-of-interest source (integrity.conflicts): a live mentorship, or
one completed in the last 12 months, conflicts the mentor and the mentee about each other."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacityhub.integrity.conflicts import USER, Conflict, Link

from .models import Mentorship

RECENT_DAYS = 365


def mentor_pair_source(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    if not users:
        return []
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    rows = (
        Mentorship.objects.filter(
            Q(status__in=Mentorship.LIVE)
            | Q(status=Mentorship.Status.COMPLETED, ended_at__gte=since)
        )
        .filter(
            Q(mentor_id__in=people, mentee_id__in=users)
            | Q(mentee_id__in=people, mentor_id__in=users)
        )
        .values_list("id", "mentor_id", "mentee_id")
    )
    reason = _("You are (or were recently) mentor and mentee.")
    links = []
    for pk, mentor, mentee in rows:
        conflict = Conflict("mentor", reason, f"mentorship:{pk}")
        for a, b in ((mentor, mentee), (mentee, mentor)):
            if a in people and b in users:
                links.append(Link(a, (USER, b), conflict))
    return links
