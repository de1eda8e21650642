"""Writes to a course's outline: modules, lessons and quiz questions, added, edited, moved up
or down, and deleted, by the course's authors and staff.

A quiz question needs at least two answers and a correct one; a single-choice question exactly
one correct answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_bool, clean_int, clean_multiline, clean_single_line

from ..models import Answer, Course, Lesson, Module, Question
from ._checks import clean_pass_mark, require_course_editor

MAX_ANSWERS = 10
LESSON_FIELDS = {"title", "kind", "body", "video_url", "resource", "required", "pass_mark"}
LESSON_FIELDS |= {"reveal_answers", "reveal_after_attempts", "max_attempts"}


def _next_position(rows) -> int:
    return (rows.aggregate(top=Max("position"))["top"] or 0) + 1


def _move(row, siblings, direction: str) -> None:
    """Swap `row` with its neighbour above ("up") or below ("down"); renumber the siblings."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move up or down.")})
    ordered = list(siblings.order_by("position", "id"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == row.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            type(sibling).objects.filter(pk=sibling.pk).update(position=position)


# Modules ---------------------------------------------------------------------------------------


@transaction.atomic
def module_create(*, actor, course: Course, title: str) -> Module:
    require_course_editor(actor, course)
    title = clean_single_line(title, field="title", max_length=200, required=True)
    module = Module.objects.create(
        course=course, title=title, position=_next_position(course.modules.all())
    )
    audit_log(actor=actor, action="course.module_create", target=module)
    return module


@transaction.atomic
def module_update(*, actor, module: Module, title: str) -> Module:
    require_course_editor(actor, module.course)
    module.title = clean_single_line(title, field="title", max_length=200, required=True)
    module.save(update_fields=["title"])
    return module


@transaction.atomic
def module_move(*, actor, module: Module, direction: str) -> None:
    require_course_editor(actor, module.course)
    _move(module, module.course.modules.all(), direction)


@transaction.atomic
def module_delete(*, actor, module: Module) -> None:
    require_course_editor(actor, module.course)
    audit_log(
        actor=actor, action="course.module_delete", target=module, changes={"title": module.title}
    )
    module.delete()


# Lessons ---------------------------------------------------------------------------------------


def _clean_lesson(fields: dict, lesson: Lesson | None) -> dict:
    cleaned = dict(fields)
    if "title" in cleaned:
        cleaned["title"] = clean_single_line(
            cleaned["title"], field="title", max_length=200, required=True
        )
    if "kind" in cleaned and cleaned["kind"] not in Lesson.Kind.values:
        raise ValidationError({"kind": _("Kind is text, video, resource or quiz.")})
    if "body" in cleaned:
        cleaned["body"] = clean_multiline(cleaned["body"], field="body", max_length=50000)
    if "video_url" in cleaned:
        cleaned["video_url"] = clean_single_line(
            cleaned["video_url"], field="video_url", max_length=500
        )
        if cleaned["video_url"] and not cleaned["video_url"].startswith("https://"):
            raise ValidationError({"video_url": _("Give an https:// link to the video.")})
    if "pass_mark" in cleaned:
        cleaned["pass_mark"] = clean_pass_mark(cleaned["pass_mark"])
    if "required" in cleaned:
        clean_bool(cleaned["required"], field="required")
    _clean_quiz_rules(cleaned)
    kind = cleaned.get("kind", lesson.kind if lesson else Lesson.Kind.TEXT)
    video = cleaned.get("video_url", lesson.video_url if lesson else "")
    resource = cleaned.get("resource", lesson.resource if lesson else None)
    if kind == Lesson.Kind.VIDEO and not video:
        raise ValidationError({"video_url": _("A video lesson needs a link to the video.")})
    if kind == Lesson.Kind.RESOURCE and resource is None:
        raise ValidationError({"resource": _("Choose the resource this lesson offers.")})
    return cleaned


def _clean_quiz_rules(cleaned: dict) -> None:
    """When a quiz shows its right answers, and how many attempts it allows."""
    if "reveal_answers" in cleaned and cleaned["reveal_answers"] not in Lesson.Reveal.values:
        raise ValidationError({"reveal_answers": _("Choose when the right answers are shown.")})
    if "reveal_after_attempts" in cleaned:
        message = _("Give a number of attempts from 1 to 100.")
        field = "reveal_after_attempts"
        clean_int(cleaned[field], field=field, minimum=1, maximum=100, message=message)
    if cleaned.get("max_attempts") is not None:
        message = _("Give a number of attempts from 1 to 1000, or none for no limit.")
        field = "max_attempts"
        clean_int(cleaned[field], field=field, minimum=1, maximum=1000, message=message)


@transaction.atomic
def lesson_create(*, actor, module: Module, title: str, **fields) -> Lesson:
    """`fields`: kind, body (Markdown), video_url, resource (a knowledge.Resource), required,
    and for quizzes pass_mark (0–100), reveal_answers (after_passing, after_attempts, never),
    reveal_after_attempts and max_attempts (None: no limit)."""
    require_course_editor(actor, module.course)
    unknown = set(fields) - LESSON_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    cleaned = _clean_lesson({"title": title, **fields}, None)
    lesson = Lesson.objects.create(
        module=module, position=_next_position(module.lessons.all()), **cleaned
    )
    audit_log(actor=actor, action="course.lesson_create", target=lesson)
    return lesson


@transaction.atomic
def lesson_update(*, actor, lesson: Lesson, **changes) -> Lesson:
    require_course_editor(actor, lesson.module.course)
    unknown = set(changes) - LESSON_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    for name, value in _clean_lesson(changes, lesson).items():
        setattr(lesson, name, value)
    lesson.save()
    audit_log(
        actor=actor,
        action="course.lesson_update",
        target=lesson,
        changes={"fields": sorted(changes)},
    )
    return lesson


@transaction.atomic
def lesson_move(*, actor, lesson: Lesson, direction: str) -> None:
    require_course_editor(actor, lesson.module.course)
    _move(lesson, lesson.module.lessons.all(), direction)


@transaction.atomic
def lesson_delete(*, actor, lesson: Lesson) -> None:
    require_course_editor(actor, lesson.module.course)
    audit_log(
        actor=actor, action="course.lesson_delete", target=lesson, changes={"title": lesson.title}
    )
    lesson.delete()


# Quiz questions --------------------------------------------------------------------------------


def _clean_answers(answers, multiple: bool) -> list[dict]:
    if not isinstance(answers, list | tuple) or not all(isinstance(a, dict) for a in answers):
        raise ValidationError({"answers": _("Give a list of answers.")})
    cleaned = []
    for answer in answers:
        text = clean_single_line(answer.get("text"), field="answers", max_length=500)
        if not text:
            continue
        explanation = clean_single_line(answer.get("explanation"), field="answers", max_length=1000)
        cleaned.append(
            {"text": text, "is_correct": bool(answer.get("is_correct")), "explanation": explanation}
        )
    if not 2 <= len(cleaned) <= MAX_ANSWERS:
        raise ValidationError({"answers": _("Give between 2 and %d answers.") % MAX_ANSWERS})
    correct = sum(answer["is_correct"] for answer in cleaned)
    if correct == 0:
        raise ValidationError({"answers": _("Mark at least one answer as correct.")})
    if not multiple and correct != 1:
        raise ValidationError(
            {"answers": _("A single-choice question has exactly one correct answer.")}
        )
    return cleaned


@transaction.atomic
def question_create(
    *, actor, lesson: Lesson, text: str, answers: list[dict], multiple: bool = False
) -> Question:
    """`answers`: [{"text", "is_correct", "explanation"}]; blank answers are left out."""
    require_course_editor(actor, lesson.module.course)
    if not lesson.is_quiz:
        raise ValidationError({"lesson": _("Only a quiz lesson has questions.")})
    text = clean_single_line(text, field="text", max_length=1000, required=True)
    clean_bool(multiple, field="multiple")
    cleaned = _clean_answers(answers, multiple)
    question = Question.objects.create(
        lesson=lesson, text=text, multiple=multiple, position=_next_position(lesson.questions.all())
    )
    Answer.objects.bulk_create(
        Answer(question=question, position=i, **answer) for i, answer in enumerate(cleaned, 1)
    )
    audit_log(actor=actor, action="course.question_create", target=question)
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    require_course_editor(actor, question.lesson.module.course)
    audit_log(actor=actor, action="course.question_delete", target=question)
    question.delete()
