"""Counts for an organizer's dashboard: their organizations' needs and connections."""

from django.db.models import Count, Q

from ..models import Connection, Need
from .needs import ACTIVE

CONNECTION_OPEN = [Connection.Status.INVITED, Connection.Status.ACCEPTED]


def organization_exchange_counts(*, organization_ids: list[int]) -> dict[int, dict[str, int]]:
    """{organization id: {open_needs, invitations, active_connections}} in two queries.

    Callers pass the organizations the viewer manages, who see all of their needs."""
    counts = {
        pk: {"open_needs": 0, "invitations": 0, "active_connections": 0} for pk in organization_ids
    }
    if not organization_ids:
        return counts
    needs = (
        Need.objects.filter(organization_id__in=organization_ids, status__in=ACTIVE)
        .values("organization_id")
        .annotate(n=Count("id"))
    )
    for row in needs:
        counts[row["organization_id"]]["open_needs"] = row["n"]
    connections = (
        Connection.objects.filter(need__organization_id__in=organization_ids)
        .values("need__organization_id")
        .annotate(
            invitations=Count("id", filter=Q(status=Connection.Status.INVITED)),
            active=Count("id", filter=Q(status=Connection.Status.ACCEPTED)),
        )
    )
    for row in connections:
        counts[row["need__organization_id"]]["invitations"] = row["invitations"]
        counts[row["need__organization_id"]]["active_connections"] = row["active"]
    return counts
