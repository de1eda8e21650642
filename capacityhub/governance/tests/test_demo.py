"""The demo: a board of seven, three meetings, a recusal, published minutes, answered advice."""

import pytest

from capacityhub.community.models import CapacityClaim, Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.governance.demo import write_demo
from capacityhub.governance.models import AdviceRequest, Meeting, Motion, Term, Vote


@pytest.mark.django_db
def test_the_demo_writes_a_board_with_meetings_a_recusal_and_advice(taxonomy):
    UserFactory(username="demo-admin", is_staff=True)
    people = [UserFactory(username=f"demo{n:02}") for n in range(10)]
    UserFactory(username="demo-member")
    Membership.objects.create(organization=OrganizationFactory(), user=people[0])
    CapacityClaim.objects.create(profile=people[1].profile, capacity=taxonomy["grant-writing"],
                                 relation="offers")  # fmt: skip
    summary = write_demo(seed=1)
    assert "board of 7" in summary
    assert Term.objects.count() == 7
    assert Meeting.objects.count() == 3
    assert Meeting.objects.filter(minutes_status="published").count() == 2
    assert Vote.objects.filter(choice="recused", from_register=True).exists()
    assert (
        Motion.objects.filter(kind="decision", status="carried", decision__isnull=False).count()
        == 2
    )
    assert AdviceRequest.objects.get().status == "published"
    assert write_demo(seed=1).startswith("governance: skipped")


def test_without_a_community_the_demo_writes_nothing(db):
    assert write_demo(seed=1) == "governance: skipped (no demo community)."
