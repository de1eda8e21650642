"""The capacity-map aggregation, without a database."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacityhub.exchange.capacity_map import LANGUAGE_VIEW, ONLINE, REGION_VIEW, aggregate, gap
from capacityhub.taxonomy.tree import Tree

# organizational(1) ▸ fundraising(2) ▸ {grant-writing(3), grant-reporting(4)};
# technology(5) ▸ lua(6)
TREE = Tree.build([(1, None), (2, 1), (3, 2), (4, 2), (5, None), (6, 5)])
REGIONS = ("ssa", "sa")
ORG, FUND, WRITING, REPORTING, TECH, LUA = 1, 2, 3, 4, 5, 6


def counts(offers=(), needs=()):
    return aggregate(tree=TREE, offers=offers, needs=needs, regions=REGIONS)


def cell(result, view, capacity, column, side):
    matrix = result.matrix(view)
    values = matrix.supply if side == "supply" else matrix.demand
    return int(values[result.index[capacity], matrix.columns.index(column)])


def test_a_need_for_grant_reporting_also_counts_under_fundraising_and_organizational():
    result = counts(needs=[((REPORTING,), "ssa", False, ["fr"])])

    for capacity in (REPORTING, FUND, ORG):
        assert cell(result, REGION_VIEW, capacity, "ssa", "demand") == 1
        assert cell(result, LANGUAGE_VIEW, capacity, "fr", "demand") == 1
    assert cell(result, REGION_VIEW, WRITING, "ssa", "demand") == 0
    assert cell(result, REGION_VIEW, TECH, "ssa", "demand") == 0


def test_a_need_naming_two_sibling_capacities_counts_once_under_their_parent():
    result = counts(needs=[((WRITING, REPORTING), "ssa", False, ["en"])])

    assert cell(result, REGION_VIEW, FUND, "ssa", "demand") == 1
    assert cell(result, REGION_VIEW, ORG, "ssa", "demand") == 1
    assert int(result.demand_total[result.index[FUND]]) == 1
    assert cell(result, REGION_VIEW, WRITING, "ssa", "demand") == 1


def test_an_offer_counts_under_its_capacity_and_every_ancestor():
    result = counts(offers=[(LUA, "sa", False, ["hi"])])

    assert cell(result, REGION_VIEW, LUA, "sa", "supply") == 1
    assert cell(result, REGION_VIEW, TECH, "sa", "supply") == 1
    assert cell(result, REGION_VIEW, ORG, "sa", "supply") == 0


def test_online_items_count_in_the_online_column_as_well_as_their_region():
    result = counts(
        offers=[(LUA, "sa", True, []), (LUA, "", True, [])],
        needs=[((LUA,), "", True, []), ((LUA,), "ssa", False, [])],
    )

    assert result.by_region.columns == ("ssa", "sa", ONLINE)
    assert cell(result, REGION_VIEW, LUA, ONLINE, "supply") == 2
    assert cell(result, REGION_VIEW, LUA, "sa", "supply") == 1
    assert cell(result, REGION_VIEW, LUA, ONLINE, "demand") == 1
    assert cell(result, REGION_VIEW, LUA, "ssa", "demand") == 1


def test_an_item_with_no_region_that_is_not_online_counts_only_in_the_total():
    result = counts(offers=[(LUA, "", False, [])])

    assert result.by_region.supply.sum() == 0
    assert int(result.supply_total[result.index[LUA]]) == 1
    assert result.offers == 1


def test_an_unknown_region_or_capacity_is_not_counted_in_any_column():
    result = counts(offers=[(LUA, "atlantis", False, []), (999, "sa", False, [])])

    assert result.by_region.supply.sum() == 0
    assert result.offers == 1
    assert result.skipped_offers == 1


def test_language_columns_list_the_busiest_languages_first():
    result = counts(
        offers=[(LUA, "sa", False, ["hi", "en"]), (LUA, "sa", False, ["en"])],
        needs=[((LUA,), "sa", False, ["ur"]), ((LUA,), "sa", False, ["en", "en"])],
    )

    assert result.by_language.columns == ("en", "hi", "ur")
    assert cell(result, LANGUAGE_VIEW, LUA, "en", "supply") == 2
    assert cell(result, LANGUAGE_VIEW, LUA, "en", "demand") == 1  # listed twice, counted once


def test_an_empty_map_has_zero_counts_and_zero_gaps():
    result = counts()

    assert result.offers == result.needs == 0
    assert result.by_language.columns == ()
    assert not result.by_region.gaps().any()


@pytest.mark.parametrize(
    ("demand", "supply", "sign"), [(5, 1, 1), (1, 5, -1), (3, 3, 0), (0, 0, 0), (1, 0, 1)]
)
def test_the_gap_is_positive_when_demand_outruns_supply(demand, supply, sign):
    assert np.sign(gap(demand, supply)) == sign


def test_the_gap_stays_strictly_between_minus_one_and_one():
    assert gap(10**9, 0) < 1
    assert gap(0, 10**9) > -1
    assert gap(1, 0) == 0.5


# Properties ------------------------------------------------------------------------------------

capacity = st.sampled_from([ORG, FUND, WRITING, REPORTING, TECH, LUA, 999])
region = st.sampled_from(["", "ssa", "sa", "xx"])
languages = st.lists(st.sampled_from(["en", "fr", "ar", "ha"]), max_size=3)
offer = st.tuples(capacity, region, st.booleans(), languages)
need = st.tuples(st.lists(capacity, min_size=1, max_size=3), region, st.booleans(), languages)


@settings(max_examples=150, deadline=None)
@given(st.lists(offer, max_size=25), st.lists(need, max_size=25), offer)
def test_adding_an_offer_never_increases_a_gap(offers, needs, extra):
    before = counts(offers, needs)
    after = counts([*offers, extra], needs)

    for view in (REGION_VIEW, LANGUAGE_VIEW):
        old, new = before.matrix(view), after.matrix(view)
        shared = [c for c in old.columns if c in new.columns]
        old_gaps = old.gaps()[:, [old.columns.index(c) for c in shared]]
        new_gaps = new.gaps()[:, [new.columns.index(c) for c in shared]]
        assert (new_gaps <= old_gaps + 1e-12).all()
    assert (
        gap(after.demand_total, after.supply_total)
        <= gap(before.demand_total, before.supply_total) + 1e-12
    ).all()


@settings(max_examples=150, deadline=None)
@given(st.lists(offer, max_size=30), st.lists(need, max_size=30))
def test_totals_equal_the_inputs(offers, needs):
    result = counts(offers, needs)
    placed_offers = [o for o in offers if o[0] in TREE.parent]
    placed_needs = [n for n in needs if any(c in TREE.parent for c in n[0])]

    assert result.offers == len(placed_offers)
    assert result.needs == len(placed_needs)
    assert result.skipped_offers + result.offers == len(offers)
    # Every placed item sits under exactly one root.
    roots = [result.index[root] for root in TREE.roots()]
    assert int(result.supply_total[roots].sum()) == len(placed_offers)
    needs_per_root = sum(
        len({root for c in n[0] if c in TREE.parent for root in [([c, *TREE.ancestors(c)])[-1]]})
        for n in placed_needs
    )
    assert int(result.demand_total[roots].sum()) == needs_per_root
    # A cell never holds more items than its row's total.
    for view in (REGION_VIEW, LANGUAGE_VIEW):
        matrix = result.matrix(view)
        assert (matrix.supply <= result.supply_total[:, None]).all()
        assert (matrix.demand <= result.demand_total[:, None]).all()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_every_gap_lies_strictly_inside_minus_one_and_one(demand, supply):
    assert -1 < gap(demand, supply) < 1
