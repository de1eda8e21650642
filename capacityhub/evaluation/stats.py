"""Pure statistics for evaluation (NumPy, no database).

Paired pre/post change: the mean of each person's difference with a two-sided 95% confidence
interval from Student's t. The t quantile comes from the Cornish–Fisher expansion of the
normal quantile (four terms): exact below 4 degrees of freedom and within about 0.001 from
4 on — no SciPy needed (decision 0031)."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Z_975 = 1.959963984540054


def t_quantile_975(df: int) -> float:
    """The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df == 1:
        return 12.706204736174707  # exact: tan(pi * 0.475)
    if df == 2:
        return 4.302652729749464  # exact
    if df == 3:
        return 3.182446305284263  # exact
    z, v = Z_975, float(df)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / v + g2 / v**2 + g3 / v**3 + g4 / v**4


@dataclass(frozen=True)
class Change:
    n: int
    mean: float | None
    low: float | None
    high: float | None


def paired_change(pairs: Iterable[tuple[float, float]]) -> Change:
    """Mean of (after − before) over the pairs, with its 95% confidence interval."""
    data = np.asarray(list(pairs), dtype=float).reshape(-1, 2)
    n = len(data)
    if n == 0:
        return Change(0, None, None, None)
    diff = data[:, 1] - data[:, 0]
    mean = float(diff.mean())
    if n < 2:
        return Change(n, mean, None, None)
    half = t_quantile_975(n - 1) * float(diff.std(ddof=1)) / math.sqrt(n)
    return Change(n, mean, mean - half, mean + half)


def change_from_moments(n: int, total: float, squares: float) -> Change:
    """paired_change from the differences' count, sum and sum of squares (so a database can
    add them up without sending every pair)."""
    if n == 0:
        return Change(0, None, None, None)
    mean = total / n
    if n < 2:
        return Change(n, mean, None, None)
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = t_quantile_975(n - 1) * math.sqrt(variance) / math.sqrt(n)
    return Change(n, mean, mean - half, mean + half)


def mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if len(values) else None


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
