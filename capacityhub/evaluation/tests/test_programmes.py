"""Leadership programmes are evaluated like courses and calls: their retention fills level 3,
and the participants' organizations' reassessments fill level 4."""

import datetime as dt

from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.evaluation.matrix import figures_by_key, kirkpatrick_matrix
from capacityhub.exchange.models import Need
from capacityhub.mentoring.models import Participant
from capacityhub.mentoring.tests.fixtures import cohort, facilitator, programme  # noqa: F401
from capacityhub.orgdev.tests.conftest import respondents, run_round  # noqa: F401


def _alumni(cohort, count, days_ago=40):  # noqa: F811
    finished = timezone.now() - dt.timedelta(days=days_ago)
    people = [UserFactory(username=f"alum{i}") for i in range(count)]
    for person in people:
        Participant.objects.create(
            cohort=cohort, user=person, status=Participant.Status.COMPLETED, completed_at=finished
        )
    return people, finished


def test_a_programmes_retention_is_its_level_three(programme, cohort):  # noqa: F811
    people, finished = _alumni(cohort, 5)
    for person in people[:2]:
        need = Need.objects.create(requester=person, title="Help with grants")
        Need.objects.filter(pk=need.pk).update(created_at=finished + dt.timedelta(days=5))

    figures = figures_by_key(kirkpatrick_matrix("mentoring.programme", str(programme.pk)))

    assert figures["retained_30"].value == 40.0 and figures["retained_30"].n == 5
    assert figures["became_leaders"].suppressed is False


def test_retention_from_fewer_than_five_alumni_is_suppressed(programme, cohort):  # noqa: F811
    _alumni(cohort, 4)

    figures = figures_by_key(kirkpatrick_matrix("mentoring.programme", str(programme.pk)))

    assert figures["retained_30"].suppressed and figures["retained_30"].value is None


def test_organizations_whose_reassessment_improved_are_level_four(
    programme,  # noqa: F811
    cohort,  # noqa: F811
    organization,
    manager,
    respondents,  # noqa: F811
):
    people, _finished = _alumni(cohort, 5)
    Membership.objects.create(organization=organization, user=people[0])
    run_round(organization, manager, respondents, [1, 2, 1], title="First")
    run_round(organization, manager, respondents, [3, 3, 2], title="Again")

    shown = figures_by_key(kirkpatrick_matrix("mentoring.programme", str(programme.pk), minimum=1))
    hidden = figures_by_key(kirkpatrick_matrix("mentoring.programme", str(programme.pk)))

    assert shown["organizations_improved"].value == 100.0
    assert shown["organizations_improved"].n == 1
    assert hidden["organizations_improved"].suppressed
