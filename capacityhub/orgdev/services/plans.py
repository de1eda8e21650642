"""Development plans: goals per dimension with owners, dates and milestones; a gap turned into
an exchange need for the organization in one action."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization, User
from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_multiline, clean_single_line
from capacityhub.exchange.services.needs import need_create

from ..framework import DIMENSIONS, dimension_label
from ..models import Goal, Milestone
from ..selectors import dimension_capacity_codes
from .common import is_member_of, require_manager


def _clean_dimension(dimension) -> str:
    if dimension not in DIMENSIONS:
        raise ValidationError({"dimension": _("Choose one of the framework's dimensions.")})
    return dimension


def _clean_owner(owner, organization, field: str = "owner") -> User | None:
    if owner is None or owner == "":
        return None
    if isinstance(owner, str):
        owner = User.objects.filter(username=owner, is_active=True).first()
    if not isinstance(owner, User) or not is_member_of(owner, organization):
        raise ValidationError({field: _("The owner must be a member of the organization.")})
    return owner


def _clean_date(value, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: _("Give a date as YYYY-MM-DD.")}) from None
    if not isinstance(value, date):
        raise ValidationError({field: _("Give a date as YYYY-MM-DD.")})
    return value


@transaction.atomic
def goal_create(
    *,
    actor,
    organization: Organization,
    dimension: str,
    title: str,
    description: str = "",
    owner=None,
    due_on=None,
) -> Goal:
    require_manager(actor, organization)
    goal = Goal.objects.create(
        organization=organization,
        dimension=_clean_dimension(dimension),
        title=clean_single_line(title, field="title", max_length=200, required=True),
        description=clean_multiline(description, field="description", max_length=4000),
        owner=_clean_owner(owner, organization),
        due_on=_clean_date(due_on, "due_on"),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="orgdev.goal.create",
        target=goal,
        changes={"dimension": goal.dimension, "title": goal.title},
    )
    return goal


@transaction.atomic
def goal_set_status(*, actor, goal: Goal, status: str) -> Goal:
    require_manager(actor, goal.organization)
    if status not in Goal.Status.values:
        raise ValidationError({"status": _("Choose planned, in progress or done.")})
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    before, goal.status = goal.status, status
    goal.save(update_fields=["status"])
    audit_log(
        actor=actor, action="orgdev.goal.status", target=goal, changes={"status": [before, status]}
    )
    return goal


@transaction.atomic
def milestone_add(*, actor, goal: Goal, title: str, due_on=None, owner=None) -> Milestone:
    require_manager(actor, goal.organization)
    milestone = Milestone.objects.create(
        goal=goal,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        due_on=_clean_date(due_on, "due_on"),
        owner=_clean_owner(owner, goal.organization),
    )
    audit_log(
        actor=actor, action="orgdev.milestone.add", target=goal, changes={"title": milestone.title}
    )
    return milestone


@transaction.atomic
def milestone_complete(*, actor, milestone: Milestone) -> Milestone:
    require_manager(actor, milestone.goal.organization)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_at is None:
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
        audit_log(
            actor=actor,
            action="orgdev.milestone.done",
            target=milestone.goal,
            changes={"milestone": milestone.pk},
        )
    return milestone


@transaction.atomic
def gap_need_create(*, actor, organization: Organization, dimension: str, goal: Goal | None = None):
    """One action: the dimension becomes an open exchange need of the organization (with the
    dimension's capacities, the organization's languages and region), linked to a goal — the
    given one, or a new goal for the dimension — so matching finds peers, resources, courses
    and mentors for it. Returns the goal."""
    require_manager(actor, organization)
    dimension = _clean_dimension(dimension)
    elsewhere = goal is not None and goal.organization_id != organization.pk
    if elsewhere or (goal is not None and goal.dimension != dimension):
        raise ValidationError({"goal": _("This goal belongs to another dimension.")})
    if goal is not None and goal.need_id:
        raise ValidationError({"goal": _("This goal already has a need.")})
    codes = dimension_capacity_codes(dimension)
    if not codes:
        raise ValidationError(
            {"dimension": _("No capacities are mapped to this dimension yet; ask staff.")}
        )
    label = dimension_label(dimension)
    title = _("Strengthen our %(dimension)s") % {"dimension": label.lower()}
    need = need_create(
        actor=actor,
        title=title,
        capacities=codes,
        description=_("From our organizational self-assessment: %(dimension)s.")
        % {"dimension": label},
        languages=list(organization.languages.values_list("language", flat=True)),
        region=organization.region,
        organization=organization,
    )
    if goal is None:
        goal = Goal.objects.create(
            organization=organization, dimension=dimension, title=title, created_by=actor
        )
    goal.need = need
    goal.save(update_fields=["need"])
    audit_log(actor=actor, action="orgdev.goal.need", target=goal, changes={"need": need.pk})
    return goal
