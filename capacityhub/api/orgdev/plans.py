"""Development plans: goals, milestones, and a gap turned into an exchange need."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status

from capacityhub.community.models import Organization
from capacityhub.orgdev.models import Goal, Milestone
from capacityhub.orgdev.selectors import goal_list, plan_can_view
from capacityhub.orgdev.services import (
    gap_need_create,
    goal_create,
    milestone_add,
    milestone_complete,
)

from ..core.schemas import OBJECT_WRITE_ERRORS, WRITE_AUTH, ObjectId, SlugPath
from .assessments import FORBIDDEN_READ, router
from .schemas import OrgdevGapIn, OrgdevGoalIn, OrgdevGoalOut, OrgdevMilestoneIn


def _username(user) -> str | None:
    return user.username if user else None


def goal_out(goal: Goal) -> dict:
    return {
        "id": goal.pk,
        "dimension": goal.dimension,
        "title": goal.title,
        "description": goal.description,
        "owner": _username(goal.owner),
        "due_on": goal.due_on,
        "status": goal.status,
        "need": goal.need_id,
        "milestones": [
            {"id": m.pk, "title": m.title, "due_on": m.due_on, "owner": _username(m.owner),
             "done_at": m.done_at}
            for m in goal.milestones.all()
        ],
    }  # fmt: skip


def _goal(goal_id: int) -> Goal:
    return Goal.objects.select_related("owner", "organization").get(pk=goal_id)


@router.get(
    "/organizations/{slug}/development-plan",
    response={200: list[OrgdevGoalOut], **FORBIDDEN_READ},
    auth=WRITE_AUTH,
)
def plan(request: HttpRequest, slug: SlugPath):
    """The organization's goals with milestones: its members, respondents and staff."""
    organization = Organization.objects.get(slug=slug)
    if not plan_can_view(request.user, organization):
        raise PermissionDenied(_("This development plan is private to the organization."))
    return [goal_out(g) for g in goal_list(organization)[:200]]


@router.post(
    "/organizations/{slug}/development-goals",
    response={201: OrgdevGoalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def add_goal(request: HttpRequest, slug: SlugPath, payload: OrgdevGoalIn):
    organization = Organization.objects.get(slug=slug)
    goal = goal_create(actor=request.user, organization=organization, **payload.model_dump())
    return Status(201, goal_out(goal))


@router.post(
    "/organizations/{slug}/development-needs",
    response={201: OrgdevGoalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def gap_to_need(request: HttpRequest, slug: SlugPath, payload: OrgdevGapIn):
    """One action: the dimension becomes an open exchange need of the organization, linked to
    the goal given (or a new one); read its matches at `/needs/{need}/matches`."""
    organization = Organization.objects.get(slug=slug)
    goal = None
    if payload.goal is not None:
        goal = Goal.objects.filter(pk=payload.goal, organization=organization).first()
        if goal is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"goal": _("No such goal in this organization's plan.")})
    goal = gap_need_create(
        actor=request.user, organization=organization, dimension=payload.dimension, goal=goal
    )
    return Status(201, goal_out(goal))


@router.post(
    "/development-goals/{goal_id}/milestones",
    response={201: OrgdevGoalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def add_milestone(request: HttpRequest, goal_id: ObjectId, payload: OrgdevMilestoneIn):
    goal = _goal(goal_id)
    milestone_add(actor=request.user, goal=goal, **payload.model_dump())
    return Status(201, goal_out(goal))


@router.post(
    "/development-milestones/{milestone_id}/done",
    response={200: OrgdevGoalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def milestone_done(request: HttpRequest, milestone_id: ObjectId):
    milestone = Milestone.objects.select_related("goal__organization").get(pk=milestone_id)
    milestone_complete(actor=request.user, milestone=milestone)
    return goal_out(milestone.goal)
