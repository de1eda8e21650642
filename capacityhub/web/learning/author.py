"""Course pages for authors (course authors among the course's authors, and staff): create and
edit a course, its outline (modules and lessons: add, rename, move, delete with confirmation),
lessons with their quiz questions, publishing, and cohort runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.learning.models import Course, Lesson, Module
from capacityhub.learning.selectors.courses import (
    can_author,
    course_can_edit,
    course_get,
    lesson_get,
    resource_choices,
    visible_courses,
)
from capacityhub.learning.services.cohorts import cohort_create, cohort_mark_done, cohort_update
from capacityhub.learning.services.courses import (
    course_create,
    course_set_published,
    course_update,
)
from capacityhub.learning.services.structure import (
    lesson_create,
    lesson_delete,
    lesson_move,
    lesson_update,
    module_create,
    module_delete,
    module_move,
    module_update,
    question_create,
    question_delete,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import MAX_ID, object_or_404
from capacityhub.web.learning.forms_courses import (
    CohortForm,
    CourseForm,
    LessonForm,
    ModuleForm,
    QuestionForm,
)


def _editable_course(request, slug: str) -> Course:
    course = object_or_404(course_get, _("No such course."), viewer=request.user, slug=slug)
    if not course_can_edit(course=course, user=request.user):
        raise PermissionDenied(_("Only this course's authors and staff can change it."))
    return course


def _lesson_of(course: Course, pk: int, request) -> Lesson:
    lesson = object_or_404(lesson_get, _("No such lesson."), viewer=request.user, pk=pk)
    if lesson.module.course_id != course.pk:
        raise Http404(_("No such lesson."))
    return lesson


def _other_courses(request, course: Course | None = None) -> list[Course]:
    courses = visible_courses(request.user).order_by("title", "id")
    if course is not None:
        courses = courses.exclude(pk=course.pk)
    return list(courses[:300])


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request):
    if not can_author(request.user):
        raise PermissionDenied(_("Only course authors and staff can create courses."))
    form = CourseForm(request.POST or None, courses=_other_courses(request))
    if request.method == "POST" and form.is_valid():
        try:
            course = course_create(actor=request.user, **form.course_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The course was created as a draft. Add its lessons."))
            return redirect("web:course-outline", slug=course.slug)
    return render(request, "web/learning/course_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, slug: str):
    course = _editable_course(request, slug)
    others = _other_courses(request, course)
    if request.method == "POST":
        form = CourseForm(request.POST, courses=others, editing=True)
        if form.is_valid():
            try:
                course_update(
                    actor=request.user,
                    course=course,
                    expected_version=form.cleaned_data["version"],
                    **form.course_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The course was saved."))
                return redirect("web:course-detail", slug=course.slug)
    else:
        form = CourseForm(initial=CourseForm.initial_for(course), courses=others, editing=True)
    return render(request, "web/learning/course_form.html", {"form": form, "course": course})


@login_required
@require_POST
def course_publish(request, slug: str):
    course = _editable_course(request, slug)
    published = request.POST.get("published") == "1"
    try:
        course_set_published(actor=request.user, course=course, published=published)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The course is published.") if published else _("The course is a draft again."),
        )
    return redirect("web:course-outline", slug=slug)


def _module_of(course: Course, raw) -> Module:
    module = next((m for m in course.modules.all() if str(m.pk) == str(raw)), None)
    if module is None:
        raise Http404(_("No such module."))
    return module


def _outline_action(request, course: Course) -> None:
    action = request.POST.get("action", "")
    if action == "add-module":
        module_create(actor=request.user, course=course, title=request.POST.get("title", ""))
        messages.success(request, _("Module added."))
    elif action in ("rename", "module-up", "module-down", "delete-module"):
        module = _module_of(course, request.POST.get("module"))
        if action == "rename":
            module_update(actor=request.user, module=module, title=request.POST.get("title", ""))
            messages.success(request, _("Module renamed."))
        elif action == "delete-module":
            module_delete(actor=request.user, module=module)
            messages.success(request, _("Module deleted."))
        else:
            module_move(actor=request.user, module=module, direction=action.split("-")[1])
    elif action in ("lesson-up", "lesson-down", "delete-lesson"):
        lesson = _lesson_of(course, _int(request.POST.get("lesson")), request)
        if action == "delete-lesson":
            lesson_delete(actor=request.user, lesson=lesson)
            messages.success(request, _("Lesson deleted."))
        else:
            lesson_move(actor=request.user, lesson=lesson, direction=action.split("-")[1])
    else:
        raise ValidationError({"action": _("Unknown action.")})


def _int(raw) -> int:
    try:
        return max(0, min(int(raw), MAX_ID + 1))
    except (TypeError, ValueError):
        raise Http404(_("No such lesson.")) from None


@login_required
@require_http_methods(["GET", "POST"])
def course_outline(request, slug: str):
    course = _editable_course(request, slug)
    if request.method == "POST":
        try:
            _outline_action(request, course)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("web:course-outline", slug=slug)
    confirm = request.GET.get("confirm", "")
    context = {
        "course": course,
        "module_form": ModuleForm(),
        "confirm_module": next(
            (m for m in course.modules.all() if f"module-{m.pk}" == confirm), None
        ),
        "confirm_lesson": next(
            (
                le
                for m in course.modules.all()
                for le in m.lessons.all()
                if f"lesson-{le.pk}" == confirm
            ),
            None,
        ),
    }
    return render(request, "web/learning/outline.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_new(request, slug: str, module: int):
    course = _editable_course(request, slug)
    the_module = _module_of(course, module)
    form = LessonForm(request.POST or None, resources=resource_choices())
    if request.method == "POST" and form.is_valid():
        try:
            lesson = lesson_create(actor=request.user, module=the_module, **form.lesson_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Lesson added."))
            return redirect("web:lesson-edit", slug=slug, pk=lesson.pk)
    context = {"form": form, "course": course, "module": the_module, "creating": True}
    return render(request, "web/learning/lesson_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request, slug: str, pk: int):
    course = _editable_course(request, slug)
    lesson = _lesson_of(course, pk, request)
    if request.method == "POST":
        form = LessonForm(request.POST, resources=resource_choices())
        if form.is_valid():
            try:
                lesson_update(actor=request.user, lesson=lesson, **form.lesson_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The lesson was saved."))
                return redirect("web:lesson-edit", slug=slug, pk=pk)
    else:
        form = LessonForm(initial=LessonForm.initial_for(lesson), resources=resource_choices())
    context = {"form": form, "course": course, "lesson": lesson, "question_form": QuestionForm()}
    return render(request, "web/learning/lesson_form.html", context)


@login_required
@require_POST
def lesson_questions(request, slug: str, pk: int):
    course = _editable_course(request, slug)
    lesson = _lesson_of(course, pk, request)
    if request.POST.get("delete"):
        question = next(
            (q for q in lesson.questions.all() if str(q.pk) == request.POST["delete"]), None
        )
        if question is None:
            raise Http404(_("No such question."))
        question_delete(actor=request.user, question=question)
        messages.success(request, _("Question deleted."))
        return redirect("web:lesson-edit", slug=slug, pk=pk)
    question_form = QuestionForm(request.POST)
    if question_form.is_valid():
        try:
            question_create(
                actor=request.user,
                lesson=lesson,
                text=question_form.cleaned_data["text"],
                multiple=question_form.cleaned_data["multiple"],
                answers=question_form.answers(),
            )
        except ValidationError as error:
            add_service_errors(question_form, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("web:lesson-edit", slug=slug, pk=pk)
    form = LessonForm(initial=LessonForm.initial_for(lesson), resources=resource_choices())
    context = {"form": form, "course": course, "lesson": lesson, "question_form": question_form}
    return render(request, "web/learning/lesson_form.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request, slug: str):
    course = _editable_course(request, slug)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort_create(actor=request.user, course=course, **form.cohort_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort run was scheduled."))
            return redirect("web:course-detail", slug=slug)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "course": course}
    return render(request, "web/learning/cohort_form.html", context, status=status)


def _cohort_of(course: Course, pk: int):
    cohort = next((c for c in course.cohorts.all() if c.pk == pk), None)
    if cohort is None:
        raise Http404(_("No such cohort run."))
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, slug: str, pk: int):
    course = _editable_course(request, slug)
    cohort = _cohort_of(course, pk)
    if request.method == "POST":
        form = CohortForm(request.POST, editing=True)
        if form.is_valid():
            try:
                cohort_update(
                    actor=request.user,
                    cohort=cohort,
                    expected_version=form.cleaned_data["version"],
                    **form.cohort_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The cohort run was saved."))
                return redirect("web:course-detail", slug=slug)
    else:
        form = CohortForm(initial=CohortForm.initial_for(cohort), editing=True)
    context = {"form": form, "course": course, "cohort": cohort}
    status = 422 if request.method == "POST" else 200
    return render(request, "web/learning/cohort_form.html", context, status=status)


@login_required
@require_POST
def cohort_done(request, slug: str, pk: int):
    course = _editable_course(request, slug)
    cohort = _cohort_of(course, pk)
    try:
        cohort_mark_done(actor=request.user, cohort=cohort)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The cohort run is marked done."))
    return redirect("web:course-detail", slug=slug)


urlpatterns = [
    path("courses/new/", course_new, name="course-create"),
    path("courses/<slug:slug>/edit/", course_edit, name="course-edit"),
    path("courses/<slug:slug>/publish/", course_publish, name="course-publish"),
    path("courses/<slug:slug>/outline/", course_outline, name="course-outline"),
    path("courses/<slug:slug>/modules/<int:module>/lessons/new/", lesson_new, name="lesson-create"),
    path("courses/<slug:slug>/lessons/<int:pk>/edit/", lesson_edit, name="lesson-edit"),
    path(
        "courses/<slug:slug>/lessons/<int:pk>/questions/", lesson_questions, name="lesson-questions"
    ),
    path("courses/<slug:slug>/cohorts/new/", cohort_new, name="cohort-create"),
    path("courses/<slug:slug>/cohorts/<int:pk>/edit/", cohort_edit, name="cohort-edit"),
    path("courses/<slug:slug>/cohorts/<int:pk>/done/", cohort_done, name="cohort-done"),
]
