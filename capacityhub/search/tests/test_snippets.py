"""Snippets: readable lines only, the phrase marked as a whole (pure, no database)."""

import pytest

from capacityhub.search.backends import render_snippet, terms
from capacityhub.search.snippets import snippet


def marked(body: str, query: str) -> str:
    return str(render_snippet(snippet(body, terms(query))))


def test_a_phrase_is_marked_as_a_whole_not_its_stray_words():
    body = "wm ar\nThe history of the photo walk and of the city walls."

    result = marked(body, "history of the")

    assert result.count("<mark>") == 1
    assert "<mark>history of the</mark>" in result


def test_the_phrase_is_found_in_another_case_and_with_accents():
    body = "Guía para la Recaudación de Fondos en eventos locales."
    result = marked(body, "recaudacion de fondos")

    assert "<mark>Recaudación de Fondos</mark>" in result


def test_without_the_phrase_each_word_is_marked_but_not_common_ones():
    result = marked("A walk of photos, then the history of a town.", "history of walk")

    assert "<mark>walk</mark>" in result and "<mark>history</mark>" in result
    assert "<mark>of</mark>" not in result


@pytest.mark.parametrize(
    "body",
    [
        "event organizing\nHelps people organize events in their community.",
        "zebrafinch\nHelps people organize events in their community.",
    ],
)
def test_codes_slugs_and_usernames_never_make_the_snippet(body):
    result = marked(body, "zebrafinch event")

    assert result.startswith("Helps people organize <mark>events</mark>")
    assert "zebrafinch" not in result.lower() and "event organizing" not in result


def test_a_body_without_readable_lines_has_no_snippet():
    assert marked("wm-ar\nzebrafinch", "zebrafinch") == ""


def test_a_long_line_is_cut_around_the_first_match():
    words = [f"word{i}" for i in range(100)]
    result = marked(" ".join(words), "word60")

    assert result.startswith("…") and result.endswith("…")
    assert "<mark>word60</mark>" in result and "word0 " not in result


def test_the_text_stays_escaped_around_a_marked_phrase():
    body = "Teaches <script>alert(1)</script> Lua templates to newcomers."
    result = marked(body, "lua templates")

    assert "<mark>Lua templates</mark>" in result
    assert "&lt;script&gt;" in result and "<script>" not in result
