"""The pure rules: scoring quizzes, completion, prerequisite cycles (no database)."""

from capacityhub.learning.completion import (
    LessonRule,
    QuestionKey,
    creates_cycle,
    is_complete,
    missing_lessons,
    quiz_passed,
    quiz_score,
)

TEXT, OPTIONAL = LessonRule(1, True), LessonRule(2, False)
QUIZ = LessonRule(3, True, 60, questions=2)


def test_a_question_is_right_only_with_exactly_the_correct_answers():
    keys = [QuestionKey(1, frozenset({10, 11})), QuestionKey(2, frozenset({20}))]

    assert quiz_score(keys, {1: [10, 11], 2: [20]}) == 100
    assert quiz_score(keys, {1: [10], 2: [20]}) == 50
    assert quiz_score(keys, {1: [10, 11, 12], 2: []}) == 0


def test_an_unanswered_quiz_scores_nothing_and_so_does_an_empty_quiz():
    assert quiz_score([QuestionKey(1, frozenset({10}))], {}) == 0
    assert quiz_score([], {}) == 0


def test_a_quiz_without_questions_is_never_passed_even_with_a_pass_mark_of_0():
    empty = LessonRule(3, True, 0, questions=0)

    assert not quiz_passed(100, 0, questions=0)
    assert quiz_passed(0, 0, questions=1)
    assert missing_lessons([TEXT, empty], done={1, 3}, best_scores={3: 100}) == [3]
    assert not is_complete([TEXT, empty], done={1, 3}, best_scores={3: 100})


def test_a_course_is_complete_when_required_lessons_are_done_and_quizzes_passed():
    assert is_complete([TEXT, OPTIONAL, QUIZ], done={1}, best_scores={3: 60})


def test_an_optional_lesson_need_not_be_done():
    assert missing_lessons([TEXT, OPTIONAL], done={1}, best_scores={}) == []


def test_a_quiz_below_its_pass_mark_keeps_the_course_incomplete():
    assert missing_lessons([TEXT, QUIZ], done={1, 3}, best_scores={3: 59}) == [3]
    assert not is_complete([TEXT, QUIZ], done={1}, best_scores={})


def test_a_required_lesson_not_done_keeps_the_course_incomplete():
    assert missing_lessons([TEXT, QUIZ], done=set(), best_scores={3: 100}) == [1]


def test_a_course_without_lessons_is_never_complete():
    assert not is_complete([], done=set(), best_scores={})


def test_a_prerequisite_that_leads_back_to_the_course_is_a_cycle():
    edges = {2: [3], 3: [1]}

    assert creates_cycle(edges, 1, [2])
    assert creates_cycle({}, 1, [1])
    assert not creates_cycle(edges, 4, [2])
