"""Exchange writes that race: two managers rating one connection at once, and the daily
expiry meeting a need being closed. Each must leave one consistent outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.tests.concurrency import race
from capacityhub.exchange.models import Feedback, Need, NeedEvent
from capacityhub.exchange.services.connections import (
    connection_accept,
    connection_invite,
    connection_mark_done,
)
from capacityhub.exchange.services.conversation import feedback_leave
from capacityhub.exchange.services.needs import need_close, need_expire_overdue

from .factories_connections import NeedFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_rating_at_once_leave_one_rating_for_their_organization(
    manager, organization, other, taxonomy
):
    colleague = UserFactory(username="colleague")
    Membership.objects.create(organization=organization, user=colleague, role="manager")
    need = NeedFactory(
        requester=manager, organization=organization, capacities=[taxonomy["grant-reporting"]]
    )
    connection = connection_invite(
        actor=manager, need=need, provider=other, message="Could you help us?"
    )
    connection_accept(actor=other, connection=connection)
    connection_mark_done(actor=manager, connection=connection)
    connection_mark_done(actor=other, connection=connection)

    outcomes = race(
        lambda: feedback_leave(actor=manager, connection=connection, rating=5),
        lambda: feedback_leave(actor=colleague, connection=connection, rating=1),
    )

    assert Feedback.objects.filter(connection=connection).count() == 1
    assert sum(outcome is None for outcome in outcomes) == 1


def test_a_need_closed_while_expiring_has_a_history_that_matches_its_status(owner, taxonomy):
    need = NeedFactory(
        requester=owner,
        capacities=[taxonomy["grant-reporting"]],
        ends_on=timezone.localdate() - timedelta(days=1),
    )

    race(
        lambda: need_expire_overdue(),
        lambda: need_close(actor=owner, need=Need.objects.get(pk=need.pk), note="Done."),
    )

    need.refresh_from_db()
    history = list(NeedEvent.objects.filter(need=need).order_by("id"))
    assert need.status in {"expired", "closed"}
    assert history[-1].to_status == need.status
    assert [e.to_status for e in history].count("expired") <= 1
