"""Demo content of the learning app for `manage.py seed_demo` (deterministic for a seed).

A handful of published courses in English, French and Spanish (the French one a translation
of the first), each with text, video and quiz lessons; a cohort run facilitated by
demo-organizer; demo-member enrolled in the cohort and having completed one course; a few
other demo people enrolled, some of whom completed. Written through the services, so that
certificates, evidence and the search index come out as in real use."""

import random
from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from capacityhub.community.models import Profile, User
from capacityhub.taxonomy.models import Capacity

from .models import Course, Lesson
from .selectors.courses import resource_choices
from .services.cohorts import cohort_create
from .services.courses import course_create, course_set_published
from .services.learners import course_enrol, lesson_complete, quiz_submit
from .services.structure import lesson_create, module_create, question_create

QUIZ = [
    (
        "Which of these belongs in the plan for an event?",
        [
            ("A venue with a reliable internet connection", True, "Editors need to be online."),
            ("A guarantee that every article will be kept", False, "Nobody can promise that."),
        ],
    ),
    (
        "What helps new editors keep editing afterwards?",
        [
            ("A follow-up meetup or online call", True, "Regular contact keeps people going."),
            ("Leaving them to find their own way", False, "Most newcomers stop without help."),
        ],
    ),
]
COURSES = [
    {
        "slug": "first-edit-a-thon",
        "title": "Running your first edit-a-thon",
        "language": "en",
        "capacities": ["event-organizing", "edit-a-thon"],
        "summary": "Plan the day, welcome newcomers and keep them editing afterwards.",
        "why": "An edit-a-thon is often a newcomer's first contact with the wikis.",
    },
    {
        "slug": "premier-edit-a-thon",
        "title": "Organiser votre premier edit-a-thon",
        "language": "fr",
        "capacities": ["event-organizing", "edit-a-thon"],
        "summary": "Préparer la journée, accueillir les nouveaux et les garder actifs ensuite.",
        "why": "Un edit-a-thon est souvent le premier contact des nouveaux avec les wikis.",
        "translation_of": "first-edit-a-thon",
    },
    {
        "slug": "rapid-fund-proposal",
        "title": "Writing a Rapid Fund proposal",
        "language": "en",
        "capacities": ["grant-writing"],
        "summary": "From idea to budget: a proposal reviewers understand.",
        "why": "A clear proposal is funded sooner and reported on more easily.",
    },
    {
        "slug": "lua-for-templates",
        "title": "Lua for template maintainers",
        "language": "en",
        "capacities": ["lua-scripting", "templates"],
        "summary": "Read and fix the Lua modules behind your wiki's templates.",
        "why": "Most infoboxes and citation templates call a Lua module.",
    },
    {
        "slug": "introduccion-wikidata",
        "title": "Introducción a Wikidata",
        "language": "es",
        "capacities": ["wikidata"],
        "summary": "Elementos, propiedades y referencias, paso a paso.",
        "why": "Wikidata reúne los datos que usan todas las Wikipedias.",
    },
]


def _build(author, spec: dict, known: set[str]) -> Course | None:
    capacities = [code for code in spec["capacities"] if code in known]
    if not capacities:
        return None
    course = course_create(
        actor=author,
        title=spec["title"],
        slug=spec["slug"],
        language=spec["language"],
        capacities=capacities,
        summary=spec["summary"],
        estimated_minutes=90,
        translation_of=spec.get("translation_of"),
    )
    basics = module_create(actor=author, course=course, title="Basics")
    lesson_create(actor=author, module=basics, title="Why it matters", body=spec["why"])
    lesson_create(
        actor=author,
        module=basics,
        title="Watch: a worked example",
        kind=Lesson.Kind.VIDEO,
        video_url="https://commons.wikimedia.org/wiki/File:Wikipedia_Edit_2014.webm",
        required=False,
    )
    resources = [r for r in resource_choices() if r.language == course.language][:1]
    if resources:
        lesson_create(
            actor=author,
            module=basics,
            title="Further reading from the knowledge base",
            kind=Lesson.Kind.RESOURCE,
            resource=resources[0],
            required=False,
        )
    check = module_create(actor=author, course=course, title="Check yourself")
    quiz = lesson_create(actor=author, module=check, title="Quiz", kind="quiz", pass_mark=50)
    for text, answers in QUIZ:
        question_create(
            actor=author,
            lesson=quiz,
            text=text,
            answers=[{"text": a, "is_correct": ok, "explanation": why} for a, ok, why in answers],
        )
    course_set_published(actor=author, course=course, published=True)
    return course


def _complete(user, course: Course) -> None:
    lessons = Lesson.objects.filter(module__course=course).prefetch_related("questions__answers")
    for lesson in lessons:
        if lesson.is_quiz:
            right = {
                str(q.pk): [a.pk for a in q.answers.all() if a.is_correct]
                for q in lesson.questions.all()
            }
            quiz_submit(actor=user, lesson=lesson, choices=right)
        elif lesson.required:
            lesson_complete(actor=user, lesson=lesson)


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    # Completing a course notifies the learner by e-mail too; demo people get no mail.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _write(seed)


def _write(seed: int) -> str:
    author = User.objects.filter(username="demo-admin").first()
    if author is None or Course.objects.exists():
        return "learning: skipped (no demo community, or courses already there)."
    known = set(Capacity.objects.filter(is_active=True).values_list("code", flat=True))
    courses = [c for c in (_build(author, spec, known) for spec in COURSES) if c is not None]
    if not courses:
        return "learning: no course (the taxonomy lacks their capacities)."
    today = timezone.localdate()
    organizer = User.objects.filter(username="demo-organizer").first()
    cohort = cohort_create(
        actor=author,
        course=courses[0],
        title="Spring cohort",
        starts_on=today + timedelta(days=14),
        ends_on=today + timedelta(days=56),
        facilitators=[organizer.username] if organizer else [],
    )
    member = User.objects.filter(username="demo-member").first()
    enrolments = 0
    if member is not None:
        course_enrol(actor=member, course=courses[0], cohort=cohort)
        course_enrol(actor=member, course=courses[-1])
        _complete(member, courses[-1])
        enrolments += 2
    rng = random.Random(seed)
    people = list(
        Profile.objects.filter(user__is_active=True)
        .exclude(user__username__startswith="demo-")
        .order_by("id")
        .values_list("user_id", flat=True)[:200]
    )
    for user_id in rng.sample(people, min(12, len(people))):
        user = User.objects.get(pk=user_id)
        course = rng.choice(courses)
        course_enrol(actor=user, course=course)
        enrolments += 1
        if rng.random() < 0.5:
            _complete(user, course)
    return f"learning: {len(courses)} courses, 1 cohort run, {enrolments} enrolments."
