"""The demo courses (`learning/demo.py`): written through the services, deterministic."""

import pytest

from capacityhub.community.models import Evidence
from capacityhub.demo.community import build_community
from capacityhub.demo.community_io import write_community
from capacityhub.learning.demo import write_demo
from capacityhub.learning.models import CohortRun, Course, Enrolment
from capacityhub.taxonomy.tests.factories import CapacityFactory

pytestmark = pytest.mark.django_db
CODES = ("event-organizing", "edit-a-thon", "grant-writing", "lua-scripting", "wikidata")


@pytest.fixture
def demo_community(db):
    root = CapacityFactory(code="community")
    for code in CODES:
        CapacityFactory(code=code, parent=root)
    write_community(
        build_community(people=30, organizations=3, capacity_codes=["community", *CODES])
    )


def test_the_demo_has_courses_in_several_languages_a_translation_and_a_cohort(demo_community):
    summary = write_demo(seed=7)

    assert summary.startswith("learning: 5 courses")
    assert set(Course.objects.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert Course.objects.filter(translation_of__slug="first-edit-a-thon").exists()
    assert CohortRun.objects.get().facilitators.filter(username="demo-organizer").exists()
    member = Enrolment.objects.filter(user__username="demo-member")
    assert member.count() == 2 and member.filter(completed_at__isnull=False).exists()
    assert Evidence.objects.filter(kind=Evidence.Kind.COMPLETED).exists()


def test_the_demo_runs_once(demo_community):
    write_demo(seed=7)

    assert "skipped" in write_demo(seed=7)


def test_demo_courses_do_not_repeat_their_summary(demo_community):
    write_demo(seed=7)

    for course in Course.objects.all():
        first = course.modules.first().lessons.first()
        assert course.description != course.summary
        assert first.body != course.summary
