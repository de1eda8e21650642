"""The annual plan: targets per seed recommendation and measure, set by staff or the board's
officers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_int, clean_single_line

from ..measures import measure_get
from ..models import OFFICER_ROLES, PlanTarget
from ..recommendations import RECOMMENDATIONS
from .common import current_terms

MOST = 10_000_000


def may_plan(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or current_terms().filter(person=user, role__in=OFFICER_ROLES).exists()


@transaction.atomic
def plan_target_set(
    *, actor, year: int, recommendation: str, measure: str, target: int, baseline: int = 0,
    note: str = "",
) -> PlanTarget:  # fmt: skip
    """Set (or change) the target for a year, recommendation and measure."""
    require_member(actor)
    if not may_plan(actor):
        raise PermissionDenied(_("Only staff and the board's officers set the plan."))
    year = clean_int(year, field="year", minimum=2000, maximum=2100, message=_("Give a year."))
    if recommendation not in RECOMMENDATIONS:
        raise ValidationError({"recommendation": _("Choose a recommendation of the seed.")})
    if measure_get(measure) is None:
        raise ValidationError({"measure": _("Choose a measure.")})
    message = _("Give a whole number, 0 or more.")
    values = {
        "target": clean_int(target, field="target", minimum=0, maximum=MOST, message=message),
        "baseline": clean_int(baseline, field="baseline", minimum=0, maximum=MOST,
                              message=message),
        "note": clean_single_line(note, field="note", max_length=500),
    }  # fmt: skip
    row, created = PlanTarget.objects.update_or_create(
        year=year, recommendation=recommendation, measure=measure, defaults=values
    )
    audit_log(actor=actor, action="governance.plan.set", target=row,
              changes={"created": created, "target": values["target"]})  # fmt: skip
    return row
