"""The pure aggregation: medians, spread, role views, disagreement, mapping, peer groups."""

from hypothesis import given
from hypothesis import strategies as st

from capacityhub.orgdev.aggregate import (
    MIN_PEER_GROUP,
    AnswerValue,
    aggregate,
    change,
    map_forward,
    peer_medians,
)
from capacityhub.orgdev.framework import dimension_of


def values(*rows):
    return [AnswerValue(*row) for row in rows]


def test_it_gives_the_median_spread_and_each_roles_view_per_dimension():
    answers = values(
        (1, "board", "governance-decisions", 4),
        (1, "board", "governance-accountability", 4),
        (2, "staff", "governance-decisions", 2),
        (3, "volunteer", "governance-decisions", 1),
    )
    result = aggregate(answers, dimension_of)
    governance = result["dimensions"]["governance"]
    assert governance.median == 2
    assert governance.by_role == {"board": 4, "staff": 2, "volunteer": 1}
    assert governance.count == 3
    assert governance.disagreement  # board sees 4, volunteers 1


def test_agreement_is_not_flagged():
    answers = values(*[(r, "staff", "strategy-plan", 3) for r in range(1, 5)])
    summary = aggregate(answers, dimension_of)["dimensions"]["strategy"]
    assert (summary.median, summary.iqr, summary.disagreement) == (3, 0, False)


@given(st.lists(st.integers(1, 4), min_size=1, max_size=30))
def test_the_median_lies_within_the_quartiles_and_the_levels(levels):
    answers = values(*[(i, "staff", "finance-budget", lv) for i, lv in enumerate(levels)])
    summary = aggregate(answers, dimension_of)["questions"]["finance-budget"]
    assert 1 <= summary.q1 <= summary.median <= summary.q3 <= 4
    assert summary.iqr >= 0
    assert summary.count == len(levels)


def test_a_mapping_carries_old_questions_forward_and_drops_removed_ones():
    mapped = map_forward({"a": 2, "b": 3, "c": 4}, {"a": "x", "c": ""})
    assert mapped == {"x": 2, "b": 3}


def test_change_lists_keys_of_either_round():
    assert change({"a": 1}, {"a": 2, "b": 3}) == {"a": (1, 2), "b": (None, 3)}


def test_peer_medians_need_five_organizations():
    medians = {org: {"governance": float(org)} for org in range(1, MIN_PEER_GROUP)}
    groups = dict.fromkeys(medians, "chapter")
    assert peer_medians(medians, groups) == {}
    medians[99] = {"governance": 4.0}
    groups[99] = "chapter"
    assert peer_medians(medians, groups) == {"chapter": {"governance": 3.0}}


@given(st.dictionaries(st.integers(1, 50), st.floats(1, 4), max_size=20))
def test_no_group_smaller_than_five_is_ever_reported(per_org):
    medians = {org: {"people": value} for org, value in per_org.items()}
    groups = {org: "region" for org in per_org}
    reported = peer_medians(medians, groups)
    assert bool(reported) == (len(per_org) >= MIN_PEER_GROUP)
