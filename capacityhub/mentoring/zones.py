"""Time zones: a named zone checked against the tz database, and its offset now."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def clean_time_zone(value, field: str = "time_zone") -> str:
    value = (value or "").strip() if isinstance(value, str | type(None)) else None
    if value is None or (value and value not in zoneinfo.available_timezones()):
        raise ValidationError({field: _("Choose a time zone from the list.")})
    return value


def utc_offset(name: str) -> float | None:
    """Hours from UTC now, for the time-zone overlap score; None when unknown."""
    if not name:
        return None
    try:
        delta = timezone.now().astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return delta.total_seconds() / 3600 if delta is not None else None
