"""Framework versions: a new version lists its questions and maps the previous version's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_staff

from ..framework import BUILTIN_V1, QUESTIONS
from ..models import FrameworkVersion


def _clean_questions(questions) -> list[str]:
    if not isinstance(questions, list | tuple) or not questions:
        raise ValidationError({"questions": _("List at least one question.")})
    unknown = [q for q in questions if not isinstance(q, str) or q not in QUESTIONS]
    if unknown:
        raise ValidationError({"questions": _("Unknown question: %(key)s") % {"key": unknown[0]}})
    if len(set(questions)) != len(questions):
        raise ValidationError({"questions": _("A question is listed twice.")})
    return list(questions)


def _clean_mapping(mapping, previous: list[str], current: list[str]) -> dict[str, str]:
    if not isinstance(mapping, dict):
        raise ValidationError({"mapping": _("Give the mapping as old question → new question.")})
    for old, new in mapping.items():
        if old not in previous:
            raise ValidationError(
                {"mapping": _("%(key)s is not a question of the previous version.") % {"key": old}}
            )
        if new != "" and new not in current:
            raise ValidationError(
                {"mapping": _("%(key)s is not a question of the new version.") % {"key": new}}
            )
    return dict(mapping)


@transaction.atomic
def framework_version_create(*, actor, questions, mapping=None) -> FrameworkVersion:
    """A new version after the latest (staff). Versions are never edited: rounds keep the
    version they answered, and `mapping` (old key → new key, "" for dropped) carries change
    over time across versions."""
    require_staff(actor)
    latest = FrameworkVersion.objects.select_for_update().order_by("-number").first()
    current = _clean_questions(questions)
    previous = latest.questions if latest else []
    cleaned = _clean_mapping(mapping or {}, previous, current)
    version = FrameworkVersion.objects.create(
        number=(latest.number + 1) if latest else 1,
        questions=current,
        mapping=cleaned,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="orgdev.framework.create",
        target=version,
        changes={"number": version.number, "questions": current, "mapping": cleaned},
    )
    return version


def framework_ensure() -> FrameworkVersion:
    """The latest version; the built-in version 1 when there is none (migration 0002 writes
    it, but a flushed test database or a fresh import may lack it)."""
    latest = FrameworkVersion.objects.order_by("-number").first()
    if latest is not None:
        return latest
    return FrameworkVersion.objects.get_or_create(
        number=1, defaults={"questions": list(BUILTIN_V1)}
    )[0]
