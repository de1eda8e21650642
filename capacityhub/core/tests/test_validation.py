"""The shared field checks, without a database."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.core.validation import (
    clean_bool,
    clean_code_list,
    clean_language,
    clean_languages,
    clean_level,
    clean_list,
    clean_multiline,
    clean_region,
    clean_single_line,
)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    "bad",
    [
        "Evil\r\nBcc: x",
        "two\nlines",
        "a\ttab",
        "escape \x1b[31mred",
        "nul\x00byte",
        "del\x7f",
        "c1 \x85 next line",
        "reversed \u202egnp.exe",
        "embedding \u202a",
        "isolate \u2066x\u2069",
        "line \u2028 separator",
    ],
)
def test_single_line_text_refuses_control_and_bidi_override_characters(bad):
    with pytest.raises(ValidationError) as excinfo:
        clean_single_line(bad, field="title", max_length=200)
    assert "title" in errors_of(excinfo)


def test_single_line_text_is_stripped_and_keeps_ordinary_unicode():
    assert clean_single_line("  Référencement ‏عربي 👋 ", field="title", max_length=50) == (
        "Référencement ‏عربي 👋"
    )


def test_single_line_text_may_be_empty_unless_required():
    assert clean_single_line(None, field="title", max_length=5) == ""
    with pytest.raises(ValidationError) as excinfo:
        clean_single_line("   ", field="title", max_length=5, required=True, message="Say it.")
    assert errors_of(excinfo) == {"title": ["Say it."]}


def test_text_longer_than_its_limit_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        clean_single_line("abcdef", field="name", max_length=5)
    assert "5" in errors_of(excinfo)["name"][0]


def test_a_number_is_not_a_text():
    with pytest.raises(ValidationError):
        clean_single_line(12, field="title", max_length=5)
    with pytest.raises(ValidationError):
        clean_multiline(["x"], field="body", max_length=5)


def test_multiline_text_keeps_line_breaks_and_tabs_and_normalises_crlf():
    value = clean_multiline(" one\r\ntwo\rthree\n\tfour ", field="body", max_length=100)
    assert value == "one\ntwo\nthree\n\tfour"


@pytest.mark.parametrize("bad", ["bell\x07", "esc\x1b", "rlo\u202e", "pdi\u2069", "c1\x9b"])
def test_multiline_text_refuses_other_control_characters(bad):
    with pytest.raises(ValidationError) as excinfo:
        clean_multiline(bad, field="message", max_length=100)
    assert "message" in errors_of(excinfo)


def test_languages_are_known_codes_each_once_in_order():
    assert clean_languages(["fr", "ast", "fr", "ar"]) == ["fr", "ast", "ar"]


@pytest.mark.parametrize("bad", ["fr", ["xx"], [1], [["fr"]], {"fr": 1}, None, ["FR"]])
def test_languages_refuse_anything_but_a_list_of_known_codes(bad):
    with pytest.raises(ValidationError) as excinfo:
        clean_languages(bad, field="interpretation_languages")
    assert "interpretation_languages" in errors_of(excinfo)


def test_too_many_languages_are_refused():
    with pytest.raises(ValidationError):
        clean_languages(["fr", "de", "es"], max_items=2)


def test_one_language_is_a_known_code():
    assert clean_language("ha") == "ha"
    for bad in ("xx", 3, None, ""):
        with pytest.raises(ValidationError):
            clean_language(bad)


def test_a_region_is_one_of_the_eight_or_empty():
    assert clean_region("ssa") == "ssa"
    assert clean_region(None) == ""
    assert clean_region("") == ""
    for bad in ("mars", 1, ["ssa"]):
        with pytest.raises(ValidationError):
            clean_region(bad)
    with pytest.raises(ValidationError):
        clean_region("", required=True)


def test_a_level_is_a_whole_number_from_one_to_five_and_a_bool_is_not_a_level():
    assert clean_level(3, field="level") == 3
    for bad in (True, False, 0, 6, 2.5, "3", None):
        with pytest.raises(ValidationError) as excinfo:
            clean_level(bad, field="desired_level")
        assert "desired_level" in errors_of(excinfo)


def test_a_list_is_cleaned_item_by_item_and_deduplicated():
    assert clean_list([1, 2, 2, 3], field="ids", max_items=3, item_cleaner=int) == [1, 2, 3]
    with pytest.raises(ValidationError):
        clean_list([1, 2, 3, 4], field="ids", max_items=3)
    with pytest.raises(ValidationError):
        clean_list("abc", field="ids", max_items=3)
    with pytest.raises(ValidationError):
        clean_list([[1]], field="ids", max_items=3)


def test_a_code_list_holds_only_strings():
    assert clean_code_list(["a", "b", "a"], field="codes", max_items=5) == ["a", "b"]
    with pytest.raises(ValidationError):
        clean_code_list(["a", 1], field="codes", max_items=5)


def test_yes_or_no_is_a_bool():
    assert clean_bool(False, field="online") is False
    with pytest.raises(ValidationError):
        clean_bool("yes", field="online")
