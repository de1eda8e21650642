"""Editing and archiving (retiring) a badge: staff, or the managers of the organization that
issues it. An archived badge is awarded no more, by hand or by rule; the credentials already
issued stay valid and keep verifying."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.selectors import require_can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.versioning import version_bump
from capacityhub.taxonomy.models import Capacity

from ..models import Achievement
from .achievements import _clean

EDITABLE = {
    "name",
    "description",
    "criteria",
    "image",
    "capacities",
    "valid_days",
    "rule_kind",
    "rule_params",
}


def _require_owner(actor, achievement: Achievement) -> None:
    require_can_act_for(
        actor,
        organization=achievement.organization_id,
        message=_("Only staff, or the managers of the badge's organization, change it."),
    )


def _locked(achievement: Achievement) -> Achievement:
    return Achievement.objects.select_for_update().get(pk=achievement.pk)


@transaction.atomic
def achievement_update(
    *, actor, achievement: Achievement, expected_version: int | None = None, **changes
) -> Achievement:
    """Change some of a badge's fields (the others keep their values), checked as on creation.
    An archived badge cannot be edited."""
    _require_owner(actor, achievement)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    locked = _locked(achievement)
    if locked.archived_at is not None:
        raise ValidationError({"archived": _("This badge is archived; it cannot be changed.")})
    current = {
        "name": locked.name,
        "description": locked.description,
        "criteria": locked.criteria,
        "image": locked.image,
        "capacities": list(locked.capacities.values_list("code", flat=True)),
        "valid_days": locked.valid_days,
        "rule_kind": locked.rule_kind,
        "rule_params": locked.rule_params,
    }
    if "rule_kind" in changes and "rule_params" not in changes:
        changes["rule_params"] = {}
    merged = {**current, **{k: v for k, v in changes.items()}}
    cleaned, capacity_ids = _clean(merged)
    version_bump(Achievement, locked, expected_version)
    before = {field: getattr(locked, field) for field in cleaned}
    for field, value in cleaned.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(cleaned))
    locked.capacities.set(Capacity.objects.filter(pk__in=capacity_ids))
    audit_log(
        actor=actor,
        action="recognition.achievement.update",
        target=locked,
        changes={k: [str(before[k]), str(v)] for k, v in cleaned.items() if before[k] != v},
    )
    return locked


@transaction.atomic
def achievement_archive(*, actor, achievement: Achievement) -> Achievement:
    """Retire a badge: no new awards; issued credentials stay valid."""
    _require_owner(actor, achievement)
    locked = _locked(achievement)
    if locked.archived_at is not None:
        raise ValidationError({"archived": _("This badge is already archived.")})
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at"])
    achievement.archived_at = locked.archived_at
    audit_log(actor=actor, action="recognition.achievement.archive", target=locked)
    return locked
