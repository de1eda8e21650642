"""Helpers the mentoring services share."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member

from ..zones import clean_time_zone, utc_offset

__all__ = ["clean_date", "clean_time_zone", "require", "utc_offset"]


def require(allowed: bool, actor, message: str) -> None:
    require_member(actor)
    if not allowed:
        raise PermissionDenied(message)


def clean_date(value, field: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError({field: _("Give a date.")})
    return value
