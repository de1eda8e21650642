"""Writing logic models and their indicators: staff and the subject's managers."""

import math
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, diff
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_list, clean_single_line
from capacityhub.core.versioning import version_bump

from ..models import Indicator, Level, LogicModel
from ..subjects import can_manage, subject_get

PARTS = ("inputs", "activities", "outputs", "outcomes")
MAX_ITEMS = 30
ITEM_MAX = 300
BOUND = 1e12


def require_manager(actor, subject_type: str, subject) -> None:
    require_member(actor)
    if not can_manage(actor, subject_type, subject):
        raise PermissionDenied(_("Only staff and the people who run it can evaluate it."))


def _items(values: Any, field: str) -> list[str]:
    def item(value):
        return clean_single_line(value, field=field, max_length=ITEM_MAX, required=True)

    return clean_list(values or [], field=field, max_items=MAX_ITEMS, item_cleaner=item)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "title" in data:
        cleaned["title"] = clean_single_line(
            data["title"], field="title", max_length=200, required=True
        )
    for part in PARTS:
        if part in data:
            cleaned[part] = _items(data[part], part)
    return cleaned


@transaction.atomic
def logic_model_create(
    *, actor, subject_type: str, subject_id: Any, title: str, **parts: Any
) -> LogicModel:
    subject = subject_get(subject_type, subject_id)
    require_manager(actor, subject_type, subject)
    cleaned = _clean({"title": title, **{k: v for k, v in parts.items() if k in PARTS}})
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    if LogicModel.objects.filter(subject_type=subject_type, subject_id=str(subject.pk)).exists():
        raise ValidationError({"subject_id": _("This subject already has a logic model.")})
    model = LogicModel.objects.create(
        subject_type=subject_type, subject_id=str(subject.pk), created_by=actor, **cleaned
    )
    audit_log(actor=actor, action="evaluation.logic_model.create", target=model, changes=cleaned)
    return model


@transaction.atomic
def logic_model_update(
    *, actor, logic_model: LogicModel, version: int | None, **data: Any
) -> LogicModel:
    subject = subject_get(logic_model.subject_type, logic_model.subject_id)
    require_manager(actor, logic_model.subject_type, subject)
    unknown = set(data) - {"title", *PARTS}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    cleaned = _clean(data)
    before = {k: getattr(logic_model, k) for k in cleaned}
    version_bump(LogicModel, logic_model, version)
    for key, value in cleaned.items():
        setattr(logic_model, key, value)
    logic_model.save()
    audit_log(
        actor=actor,
        action="evaluation.logic_model.update",
        target=logic_model,
        changes=diff(before, cleaned),
    )
    return logic_model


def _number(value: Any, field: str) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError({field: _("Give a number.")})
    if not math.isfinite(value) or abs(value) > BOUND:
        raise ValidationError({field: _("Give a number.")})
    return float(value)


@transaction.atomic
def indicator_add(
    *,
    actor,
    logic_model: LogicModel,
    name: str,
    level: Any,
    unit: str = "",
    baseline: Any = None,
    target: Any = None,
    figure: str = "",
) -> Indicator:
    subject = subject_get(logic_model.subject_type, logic_model.subject_id)
    require_manager(actor, logic_model.subject_type, subject)
    cleaned = {
        "name": clean_single_line(name, field="name", max_length=200, required=True),
        "unit": clean_single_line(unit, field="unit", max_length=40),
        "baseline": _number(baseline, "baseline"),
        "target": _number(target, "target"),
        "figure": clean_single_line(figure, field="figure", max_length=60),
    }
    if isinstance(level, bool) or level not in Level.values:
        raise ValidationError({"level": _("Choose a level from 1 to 4.")})
    if logic_model.indicators.count() >= MAX_ITEMS:
        raise ValidationError({"name": _("A logic model has at most 30 indicators.")})
    indicator = Indicator.objects.create(
        logic_model=logic_model,
        level=level,
        position=logic_model.indicators.count(),
        **cleaned,
    )
    audit_log(
        actor=actor,
        action="evaluation.indicator.add",
        target=indicator,
        changes={**cleaned, "level": level},
    )
    return indicator


@transaction.atomic
def indicator_remove(*, actor, indicator: Indicator) -> None:
    logic_model = indicator.logic_model
    subject = subject_get(logic_model.subject_type, logic_model.subject_id)
    require_manager(actor, logic_model.subject_type, subject)
    audit_log(actor=actor, action="evaluation.indicator.remove", target=indicator)
    indicator.delete()
