"""Reads of a learner's quiz attempts: how many, whether they passed, and what the result of an
attempt may show. Which answers are right, and their explanations, are shown only as the quiz's
author chose (completion.answers_revealed): the page and the API both read them from here."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..completion import answers_revealed, attempts_left
from ..models import Enrolment, Lesson, QuizAttempt


@dataclass(frozen=True)
class QuizStanding:
    attempts: int
    passed: bool
    attempts_left: int | None  # None: no limit
    revealed: bool  # may the right answers and explanations be shown


def quiz_standing(*, enrolment: Enrolment | None, lesson: Lesson) -> QuizStanding:
    """One query: the learner's attempts at this quiz so far."""
    counts = {"attempts": 0, "passes": 0}
    if enrolment is not None:
        counts = QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).aggregate(
            attempts=Count("id"), passes=Count("id", filter=Q(passed=True))
        )
    attempts, passed = counts["attempts"], counts["passes"] > 0
    revealed = answers_revealed(
        lesson.reveal_answers, passed=passed, attempts=attempts, after=lesson.reveal_after_attempts
    )
    return QuizStanding(attempts, passed, attempts_left(lesson.max_attempts, attempts), revealed)


def quiz_feedback(*, lesson: Lesson, attempt: QuizAttempt, revealed: bool) -> list[dict]:
    """Each question with the learner's choices; whether it was answered right, which answers
    are right and why only when `revealed` (None otherwise)."""
    chosen = {int(k): set(v) for k, v in attempt.choices.items()}
    feedback = []
    for question in lesson.questions.all():
        picked = chosen.get(question.pk, set())
        correct = {a.pk for a in question.answers.all() if a.is_correct}
        answers = [
            {
                "answer": answer,
                "chosen": answer.pk in picked,
                "correct": answer.is_correct if revealed else None,
                "explanation": answer.explanation if revealed else None,
            }
            for answer in question.answers.all()
        ]
        right = picked == correct if revealed else None
        feedback.append({"question": question, "right": right, "answers": answers})
    return feedback
