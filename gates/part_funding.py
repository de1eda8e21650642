"""The funding app's share of the gates (see gates/parts.py).

Finance staff are people granted `funding.post_transaction` in the admin; of the matrix's five
actors only staff hold it, so every ledger and budget write is STAFF_ONLY here (the app's own
tests cover a finance-staff member without is_staff). Nobody edits or deletes a posted
transaction: signed-in callers get 409, whoever they are. A recipient's consent is their own."""

import datetime as dt

from django.urls import reverse

from capacityhub.funding.models import (
    Budget,
    BudgetLine,
    Entry,
    LedgerCheckpoint,
    LedgerHead,
    RecipientConsent,
    Transaction,
)

from .matrix import API, LOGIN, STAFF_ONLY, Row, everyone_signed_in

EVERYONE = everyone_signed_in()
NOBODY_EDITS = {"anonymous": LOGIN} | dict.fromkeys(
    ("owner", "other", "manager", "staff"), "HTTP 409"
)
TRACKED = [Transaction, Entry, Budget, BudgetLine, LedgerCheckpoint, LedgerHead, RecipientConsent]
YEAR = 2030
DAY = dt.date(2026, 3, 1)


def build_world(world) -> dict:
    from capacityhub.funding.services import budget_create, transaction_post

    staff = world.users["staff"]
    budget = budget_create(actor=staff, fiscal_year=YEAR)
    posted = transaction_post(
        actor=staff, type="4", value_date=DAY, description="Matrix venue", amount="100",
        currency="EUR", rate="1.1", rate_date=DAY, rate_source="ECB",
    )  # fmt: skip
    return {"funding_budget": budget, "funding_transaction": posted}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    posted = Transaction.objects.order_by("sequence").first()
    return {"transaction_id": [posted.pk] if posted else [], "year": [YEAR]}


def _transaction(suffix: str = ""):
    return lambda world: (
        f"{API}/funding/transactions/{world.extra['funding_transaction'].pk}{suffix}"
    )


POSTING = {
    "type": "4", "value_date": "2026-03-01", "description": "Matrix hire", "amount": "10",
    "currency": "XOF", "rate": "0.0016", "rate_date": "2026-03-01", "rate_source": "ECB",
}  # fmt: skip
LINE = {"title": "Matrix line", "scope": "centralized", "amount": "50", "region": "sa"}

API_ROWS = [
    Row("POST /funding/transactions", "post", lambda world: f"{API}/funding/transactions",
        lambda world, user: POSTING, STAFF_ONLY),
    Row("POST /funding/transactions/{transaction_id}/reverse", "post", _transaction("/reverse"),
        lambda world, user: {"reason": "Booked twice"}, STAFF_ONLY),
    Row("PATCH /funding/transactions/{transaction_id}", "patch", _transaction(),
        lambda world, user: {"amount": "1"}, NOBODY_EDITS),
    Row("DELETE /funding/transactions/{transaction_id}", "delete", _transaction(),
        lambda world, user: {}, NOBODY_EDITS),
    Row("POST /funding/checkpoints", "post", lambda world: f"{API}/funding/checkpoints",
        lambda world, user: {"reason": "Month closed"}, STAFF_ONLY),
    Row("PUT /funding/consent", "put", lambda world: f"{API}/funding/consent",
        lambda world, user: {"public": True}, EVERYONE),
    Row("POST /funding/budgets", "post", lambda world: f"{API}/funding/budgets",
        lambda world, user: {"fiscal_year": YEAR + 1}, STAFF_ONLY),
    Row("POST /funding/budgets/{year}/lines", "post",
        lambda world: f"{API}/funding/budgets/{YEAR}/lines", lambda world, user: LINE, STAFF_ONLY),
]  # fmt: skip


def _page(name: str):
    return lambda world: reverse(f"web:{name}")


WEB_ROWS = [
    Row("web:funding-post", "post", _page("funding-post"),
        lambda world, user: POSTING, STAFF_ONLY),
    Row("web:funding-reverse", "post",
        lambda world: reverse("web:funding-reverse", args=[world.extra["funding_transaction"].pk]),
        lambda world, user: {"reason": "Booked twice"}, STAFF_ONLY),
    Row("web:funding-checkpoint", "post", _page("funding-checkpoint"),
        lambda world, user: {"reason": "Month closed"}, STAFF_ONLY),
    Row("web:funding-budgets", "post", _page("funding-budgets"),
        lambda world, user: {"form": "line", "budget": world.extra["funding_budget"].pk, **LINE},
        STAFF_ONLY),
    Row("web:funding-consent", "post", _page("funding-consent"),
        lambda world, user: {"public": "on"}, EVERYONE),
]  # fmt: skip

WEB_READ_ONLY = {
    "funding-report",
    "funding-ledger",
    "funding-transaction",
    "funding-export-csv",
    "funding-export-json",
    "funding-export-360giving",
}
READ_ONLY_ARGS = {"funding-transaction": lambda world: [world.extra["funding_transaction"].pk]}
