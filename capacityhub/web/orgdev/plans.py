"""Development plan pages: goals per dimension with milestones, a gap turned into a need, and
organizations that offer a dimension's capacities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.community.selectors import can_act_for
from capacityhub.orgdev.framework import DIMENSIONS
from capacityhub.orgdev.models import Goal, Milestone
from capacityhub.orgdev.selectors import goal_list, plan_can_view, supporting_organizations
from capacityhub.orgdev.services import (
    gap_need_create,
    goal_create,
    goal_set_status,
    milestone_add,
    milestone_complete,
)
from capacityhub.web.core.forms import add_service_errors

from .common import check_id, errors_to_messages, organization_or_404
from .forms import GoalForm, MilestoneForm


def _viewable(request, slug: str):
    found = organization_or_404(slug)
    if not plan_can_view(request.user, found):
        raise PermissionDenied(_("This development plan is private to the organization."))
    return found


def _plan_context(request, found, goal_form=None) -> dict:
    goals = list(goal_list(found))
    dimensions = []
    for key, label in DIMENSIONS.items():
        mine = [g for g in goals if g.dimension == key]
        for goal in mine:
            goal.milestone_form = MilestoneForm(prefix=f"m{goal.pk}")
        dimensions.append(
            {
                "key": key,
                "label": label,
                "goals": mine,
                "supporters": list(supporting_organizations(key, exclude=found, limit=5)),
            }
        )
    return {
        "organization": found,
        "dimensions": dimensions,
        "manages": can_act_for(request.user, organization=found),
        "goal_form": goal_form or GoalForm(),
        "statuses": Goal.Status.choices,
    }


@login_required
def plan(request, slug: str):
    found = _viewable(request, slug)
    return render(request, "web/orgdev/plan.html", _plan_context(request, found))


@login_required
@require_POST
def goal_new(request, slug: str):
    found = _viewable(request, slug)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal_create(actor=request.user, organization=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is in the plan."))
            return redirect("web:orgdev-plan", slug=slug)
    context = _plan_context(request, found, goal_form=form)
    return render(request, "web/orgdev/plan.html", context, status=400)


@login_required
@require_POST
def gap_need(request, slug: str):
    found = organization_or_404(slug)
    goal = None
    goal_id = request.POST.get("goal", "")
    if goal_id.isdigit():
        check_id(int(goal_id))
        goal = Goal.objects.filter(pk=int(goal_id), organization=found).first()
    try:
        goal = gap_need_create(
            actor=request.user,
            organization=found,
            dimension=request.POST.get("dimension", ""),
            goal=goal,
        )
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect("web:orgdev-plan", slug=slug)
    messages.success(request, _("The need is open; here is who can help."))
    return redirect("web:need-detail", pk=goal.need_id)


def _goal(slug: str, pk: int) -> Goal:
    check_id(pk)
    found = Goal.objects.select_related("organization").filter(pk=pk, organization__slug=slug)
    goal = found.first()
    if goal is None:
        from django.http import Http404

        raise Http404(_("No such goal."))
    return goal


@login_required
@require_POST
def goal_status(request, slug: str, pk: int):
    goal = _goal(slug, pk)
    try:
        goal_set_status(actor=request.user, goal=goal, status=request.POST.get("status", ""))
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("web:orgdev-plan", slug=slug)


@login_required
@require_POST
def milestone_new(request, slug: str, pk: int):
    goal = _goal(slug, pk)
    form = MilestoneForm(request.POST, prefix=f"m{goal.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the milestone a title and a valid date."))
        return redirect("web:orgdev-plan", slug=slug)
    try:
        milestone_add(actor=request.user, goal=goal, **form.cleaned_data)
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("web:orgdev-plan", slug=slug)


@login_required
@require_POST
def milestone_done(request, slug: str, pk: int):
    check_id(pk)
    milestone = (
        Milestone.objects.select_related("goal__organization")
        .filter(pk=pk, goal__organization__slug=slug)
        .first()
    )
    if milestone is None:
        from django.http import Http404

        raise Http404(_("No such milestone."))
    milestone_complete(actor=request.user, milestone=milestone)
    return redirect("web:orgdev-plan", slug=slug)


PREFIX = "organizational-development/o/<slug:slug>/plan/"
urlpatterns = [
    path(PREFIX, plan, name="orgdev-plan"),
    path(f"{PREFIX}goals/", goal_new, name="orgdev-goal-new"),
    path(f"{PREFIX}need/", gap_need, name="orgdev-gap-need"),
    path(f"{PREFIX}goals/<int:pk>/status/", goal_status, name="orgdev-goal-status"),
    path(f"{PREFIX}goals/<int:pk>/milestones/", milestone_new, name="orgdev-milestone-new"),
    path(f"{PREFIX}milestones/<int:pk>/done/", milestone_done, name="orgdev-milestone-done"),
]
