"""The public report and the public shape of a transaction (recipients redacted unless they
opted in), shared by the API and the pages."""

from __future__ import annotations

from decimal import Decimal

from . import selectors
from .models import Transaction, reporting_currency


def transaction_view(t: Transaction, public: set[int], *, entries: bool = False) -> dict:
    """Everything about a transaction anyone may see; `recipient` None hides a person."""
    view = {
        name: getattr(t, name)
        for name in (
            "id", "sequence", "type", "value_date", "fiscal_year", "description", "amount",
            "currency", "rate", "rate_date", "rate_source", "value", "reporting_currency",
            "paid_for", "region", "programme", "recipient_kind", "reason", "posted_at",
            "prev_hash", "hash",
        )
    }  # fmt: skip
    view.update(
        type_name=str(t.get_type_display()),
        decision=t.decision_id,
        application=t.application_id,
        budget_line=t.budget_line_id,
        call=t.call_id,
        reverses=t.reverses_id,
        recipient=selectors.recipient_name(t, public),
    )
    if entries:
        view["entries"] = [
            {"account": e.account, "debit": e.debit, "credit": e.credit} for e in t.entries.all()
        ]
    return view


CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """Sums come back from SQLite without their scale; money always shows two places."""
    return Decimal(value or 0).quantize(CENT)


def _totals(rows: list[dict], field: str) -> list[dict]:
    return [
        {"key": row[field], "incoming": cents(row["incoming"]),
         "committed": cents(row["committed"]), "spent": cents(row["spent"])}
        for row in rows
    ]  # fmt: skip


def public_report(year: int | None) -> dict:
    """Per year, region, programme and call; named recipients and individuals summed."""
    figures = selectors.report_figures(year)
    named, hidden = selectors.recipients(figures["recipients"])
    named = [{"name": row["name"], "value": cents(row["value"])} for row in named]
    return {
        "fiscal_year": year,
        "reporting_currency": reporting_currency(),
        "years": _totals(figures["years"], "fiscal_year"),
        "regions": _totals(figures["region"], "region"),
        "programmes": _totals(figures["programme"], "programme"),
        "calls": _totals(figures["call"], "call"),
        "recipients": named,
        "individuals_not_named": {
            "name": f"{hidden['transactions']} transactions",
            "value": cents(hidden["value"]),
        },
    }
