"""Fixtures mentoring's service, page and API tests share (imported by each tests conftest)."""

import datetime as dt

import pytest

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.mentoring.services import (
    cohort_create,
    mentor_profile_save,
    participant_admit,
    programme_create,
    request_create,
)

STAGES = [
    {
        "title": "Identify",
        "completion": "sign_off",
        "entry_criteria": "Edited for a year.",
        "activities": [{"kind": "event", "title": "Kick-off call"}],
    },
    {
        "title": "Learn",
        "completion": "evidence",
        "evidence_kind": "learned",
        "evidence_capacity": "fundraising",
        "activities": [{"kind": "course", "title": "Grants 101"}],
    },
    {
        "title": "Lead",
        "completion": "sign_off",
        "activities": [{"kind": "project", "title": "Run an edit-a-thon"}],
    },
]


@pytest.fixture
def programme(db, staff, taxonomy):
    return programme_create(
        actor=staff,
        title="Emerging organizers, Latin America 2027",
        description="Identify, learn, lead.",
        capacities=["fundraising", "grant-writing"],
        languages=["es", "pt"],
        stages=STAGES,
    )


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator")


@pytest.fixture
def cohort(db, staff, programme, facilitator):
    today = dt.date.today()
    return cohort_create(
        actor=staff,
        programme=programme,
        title="Cohort 1",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=150),
        facilitators=[facilitator],
    )


@pytest.fixture
def participant(db, staff, cohort, owner):
    return participant_admit(actor=staff, cohort=cohort, user=owner)


def make_mentor(
    username,
    *,
    capacities=("grant-writing",),
    languages=("es",),
    max_mentees=3,
    weight=1,
    staff=None,
):
    user = UserFactory(username=username)
    mentor_profile_save(
        actor=user,
        user=user,
        capacities=list(capacities),
        languages=list(languages),
        time_zone="America/Lima",
        max_mentees=max_mentees,
    )
    if weight != 1:
        mentor_profile_save(
            actor=staff,
            user=user,
            capacities=list(capacities),
            languages=list(languages),
            max_mentees=max_mentees,
            weight=weight,
        )
    return user


@pytest.fixture
def mentor(db, taxonomy):
    return make_mentor("mentor")


@pytest.fixture
def backup_mentor(db, taxonomy):
    return make_mentor("backup-mentor", capacities=("fundraising",))


@pytest.fixture
def mentee_request(db, owner, taxonomy):
    return request_create(actor=owner, capacities=["grant-writing"], languages=["es"])


def same_organization(organization, *people):
    for person in people:
        Membership.objects.get_or_create(organization=organization, user=person)
