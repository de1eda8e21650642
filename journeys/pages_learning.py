"""The learning app's pages in the accessibility gate (see journeys/pages.py)."""

from types import SimpleNamespace

CERTIFICATE_CODE = "a11y-certificate-code-0001"


def _course(slug: str) -> str:
    return f"/courses/{slug}/"


def _lesson(key: str, suffix: str = ""):
    return lambda hub: f"/courses/{hub.extra['course'].slug}/lessons/{hub.extra[key].pk}/{suffix}"


PAGE_TYPES: list = [
    ("course-list", "/courses/", None),
    ("course-list-filtered", "/courses/?capacity=event-organizing&language=en&sort=title", None),
    ("course-detail", lambda hub: _course(hub.extra["course"].slug), None),
    ("course-detail-enrolled", lambda hub: _course(hub.extra["course"].slug), "member"),
    ("course-detail-author", lambda hub: _course(hub.extra["course"].slug), "staff"),
    ("course-detail-prerequisites", lambda hub: _course(hub.extra["next"].slug), "member"),
    ("lesson-detail", _lesson("text"), "member"),
    ("lesson-detail-quiz", _lesson("quiz"), "member"),
    ("lesson-detail-anonymous", _lesson("text"), None),
    ("lesson-detail-video", _lesson("video"), "member"),
    ("lesson-detail-external-video", _lesson("external_video"), None),
    ("course-my-learning", "/me/learning/", "member"),
    (
        "certificate-detail",
        lambda hub: f"/courses/{hub.extra['completed'].slug}/certificate/",
        "member",
    ),
    (
        "certificate-verify",
        lambda hub: f"/certificates/{hub.extra['certificate'].slug}/",
        None,
    ),
    ("course-create", "/courses/new/", "staff"),
    ("course-edit", lambda hub: f"/courses/{hub.extra['course'].slug}/edit/", "staff"),
    ("course-outline", lambda hub: f"/courses/{hub.extra['course'].slug}/outline/", "staff"),
    (
        "course-outline-confirm",
        lambda hub: (
            f"/courses/{hub.extra['course'].slug}/outline/?confirm=lesson-{hub.extra['text'].pk}"
        ),
        "staff",
    ),
    (
        "lesson-create",
        lambda hub: (
            f"/courses/{hub.extra['course'].slug}/modules/{hub.extra['module'].pk}/lessons/new/"
        ),
        "staff",
    ),
    ("lesson-edit", _lesson("quiz", "edit/"), "staff"),
    ("cohort-create", lambda hub: f"/courses/{hub.extra['course'].slug}/cohorts/new/", "staff"),
    (
        "cohort-edit",
        lambda hub: f"/courses/{hub.extra['course'].slug}/cohorts/{hub.extra['cohort'].pk}/edit/",
        "staff",
    ),
]
NOT_PAGES: set = {
    "course-enrol",
    "course-publish",
    "lesson-complete",
    "lesson-quiz",
    "lesson-post",
    "lesson-questions",
    "cohort-done",
}


def seed(hub) -> dict:
    """A published course (staff authors it) with a text lesson, a quiz and a cohort run the
    member is enrolled in, with a discussion post, and video lessons (Commons, elsewhere); a second
    course the member completed, its prerequisite; a third requiring both."""
    from django.utils import timezone

    from capacityhub.learning.models import (
        Answer,
        CohortRun,
        Course,
        Enrolment,
        Lesson,
        Module,
        Post,
        Question,
    )
    from capacityhub.taxonomy.models import Capacity

    member, staff = hub.users["member"], hub.users["staff"]
    capacity = Capacity.objects.get(code="edit-a-thon")
    today = timezone.localdate()

    def course(slug: str, title: str) -> Course:
        made = Course.objects.create(
            title=title,
            slug=slug,
            summary="Plan the day and welcome newcomers.",
            description="## What you will learn\n\nHow to **plan** an edit-a-thon.",
            is_published=True,
            published_at=timezone.now(),
        )
        made.authors.set([staff])
        made.capacities.set([capacity])
        return made

    first = course("first-edit-a-thon", "Running your first edit-a-thon")
    module = Module.objects.create(course=first, title="Planning", position=1)
    text = Lesson.objects.create(
        module=module, title="Why it matters", body="Read *this* first.", position=1
    )
    quiz = Lesson.objects.create(
        module=module, title="Check yourself", kind=Lesson.Kind.QUIZ, pass_mark=50, position=2
    )
    question = Question.objects.create(lesson=quiz, text="What do you need first?", position=1)
    Answer.objects.create(question=question, text="A venue", is_correct=True, explanation="Yes.")
    Answer.objects.create(question=question, text="A cake", explanation="Nice, but no.")
    video = Lesson.objects.create(
        module=module,
        title="Watch an edit-a-thon",
        kind=Lesson.Kind.VIDEO,
        video_url="https://commons.wikimedia.org/wiki/File:Example.webm",
        position=3,
    )
    external_video = Lesson.objects.create(
        module=module,
        title="A talk elsewhere",
        kind=Lesson.Kind.VIDEO,
        video_url="https://video.example.org/videos/watch/1",
        position=4,
    )
    cohort = CohortRun.objects.create(
        course=first,
        title="Spring cohort",
        starts_on=today,
        ends_on=today + timezone.timedelta(days=30),
    )
    cohort.facilitators.set([staff])
    Enrolment.objects.create(user=member, course=first, cohort=cohort)
    Post.objects.create(cohort=cohort, lesson=text, author=member, body="Hello, everyone!")

    completed = course("grant-basics", "Grant basics")
    Module.objects.create(course=completed, title="Basics", position=1)
    Enrolment.objects.create(
        user=member,
        course=completed,
        completed_at=timezone.now(),
        certificate_code=CERTIFICATE_CODE,
    )
    first.prerequisites.set([completed])
    following = course("event-follow-up", "Following up after the event")
    following.prerequisites.set([first, completed])
    return {
        "course": first,
        "next": following,
        "module": module,
        "text": text,
        "quiz": quiz,
        "video": video,
        "external_video": external_video,
        "cohort": cohort,
        "completed": completed,
        "certificate": SimpleNamespace(slug=CERTIFICATE_CODE, pk=0),
    }
