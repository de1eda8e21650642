"""Writes that race: the last respondent submitting while a manager closes the round, and
every respondent submitting at once. Each leaves one consistent outcome."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.community.models import User
from capacityhub.core.tests.concurrency import race
from capacityhub.orgdev.models import Answer, Round
from capacityhub.orgdev.services import answers_save, round_close

from .conftest import answers_at

pytestmark = pytest.mark.django_db(transaction=True)


def _users(respondents):
    return [User.objects.get(username=r["username"]) for r in respondents]


def test_closing_while_the_last_person_submits_never_loses_or_sneaks_in_answers(
    open_round, manager, respondents
):
    first, second, last = _users(respondents)
    for user in (first, second):
        answers_save(actor=user, round_=open_round, answers=answers_at(2), submit=True)

    outcomes = race(
        lambda: answers_save(actor=last, round_=open_round, answers=answers_at(3), submit=True),
        lambda: round_close(actor=manager, round_=open_round),
    )

    round_ = Round.objects.get()
    submitted = round_.respondents.filter(submitted_at__isnull=False).count()
    assert all(o is None or isinstance(o, ValidationError) for o in outcomes)
    if round_.closed_at is not None:  # the submission came first, then the close
        assert outcomes == [None, None] and submitted == 3
    else:  # the close was refused (two submissions), the submission went through
        assert isinstance(outcomes[1], ValidationError) and submitted == 3
    assert Answer.objects.filter(respondent__user=last).count() == len(answers_at(3))


def test_everyone_submitting_at_once_keeps_every_answer(open_round, respondents):
    people = _users(respondents)
    outcomes = race(
        *[
            (lambda user=user: answers_save(
                actor=user, round_=open_round, answers=answers_at(2), submit=True
            ))
            for user in people
        ]
    )  # fmt: skip
    assert outcomes == [None, None, None]
    assert Answer.objects.count() == 3 * len(answers_at(2))
