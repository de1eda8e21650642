"""The orgdev app's share of the gates (see gates/parts.py).

Actors: the owner is an invited respondent (board) of the organization's rounds; `other` is
a hub member with no part in the organization's assessments; the manager manages
`organization` (so opens rounds, closes, publishes and plans); staff may act for any
organization. Rounds: `orgdev_open` (owner, amina and a third respondent invited, nobody has
answered), `orgdev_ready` (open, three answers submitted: may be closed), `orgdev_closed`
(closed, private: may be published); a goal with a milestone in the plan."""

from django.urls import reverse
from django.utils import timezone

from capacityhub.community.models import User
from capacityhub.community.tests.factories import UserFactory
from capacityhub.orgdev.framework import BUILTIN_V1
from capacityhub.orgdev.models import (
    Answer,
    DimensionCapacity,
    FrameworkVersion,
    Goal,
    Milestone,
    Respondent,
    Round,
)
from capacityhub.orgdev.services import framework_ensure

from .matrix import API, EDITORS_ONLY, OWNER_ONLY, Row

TRACKED = [FrameworkVersion, Round, Respondent, Answer, Goal, Milestone, DimensionCapacity]


def _round(organization, people, name: str, *, submitted: bool, closed: bool) -> Round:
    made = Round.objects.create(
        organization=organization,
        framework=framework_ensure(),
        title=f"Matrix {name}",
        closed_at=timezone.now() if closed else None,
    )
    for user, role in people:
        respondent = Respondent.objects.create(
            round=made, user=user, role=role, submitted_at=timezone.now() if submitted else None
        )
        if submitted:
            Answer.objects.bulk_create(
                Answer(respondent=respondent, question=key, level=2) for key in BUILTIN_V1
            )
    return made


def build_world(world) -> dict:
    owner = world.users["owner"]
    amina = User.objects.get(username="amina")
    third = UserFactory(username="orgdev-facilitator")
    people = [(owner, "board"), (amina, "volunteer"), (third, "facilitator")]
    organization = world.organization
    goal = Goal.objects.create(organization=organization, dimension="finance", title="Funders")
    milestone = Milestone.objects.create(goal=goal, title="First proposal")
    return {
        "orgdev_open": _round(organization, people, "open", submitted=False, closed=False),
        "orgdev_ready": _round(organization, people, "ready", submitted=True, closed=False),
        "orgdev_closed": _round(organization, people, "closed", submitted=True, closed=True),
        "orgdev_goal": goal,
        "orgdev_milestone": milestone,
    }


def _pk(world, name: str) -> int:
    return world.extra[name].pk


def _api(path: str, **names):
    return lambda world: (
        API
        + path.format(slug=world.organization.slug, **{k: _pk(world, v) for k, v in names.items()})
    )


RESPONDENTS = [
    {"username": "owner", "role": "board"},
    {"username": "amina", "role": "volunteer"},
    {"username": "orgdev-facilitator", "role": "facilitator"},
]

API_ROWS = [
    Row("POST /organizations/{slug}/assessments", "post", _api("/organizations/{slug}/assessments"),
        lambda world, user: {"title": "Matrix round", "respondents": RESPONDENTS}, EDITORS_ONLY),
    Row("PUT /assessments/{round_id}/answers", "put",
        _api("/assessments/{r}/answers", r="orgdev_open"),
        lambda world, user: {"answers": {"strategy-plan": {"level": 3}}}, OWNER_ONLY),
    Row("POST /assessments/{round_id}/respondents", "post",
        _api("/assessments/{r}/respondents", r="orgdev_open"),
        lambda world, user: {"respondents": [{"username": "other", "role": "staff"}]},
        EDITORS_ONLY),
    Row("POST /assessments/{round_id}/close", "post",
        _api("/assessments/{r}/close", r="orgdev_ready"),
        lambda world, user: {}, EDITORS_ONLY),
    Row("POST /assessments/{round_id}/publish", "post",
        _api("/assessments/{r}/publish", r="orgdev_closed"),
        lambda world, user: {"published": True}, EDITORS_ONLY),
    Row("POST /organizations/{slug}/development-goals", "post",
        _api("/organizations/{slug}/development-goals"),
        lambda world, user: {"dimension": "people", "title": "Grow leaders"}, EDITORS_ONLY),
    Row("POST /organizations/{slug}/development-needs", "post",
        _api("/organizations/{slug}/development-needs"),
        lambda world, user: {"dimension": "finance"}, EDITORS_ONLY),
    Row("POST /development-goals/{goal_id}/milestones", "post",
        _api("/development-goals/{g}/milestones", g="orgdev_goal"),
        lambda world, user: {"title": "Second proposal"}, EDITORS_ONLY),
    Row("POST /development-milestones/{milestone_id}/done", "post",
        _api("/development-milestones/{m}/done", m="orgdev_milestone"),
        lambda world, user: {}, EDITORS_ONLY),
]  # fmt: skip


def _web(name: str, extra: str):
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra)])


def _slug(name: str):
    return lambda world: reverse(f"web:{name}", args=[world.organization.slug])


def _in_plan(name: str, extra: str):
    return lambda world: reverse(f"web:{name}", args=[world.organization.slug, _pk(world, extra)])


LINES = "owner, board\namina, volunteer\norgdev-facilitator, facilitator"

WEB_ROWS = [
    Row("web:orgdev-round-new", "post", _slug("orgdev-round-new"),
        lambda world, user: {"title": "Matrix round", "respondents": LINES}, EDITORS_ONLY),
    Row("web:orgdev-answer", "post", _web("orgdev-answer", "orgdev_open"),
        lambda world, user: {"strategy-plan": "3"}, OWNER_ONLY),
    Row("web:orgdev-round-invite", "post", _web("orgdev-round-invite", "orgdev_open"),
        lambda world, user: {"respondents": "other, staff"}, EDITORS_ONLY),
    Row("web:orgdev-round-close", "post", _web("orgdev-round-close", "orgdev_ready"),
        lambda world, user: {}, EDITORS_ONLY),
    Row("web:orgdev-round-publish", "post", _web("orgdev-round-publish", "orgdev_closed"),
        lambda world, user: {"published": "1"}, EDITORS_ONLY),
    Row("web:orgdev-goal-new", "post", _slug("orgdev-goal-new"),
        lambda world, user: {"dimension": "people", "title": "Grow leaders"}, EDITORS_ONLY),
    Row("web:orgdev-gap-need", "post", _slug("orgdev-gap-need"),
        lambda world, user: {"dimension": "finance"}, EDITORS_ONLY),
    Row("web:orgdev-goal-status", "post", _in_plan("orgdev-goal-status", "orgdev_goal"),
        lambda world, user: {"status": "in_progress"}, EDITORS_ONLY),
    Row("web:orgdev-milestone-new", "post", _in_plan("orgdev-milestone-new", "orgdev_goal"),
        lambda world, user: {f"m{_pk(world, 'orgdev_goal')}-title": "Second"}, EDITORS_ONLY),
    Row("web:orgdev-milestone-done", "post", _in_plan("orgdev-milestone-done", "orgdev_milestone"),
        lambda world, user: {}, EDITORS_ONLY),
]  # fmt: skip

WEB_READ_ONLY = {
    "orgdev-home",
    "orgdev-framework",
    "orgdev-organization",
    "orgdev-round",
    "orgdev-plan",
}

READ_ONLY_ARGS = {
    "orgdev-organization": lambda world: [world.organization.slug],
    "orgdev-plan": lambda world: [world.organization.slug],
    "orgdev-round": lambda world: [_pk(world, "orgdev_closed")],
}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    """A round of the fuzz member's organization (the member is invited and manages it), a
    goal and a milestone, so generated requests meet real objects."""
    people = [(member, "board"), (other, "volunteer"), (staff, "facilitator")]
    made = _round(organization, people, "fuzz", submitted=False, closed=False)
    goal = Goal.objects.create(organization=organization, dimension="people", title="Fuzz")
    milestone = Milestone.objects.create(goal=goal, title="Fuzz step")
    return {"round_id": [made.pk], "goal_id": [goal.pk], "milestone_id": [milestone.pk]}
