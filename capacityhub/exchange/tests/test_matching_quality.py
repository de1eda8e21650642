"""A match's label follows taxonomy closeness first, its score second (pure, no database)."""

import pytest

from capacityhub.exchange.matching import CLOSE, EXACT, RELATED, closeness, fit, quality


@pytest.mark.parametrize(
    ("distance", "expected"),
    [(0, EXACT), (1, CLOSE), (2, RELATED), (3, RELATED), (6, RELATED)],
)
def test_fit_follows_the_distance_in_the_tree(distance, expected):
    assert fit(closeness(distance)) == expected


def test_only_the_capacity_asked_for_is_ever_a_strong_or_good_match():
    assert quality(closeness(0), 0.9) == "strong"
    assert quality(closeness(0), 0.5) == "good"
    assert quality(closeness(1), 0.99) == "close"
    # three steps away in the tree: related, however well everything else fits
    assert quality(closeness(3), 0.99) == "related"
