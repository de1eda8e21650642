"""The rules of courses over plain data (no ORM): scoring a quiz, when a course is complete,
and whether prerequisites would form a cycle. Tested without a database."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LessonRule:
    lesson_id: int
    required: bool
    pass_mark: int | None = None  # a quiz's pass mark (0–100); None for other lessons
    questions: int = 0  # how many questions a quiz has: one without any is never passed


@dataclass(frozen=True)
class QuestionKey:
    question_id: int
    correct: frozenset[int]  # the ids of its correct answers


def question_right(key: QuestionKey, chosen: Iterable[int]) -> bool:
    """Right when exactly the correct answers were chosen, no more, no fewer."""
    return frozenset(chosen) == key.correct


def quiz_score(keys: list[QuestionKey], choices: Mapping[int, Iterable[int]]) -> int:
    """The percentage of questions answered right, rounded down; an empty quiz scores 0."""
    if not keys:
        return 0
    right = sum(question_right(key, choices.get(key.question_id, ())) for key in keys)
    return right * 100 // len(keys)


def quiz_passed(score: int, pass_mark: int, questions: int) -> bool:
    """A quiz without questions is never passed, whatever its pass mark (even 0)."""
    return questions > 0 and score >= pass_mark


# The values of Lesson.Reveal.
REVEAL_AFTER_PASSING = "after_passing"
REVEAL_AFTER_ATTEMPTS = "after_attempts"
REVEAL_NEVER = "never"


def answers_revealed(rule: str, *, passed: bool, attempts: int, after: int) -> bool:
    """May a learner see which answers are right, and why? As the quiz's author chose: once
    they passed it; once they passed it or made `after` attempts; or never."""
    if rule == REVEAL_AFTER_PASSING:
        return passed
    if rule == REVEAL_AFTER_ATTEMPTS:
        return passed or attempts >= after
    return False


def attempts_left(max_attempts: int | None, attempts: int) -> int | None:
    """How many more attempts a learner has (None: no limit)."""
    return None if max_attempts is None else max(0, max_attempts - attempts)


def missing_lessons(
    rules: list[LessonRule], done: set[int], best_scores: Mapping[int, int]
) -> list[int]:
    """The lessons still standing between a learner and completion, in course order: each
    required lesson not done, and each quiz (required or not) not passed at its pass mark."""
    missing = []
    for rule in rules:
        if rule.pass_mark is not None:
            score = best_scores.get(rule.lesson_id)
            if score is None or not quiz_passed(score, rule.pass_mark, rule.questions):
                missing.append(rule.lesson_id)
        elif rule.required and rule.lesson_id not in done:
            missing.append(rule.lesson_id)
    return missing


def is_complete(rules: list[LessonRule], done: set[int], best_scores: Mapping[int, int]) -> bool:
    """A course with no lessons is never complete: there is nothing to have learned."""
    return bool(rules) and not missing_lessons(rules, done, best_scores)


def creates_cycle(edges: Mapping[int, Iterable[int]], course_id: int, new: Iterable[int]) -> bool:
    """Would giving `course_id` the prerequisites `new` make a course (transitively) require
    itself? `edges` maps each course to its current prerequisites."""
    stack, seen = list(new), set()
    while stack:
        current = stack.pop()
        if current == course_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(edges.get(current, ()))
    return False
