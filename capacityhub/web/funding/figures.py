"""Rows for the report's tables and the bars of its chart (plain data, no HTML)."""

from collections.abc import Callable
from decimal import Decimal

from capacityhub.funding.reports import cents
from capacityhub.web.core.cldr import number_text


def _share(value: Decimal, largest: Decimal) -> int:
    return int(100 * value / largest) if largest > 0 else 0


def budget_rows(lines) -> list[dict]:
    """Each line with its budget, committed and actual, and bar widths in percent."""
    largest = max([max(line.amount, cents(line.actual)) for line in lines], default=Decimal(0))
    return [
        {
            "line": line,
            "y": 10 * index,
            "amount": cents(line.amount),
            "committed": cents(line.committed),
            "actual": cents(line.actual),
            "left": cents(line.amount - line.actual),
            "budget_width": _share(line.amount, largest),
            "actual_width": _share(max(cents(line.actual), Decimal(0)), largest),
        }
        for index, line in enumerate(lines)
    ]


def money(value) -> str:
    return number_text(value, digits=2)


def totals_rows(rows: list[dict], label: Callable) -> list[list]:
    return [
        [label(row["key"]), money(row["incoming"]), money(row["committed"]), money(row["spent"])]
        for row in rows
    ]
