"""Reviewer assignment (pure, no database)."""

import pytest

from capacityhub.review.assignment import (
    ApplicationSpec,
    AssignmentInfeasible,
    ReviewerSpec,
    assign_reviewers,
    loads,
)


def _people(n, languages=("en",)):
    return [ReviewerSpec(id=100 + i, languages=frozenset(languages)) for i in range(n)]


def test_each_application_gets_k_distinct_reviewers():
    apps = [ApplicationSpec(id=i, language="en", needed=2) for i in range(10)]
    result = assign_reviewers(apps, _people(4))
    assert set(result) == set(range(10))
    for reviewer_ids in result.values():
        assert len(reviewer_ids) == 2
        assert len(set(reviewer_ids)) == 2


def test_a_conflicted_reviewer_is_never_assigned():
    apps = [ApplicationSpec(id=i, needed=2) for i in range(6)]
    conflicts = {(100, i) for i in range(6)}
    result = assign_reviewers(apps, _people(3), conflicts)
    assert all(100 not in ids for ids in result.values())


def test_the_load_is_balanced():
    apps = [ApplicationSpec(id=i, needed=2) for i in range(30)]
    result = assign_reviewers(apps, _people(6))
    assert set(loads(result).values()) == {10}


def test_reviewers_who_read_the_language_are_preferred():
    people = [
        ReviewerSpec(id=1, languages=frozenset({"es"})),
        ReviewerSpec(id=2, languages=frozenset({"es", "en"})),
        ReviewerSpec(id=3, languages=frozenset({"en"})),
        ReviewerSpec(id=4, languages=frozenset({"fr"})),
    ]
    apps = [ApplicationSpec(id=1, language="es", needed=2)]
    assert sorted(assign_reviewers(apps, people)[1]) == [1, 2]


def test_language_preference_does_not_overload_one_reader():
    people = [ReviewerSpec(id=1, languages=frozenset({"es"}))] + _people(3)
    apps = [ApplicationSpec(id=i, language="es", needed=1) for i in range(40)]
    assert loads(assign_reviewers(apps, people))[1] < 40


def test_existing_load_and_exclusions_are_respected():
    people = [ReviewerSpec(id=1, current_load=5), ReviewerSpec(id=2), ReviewerSpec(id=3)]
    apps = [ApplicationSpec(id=1, needed=1, excluded=frozenset({2}))]
    assert assign_reviewers(apps, people) == {1: [3]}


def test_too_few_reviewers_is_a_clear_error_naming_how_many_are_missing():
    apps = [ApplicationSpec(id=1, needed=3), ApplicationSpec(id=2, needed=2)]
    conflicts = {(100, 1)}
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_reviewers(apps, _people(3), conflicts)
    assert caught.value.missing == 1
    assert caught.value.short_applications == [1]
    assert "1 review(s)" in str(caught.value)


def test_no_reviewers_at_all_is_infeasible():
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_reviewers([ApplicationSpec(id=1, needed=2)], [])
    assert caught.value.missing == 2


def test_nothing_to_assign_gives_an_empty_result():
    assert assign_reviewers([ApplicationSpec(id=1, needed=0)], _people(2)) == {}
