"""The answer and question rules, checked without a database."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.forms.validation.answers import QuestionSpec, UploadInfo, validate_answers
from capacityhub.forms.validation.questions import validate_questions


def spec(key, kind, **fields):
    choices = fields.pop("choices", ())
    return QuestionSpec.of(
        {"key": key, "kind": kind, "choices": [{"value": c} for c in choices], **fields}
    )


def errors_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


TRAVEL = [
    spec("travel", "single_choice", required=True, choices=("yes", "no")),
    spec("cost", "number", required=True, show_if={"question": "travel", "equals": "yes"}),
    spec("why", "long_text", show_if={"question": "cost", "in": [100, 200]}),
]


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped():
    cleaned = validate_answers(TRAVEL, {"travel": "no", "cost": "50"})
    assert cleaned == {"travel": "no"}


def test_a_shown_required_question_must_be_answered():
    assert errors_of(lambda: validate_answers(TRAVEL, {"travel": "yes"})) == {
        "cost": ["This question needs an answer."]
    }


def test_show_if_in_matches_any_listed_value_and_chains_through_hidden_questions():
    assert validate_answers(TRAVEL, {"travel": "yes", "cost": "200", "why": "far"})["why"] == "far"
    assert "why" not in validate_answers(TRAVEL, {"travel": "yes", "cost": "150", "why": "x"})
    assert validate_answers(TRAVEL, {"travel": "no", "why": "x"}) == {"travel": "no"}


def test_show_if_on_a_multiple_choice_matches_any_ticked_value():
    questions = [
        spec("tools", "multiple_choice", choices=("a", "b")),
        spec("b_detail", "short_text", required=True, show_if={"question": "tools", "equals": "b"}),
    ]
    assert errors_of(lambda: validate_answers(questions, {"tools": ["a", "b"]})) == {
        "b_detail": ["This question needs an answer."]
    }


def test_a_draft_skips_required_checks_but_refuses_malformed_values():
    assert validate_answers(TRAVEL, {}, strict=False) == {}
    assert "travel" in errors_of(
        lambda: validate_answers(TRAVEL, {"travel": "maybe"}, strict=False)
    )


@pytest.mark.parametrize(
    ("question", "value", "cleaned"),
    [
        (spec("q", "short_text"), "  hi ", "hi"),
        (spec("q", "number"), "3,5", 3.5),
        (spec("q", "number"), 4, 4),
        (spec("q", "date"), "2026-03-01", "2026-03-01"),
        (spec("q", "single_choice", choices=("1", "2")), 2, "2"),
        (spec("q", "multiple_choice", choices=("a", "b", "c")), ["c", "a", "a"], ["a", "c"]),
        (spec("q", "scale", scale_min=1, scale_max=5), "5", 5),
        (spec("q", "consent"), "on", True),
    ],
)
def test_each_kind_cleans_a_good_value(question, value, cleaned):
    assert validate_answers([question], {"q": value}) == {"q": cleaned}


@pytest.mark.parametrize(
    ("question", "value"),
    [
        (spec("q", "short_text", validation={"max_length": 3}), "long"),
        (spec("q", "short_text", validation={"pattern": "[0-9]+"}), "abc"),
        (spec("q", "short_text"), {"a": 1}),
        (spec("q", "number"), "many"),
        (spec("q", "number"), "nan"),
        (spec("q", "number", validation={"min": 0, "max": 10}), 11),
        (spec("q", "date"), "01/03/2026"),
        (spec("q", "date", validation={"min": "2026-01-01"}), "2025-12-31"),
        (spec("q", "single_choice", choices=("1", "2")), "3"),
        (spec("q", "multiple_choice", choices=("a",)), ["a", "z"]),
        (spec("q", "multiple_choice", choices=("a", "b"), validation={"max": 1}), ["a", "b"]),
        (spec("q", "scale", scale_min=1, scale_max=5), 6),
        (spec("q", "scale", scale_min=1, scale_max=5), "0"),
        (spec("q", "consent"), "perhaps"),
        (spec("q", "file"), "not a file"),
    ],
)
def test_each_kind_refuses_a_bad_value_naming_the_question(question, value):
    assert list(errors_of(lambda: validate_answers([question], {"q": value}))) == ["q"]


def test_a_required_consent_must_be_given():
    consent = spec("ok", "consent", required=True)
    assert errors_of(lambda: validate_answers([consent], {"ok": False})) == {
        "ok": ["Please give your consent to continue."]
    }


def test_files_are_checked_for_size_and_type():
    cv = spec(
        "cv", "file", validation={"max_file_bytes": 100, "allowed_types": ["application/pdf"]}
    )

    def check(upload):
        return validate_answers([cv], {}, {"cv": upload})

    assert check(UploadInfo("cv.pdf", 100, "application/pdf"))["cv"]["size"] == 100
    assert (
        "too large"
        in errors_of(lambda: check(UploadInfo("cv.pdf", 101, "application/pdf")))["cv"][0]
    )
    assert errors_of(lambda: check(UploadInfo("cv.pdf", 10, "text/html")))
    assert errors_of(lambda: check(UploadInfo("cv.html", 10, "application/pdf")))


def test_a_file_stored_earlier_is_kept_on_a_later_save():
    cv = spec("cv", "file")
    stored = {"name": "cv.pdf", "size": 5, "content_type": "application/pdf"}
    assert validate_answers([cv], {"cv": stored}) == {"cv": stored}


def test_question_definitions_are_normalised():
    cleaned = validate_questions(
        [
            {
                "key": "colour",
                "kind": "single_choice",
                "label": "Colour",
                "choices": [{"value": 1}],
            },
            {"key": "rate", "kind": "scale", "label": {"en": "Rate"}, "scale_max": 10},
            {
                "key": "why",
                "kind": "long_text",
                "label": {"en": "Why"},
                "show_if": {"question": "colour", "equals": "1"},
            },
        ]
    )
    assert cleaned[0]["label"] == {"en": "Colour"}
    assert cleaned[0]["choices"] == [{"value": "1", "label": {"en": "1"}}]
    assert (cleaned[1]["scale_min"], cleaned[1]["scale_max"]) == (1, 10)
    assert [q["position"] for q in cleaned] == [1, 2, 3]


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ({"key": "1st", "kind": "short_text", "label": "x"}, "key"),
        ({"key": "a", "kind": "essay", "label": "x"}, "kind"),
        ({"key": "a", "kind": "short_text", "label": ""}, "label"),
        ({"key": "a", "kind": "single_choice", "label": "x", "choices": []}, "choices"),
        ({"key": "a", "kind": "scale", "label": "x", "scale_min": 5, "scale_max": 1}, "scale_max"),
        (
            {"key": "a", "kind": "short_text", "label": "x", "show_if": {"question": "later"}},
            "show_if",
        ),
        (
            {"key": "a", "kind": "short_text", "label": "x", "validation": {"pattern": "("}},
            "validation",
        ),
        ({"key": "a", "kind": "short_text", "label": "x", "validation": {"eval": 1}}, "validation"),
    ],
)
def test_bad_question_definitions_are_refused_naming_the_field(question, field):
    assert list(errors_of(lambda: validate_questions([question]))) == [f"questions.1.{field}"]


def test_two_questions_with_the_same_key_are_refused():
    question = {"key": "a", "kind": "short_text", "label": "x"}
    assert list(errors_of(lambda: validate_questions([question, question]))) == ["questions.2.key"]


@pytest.mark.parametrize(
    "validation",
    [
        {"min": {"a": 1}},
        {"max": "soon"},
        {"max_length": -1},
        {"max_file_bytes": True},
        {"allowed_types": "pdf"},
    ],
)
def test_malformed_validation_rules_are_refused(validation):
    question = {"key": "a", "kind": "number", "label": "x", "validation": validation}
    assert list(errors_of(lambda: validate_questions([question]))) == ["questions.1.validation"]


def test_choice_values_and_rule_values_must_be_plain_values():
    choice = {"key": "a", "kind": "single_choice", "label": "x", "choices": [{"value": {"x": 1}}]}
    assert list(errors_of(lambda: validate_questions([choice]))) == ["questions.1.choices"]
    questions = [
        {"key": "a", "kind": "short_text", "label": "x"},
        {"key": "b", "kind": "short_text", "label": "x", "show_if": {"question": "a", "in": [[1]]}},
    ]
    assert list(errors_of(lambda: validate_questions(questions))) == ["questions.2.show_if"]
