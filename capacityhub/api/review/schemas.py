"""Shapes and helpers shared by the selection workflow's endpoints."""

from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


def known(model, pk: int | None, field: str):
    """The row a body field names; an unknown id is bad input naming the field (422)."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        messages = {"form": _("No such form."), "organization": _("No such organization.")}
        raise ValidationError({field: messages[field]})
    return found
