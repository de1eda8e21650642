"""Retention: the pure windows and the selector over real activity."""

import datetime as dt

from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Need
from capacityhub.mentoring.models import Participant
from capacityhub.mentoring.retention_rules import dropout, leaders, retention_windows
from capacityhub.mentoring.selectors import programme_retention

NOW = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)


def days_ago(n):
    return NOW - dt.timedelta(days=n)


def test_a_window_counts_only_alumni_whose_window_has_ended():
    completed = {i: days_ago(100) for i in range(6)} | {99: days_ago(10)}
    activity = {0: [days_ago(95)], 1: [days_ago(50)], 2: [days_ago(20)]}
    thirty, ninety, year = retention_windows(completed, activity, NOW)
    assert (thirty.eligible, thirty.retained) == (6, 1)
    assert (ninety.eligible, ninety.retained) == (6, 2)
    assert year.eligible == 0 and year.retained is None


def test_groups_under_five_are_not_shown():
    completed = {i: days_ago(100) for i in range(4)}
    windows = retention_windows(completed, {0: [days_ago(95)]}, NOW)
    assert windows[0].retained is None and windows[0].rate is None
    assert leaders(completed, {}) == (None, None)


def test_leaders_within_a_year_and_dropout_counts():
    completed = {i: days_ago(400) for i in range(5)}
    became = {0: [days_ago(300)], 1: [days_ago(10)]}
    assert leaders(completed, became) == (1, 0.2)
    assert dropout(["A", "B"], [0, 0, 0, 0, 0, 1]) == (("A", 5), ("B", None))


def test_the_selector_reads_activity_after_completion(programme, cohort, taxonomy):
    people = [UserFactory(username=f"alum{i}") for i in range(5)]
    finished = timezone.now() - dt.timedelta(days=40)
    for person in people:
        Participant.objects.create(
            cohort=cohort, user=person, status=Participant.Status.COMPLETED, completed_at=finished
        )
    need = Need.objects.create(requester=people[0], title="Help with grants")
    Need.objects.filter(pk=need.pk).update(created_at=finished + dt.timedelta(days=5))
    report = programme_retention(programme=programme)
    assert report.alumni == 5
    assert report.windows[0].retained == 1
    assert report.windows[0].rate == 0.2
