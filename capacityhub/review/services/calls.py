"""Creating and editing calls: texts, eligibility, dates, rubric and reviewers."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.models import OrganizationKind
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.languages import is_language
from capacityhub.core.permissions import require_member
from capacityhub.core.regions import REGIONS

from ..models import Call, CallKind, Criterion
from .common import require_call_manager

EDITABLE = [
    "kind", "title", "purpose", "eligible_regions", "eligible_languages",
    "eligible_organization_kinds", "minimum_account_age_days", "eligibility_note", "form",
    "reviews_per_application", "opens_at", "closes_at", "decisions_by", "seats", "budget",
    "currency", "blind", "applicants_see_comments",
]  # fmt: skip
MAX_TEXT = 8000


def _texts(value: Any, field: str, *, required: bool) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValidationError({field: _("Give the text as {language: text}.")})
    cleaned = {}
    for code, text in value.items():
        if not isinstance(code, str) or not is_language(code):
            raise ValidationError({field: _("“%(code)s” is not a language code.") % {"code": code}})
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise ValidationError({field: _("Each text must be at most 8,000 characters.")})
        if text.strip():
            cleaned[code] = text.strip()
    if required and not cleaned:
        raise ValidationError({field: _("Write it in at least one language.")})
    return cleaned


def _codes(values: Any, field: str, allowed) -> list[str]:
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise ValidationError({field: _("Give a list of codes.")})
    bad = [v for v in values if not allowed(v)]
    if bad:
        raise ValidationError({field: _("Unknown code: %(code)s.") % {"code": bad[0]}})
    return sorted(set(values))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    if "kind" in fields and fields["kind"] not in CallKind.values:
        raise ValidationError({"kind": _("Choose a kind of call.")})
    for name, required in (("title", True), ("purpose", False), ("eligibility_note", False)):
        if name in fields:
            fields[name] = _texts(fields[name], name, required=required)
    checks = {
        "eligible_regions": lambda v: v in REGIONS,
        "eligible_languages": is_language,
        "eligible_organization_kinds": lambda v: v in OrganizationKind.values,
    }
    for name, allowed in checks.items():
        if name in fields:
            fields[name] = _codes(fields[name], name, allowed)
    if fields.get("currency"):
        fields["currency"] = str(fields["currency"]).upper()
        if pycountry.currencies.get(alpha_3=fields["currency"]) is None:
            raise ValidationError({"currency": _("Use an ISO 4217 currency code, e.g. EUR.")})
    return fields


def _check_form(actor, call: Call) -> None:
    """A manager may only attach a form their organization owns (staff: any form)."""
    if call.form_id is None or actor.is_staff:
        return
    if call.form.owner_organization_id != call.owner_organization_id:
        raise ValidationError({"form": _("Use a form of your own organization.")})


def _check_call(call: Call) -> None:
    errors = {}
    for name in ("opens_at", "closes_at", "decisions_by"):
        value = getattr(call, name)
        if isinstance(value, datetime) and timezone.is_naive(value):
            errors[name] = _("Give a time with its time zone.")
    if not errors and call.closes_at <= call.opens_at:
        errors["closes_at"] = _("The call must close after it opens.")
    if not errors and call.decisions_by < call.closes_at:
        errors["decisions_by"] = _("Decisions come after the call closes.")
    if call.budget is not None and not call.currency:
        errors["currency"] = _("A budget needs a currency.")
    if errors:
        raise ValidationError(errors)
    call.full_clean(exclude=["created_by", "owner_organization", "form"])


def _criteria(call: Call, criteria: Sequence[Mapping[str, Any]]) -> None:
    if not criteria:
        raise ValidationError({"criteria": _("A rubric needs at least one criterion.")})
    call.criteria.all().delete()
    for position, item in enumerate(criteria):
        try:
            weight = Decimal(str(item.get("weight", 1)))
        except ArithmeticError:
            raise ValidationError({"criteria": _("A weight must be a number.")}) from None
        criterion = Criterion(
            call=call,
            name=_texts(item.get("name"), "criteria", required=True),
            description=_texts(item.get("description") or {}, "criteria", required=False),
            weight=weight,
            position=position,
        )
        try:
            criterion.full_clean(exclude=["call"])
        except ValidationError:
            raise ValidationError({"criteria": _("A weight is between 0.01 and 100.")}) from None
        criterion.save()


def _reviewers(call: Call, reviewers: Iterable) -> None:
    people = [r for r in reviewers if r is not None]
    if any(not getattr(r, "is_active", False) for r in people):
        raise ValidationError({"reviewers": _("Every reviewer must be an active member.")})
    call.reviewers.set(people)


@transaction.atomic
def call_create(
    *,
    actor,
    owner_organization=None,
    criteria: Sequence[Mapping[str, Any]],
    reviewers: Iterable = (),
    **fields: Any,
) -> Call:
    """Create a call; staff for any, a manager for their organization's."""
    require_member(actor)
    if not actor.is_staff and not (
        owner_organization is not None and can_act_for(actor, organization=owner_organization)
    ):
        raise PermissionDenied(_("Only staff and organization managers can open calls."))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    call = Call(created_by=actor, owner_organization=owner_organization, **_clean(dict(fields)))
    _check_form(actor, call)
    _check_call(call)
    call.save()
    _criteria(call, criteria)
    _reviewers(call, reviewers)
    audit_log(actor=actor, action="review.call.create", target=call, changes={"kind": call.kind})
    return call


@transaction.atomic
def call_update(
    *,
    actor,
    call: Call,
    criteria: Sequence[Mapping[str, Any]] | None = None,
    reviewers: Iterable | None = None,
    **fields: Any,
) -> Call:
    """Edit a call. The rubric cannot change once a review was submitted."""
    require_call_manager(actor, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    before = {name: str(getattr(call, name)) for name in fields}
    for name, value in _clean(dict(fields)).items():
        setattr(call, name, value)
    _check_form(actor, call)
    _check_call(call)
    call.save()
    if criteria is not None:
        from ..models import Review

        if Review.objects.filter(
            assignment__application__call=call, submitted_at__isnull=False
        ).exists():
            raise ValidationError({"criteria": _("Reviews were submitted; the rubric is fixed.")})
        _criteria(call, criteria)
    if reviewers is not None:
        _reviewers(call, reviewers)
    changes = {
        n: [before[n], str(getattr(call, n))] for n in fields if before[n] != str(getattr(call, n))
    }
    audit_log(actor=actor, action="review.call.update", target=call, changes=changes)
    return call
