"""Prerequisites are advice: enrolling without them is allowed, with a warning that links them,
and the course page shows a signed-in learner which ones they completed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.learning.models import Enrolment
from capacityhub.learning.selectors.learners import prerequisites_of

from .factories import author_user, course_with_lessons, enrol

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def courses(db):
    """A course requiring two published courses (and a draft, which nobody is told about)."""
    author = author_user()
    basics, *_ = course_with_lessons(authors=[author], title="Wiki basics", slug="wiki-basics")
    sources, *_ = course_with_lessons(authors=[author], title="Citing sources", slug="sources")
    draft, *_ = course_with_lessons(authors=[author], title="Hidden draft", published=False)
    advanced, *_ = course_with_lessons(authors=[author], title="Advanced", slug="advanced")
    advanced.prerequisites.set([basics, sources, draft])
    return {"basics": basics, "sources": sources, "advanced": advanced}


def _complete(user, course) -> None:
    Enrolment.objects.create(
        user=user, course=course, completed_at=timezone.now(), certificate_code=f"c-{course.pk}"
    )


def test_the_selector_tells_which_published_prerequisites_a_person_completed(owner, courses):
    _complete(owner, courses["basics"])

    status = prerequisites_of(user=owner, course=courses["advanced"])

    assert set(status) == {(courses["basics"], True), (courses["sources"], False)}


def test_anonymous_visitors_have_completed_nothing(anonymous, courses):
    status = prerequisites_of(user=anonymous, course=courses["advanced"])

    assert [done for _course, done in status] == [False, False]


def test_enrolling_without_the_prerequisites_is_allowed_with_a_warning_linking_them(
    owner_client, owner, courses
):
    _complete(owner, courses["basics"])
    advanced = courses["advanced"]

    response = owner_client.post(reverse("web:course-enrol", args=[advanced.slug]), follow=True)

    content = response.content.decode()
    assert Enrolment.objects.filter(user=owner, course=advanced).exists()
    assert "You are enrolled" in content
    assert "have not completed the courses recommended before this one: “Citing sources”" in (
        content
    )
    assert reverse("web:course-detail", args=["sources"]) in content
    assert "Hidden draft" not in content


def test_enrolling_with_every_prerequisite_completed_warns_of_nothing(owner_client, owner, courses):
    _complete(owner, courses["basics"])
    _complete(owner, courses["sources"])

    response = owner_client.post(
        reverse("web:course-enrol", args=[courses["advanced"].slug]), follow=True
    )

    content = response.content.decode()
    assert "You are enrolled" in content
    assert "recommended before this one" not in content
    assert "Recommended first" not in content


def test_the_course_page_shows_a_learner_which_prerequisites_they_completed(
    owner_client, owner, courses, django_assert_max_num_queries
):
    _complete(owner, courses["basics"])

    with django_assert_max_num_queries(22):
        response = owner_client.get(reverse("web:course-detail", args=["advanced"]))

    content = response.content.decode()
    assert "You can still enrol now." in content
    assert "Wiki basics</bdi></a> · <strong>completed by you</strong>" in content
    assert "Citing sources</bdi></a> · not completed yet" in content


def test_anonymous_visitors_see_the_prerequisites_without_any_status(client, courses):
    response = client.get(reverse("web:course-detail", args=["advanced"]))

    content = response.content.decode()
    assert "Wiki basics" in content
    assert "completed by you" not in content and "not completed yet" not in content


def test_the_api_enrols_and_lists_the_missing_prerequisites(owner_client, owner, courses):
    _complete(owner, courses["sources"])

    response = owner_client.post(
        f"{API}/courses/advanced/enrol", {}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["missing_prerequisites"] == ["wiki-basics"]


def test_the_api_course_detail_lists_the_prerequisites_you_completed(owner_client, owner, courses):
    _complete(owner, courses["basics"])
    enrol(owner, courses["advanced"])

    body = owner_client.get(f"{API}/courses/advanced").json()

    assert sorted(body["prerequisites"]) == ["sources", "wiki-basics"]
    assert body["prerequisites_completed"] == ["wiki-basics"]
