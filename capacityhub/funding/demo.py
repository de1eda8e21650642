"""The funding app's demo content (see capacityhub/demo): two fiscal years of budgets, each line
approved by a decision, and transactions in several currencies — incoming funds, grants to
organizations committed and disbursed, expenditures, a reimbursement, a reversal, and the
awards accepted in the review demo's decided call. Posted through the services, so the demo
chain verifies; deterministic for a seed."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

REGIONS = ["ssa", "lac", "sa", "mena", "cee", "esea", "nwe", "na"]
PROGRAMMES = ["trainings", "mentoring", "events", "translation", "organizational development"]
# Currency, rate to USD, source: fixed demo figures, not market data.
RATES = [
    ("EUR", "1.08", "ECB reference rate"),
    ("XOF", "0.00165", "BCEAO"),
    ("INR", "0.012", "RBI reference rate"),
    ("BRL", "0.19", "Banco Central do Brasil PTAX"),
    ("USD", "1", "Par"),
]


def _cast():
    from capacityhub.community.models import Organization, User

    staff = User.objects.filter(is_active=True, is_staff=True).order_by("id").first()
    organizations = list(Organization.objects.order_by("id")[:12])
    return staff, organizations


def _lines(staff, budget, rng) -> list:
    from capacityhub.funding.services import budget_line_add
    from capacityhub.integrity.services import decision_record

    operations = {"title": "Hub operations", "scope": "centralized", "programme": "operations"}
    lines = [budget_line_add(actor=staff, budget=budget, amount="40000", **operations)]
    for region in REGIONS[:6]:
        programme = rng.choice(PROGRAMMES)
        amount = rng.randrange(8, 30) * 1000
        title = f"{programme.capitalize()} ({region.upper()})"
        lines.append(budget_line_add(
            actor=staff, budget=budget, title=title, scope="decentralized", region=region,
            programme=programme, amount=str(amount)))  # fmt: skip
    for line in lines[: len(lines) - 1]:  # the last line still waits for the board
        decision_record(actor=staff, subject=line, outcome="approved", reason="Annual budget")
    return list(type(lines[0]).objects.filter(budget=budget).order_by("id"))  # now approved


def _post(staff, rng, day, line, kind, amount, **fields):
    from capacityhub.funding.services import transaction_post

    currency, rate, source = rng.choice(RATES) if kind != "2" else RATES[-1]
    return transaction_post(
        actor=staff, type=kind, value_date=day, rate_date=day, rate_source=source,
        currency=currency, rate=rate, amount=str(Decimal(amount) / Decimal(rate)).split(".")[0],
        budget_line=line, **fields,
    )  # fmt: skip


def _year(staff, organizations, rng, year: int) -> int:
    from capacityhub.funding.services import budget_create, transaction_post, transaction_reverse

    budget = budget_create(actor=staff, fiscal_year=year, note="Demo budget")
    lines = _lines(staff, budget, rng)
    start = dt.date(year, 1, 15)
    transaction_post(actor=staff, type="1", value_date=start, rate_date=start, amount="250000",
                     currency="USD", rate="1", rate_source="Par",
                     description="Annual allocation to capacity building")  # fmt: skip
    count = 1
    for index, line in enumerate(lines[1:-1]):
        day = start + dt.timedelta(days=20 + 9 * index)
        organization = organizations[index % len(organizations)] if organizations else None
        if organization is not None and line.approved_decision_id:
            grant = line.amount * Decimal("0.4")
            common = {"decision": line.approved_decision,
                      "paid_for": f"community.organization:{organization.pk}",
                      "recipient_organization": organization}  # fmt: skip
            _post(staff, rng, day, line, "2", grant, description="Grant to an affiliate", **common)
            transaction_post(actor=staff, type="3", value_date=day, rate_date=day, currency="USD",
                             rate="1", rate_source="Par", amount=str(grant), budget_line=line,
                             description="Grant paid", **common)  # fmt: skip
            count += 2
        for _ in range(rng.randrange(2, 5)):
            _post(staff, rng, day, line, "4", rng.randrange(300, 3000),
                  description=rng.choice(["Venue hire", "Trainers' travel", "Interpretation",
                                          "Connectivity for participants"]))  # fmt: skip
            count += 1
    spent = _post(staff, rng, start, lines[0], "4", 1200, description="Hosting and domains")
    transaction_reverse(actor=staff, transaction=spent, reason="Paid by the partner instead")
    _post(staff, rng, start, lines[0], "7", 180, description="Volunteer's train ticket refunded")
    return count + 3


def _awards(staff, rng) -> int:
    from capacityhub.funding.services import transaction_post
    from capacityhub.integrity.selectors import decisions_for
    from capacityhub.review.models import Application

    count, today = 0, timezone.localdate()
    for application in Application.objects.filter(status__in=["accepted", "taken_up"])[:6]:
        decision = decisions_for(application).filter(outcome="accept").first()
        if decision is None:
            continue
        amount = str(application.amount_requested or rng.randrange(200, 900))
        for kind, text in (("2", "Award committed"), ("3", "Award paid")):
            transaction_post(
                actor=staff, type=kind, value_date=today, rate_date=today, currency="USD",
                rate="1", rate_source="Par", amount=amount, description=text,
                application=application, decision=decision)  # fmt: skip
            count += 1
    return count


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    from capacityhub.funding.models import Budget

    staff, organizations = _cast()
    if staff is None or Budget.objects.exists():
        return "funding: skipped (no staff account, or budgets already there)"
    rng = random.Random(seed)
    this_year = timezone.localdate().year
    with transaction.atomic():
        posted = sum(_year(staff, organizations, rng, y) for y in (this_year - 1, this_year))
        posted += _awards(staff, rng)
    return f"funding: 2 budgets, {posted} transactions in {len(RATES)} currencies"
