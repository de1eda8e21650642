"""The voting rules and advice routing, without a database."""

from hypothesis import given
from hypothesis import strategies as st

from capacityhub.governance import rules
from capacityhub.governance.routing import Adviser, route
from capacityhub.taxonomy.tree import Tree


@given(st.integers(0, 60), st.integers(0, 60))
def test_quorum_is_a_strict_majority_of_voting_members(members, present):
    present = min(present, members)
    quorate = rules.has_quorum(voting_members=members, present_voting=present)
    assert quorate == (members > 0 and present >= rules.quorum_needed(members))
    assert quorate == (present > members / 2)


@given(st.lists(st.sampled_from(["for", "against", "abstain", "recused"]), max_size=30))
def test_a_motion_carries_only_with_quorum_and_more_for_than_against(choices):
    counts = rules.tally(choices)
    status, failure = rules.result(counts=counts, voting_members=7, present_voting=4)
    assert (status == "carried") == (counts.votes_for > counts.votes_against)
    status, failure = rules.result(counts=counts, voting_members=7, present_voting=3)
    assert (status, failure) == ("failed", "no_quorum")


TREE = Tree.build([(1, None), (2, 1), (3, 1), (4, None)])


def test_routing_prefers_the_nearest_capacity_then_language():
    advisers = [
        Adviser(10, frozenset({4})),  # another tree: never routed
        Adviser(11, frozenset({3}), {"fr": 0}),  # sibling, speaks French
        Adviser(12, frozenset({2}), {"en": 0}),  # exact capacity
        Adviser(13, frozenset({2}), {"fr": 0}),  # exact capacity, speaks French
    ]
    assert [a for a, _ in route([2], ["fr"], advisers, TREE)] == [13, 12, 11]


@given(st.lists(st.sampled_from([1, 2, 3, 4]), min_size=1, max_size=3, unique=True))
def test_routing_returns_at_most_three_distinct_people_with_a_near_capacity(capacities):
    advisers = [Adviser(i, frozenset({c})) for i, c in enumerate([1, 2, 3, 4, 2, 3])]
    routed = route(capacities, [], advisers, TREE)
    assert len(routed) <= 3 and len({a for a, _ in routed}) == len(routed)
    assert all(score > 0 for _, score in routed)
    assert [s for _, s in routed] == sorted((s for _, s in routed), reverse=True)
