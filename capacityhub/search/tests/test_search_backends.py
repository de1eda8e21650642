"""The backend configured for this run (SQLite FTS5, or PostgreSQL with DATABASE_URL)."""

import pytest
from django.db import connection

from capacityhub.search.backends import render_snippet, terms
from capacityhub.search.engines import backend
from capacityhub.search.selectors import search

pytestmark = pytest.mark.django_db
ON_SQLITE = connection.vendor == "sqlite"


def found(viewer, query, **kwargs) -> list[tuple[str, str]]:
    return [(r.kind, r.title) for r in search(viewer=viewer, query=query, **kwargs).results]


def test_a_label_in_another_language_finds_the_capacity_without_its_accents(indexed, anonymous):
    assert ("capacity", "Fundraising") in found(anonymous, "recaudacion")
    assert ("capacity", "Fundraising") in found(anonymous, "RECAUDACIÓN")


def test_an_alias_in_another_language_finds_the_capacity(indexed, anonymous):
    assert found(anonymous, "colecta") == [("capacity", "Fundraising")]


@pytest.mark.skipif(not ON_SQLITE, reason="PostgreSQL's 'simple' configuration does not stem")
def test_words_are_stemmed_where_the_engine_stems(indexed, anonymous):
    titles = [title for _kind, title in found(anonymous, "organizing")]
    assert "Help organize a fundraising photo walk" in titles
    assert "Wikimedia Argentina" in titles  # "Organization of edit-a-thons."


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"lua',
        "lua*",
        "*",
        "NEAR(lua budget)",
        "lua NEAR budget",
        "(",
        ")",
        "-lua",
        "lua -",
        "AND",
        "OR NOT",
        "^lua",
        "title:lua",
        "'; DROP TABLE x; --",
        "\x00",
        "{}[]",
        ":*",
        "!!",
        "a & b | !c",
        "ü" * 300,
        "lua " * 40,
    ],
)
def test_query_syntax_characters_never_cause_an_error(indexed, anonymous, staff, query):
    search(viewer=anonymous, query=query)
    search(viewer=staff, query=query, kinds=["need", "profile"], page=3)


def test_syntax_characters_around_words_still_find_them(indexed, staff):
    assert ("profile", "Amina Bello") in found(staff, '"lua*" -(templates)')


def test_a_query_without_words_finds_nothing(indexed, anonymous):
    assert found(anonymous, "  -- ** ") == []


def test_snippets_are_escaped_except_the_marks(indexed, other):
    [result] = search(viewer=other, query="newcomers").results

    markup = result.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in markup and ">" not in markup
    assert "<mark>newcomers</mark>" in result.snippet
    if ON_SQLITE:  # PostgreSQL's headline drops what looks like a tag instead
        assert "&lt;script&gt;" in result.snippet


def test_a_phrase_is_marked_whole_and_usernames_are_not_the_snippet(indexed, owner, other):
    [result] = search(viewer=other, query="lua templates").results
    assert "<mark>Lua templates</mark>" in result.snippet
    assert result.snippet.startswith("Teaches")

    by_username = search(viewer=other, query="owner").results
    assert "Amina Bello" in [r.title for r in by_username]
    assert all("owner" not in r.snippet for r in by_username)


def test_a_members_only_bio_is_not_found_by_anonymous_visitors(indexed, anonymous, other):
    assert found(anonymous, "newcomers") == []
    assert found(anonymous, "Amina") == [("profile", "Amina Bello")]
    assert found(other, "newcomers") == [("profile", "Amina Bello")]


def test_a_private_field_is_found_by_its_owner_and_staff_only(indexed, owner, other, staff):
    assert found(other, "zebrafinch") == []
    assert found(owner, "zebrafinch") == [("profile", "Amina Bello")]
    assert found(staff, "zebrafinch") == [("profile", "Amina Bello")]


def test_a_profile_appears_once_whoever_searches(indexed, owner, other, staff, anonymous):
    for viewer in (owner, other, staff, anonymous):
        assert found(viewer, "amina") == [("profile", "Amina Bello")]


def test_needs_follow_their_visibility(indexed, anonymous, owner, other, staff):
    assert found(anonymous, "budget") == []
    assert found(other, "budget") == [("need", "Members budget review")]
    assert sorted(t for _k, t in found(owner, "budget")) == [
        "Members budget review",
        "Quiet budget question",
    ]
    assert len(found(staff, "budget")) == 2


def test_results_are_paginated_and_counted_per_kind(many_people, anonymous):
    first = search(viewer=anonymous, query="walrus", page=1, page_size=20)
    second = search(viewer=anonymous, query="walrus", page=2, page_size=20)

    assert first.total == second.total == 30
    assert first.facets == {"profile": 30}
    assert len(first.results) == 20 and len(second.results) == 10
    assert not {r.object_id for r in first.results} & {r.object_id for r in second.results}
    assert search(viewer=anonymous, query="walrus", page=9).results == []


def test_kinds_narrow_the_results_but_not_the_facets(indexed, staff):
    results = search(viewer=staff, query="fundraising", kinds=["need"])

    assert {r.kind for r in results.results} == {"need"}
    assert results.facets["capacity"] >= 1


def test_a_search_runs_a_fixed_number_of_queries(
    indexed, many_people, staff, django_assert_max_num_queries
):
    search(viewer=staff, query="walrus")  # warm the taxonomy cache
    with django_assert_max_num_queries(5):
        search(viewer=staff, query="walrus amina organizing", page_size=100)
    with django_assert_max_num_queries(5):
        search(viewer=staff, query="walrus", page_size=100)


def test_terms_keep_only_folded_words():
    assert terms('"Recaudación" NEAR(x*) -y') == ["recaudacion", "near", "x", "y"]


def test_render_snippet_escapes_everything_but_the_markers():
    assert render_snippet("<b>\x02a&b\x03</b>") == "&lt;b&gt;<mark>a&amp;b</mark>&lt;/b&gt;"


def test_the_backend_matches_the_database(db):
    expected = "PostgresBackend" if connection.vendor == "postgresql" else "SqliteFtsBackend"
    assert type(backend()).__name__ == expected
