"""What evaluation can evaluate: a registry of subject kinds ("app_label.model").

Each app that owns a kind of activity (or, for the apps built above this one, the lead after
the merge) registers how to find one, who manages it, who took part and when it ended. A
subject is then a (subject_type, subject_id) pair resolved with django.apps.apps.get_model,
so a logic model can point at a mentoring programme without evaluation importing mentoring."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SubjectKind:
    subject_type: str
    label: Any  # a lazy translatable string
    title: Callable[[Any], str]
    can_manage: Callable[[Any, Any], bool]  # (user, subject) -> bool
    participants: Callable[[Any], Any]  # subject -> a queryset of user ids (values_list)
    ended_on: Callable[[Any], date | None] = lambda subject: None
    capacities: Callable[[Any], list[int]] = lambda subject: []
    url: Callable[[Any], str] = lambda subject: ""
    # Whether anyone may see that it is evaluated (an unpublished course: only its managers).
    is_public: Callable[[Any], bool] = lambda subject: True
    extra: dict = field(default_factory=dict)


KINDS: dict[str, SubjectKind] = {}


def register_subject(kind: SubjectKind) -> None:
    KINDS[kind.subject_type] = kind


def subject_kind(subject_type: str) -> SubjectKind:
    kind = KINDS.get(subject_type)
    if kind is None:
        raise ValidationError({"subject_type": _("This kind of subject cannot be evaluated.")})
    return kind


def subject_get(subject_type: str, subject_id: Any):
    """The subject's model instance, or ValidationError naming the field."""
    subject_kind(subject_type)
    model = apps.get_model(subject_type)
    try:
        return model.objects.get(pk=int(str(subject_id)))
    except (ValueError, OverflowError, model.DoesNotExist):
        raise ValidationError({"subject_id": _("No such subject.")}) from None


def subject_of(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def can_manage(user, subject_type: str, subject) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return bool(subject_kind(subject_type).can_manage(user, subject))
