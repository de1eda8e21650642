"""The measure registry: named figures computed from hub data over a period, which the annual
plan's targets are measured with. Built-in measures are registered here; other apps (the
evaluation's indicators) add theirs with `register(Measure(...))` from AppConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Compute = Callable[[dt.datetime, dt.datetime], int]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    compute: Compute  # (start, end) → a whole number; at most a few queries


_MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    """Add (or replace, by key) a measure."""
    _MEASURES[measure.key] = measure


def measures() -> list[Measure]:
    return list(_MEASURES.values())


def measure_get(key: str) -> Measure | None:
    return _MEASURES.get(key)


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = dt.UTC
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def measure_value(key: str, year: int) -> int | None:
    """The measure's value over the calendar year (UTC), up to now; None when unknown."""
    measure = _MEASURES.get(key)
    if measure is None:
        return None
    start, end = year_bounds(year)
    return measure.compute(start, min(end, max(start, timezone.now())))


def _courses_completed(start, end) -> int:
    from capacityhub.learning.models import Enrolment

    return Enrolment.objects.filter(completed_at__gte=start, completed_at__lt=end).count()


def _connections_completed(start, end) -> int:
    from capacityhub.exchange.models import Connection

    return Connection.objects.filter(
        status="completed", completed_at__gte=start, completed_at__lt=end
    ).count()


def _events_held(start, end) -> int:
    from capacityhub.events.models import Event

    return Event.objects.filter(
        cancelled_at__isnull=True, ends_at__gte=start, ends_at__lt=end
    ).count()


def _needs_fulfilled(start, end) -> int:
    """Needs now fulfilled, dated by when they became so (the status index finds them
    without reading every lifecycle event)."""
    from capacityhub.exchange.models import Need

    return Need.objects.filter(
        status="fulfilled", status_changed_at__gte=start, status_changed_at__lt=end
    ).count()


def register_builtin_measures() -> None:
    for measure in (
        Measure("courses_completed", _("Courses completed"), _courses_completed),
        Measure("connections_completed", _("Connections completed"), _connections_completed),
        Measure("events_held", _("Events and live sessions held"), _events_held),
        Measure("needs_fulfilled", _("Needs fulfilled"), _needs_fulfilled),
    ):
        register(measure)
