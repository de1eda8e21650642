"""Ranking (pure, no database)."""

import time

import numpy as np
import pytest

from capacityhub.review.ranking import (
    Candidate,
    ReviewScores,
    normalised_values,
    rank,
    review_value,
)

WEIGHTS = {1: 2.0, 2: 1.0}


def _review(app, reviewer, a, b):
    return ReviewScores(application_id=app, reviewer_id=reviewer, scores={1: a, 2: b})


def test_a_review_value_is_the_weighted_mean_of_its_criteria():
    assert review_value({1: 5, 2: 2}, WEIGHTS) == pytest.approx(4.0)


def test_not_applicable_criteria_are_left_out_and_weights_renormalised():
    assert review_value({1: None, 2: 3}, WEIGHTS) == 3
    assert review_value({1: None, 2: None}, WEIGHTS) is None


def test_applications_are_ranked_by_their_mean_review_best_first():
    reviews = [
        _review(1, 10, 2, 2),
        _review(1, 11, 3, 3),
        _review(2, 10, 5, 5),
        _review(2, 11, 4, 4),
    ]
    result = rank(reviews, WEIGHTS, [Candidate(1), Candidate(2)])
    assert [r.application_id for r in result] == [2, 1]
    assert result[0].score == 4.5
    assert [r.rank for r in result] == [1, 2]


def test_an_unreviewed_application_ranks_last_without_a_score():
    result = rank([_review(1, 10, 1, 1)], WEIGHTS, [Candidate(2), Candidate(1)])
    assert [r.application_id for r in result] == [1, 2]
    assert result[1].score is None and result[1].reviews == 0


def test_a_reviewer_with_five_reviews_is_normalised_and_one_with_four_is_not():
    harsh = [_review(app, 10, s, s) for app, s in enumerate([0, 1, 1, 2, 1])]
    few = [_review(app, 11, s, s) for app, s in enumerate([4, 5, 5, 4])]
    values = np.array([r.scores[1] for r in harsh + few], dtype=float)
    ids = np.array([r.reviewer_id for r in harsh + few])
    normal = normalised_values(ids, values)
    assert list(normal[5:]) == [4, 5, 5, 4]
    # the harsh reviewer's best (2) lands above the overall mean after normalisation
    assert normal[3] > values.mean()


def test_normalisation_puts_a_harsh_and_a_generous_reviewer_on_one_scale():
    harsh = [_review(app, 10, s, s) for app, s in enumerate([0, 1, 2, 1, 0, 2])]
    generous = [_review(app + 6, 11, s, s) for app, s in enumerate([3, 4, 5, 4, 3, 5])]
    result = rank(harsh + generous, WEIGHTS, [Candidate(i) for i in range(12)])
    top_of_each = {r.application_id for r in result[:4]}
    assert top_of_each == {2, 5, 8, 11}


def test_a_wide_spread_is_flagged():
    reviews = [_review(1, 10, 0, 0), _review(1, 11, 5, 5)]
    (entry,) = rank(reviews, WEIGHTS, [Candidate(1)])
    assert entry.spread == 5 and entry.flagged


def test_an_outlier_review_is_named():
    reviews = [_review(1, 10, 4, 4), _review(1, 11, 4, 4), _review(1, 12, 0, 0)]
    (entry,) = rank(reviews, WEIGHTS, [Candidate(1)])
    assert entry.outlier_reviewer_ids == [12]


def test_the_cut_line_falls_where_seats_run_out():
    reviews = [_review(i, 10, i % 6, i % 6) for i in range(5)]
    result = rank(reviews, WEIGHTS, [Candidate(i) for i in range(5)], seats=2)
    assert [r.above_cut for r in result] == [True, True, False, False, False]


def test_the_cut_line_falls_where_the_budget_runs_out():
    reviews = [_review(i, 10, 5 - i, 5 - i) for i in range(3)]
    candidates = [Candidate(0, 300), Candidate(1, 500), Candidate(2, 100)]
    result = rank(reviews, WEIGHTS, candidates, budget=700)
    # the line is a line: the third fits the money left but ranks below the one that did not
    assert [r.above_cut for r in result] == [True, False, False]


def test_without_seats_or_budget_there_is_no_cut_line():
    result = rank([_review(1, 10, 3, 3)], WEIGHTS, [Candidate(1)])
    assert not result[0].above_cut


def test_ranking_two_thousand_applications_is_fast():
    rng = np.random.default_rng(1)
    reviews = [
        _review(app, int(rng.integers(200)), int(rng.integers(6)), int(rng.integers(6)))
        for app in range(2000)
        for _ in range(2)
    ]
    started = time.perf_counter()
    rank(reviews, WEIGHTS, [Candidate(i, 100) for i in range(2000)], seats=100)
    assert time.perf_counter() - started < 1.0
