"""The orgdev app's demo content (see capacityhub/demo): six organizations with a closed,
private self-assessment round (three to five respondents with roles, levels with evidence),
two of them reassessed a year later with visible change, one published; development goals
for the reassessed ones. Deterministic for a seed; bulk writes."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

ROLES = ["board", "staff", "volunteer", "volunteer", "facilitator"]
EVIDENCE = ["Board minutes", "Annual report", "Our wiki page", "Budget spreadsheet", ""]


def _answers(rng, respondent, questions, base: int, lift: int):
    from .framework import dimension_of
    from .models import Answer

    strengths = {}
    found = []
    for key in questions:
        dimension = dimension_of(key)
        strengths.setdefault(dimension, base + rng.choice([-1, 0, 0, 1]))
        level = min(4, max(1, strengths[dimension] + lift + rng.choice([-1, 0, 0, 0, 1])))
        found.append(
            Answer(respondent=respondent, question=key, level=level, evidence=rng.choice(EVIDENCE))
        )
    return found


def _round(rng, organization, framework, people, *, title, closed_at, base, lift, published):
    from .models import Answer, Respondent, Round

    made = Round.objects.create(
        organization=organization, framework=framework, title=title, published=published
    )
    Round.objects.filter(pk=made.pk).update(
        opened_at=closed_at - timedelta(days=30), closed_at=closed_at
    )
    chosen = rng.sample(people, k=min(len(people), rng.choice([3, 4, 5])))
    respondents = Respondent.objects.bulk_create(
        Respondent(round=made, user=user, role=ROLES[i % len(ROLES)], submitted_at=closed_at)
        for i, user in enumerate(chosen)
    )
    Answer.objects.bulk_create(
        answer
        for respondent in respondents
        for answer in _answers(rng, respondent, framework.questions, base, lift)
    )
    return made


def _goals(organization, manager):
    from .models import Goal, Milestone

    today = timezone.localdate()
    goal = Goal.objects.create(
        organization=organization, dimension="finance", title="A second regular funder",
        owner=manager, due_on=today + timedelta(days=180), status=Goal.Status.IN_PROGRESS,
    )  # fmt: skip
    Milestone.objects.bulk_create(
        [
            Milestone(goal=goal, title="List five possible funders", done_at=timezone.now()),
            Milestone(goal=goal, title="Send the first proposal", due_on=today + timedelta(90)),
        ]
    )
    Goal.objects.create(organization=organization, dimension="people", title="Train new leaders")


@transaction.atomic
def _write(seed: int) -> str:
    from capacityhub.community.models import Membership, Organization, User

    from .services import framework_ensure

    organizations = list(Organization.objects.order_by("id")[:6])
    people = list(User.objects.filter(is_active=True, is_staff=False).order_by("id")[:60])
    if len(organizations) < 6 or len(people) < 5:
        return "orgdev: skipped (no demo community)."
    rng = random.Random(seed)
    framework = framework_ensure()
    now = timezone.now()
    later = now - timedelta(days=20)
    for index, organization in enumerate(organizations):
        base = rng.choice([1, 2, 2, 3])
        first = now - timedelta(days=400)
        _round(rng, organization, framework, people, title="2025 self-assessment",
               closed_at=first, base=base, lift=0, published=index == 0)  # fmt: skip
        if index < 2:
            _round(rng, organization, framework, people, title="2026 reassessment",
                   closed_at=later, base=base, lift=1, published=False)  # fmt: skip
            manager = (
                Membership.objects.filter(organization=organization, role="manager")
                .select_related("user")
                .first()
            )
            _goals(organization, manager.user if manager else None)
    return "orgdev: 6 organizations assessed, 2 reassessed."


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return _write(seed)
