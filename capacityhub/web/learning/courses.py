"""Course pages for learners: the list, a course, its lessons (with quiz and cohort discussion),
my learning, the printable certificate and its public verification page. The authors' pages
are in author.py; both sets of URLs are listed here."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.learning.completion import missing_lessons
from capacityhub.learning.models import Course, Lesson
from capacityhub.learning.selectors.courses import (
    course_can_edit,
    course_get,
    course_lessons,
    course_list,
    lesson_get,
    open_cohorts,
    with_course_details,
)
from capacityhub.learning.selectors.learners import (
    certificate_get,
    cohort_for_discussion,
    discussion,
    enrolment_for,
    lesson_rules,
    my_enrolments,
    prerequisites_of,
    progress_of,
)
from capacityhub.learning.selectors.quizzes import quiz_feedback, quiz_standing
from capacityhub.learning.services.learners import (
    course_enrol,
    lesson_complete,
    post_create,
    quiz_submit,
)
from capacityhub.learning.video import MEDIA_SOURCE, embeddable_video, video_host
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.learning import author
from capacityhub.web.learning.forms_courses import CourseFilterForm, EnrolForm, PostForm, QuizForm


def course_or_404(request, slug: str) -> Course:
    return object_or_404(course_get, _("No such course."), viewer=request.user, slug=slug)


def lesson_or_404(request, slug: str, pk: int) -> Lesson:
    lesson = object_or_404(lesson_get, _("No such lesson."), viewer=request.user, pk=pk)
    if lesson.module.course.slug != slug:
        raise Http404(_("No such lesson."))
    return lesson


def course_list_page(request):
    form = CourseFilterForm(request.GET)
    courses = with_course_details(course_list(viewer=request.user, **form.filters()))
    page_obj = Paginator(courses, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "courses": list(page_obj.object_list)}
    return render(request, "web/learning/list.html", context)


def _plain(text: str) -> str:
    return " ".join((text or "").split()).casefold().rstrip(".")


def _adds_to_summary(description: str, summary: str) -> bool:
    """Whether the description says more than the summary shown above it (authors often
    paste the summary into the description: it is then not shown a second time)."""
    return bool(description) and _plain(description) != _plain(summary)


def course_detail(request, slug: str):
    course = course_or_404(request, slug)
    enrolment = enrolment_for(user=request.user, course=course)
    progress = progress_of(enrolment)
    lessons = [lesson for module in course.modules.all() for lesson in module.lessons.all()]
    missing = set(missing_lessons(lesson_rules(lessons), progress.done, progress.best_scores))
    prerequisites = prerequisites_of(user=request.user, course=course)
    context = {
        "prerequisites": prerequisites,
        "prerequisites_missing": [c for c, done in prerequisites if not done],
        "course": course,
        "enrolment": enrolment,
        "done": progress.done,
        "missing": missing,
        "lesson_count": len(lessons),
        "show_description": _adds_to_summary(course.description, course.summary),
        "can_edit": course_can_edit(course=course, user=request.user),
        "enrol_form": EnrolForm(cohorts=open_cohorts(course)) if enrolment is None else None,
    }
    return render(request, "web/learning/detail.html", context)


@login_required
@require_POST
def course_enrol_view(request, slug: str):
    course = course_or_404(request, slug)
    form = EnrolForm(request.POST, cohorts=open_cohorts(course))
    if not form.is_valid():
        messages.error(request, _("Choose one of the cohort runs listed."))
        return redirect("web:course-detail", slug=slug)
    try:
        course_enrol(actor=request.user, course=course, cohort=form.chosen_cohort())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You are enrolled. Enjoy the course!"))
        _warn_prerequisites(request, course)
    return redirect("web:course-detail", slug=slug)


def _warn_prerequisites(request, course: Course) -> None:
    """Enrolling is allowed anyway; the course page links the courses named here."""
    missing = [
        c.title for c, done in prerequisites_of(user=request.user, course=course) if not done
    ]
    if missing:
        messages.warning(
            request,
            _(
                "You have not completed the courses recommended before this one: %s. "
                "They are linked on this page."
            )
            % ", ".join(f"“{title}”" for title in missing),
        )


def _neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    lessons = course_lessons(lesson.module.course)
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    before = lessons[index - 1] if index > 0 else None
    after = lessons[index + 1] if index + 1 < len(lessons) else None
    return before, after


def _position(lesson: Lesson, done: set[int]) -> dict:
    """Where the lesson sits in its course and how far the learner is: for the progress bar."""
    lessons = course_lessons(lesson.module.course)
    number = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk) + 1
    finished = sum(1 for item in lessons if item.pk in done)
    percent = round(finished * 100 / len(lessons)) if lessons else 0
    return {
        "number": number,
        "total": len(lessons),
        "done": finished,
        "percent": percent,
        "step": round(percent / 5) * 5,  # bar width class: no inline styles under the CSP
    }


def _lesson_page(request, lesson: Lesson, *, quiz_form=None, attempt=None, post_form=None):
    course = lesson.module.course
    enrolment = enrolment_for(user=request.user, course=course)
    progress = progress_of(enrolment)
    cohort = cohort_for_discussion(user=request.user, lesson=lesson)
    previous, following = _neighbours(lesson)
    standing = quiz_standing(enrolment=enrolment, lesson=lesson) if lesson.is_quiz else None
    context = {
        "course": course,
        "lesson": lesson,
        "enrolment": enrolment,
        "is_done": lesson.pk in progress.done,
        "best_score": progress.best_scores.get(lesson.pk),
        "quiz_form": quiz_form or (QuizForm(lesson=lesson) if lesson.is_quiz else None),
        "attempt": attempt,
        "standing": standing,
        "feedback": (
            quiz_feedback(lesson=lesson, attempt=attempt, revealed=standing.revealed)
            if attempt
            else None
        ),
        "cohort": cohort,
        "posts": discussion(cohort=cohort, lesson=lesson) if cohort else [],
        "post_form": post_form or PostForm(),
        "previous": previous,
        "following": following,
        "position": _position(lesson, progress.done),
        **_video(lesson),
    }
    response = render(request, "web/learning/lesson.html", context)
    if context["video_src"]:
        # The site's policy allows media from itself only: let this page play Commons files.
        response.headers["Content-Security-Policy"] = (
            f"{settings.CONTENT_SECURITY_POLICY}; media-src 'self' {MEDIA_SOURCE}"
        )
    return response


def _video(lesson: Lesson) -> dict:
    """A Commons video plays in the page; any other link stays a labelled external link."""
    if lesson.kind != Lesson.Kind.VIDEO or not lesson.video_url:
        return {"video_src": None, "video_host": ""}
    return {
        "video_src": embeddable_video(lesson.video_url),
        "video_host": video_host(lesson.video_url),
    }


def lesson_detail(request, slug: str, pk: int):
    return _lesson_page(request, lesson_or_404(request, slug, pk))


@login_required
@require_POST
def lesson_complete_view(request, slug: str, pk: int):
    lesson = lesson_or_404(request, slug, pk)
    try:
        enrolment = lesson_complete(actor=request.user, lesson=lesson)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("web:lesson-detail", slug=slug, pk=pk)
    if enrolment.completed_at:
        messages.success(request, _("Congratulations, you completed the course!"))
        return redirect("web:course-detail", slug=slug)
    messages.success(request, _("Lesson marked as done."))
    _previous, following = _neighbours(lesson)
    if following:
        return redirect("web:lesson-detail", slug=slug, pk=following.pk)
    return redirect("web:course-detail", slug=slug)


@login_required
@require_POST
def lesson_quiz(request, slug: str, pk: int):
    lesson = lesson_or_404(request, slug, pk)
    if not lesson.is_quiz:
        raise Http404(_("This lesson is not a quiz."))
    form = QuizForm(request.POST, lesson=lesson)
    if not form.is_valid():
        return _lesson_page(request, lesson, quiz_form=form)
    try:
        attempt = quiz_submit(actor=request.user, lesson=lesson, choices=form.choices())
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _lesson_page(request, lesson, quiz_form=form)
    if attempt.passed:
        messages.success(request, _("You passed with %d%%.") % attempt.score)
    else:
        messages.warning(
            request,
            _("You scored %(score)d%%; %(mark)d%% is needed to pass.")
            % {"score": attempt.score, "mark": lesson.pass_mark},
        )
    return _lesson_page(request, lesson, attempt=attempt)


@login_required
@require_POST
def lesson_post(request, slug: str, pk: int):
    lesson = lesson_or_404(request, slug, pk)
    cohort = cohort_for_discussion(user=request.user, lesson=lesson)
    if cohort is None:
        raise PermissionDenied(_("Only people in a cohort run of this course can post."))
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post_create(
                actor=request.user, cohort=cohort, lesson=lesson, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("body", message)
        else:
            messages.success(request, _("Your message was posted."))
            return redirect("web:lesson-detail", slug=slug, pk=pk)
    return _lesson_page(request, lesson, post_form=form)


@login_required
def my_learning(request):
    enrolments = Paginator(my_enrolments(user=request.user), settings.PAGE_SIZE)
    page_obj = enrolments.get_page(request.GET.get("page"))
    authored = list(course_list(viewer=request.user, authored=True)[:50])
    context = {"page_obj": page_obj, "enrolments": list(page_obj.object_list), "authored": authored}
    return render(request, "web/learning/mine.html", context)


@login_required
def certificate_detail(request, slug: str):
    """The learner's own printable certificate."""
    course = course_or_404(request, slug)
    enrolment = enrolment_for(user=request.user, course=course)
    if enrolment is None or enrolment.completed_at is None:
        raise Http404(_("You have not completed this course yet."))
    enrolment = certificate_get(code=enrolment.certificate_code)
    verify_url = request.build_absolute_uri(
        reverse("web:certificate-verify", args=[enrolment.certificate_code])
    )
    return render(
        request, "web/learning/certificate.html", {"enrolment": enrolment, "verify_url": verify_url}
    )


def certificate_verify(request, code: str):
    """Public: who completed what, and when, for anyone holding the certificate's address."""
    enrolment = object_or_404(certificate_get, _("No certificate has this code."), code=code)
    return render(request, "web/learning/verify.html", {"enrolment": enrolment})


urlpatterns = [
    path("courses/", course_list_page, name="course-list"),
    *author.urlpatterns,
    path("courses/<slug:slug>/", course_detail, name="course-detail"),
    path("courses/<slug:slug>/enrol/", course_enrol_view, name="course-enrol"),
    path("courses/<slug:slug>/certificate/", certificate_detail, name="certificate-detail"),
    path("courses/<slug:slug>/lessons/<int:pk>/", lesson_detail, name="lesson-detail"),
    path(
        "courses/<slug:slug>/lessons/<int:pk>/done/", lesson_complete_view, name="lesson-complete"
    ),
    path("courses/<slug:slug>/lessons/<int:pk>/quiz/", lesson_quiz, name="lesson-quiz"),
    path("courses/<slug:slug>/lessons/<int:pk>/discussion/", lesson_post, name="lesson-post"),
    path("me/learning/", my_learning, name="course-my-learning"),
    path("certificates/<str:code>/", certificate_verify, name="certificate-verify"),
]
