"""Courses in the rest of the hub: search, suggestions for a need, and the shared pages' panels."""

import pytest
from django.utils import timezone

from capacityhub.community.models import Membership, Profile
from capacityhub.core.models import Visibility
from capacityhub.exchange.suggestions import suggestions_for_need
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.learning.models import Enrolment
from capacityhub.search.indexing import reindex_all
from capacityhub.search.models import SearchDocument

from .factories import author_user, cohort_of, course_with_lessons, enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return author_user()


def _complete(user, course):
    enrolment = enrol(user, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=timezone.now(), certificate_code=f"code-{user.pk}-{course.pk}"
    )


def test_only_published_courses_are_indexed_with_their_lessons(author, taxonomy):
    course, *_ = course_with_lessons(authors=[author], capacities=[taxonomy["grant-writing"]])
    course_with_lessons(authors=[author], published=False, title="Hidden draft")

    reindex_all()

    documents = SearchDocument.objects.filter(kind="course")
    assert [d.object_id for d in documents] == [course.pk]
    assert "Welcome" in documents[0].body


def test_a_need_is_answered_by_courses_on_narrower_capacities_with_runs_first(
    owner, other, author, taxonomy
):
    self_paced, *_ = course_with_lessons(
        authors=[author], capacities=[taxonomy["grant-writing"]], title="Self-paced"
    )
    with_run, *_ = course_with_lessons(
        authors=[author], capacities=[taxonomy["grant-reporting"]], title="With a run"
    )
    cohort_of(with_run)
    course_with_lessons(authors=[author], capacities=[taxonomy["lua-scripting"]], title="Lua")
    course_with_lessons(
        authors=[author], capacities=[taxonomy["grant-writing"]], title="French", language="fr"
    )
    need = NeedFactory(requester=owner, capacities=[taxonomy["fundraising"]], languages=["en"])

    titles = [s.title for s in suggestions_for_need(need=need, viewer=other) if s.kind == "course"]

    assert titles == ["With a run", "Self-paced"]


def test_the_home_page_shows_new_courses(client, author, taxonomy):
    course_with_lessons(authors=[author], title="Fresh course")

    assert "Fresh course" in client.get("/").content.decode()


def test_a_profile_shows_completed_courses_only_where_capacities_are_visible(
    client, other_client, owner, author, taxonomy
):
    course, *_ = course_with_lessons(authors=[author], title="Finished course")
    _complete(owner, course)

    assert "Finished course" in client.get("/people/owner/").content.decode()
    Profile.objects.filter(user=owner).update(capacities_visibility=Visibility.MEMBERS)
    assert "Finished course" not in client.get("/people/owner/").content.decode()
    assert "Finished course" in other_client.get("/people/owner/").content.decode()


def test_an_organization_page_counts_what_its_members_learned(
    client, owner, other, organization, author, taxonomy
):
    course, *_ = course_with_lessons(authors=[author], title="Team course")
    for member in (owner, other):
        Membership.objects.create(organization=organization, user=member)
        _complete(member, course)
    Profile.objects.filter(user=other).update(capacities_visibility=Visibility.PRIVATE)

    page = client.get(f"/organizations/{organization.slug}/").content.decode()

    assert "Team course" in page and "1 member" in page
