"""Two people saving the same profile or organization at the same moment never lose an update
silently: with the version they read, the second gets a conflict; without it, edits of
different fields both survive."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.community.models import Organization, Profile
from capacityhub.community.services import organization_update, profile_update
from capacityhub.core.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_saves_of_the_same_profile_version_give_one_clear_conflict(owner, staff):
    version = owner.profile.version

    def save(actor, bio):
        profile = Profile.objects.get(user=owner)
        return lambda: profile_update(
            actor=actor, profile=profile, expected_version=version, bio=bio
        )

    outcomes = race(save(owner, "mine"), save(staff, "staff's"))

    conflicts = [o for o in outcomes if isinstance(o, ValidationError)]
    assert [o for o in outcomes if o is None] and len(conflicts) == 1
    assert "version" in conflicts[0].message_dict
    profile = Profile.objects.get(user=owner)
    assert profile.version == version + 1
    winner = "mine" if outcomes[0] is None else "staff's"
    assert profile.bio == winner


def test_concurrent_edits_of_different_organization_fields_both_survive(
    manager, staff, organization
):
    def save(actor, **change):
        stale = Organization.objects.get(pk=organization.pk)
        return lambda: organization_update(actor=actor, organization=stale, **change)

    outcomes = race(
        save(manager, description="We run edit-a-thons."),
        save(staff, website="https://example.org/kano"),
    )

    assert outcomes == [None, None]
    organization.refresh_from_db()
    assert organization.description == "We run edit-a-thons."
    assert organization.website == "https://example.org/kano"
    assert organization.version == 3
