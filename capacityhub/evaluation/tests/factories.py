"""Test helpers: a course run by `author`, people enrolled in it, a scored survey form."""

from capacityhub.community.tests.factories import UserFactory
from capacityhub.forms.services import form_create
from capacityhub.learning.models import Course, Enrolment


def make_course(author, *, slug="wiki-101") -> Course:
    author.is_course_author = True
    author.save(update_fields=["is_course_author"])
    course = Course.objects.create(title="Wiki 101", slug=slug, is_published=True)
    course.authors.add(author)
    return course


def enrol(course, count: int, *, prefix="learner") -> list:
    people = [UserFactory(username=f"{prefix}{i}") for i in range(count)]
    Enrolment.objects.bulk_create([Enrolment(user=p, course=course) for p in people])
    return people


def score_form(actor=None):
    """Forms are built by staff; any subject manager may use one for a survey."""
    if actor is None or not actor.is_staff:
        actor = UserFactory(is_staff=True)
    return form_create(
        actor=actor,
        title={"en": "How confident are you?"},
        questions=[
            {"key": "confidence", "kind": "scale", "required": True, "scale_min": 1,
             "scale_max": 5, "label": {"en": "How confident are you editing?"}},
            {"key": "comment", "kind": "long_text", "label": {"en": "Anything else?"}},
        ],
    )  # fmt: skip
