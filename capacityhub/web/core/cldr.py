"""Dates, times, numbers and lists for the reader, by CLDR (Babel), in one style site-wide.

One date style everywhere: CLDR's "long" date ("December 17, 2026", "17 ديسمبر 2026",
"17 de diciembre de 2026"): never an ambiguous all-numeric date, never an English month
order in another language. Times are CLDR's "short" time, joined to the date by the locale's
own pattern. Datetimes are shown in the reader's time zone (their profile's, else UTC).

The reader is whoever the current request belongs to: `ReaderTimeZoneMiddleware` remembers
the user, and the zone is read from their profile only when a datetime is actually shown.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    format_timedelta,
    get_datetime_format,
)
from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils import timezone
from django.utils.translation import get_language

DATE_STYLE = "long"
TIME_STYLE = "short"

_reader: ContextVar[object | None] = ContextVar("capacityhub_reader", default=None)


def reader_locale(code: str | None = None) -> Locale:
    try:
        return Locale.parse((code or get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def zone_named(name: str) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def reader_zone() -> dt.tzinfo:
    """The time zone of the person reading: their profile's, else the site's (UTC)."""
    user = _reader.get()
    if user is not None and getattr(user, "is_authenticated", False):
        zone = getattr(user, "_cldr_zone", None)
        if zone is None:
            try:
                name = user.profile.time_zone
            except Exception:  # noqa: BLE001 - a user without a profile reads in UTC
                name = ""
            zone = zone_named(name) or timezone.get_current_timezone()
            user._cldr_zone = zone
        return zone
    return timezone.get_current_timezone()


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(reader_zone())
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def date_text(value, locale: str | None = None) -> str:
    day = _as_date(value)
    return format_date(day, DATE_STYLE, locale=reader_locale(locale)) if day else ""


def datetime_text(value, locale: str | None = None, zone: dt.tzinfo | None = None) -> str:
    if not isinstance(value, dt.datetime):
        return date_text(value, locale)
    loc = reader_locale(locale)
    if timezone.is_aware(value):
        value = value.astimezone(zone or reader_zone())
    glue = get_datetime_format("medium", locale=loc)
    return glue.replace("{1}", format_date(value.date(), DATE_STYLE, locale=loc)).replace(
        "{0}", format_time(value.time(), TIME_STYLE, locale=loc)
    )


def month_text(value, locale: str | None = None) -> str:
    day = _as_date(value)
    return format_skeleton("yMMMM", day, locale=reader_locale(locale)) if day else ""


def ago_text(value, now: dt.datetime | None = None, locale: str | None = None) -> str:
    """'3 days ago', 'hace 3 días', 'قبل 3 أيام'."""
    if not isinstance(value, dt.datetime):
        return ""
    delta = value - (now or timezone.now())
    return format_timedelta(delta, add_direction=True, locale=reader_locale(locale))


def number_text(value, locale: str | None = None, digits: int | None = None) -> str:
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    pattern = None
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(number, format=pattern, locale=reader_locale(locale))


def list_text(values, locale: str | None = None, style: str = "standard") -> str:
    items = [str(v) for v in values if str(v)]
    return format_list(items, style=style, locale=reader_locale(locale)) if items else ""


class ReaderTimeZoneMiddleware:
    """Remembers who is reading, so datetimes render in their time zone (read lazily)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reader.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _reader.reset(token)
