"""Counts for an organizer's dashboard: their organizations' coming events and registrations."""

from django.db.models import Count, Q
from django.utils import timezone

from ..models import Event, Registration


def organization_event_counts(*, organization_ids: list[int]) -> dict[int, dict[str, int]]:
    """{organization id: {upcoming_events, registrations, waitlisted}} for events not yet
    ended, in one query."""
    counts = {
        pk: {"upcoming_events": 0, "registrations": 0, "waitlisted": 0} for pk in organization_ids
    }
    if not organization_ids:
        return counts
    rows = (
        Event.objects.filter(
            organization_id__in=organization_ids,
            ends_at__gte=timezone.now(),
            cancelled_at__isnull=True,
        )
        .values("organization_id")
        .annotate(
            events=Count("id", distinct=True),
            confirmed=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
        )
    )
    for row in rows:
        counts[row["organization_id"]] = {
            "upcoming_events": row["events"],
            "registrations": row["confirmed"],
            "waitlisted": row["waiting"],
        }
    return counts
