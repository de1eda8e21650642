import pytest

from capacityhub.evaluation.matrix import figures_by_key
from capacityhub.evaluation.selectors import matrix_for, open_data_rows, practice_outcomes

from .helpers import course_with_pair

pytestmark = pytest.mark.django_db


def test_the_matrix_shows_the_paired_change(owner):
    _course, model, _surveys = course_with_pair(owner, 6)
    figures = figures_by_key(matrix_for(model))
    change = figures["pre_post_change"]
    assert not change.suppressed and change.n == 6
    assert change.low < change.value < change.high
    assert change.value == pytest.approx(2.5)
    assert figures["completed"].n == 6  # a provider (learning) filled level 2
    assert {r["figure"] for r in open_data_rows()} >= {"pre_post_change", "evidence_after"}
    assert practice_outcomes()[0].change == pytest.approx(2.5)


def test_three_people_are_suppressed(owner):
    _course, model, _surveys = course_with_pair(owner, 3)
    change = figures_by_key(matrix_for(model))["pre_post_change"]
    assert change.suppressed and change.value is None and change.n == 0
    assert "5" in change.reason
    rows = [r for r in open_data_rows() if r["figure"] == "pre_post_change"]
    assert rows[0]["value"] is None and rows[0]["suppressed"]


def test_behaviour_and_results_count_participants_only(owner, other):
    from datetime import timedelta

    from django.utils import timezone

    from capacityhub.exchange.models import Connection, Need

    course, model, _s = course_with_pair(owner, 5)
    learners = [e.user for e in course.enrolments.order_by("id")]
    later = timezone.now() + timedelta(days=1)
    for i, learner in enumerate(learners):
        need = Need.objects.create(requester=learner, title="Help with Lua",
                                   status="fulfilled" if i < 3 else "open")  # fmt: skip
        # Each learner's need helped by `other`, who did not take the course.
        Connection.objects.create(need=need, provider=other, status="completed",
                                  completed_at=later)  # fmt: skip
    figures = figures_by_key(matrix_for(model))
    assert figures["connections_after"].value == 100.0  # five learners, not `other`
    assert figures["connections_after"].n == 5
    assert figures["needs_fulfilled"].value == 60.0 and figures["needs_fulfilled"].n == 5
