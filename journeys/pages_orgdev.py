"""The orgdev app's pages in the accessibility gate (see journeys/pages.py).

Seeded: the organization (kwame manages it) ran two closed rounds (so results show change and
the organization page draws its chart) and has a third open, which amina answers; a goal
with a milestone in its plan."""


def _pk(hub, name):
    return hub.extra[name].pk


def _slug(hub):
    return hub.organization.slug


PAGE_TYPES = [
    ("orgdev-home", "/organizational-development/", None),
    ("orgdev-home-member", "/organizational-development/", "member"),
    ("orgdev-framework", "/organizational-development/framework/", None),
    ("orgdev-organization", lambda hub: f"/organizational-development/o/{_slug(hub)}/", "manager"),
    (
        "orgdev-round-new",
        lambda hub: f"/organizational-development/o/{_slug(hub)}/rounds/new/",
        "manager",
    ),
    (
        "orgdev-round",
        lambda hub: f"/organizational-development/rounds/{_pk(hub, 'orgdev_second')}/",
        "manager",
    ),
    (
        "orgdev-answer",
        lambda hub: f"/organizational-development/rounds/{_pk(hub, 'orgdev_open')}/answer/",
        "member",
    ),
    ("orgdev-plan", lambda hub: f"/organizational-development/o/{_slug(hub)}/plan/", "manager"),
]

NOT_PAGES = {
    "orgdev-round-close",
    "orgdev-round-publish",
    "orgdev-round-invite",
    "orgdev-goal-new",
    "orgdev-gap-need",
    "orgdev-goal-status",
    "orgdev-milestone-new",
    "orgdev-milestone-done",
}


def seed(hub) -> dict:
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.orgdev.framework import BUILTIN_V1
    from capacityhub.orgdev.services import (
        answers_save,
        goal_create,
        milestone_add,
        round_close,
        round_open,
    )

    member, manager = hub.users["member"], hub.users["manager"]
    facilitator = UserFactory(username="orgdev-facilitator")
    people = [(member, "volunteer"), (manager, "board"), (facilitator, "facilitator")]
    invited = [{"username": u.username, "role": role} for u, role in people]

    def run(title, levels, close=True):
        made = round_open(
            actor=manager, organization=hub.organization, title=title, respondents=invited
        )
        if not close:
            return made
        for (user, _role), level in zip(people, levels, strict=True):
            answers = {key: {"level": level, "evidence": "Minutes"} for key in BUILTIN_V1}
            answers_save(actor=user, round_=made, answers=answers, submit=True)
        return round_close(actor=manager, round_=made)

    first = run("2025 self-assessment", [1, 2, 2])
    second = run("2026 self-assessment", [2, 3, 4])
    open_round = run("2027 self-assessment", [], close=False)
    goal = goal_create(
        actor=manager, organization=hub.organization, dimension="finance", title="Two funders"
    )
    milestone_add(actor=manager, goal=goal, title="Draft a proposal")
    return {"orgdev_first": first, "orgdev_second": second, "orgdev_open": open_round}
