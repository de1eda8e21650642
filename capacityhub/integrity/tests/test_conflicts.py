"""One answer to "is this person conflicted about that subject, and why": derived from the
hub's data (same organization, recent connection, co-authorship) and from declarations."""

import datetime as dt

import pytest
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.models import Connection
from capacityhub.exchange.tests.factories_connections import ConnectionFactory, NeedFactory
from capacityhub.integrity.conflicts import (
    USER,
    Conflict,
    Link,
    conflict_check,
    conflicted_pairs,
    register_conflict_source,
)
from capacityhub.integrity.models import InterestKind
from capacityhub.integrity.services import interest_declare, interest_withdraw
from capacityhub.knowledge.tests.factories import ResourceFactory


class Application:
    """Anything exposing conflict_parties() is a subject."""

    def __init__(self, applicant, organizations=()):
        self.applicant, self.organizations = applicant, list(organizations)

    def conflict_parties(self):
        return [self.applicant], self.organizations


def kinds(conflicts):
    return {c.kind for c in conflicts}


def test_strangers_are_not_conflicted(owner, other):
    assert conflict_check(person=other, subject=owner) == []


def test_a_person_is_conflicted_about_themself(owner):
    assert kinds(conflict_check(person=owner, subject=Application(owner))) == {"self"}


def test_a_member_is_conflicted_about_their_organization(manager, organization):
    conflicts = conflict_check(person=manager, subject=organization)

    assert kinds(conflicts) == {"same_organization"}
    assert "Wikimedians of Kano" in str(conflicts[0].reason)


def test_members_of_the_same_organization_are_conflicted_about_each_other(
    owner, manager, organization
):
    Membership.objects.create(organization=organization, user=owner)

    assert kinds(conflict_check(person=manager, subject=Application(owner))) == {
        "same_organization"
    }


def test_a_connection_in_the_last_year_is_a_conflict(owner, other):
    ConnectionFactory(need=NeedFactory(requester=owner), provider=other, status="completed")

    assert kinds(conflict_check(person=other, subject=owner)) == {"connection"}
    assert kinds(conflict_check(person=owner, subject=other)) == {"connection"}


def test_helping_an_organization_through_the_exchange_is_a_conflict_about_it(other, organization):
    ConnectionFactory(
        need=NeedFactory(requester=UserFactory(), organization=organization),
        provider=other,
        status="accepted",
    )

    assert kinds(conflict_check(person=other, subject=organization)) == {"connection"}


def test_an_old_or_declined_connection_is_not_a_conflict(owner, other):
    old = ConnectionFactory(need=NeedFactory(requester=owner), provider=other, status="completed")
    long_ago = timezone.now() - dt.timedelta(days=400)
    Connection.objects.filter(pk=old.pk).update(created_at=long_ago, completed_at=long_ago)
    ConnectionFactory(need=NeedFactory(requester=owner), provider=other, status="declined")

    assert conflict_check(person=other, subject=owner) == []


def test_co_authors_of_a_resource_are_conflicted(owner, other):
    ResourceFactory(authors=[owner, other])

    assert kinds(conflict_check(person=other, subject=owner)) == {"coauthor"}


@pytest.mark.parametrize(
    ("kind", "about"),
    [
        (InterestKind.ORGANIZATION_ROLE, "organization"),
        (InterestKind.PERSONAL_RELATIONSHIP, "person"),
        (InterestKind.FINANCIAL, "organization"),
        (InterestKind.FINANCIAL, "person"),
        (InterestKind.COLLABORATION, "person"),
        (InterestKind.COLLABORATION, "organization"),
    ],
)
def test_each_declared_interest_makes_a_conflict(other, owner, kind, about):
    organization = OrganizationFactory()
    party = {"organization": organization} if about == "organization" else {"person": owner}
    interest_declare(actor=other, kind=kind, **party)
    subject = Application(owner, [organization])

    conflicts = conflict_check(person=other, subject=subject)

    assert kinds(conflicts) == {"interest"}


def test_an_interest_declared_by_the_applicant_about_a_reviewer_counts_too(owner, other):
    interest_declare(actor=owner, kind=InterestKind.PERSONAL_RELATIONSHIP, person=other)

    assert kinds(conflict_check(person=other, subject=Application(owner))) == {"interest"}


def test_a_withdrawn_interest_no_longer_counts(owner, other):
    interest = interest_declare(actor=other, kind=InterestKind.FINANCIAL, person=owner)
    interest_withdraw(actor=other, interest=interest)

    assert conflict_check(person=other, subject=owner) == []


def test_a_collaboration_ended_four_years_ago_no_longer_counts(owner, other):
    interest_declare(
        actor=other,
        kind=InterestKind.COLLABORATION,
        person=owner,
        ended_on=timezone.localdate() - dt.timedelta(days=4 * 365),
    )

    assert conflict_check(person=other, subject=owner) == []


def test_other_apps_can_add_a_source_such_as_mentor_pairs(owner, other):
    def mentors(people, users, organizations):
        conflict = Conflict("mentor", "Mentor pair", "pair:1")
        if other.pk in people and owner.pk in users:
            yield Link(other.pk, (USER, owner.pk), conflict)

    register_conflict_source(mentors)
    try:
        assert kinds(conflict_check(person=other, subject=owner)) == {"mentor"}
    finally:
        from capacityhub.integrity import conflicts

        conflicts._sources.remove(mentors)


def test_conflicted_pairs_finds_every_pair_in_a_bounded_number_of_queries(
    django_assert_max_num_queries, organization
):
    reviewers = UserFactory.create_batch(6)
    applicants = UserFactory.create_batch(30)
    Membership.objects.create(organization=organization, user=reviewers[0])
    Membership.objects.create(organization=organization, user=applicants[3])
    ResourceFactory(authors=[reviewers[1], applicants[5]])
    interest_declare(actor=reviewers[2], kind=InterestKind.FINANCIAL, person=applicants[7])
    ConnectionFactory(
        need=NeedFactory(requester=applicants[9]), provider=reviewers[3], status="accepted"
    )
    subjects = [Application(a) for a in applicants] + [Application(reviewers[4])]
    subjects.append(Application(UserFactory(), [organization]))

    with django_assert_max_num_queries(6):
        pairs = conflicted_pairs(reviewers, subjects)

    assert pairs == {
        (reviewers[0].pk, 3),
        (reviewers[1].pk, 5),
        (reviewers[2].pk, 7),
        (reviewers[3].pk, 9),
        (reviewers[4].pk, 30),
        (reviewers[0].pk, 31),
    }
