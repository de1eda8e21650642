"""Budgets and the public report: reads for anyone, budgets set by finance staff."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Status

from capacityhub.core.validation import known_row
from capacityhub.funding import selectors
from capacityhub.funding.models import Budget
from capacityhub.funding.reports import cents, public_report
from capacityhub.funding.services import budget_create, budget_line_add
from capacityhub.review.models import Call

from ..core.refs import organization_for
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
)
from .ledger import router
from .schemas import (
    FundingBudgetIn,
    FundingBudgetLineIn,
    FundingBudgetLineOut,
    FundingBudgetOut,
    FundingReportOut,
    FundingYear,
    FundingYearQuery,
)


def _line_out(line) -> dict:
    return {
        "id": line.pk, "title": line.title, "scope": line.scope, "region": line.region,
        "programme": line.programme, "call": line.call_id,
        "organization": line.organization.slug if line.organization_id else None,
        "amount": line.amount,
        "committed": cents(getattr(line, "committed", 0)),
        "actual": cents(getattr(line, "actual", 0)),
        "approved_decision": line.approved_decision_id,
    }  # fmt: skip


def _budget_out(budget: Budget, lines: bool = True) -> dict:
    out = {"fiscal_year": budget.fiscal_year, "currency": budget.currency, "note": budget.note}
    if lines:
        out["lines"] = [_line_out(line) for line in selectors.budget_lines(budget.fiscal_year)]
    return out


@router.get("/funding/budgets", response={200: list[FundingBudgetOut], **READ_ERRORS}, **READ)
def list_budgets(request: HttpRequest):
    return [_budget_out(b, lines=False) for b in selectors.budgets()[:200]]


@router.get("/funding/budgets/{year}", response={200: FundingBudgetOut, **DETAIL_ERRORS}, **READ)
def get_budget(request: HttpRequest, year: FundingYear):
    """Every line with what was committed and spent against it (budget against actual)."""
    return _budget_out(get_object_or_404(Budget, fiscal_year=year))


@router.post("/funding/budgets", response={201: FundingBudgetOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_budget(request: HttpRequest, payload: FundingBudgetIn):
    budget = budget_create(actor=request.user, **payload.model_dump())
    return Status(201, _budget_out(budget))


@router.post(
    "/funding/budgets/{year}/lines",
    response={201: FundingBudgetLineOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def add_budget_line(request: HttpRequest, year: FundingYear, payload: FundingBudgetLineIn):
    budget = get_object_or_404(Budget, fiscal_year=year)
    fields = payload.model_dump(exclude={"call", "organization"})
    call = known_row(Call, payload.call, "call", pk=payload.call)
    organization = organization_for(payload.organization)
    line = budget_line_add(
        actor=request.user, budget=budget, call=call, organization=organization, **fields
    )
    return Status(201, _line_out(line))


@router.get("/funding/report", response={200: FundingReportOut, **READ_ERRORS}, **READ)
def report(request: HttpRequest, year: Query[FundingYearQuery]):
    """Totals per year, region, programme and call; individuals who did not opt in summed."""
    return public_report(year.year)
