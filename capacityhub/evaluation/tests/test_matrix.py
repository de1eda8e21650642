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
