"""Turning the capacity and method codes a form or API call sends into rows, for every app's
services: a clear error naming the field for anything that is not a short list of known codes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.validation import clean_code_list

from .models import Capacity, Method

MAX_CAPACITIES = 20
MAX_METHODS = 30


def code_list(values, field: str, limit: int) -> list[str]:
    """The distinct strings of a list, in order; refused when not a list of strings or too long."""
    return clean_code_list(values, field=field, max_items=limit)


def resolve_capacities(
    values, *, field: str = "capacities", limit: int = MAX_CAPACITIES, required: bool = True
) -> list[Capacity]:
    """Active capacities by code, in the order given."""
    codes = code_list(values, field, limit)
    if required and not codes:
        raise ValidationError({field: _("Choose at least one capacity.")})
    found = Capacity.objects.filter(is_active=True).in_bulk(codes, field_name="code")
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {field: _("Unknown capacity: %s.") % ", ".join(f"“{c}”" for c in unknown)}
        )
    return [found[code] for code in codes]


def resolve_methods(values, *, field: str = "methods", limit: int = MAX_METHODS) -> list[Method]:
    """Methods by code, in the order given; none is fine."""
    codes = code_list(values, field, limit)
    found = Method.objects.in_bulk(codes, field_name="code")
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {field: _("Unknown method: %s.") % ", ".join(f"“{c}”" for c in unknown)}
        )
    return [found[code] for code in codes]
