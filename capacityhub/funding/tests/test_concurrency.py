"""50 transactions posted at once keep one unbroken chain."""

import pytest
from django.core.management import call_command

from capacityhub.core.tests.concurrency import race
from capacityhub.funding.models import Transaction
from capacityhub.funding.services import transaction_post

from .fixtures import posting

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_posts_at_once_keep_one_unbroken_chain(finance):
    def post(n):
        return lambda: transaction_post(actor=finance, **posting(amount=str(n + 1)))

    outcomes = race(*(post(n) for n in range(50)))

    assert outcomes == [None] * 50
    sequences = sorted(Transaction.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 51))
    assert Transaction.objects.values("prev_hash").distinct().count() == 50
    call_command("verify_ledger")
