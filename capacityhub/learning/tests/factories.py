"""Factories of the learning app: courses with a module, lessons and quizzes, cohort runs."""

import datetime

import factory
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory

from ..models import Answer, CohortRun, Course, Enrolment, Lesson, Module, Question


def author_user(username: str = "author"):
    user = UserFactory(username=username)
    user.is_course_author = True
    user.save(update_fields=["is_course_author"])
    return user


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "Learn something useful."
    language = "en"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def capacities(self, create, extracted, **kwargs):
        if create and extracted:
            self.capacities.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    position = factory.Sequence(lambda n: n + 1)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    kind = Lesson.Kind.TEXT
    body = "Read **this**."
    position = factory.Sequence(lambda n: n + 1)


def quiz_lesson(module: Module, *, pass_mark: int = 50, title: str = "Check yourself") -> Lesson:
    """A quiz of one single-choice question: "2 + 2?" with "4" right and "5" wrong."""
    lesson = LessonFactory(module=module, kind=Lesson.Kind.QUIZ, title=title, pass_mark=pass_mark)
    question = Question.objects.create(lesson=lesson, text="2 + 2?", position=1)
    Answer.objects.create(question=question, text="4", is_correct=True, explanation="Yes.")
    Answer.objects.create(question=question, text="5", explanation="Count again.")
    return lesson


def course_with_lessons(*, authors=(), capacities=(), published: bool = True, **fields):
    """A course with one module holding a text lesson and a quiz; returns (course, text, quiz)."""
    course = CourseFactory(
        authors=list(authors),
        capacities=list(capacities),
        is_published=published,
        published_at=timezone.now() if published else None,
        **fields,
    )
    module = ModuleFactory(course=course, title="Basics")
    text = LessonFactory(module=module, title="Welcome")
    quiz = quiz_lesson(module)
    return course, text, quiz


def right_answers(lesson: Lesson) -> dict[str, list[int]]:
    return {
        str(q.pk): [a.pk for a in q.answers.all() if a.is_correct] for q in lesson.questions.all()
    }


def wrong_answers(lesson: Lesson) -> dict[str, list[int]]:
    return {
        str(q.pk): [a.pk for a in q.answers.all() if not a.is_correct][:1]
        for q in lesson.questions.all()
    }


def cohort_of(course: Course, *, facilitators=(), days_from_now: int = 7, length: int = 28):
    starts = timezone.localdate() + datetime.timedelta(days=days_from_now)
    cohort = CohortRun.objects.create(
        course=course,
        title=f"{course.title} — cohort",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=length),
    )
    cohort.facilitators.set(list(facilitators))
    return cohort


def enrol(user, course: Course, cohort=None) -> Enrolment:
    return Enrolment.objects.create(user=user, course=course, cohort=cohort)
