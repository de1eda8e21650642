import pytest

from capacityhub.community.models import Membership, ProfileLanguage
from capacityhub.community.tests.factories import UserFactory

from .factories import make_call, make_form


@pytest.fixture
def application_form(db, staff):
    return make_form(staff)


@pytest.fixture
def reviewers(db):
    people = []
    for name, language in (("rev-a", "es"), ("rev-b", "en"), ("rev-c", "es")):
        person = UserFactory(username=name)
        ProfileLanguage.objects.create(profile=person.profile, language=language, proficiency=4)
        people.append(person)
    return people


@pytest.fixture
def call(db, staff, application_form, reviewers):
    return make_call(created_by=staff, form=application_form, reviewers=reviewers)


@pytest.fixture
def applicant(db):
    return UserFactory(username="applicant")


@pytest.fixture
def conflicted_reviewer(db, organization, applicant, call):
    """A reviewer of the call from the applicant's own organization."""
    Membership.objects.create(organization=organization, user=applicant)
    person = UserFactory(username="rev-same-org")
    Membership.objects.create(organization=organization, user=person)
    call.reviewers.add(person)
    return person
