"""The one rule "the owner, the organization's managers, or staff", for every app."""

import pytest

from capacityhub.community.models import Membership
from capacityhub.community.selectors import can_act_for
from capacityhub.community.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_owner_acts_for_their_own_things_by_user_or_by_id(owner, other):
    assert can_act_for(owner, owner=owner)
    assert can_act_for(owner, owner=owner.pk)
    assert not can_act_for(other, owner=owner)


def test_the_organizations_managers_act_for_it_but_its_members_do_not(manager, other, organization):
    Membership.objects.create(organization=organization, user=other)

    assert can_act_for(manager, organization=organization)
    assert can_act_for(manager, owner=other, organization=organization.pk)
    assert not can_act_for(other, organization=organization)


def test_staff_act_for_anyone_unless_the_rule_leaves_staff_out(staff, owner, organization):
    assert can_act_for(staff, owner=owner)
    assert can_act_for(staff, organization=organization)
    assert not can_act_for(staff, owner=owner, organization=organization, staff=False)


def test_anonymous_and_deactivated_people_act_for_nothing(anonymous, organization):
    gone = UserFactory(is_active=False, is_staff=True)
    Membership.objects.create(organization=organization, user=gone, role="manager")

    assert not can_act_for(anonymous, owner=None, organization=organization)
    assert not can_act_for(gone, owner=gone, organization=organization)


def test_nothing_owned_by_no_one_is_open_to_members(other):
    assert not can_act_for(other)
