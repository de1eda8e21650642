import math

from hypothesis import given
from hypothesis import strategies as st

from capacityhub.evaluation.stats import change_from_moments, paired_change, t_quantile_975

# Student's t 0.975 quantiles from the published tables.
TABLE = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 9: 2.262, 19: 2.093, 29: 2.045,
         60: 2.000, 120: 1.980}  # fmt: skip


def test_t_quantile_matches_the_table():
    for df, expected in TABLE.items():
        assert abs(t_quantile_975(df) - expected) < 0.0015, df


def test_paired_change_known_values():
    change = paired_change([(1, 2), (2, 4), (3, 4), (2, 3), (1, 3)])
    assert change.n == 5 and math.isclose(change.mean, 1.4)
    # sd of diffs [1,2,1,1,2] = 0.5477; half width = 2.776 * 0.5477 / sqrt(5) = 0.680
    assert abs(change.low - 0.720) < 0.002 and abs(change.high - 2.080) < 0.002


def test_no_pairs_no_figure():
    assert paired_change([]).mean is None
    assert paired_change([(1, 3)]).low is None


scores = st.floats(min_value=0, max_value=10, allow_nan=False)


@given(st.lists(st.tuples(scores, scores), min_size=2, max_size=40))
def test_interval_contains_the_mean(pairs):
    change = paired_change(pairs)
    assert change.low <= change.mean + 1e-9 and change.mean <= change.high + 1e-9


@given(st.lists(st.tuples(scores, scores), min_size=2, max_size=40), scores)
def test_shifting_after_shifts_the_change(pairs, shift):
    moved = paired_change([(a, b + shift) for a, b in pairs])
    assert math.isclose(moved.mean, paired_change(pairs).mean + shift, abs_tol=1e-6)


@given(st.lists(st.tuples(scores, scores), max_size=40))
def test_moments_give_the_same_change(pairs):
    diffs = [b - a for a, b in pairs]
    direct = paired_change(pairs)
    summed = change_from_moments(len(diffs), sum(diffs), sum(d * d for d in diffs))
    assert summed.n == direct.n
    for one, other in ((summed.mean, direct.mean), (summed.low, direct.low),
                       (summed.high, direct.high)):  # fmt: skip
        assert (one is None and other is None) or math.isclose(one, other, abs_tol=1e-6)
