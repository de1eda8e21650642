"""Achievements (badges): defined by staff for the hub, or by an organization's managers for
their organization; awarded by hand or by a rule (rules.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import require_can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_int, clean_multiline, clean_single_line
from capacityhub.taxonomy.models import Capacity
from capacityhub.taxonomy.selectors import capacity_code_map

from ..kinds import BADGE_IMAGES
from ..models import Achievement
from ..rules import rule_validate

MAX_ALIGNMENTS = 10


def _clean(data: dict) -> tuple[dict, list[int]]:
    errors: dict[str, list[str]] = {}
    cleaned = {}

    def run(field, check):
        try:
            cleaned[field] = check()
        except ValidationError as error:
            errors.update(error.message_dict)

    run(
        "name",
        lambda: clean_single_line(
            data.get("name"),
            field="name",
            max_length=120,
            required=True,
            message=_("Give the badge a name."),
        ),
    )
    run(
        "description",
        lambda: clean_multiline(
            data.get("description"),
            field="description",
            max_length=2000,
            required=True,
            message=_("Describe what the badge recognises."),
        ),
    )
    run(
        "criteria",
        lambda: clean_multiline(
            data.get("criteria"),
            field="criteria",
            max_length=2000,
            required=True,
            message=_("Say in words how it is earned."),
        ),
    )
    image = data.get("image") or "star"
    if image not in dict(BADGE_IMAGES):
        errors["image"] = [_("Choose one of the images.")]
    cleaned["image"] = image
    valid_days = data.get("valid_days")
    if valid_days not in (None, ""):
        run(
            "valid_days",
            lambda: clean_int(
                valid_days,
                field="valid_days",
                minimum=1,
                maximum=3650,
                message=_("Give a number of days from 1 to 3650, or leave it empty."),
            ),
        )
    else:
        cleaned["valid_days"] = None
    codes = data.get("capacities") or []
    known = capacity_code_map()
    capacity_ids = []
    if not isinstance(codes, list) or len(codes) > MAX_ALIGNMENTS:
        errors["capacities"] = [_("Choose at most %d capacities.") % MAX_ALIGNMENTS]
    else:
        unknown = [str(c)[:80] for c in codes if not isinstance(c, str) or c not in known]
        if unknown:
            errors["capacities"] = [_("Unknown capacity codes: %s.") % ", ".join(unknown)]
        capacity_ids = [known[c] for c in codes if isinstance(c, str) and c in known]
    rule_kind = data.get("rule_kind") or ""
    cleaned["rule_kind"] = rule_kind
    cleaned["rule_params"] = {}
    if rule_kind:
        run("rule_params", lambda: rule_validate(rule_kind, data.get("rule_params") or {}))
    if errors:
        raise ValidationError(errors)
    return cleaned, capacity_ids


@transaction.atomic
def achievement_create(*, actor, organization: Organization | None = None, **data) -> Achievement:
    """Staff define hub badges; an organization's managers (and staff) define the
    organization's."""
    require_can_act_for(
        actor,
        organization=organization,
        message=_(
            "Only staff, or an organization's managers for their organization, define badges."
        ),
    )
    cleaned, capacity_ids = _clean(data)
    achievement = Achievement.objects.create(organization=organization, created_by=actor, **cleaned)
    achievement.capacities.set(Capacity.objects.filter(pk__in=capacity_ids))
    audit_log(
        actor=actor,
        action="recognition.achievement.create",
        target=achievement,
        changes={"name": cleaned["name"], "rule_kind": cleaned["rule_kind"]},
    )
    return achievement
