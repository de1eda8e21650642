"""The ranked 'largest unmet needs' list (pure, no database)."""

from dataclasses import dataclass

from capacityhub.exchange.unmet_needs import largest_unmet


@dataclass(frozen=True)
class Row:
    code: str
    depth: int
    demand: int
    supply: int


def test_it_ranks_by_needs_beyond_offers_largest_first():
    rows = [Row("a", 0, 10, 2), Row("b", 0, 5, 0), Row("c", 0, 9, 1)]

    assert [u.row.code for u in largest_unmet(rows)] == ["a", "c", "b"]
    assert [u.unmet for u in largest_unmet(rows)] == [8, 8, 5]


def test_a_broader_capacity_is_not_counted_again_over_its_narrower_ones():
    rows = [Row("fundraising", 0, 9, 0), Row("grants", 1, 6, 0), Row("donors", 1, 3, 0)]

    assert [u.row.code for u in largest_unmet(rows)] == ["grants", "donors"]


def test_met_needs_and_too_few_data_are_left_out():
    rows = [Row("met", 0, 4, 4), Row("over", 0, 1, 5), Row("one", 0, 1, 0), Row("gap", 0, 3, 1)]

    assert [u.row.code for u in largest_unmet(rows)] == ["gap"]


def test_bar_lengths_are_shares_of_the_largest_figure():
    unmet = largest_unmet([Row("a", 0, 8, 2), Row("b", 0, 4, 0)])

    assert (unmet[0].demand_share, unmet[0].supply_share) == (1.0, 0.25)
    assert unmet[1].demand_share == 0.5


def test_an_empty_map_has_no_unmet_needs():
    assert largest_unmet([]) == []
