"""The "What worked" order: scores registered by apps above knowledge, added per resource;
resources without a score come after, newest first."""

import pytest

from capacityhub.knowledge import ranking
from capacityhub.knowledge.selectors import resource_list

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boosts(monkeypatch):
    registered = []
    monkeypatch.setattr(ranking, "BOOSTS", registered)
    return registered


def test_registered_scores_add_up_per_resource(boosts):
    def first():
        return {1: 0.5, 2: 1.0}

    ranking.register_boost(first)
    ranking.register_boost(first)  # once only
    ranking.register_boost(lambda: {"2": 0.25})
    assert ranking.boost_scores() == {1: 0.5, 2: 1.25}


def test_scored_resources_first_best_first_then_the_rest_newest_first(boosts):
    old, scored_low, newer, scored_high = (ResourceFactory() for _ in range(4))
    ranking.register_boost(lambda: {scored_low.pk: 0.2, scored_high.pk: 1.5})
    assert list(resource_list(sort="worked")) == [scored_high, scored_low, newer, old]
    assert list(resource_list()) == [scored_high, newer, scored_low, old]


def test_without_any_scores_the_order_is_the_newest_first(boosts, django_assert_max_num_queries):
    resources = [ResourceFactory() for _ in range(3)]
    with django_assert_max_num_queries(1):
        listed = list(resource_list(sort="worked"))
    assert listed == resources[::-1]
