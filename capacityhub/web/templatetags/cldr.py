"""CLDR formatting for templates: `{% load cldr %}` then

{{ need.ends_on|cldr_date }}          December 17, 2026 · 17 ديسمبر 2026
{{ message.created_at|cldr_datetime }} in the reader's time zone
{{ result.compared_with|cldr_month }}  December 2026
{{ connection.updated_at|cldr_ago }}   3 days ago
{{ count|cldr_number }}  {{ rating|cldr_number:1 }}
{{ names|cldr_list }}                  a, b, and c · a وb وc
{{ value|iso_datetime }}               for <time datetime="">
"""

import datetime as dt

from django import template
from django.utils import timezone

from capacityhub.core.languages import language_name
from capacityhub.web.core import cldr

register = template.Library()


@register.filter
def cldr_date(value) -> str:
    return cldr.date_text(value)


@register.filter
def cldr_datetime(value) -> str:
    return cldr.datetime_text(value)


@register.filter
def cldr_month(value) -> str:
    return cldr.month_text(value)


@register.filter
def cldr_ago(value) -> str:
    return cldr.ago_text(value)


@register.filter
def cldr_number(value, digits=None) -> str:
    return cldr.number_text(value, digits=int(digits) if digits not in (None, "") else None)


@register.filter
def cldr_list(values) -> str:
    return cldr.list_text(values or [])


@register.filter
def iso_datetime(value) -> str:
    """Machine-readable value for <time datetime="…">: ISO 8601 (UTC for aware datetimes)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


@register.filter
def language_names(codes) -> list[str]:
    """Language codes → their CLDR names in the reader's language (for |cldr_list)."""
    return [language_name(code) for code in codes or []]
