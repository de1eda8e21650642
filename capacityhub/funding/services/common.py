"""Checks every funding write shares: who is finance staff, currencies, rates, references."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from babel.numbers import list_currencies
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member

POST_PERMISSION = "funding.post_transaction"
MAX_AMOUNT = Decimal("1000000000000")  # 10^12 in any currency
PAID_FOR = re.compile(r"^[a-z_]{1,40}\.[a-z_]{1,40}:[A-Za-z0-9_-]{1,40}$")


def is_finance(user) -> bool:
    """Staff, and people staff granted `funding.post_transaction` in the admin."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.has_perm(POST_PERMISSION))


def require_finance(actor) -> None:
    require_member(actor)
    if not is_finance(actor):
        raise PermissionDenied(_("Only finance staff can change the ledger and the budgets."))


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def clean_currency(code: Any, *, field: str = "currency") -> str:
    code = str(code or "").strip().upper()
    if code not in known_currencies():
        raise ValidationError({field: _("Use an ISO 4217 currency code, such as USD or EUR.")})
    return code


def clean_decimal(value: Any, *, field: str, places: int = 2) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite() or abs(number) >= MAX_AMOUNT:
        raise ValidationError({field: _("Enter a number below 10^12.")})
    return number


def clean_amount(value: Any, *, field: str = "amount") -> Decimal:
    amount = clean_decimal(value, field=field)
    if amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    return amount


def clean_rate(value: Any, *, field: str = "rate") -> Decimal:
    rate = clean_decimal(value, field=field, places=8)
    if rate <= 0:
        raise ValidationError({field: _("The exchange rate must be more than zero.")})
    return rate


def clean_paid_for(value: Any, *, field: str = "paid_for") -> str:
    text = str(value or "").strip()
    if text and not PAID_FOR.match(text):
        raise ValidationError(
            {field: _("Name what was paid for as app.model:id, e.g. events.event:12.")}
        )
    return text
