"""The funding app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a 2026 budget with two lines, an expenditure in euros against one of them, and a
commitment to an organization under the line the board approved (staff post them: staff are
finance staff)."""

import datetime as dt

YEAR = 2026
DAY = dt.date(2026, 3, 1)

PAGE_TYPES = [
    ("funding-report", "/funding/", None),
    ("funding-report-year", f"/funding/?year={YEAR}", None),
    ("funding-ledger", "/funding/ledger/", None),
    (
        "funding-transaction",
        lambda hub: f"/funding/transactions/{hub.extra['funding_t'].pk}/",
        None,
    ),
    (
        "funding-transaction-staff",
        lambda hub: f"/funding/transactions/{hub.extra['funding_t'].pk}/",
        "staff",
    ),
    ("funding-post", "/funding/post/", "staff"),
    ("funding-budgets", "/funding/budgets/", "staff"),
    ("funding-consent", "/funding/consent/", "member"),
]
NOT_PAGES = {
    "funding-reverse",
    "funding-checkpoint",
    "funding-export-csv",
    "funding-export-json",
    "funding-export-360giving",
}


def seed(hub) -> dict:
    from capacityhub.community.models import Organization
    from capacityhub.funding.services import budget_create, budget_line_add, transaction_post
    from capacityhub.integrity.services import decision_record

    staff = hub.users["staff"]
    budget = budget_create(actor=staff, fiscal_year=YEAR)
    line = budget_line_add(actor=staff, budget=budget, title="Regional trainings",
                           scope="decentralized", region="ssa", programme="trainings",
                           amount="5000")  # fmt: skip
    budget_line_add(actor=staff, budget=budget, title="Hub operations", scope="centralized",
                    amount="3000")  # fmt: skip
    posted = transaction_post(
        actor=staff, type="4", value_date=DAY, description="Training venue, Accra",
        amount="900", currency="EUR", rate="1.08", rate_date=DAY, rate_source="ECB",
        budget_line=line,
    )  # fmt: skip
    organization = Organization.objects.order_by("pk").first()
    if organization is not None:
        decision = decision_record(actor=staff, subject=line, outcome="approved",
                                   reason="Board motion 12")  # fmt: skip
        transaction_post(
            actor=staff, type="2", value_date=DAY, description="Annual plan grant",
            amount="1500", currency="USD", rate="1", rate_date=DAY, rate_source="Par",
            decision=decision, paid_for=f"community.organization:{organization.pk}",
            recipient_organization=organization, budget_line=line,
        )  # fmt: skip
    return {"funding_t": posted}
