"""Writes of the capacity map: monthly snapshots, so change over time is visible."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_staff
from capacityhub.exchange.models import MapSnapshot
from capacityhub.exchange.selectors.capacity_map import (
    LEVELS,
    map_aggregate_compute,
)
from capacityhub.exchange.selectors.map_snapshots import snapshot_data
from capacityhub.taxonomy.selectors import taxonomy_tree


def map_snapshot_take(*, actor=None, month: date | None = None) -> tuple[MapSnapshot, bool]:
    """Store the map as it is now under `month` (default: this month); (snapshot, created).

    `actor` None is the system (the monthly management command); anyone else must be staff.
    Taking the same month again replaces its figures, so the command is safe to re-run. The
    map is stored for every visibility level, so a later comparison never shows anyone more
    than they may see now."""
    if actor is not None:
        require_staff(actor)
    this_month = timezone.localdate().replace(day=1)
    month = (month or this_month).replace(day=1)
    if month > this_month:
        raise ValidationError({"month": _("A snapshot cannot be taken for a future month.")})
    tree = taxonomy_tree()
    counts = {level: map_aggregate_compute(level=level, tree=tree) for level in LEVELS}
    data = snapshot_data(counts, timezone.now())
    with transaction.atomic():
        snapshot, created = MapSnapshot.objects.update_or_create(
            month=month, defaults={"data": data}
        )
        audit_log(
            actor=actor,
            action="map_snapshot.take" if created else "map_snapshot.retake",
            target=snapshot,
            changes={"month": month.isoformat(), **_totals(data)},
        )
    return snapshot, created


def _totals(data: dict) -> dict:
    public = data["levels"].get("public", {})
    return {"offers": public.get("offers", 0), "needs": public.get("needs", 0)}
