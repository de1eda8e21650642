"""Two votes by one member at the same moment: one counts, the other is refused."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.core.tests.concurrency import race
from capacityhub.governance.models import Vote
from capacityhub.governance.services import vote_cast


@pytest.mark.django_db(transaction=True)
def test_two_votes_at_once_count_once(motion, owner):
    outcomes = race(
        lambda: vote_cast(actor=owner, motion=motion, choice="for"),
        lambda: vote_cast(actor=owner, motion=motion, choice="against"),
    )
    assert Vote.objects.filter(voter=owner).count() == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert sum(o is None for o in outcomes) == 1
