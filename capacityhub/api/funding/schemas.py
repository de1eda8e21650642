"""Shapes of the funding API (names prefixed Funding: schema names are global)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from capacityhub.funding.models import Account, Scope, TransactionType

from ..core.schemas import Input, ObjectId, RegionOrNone, Slug, Text

FundingMoney = Annotated[Decimal, Field(gt=0, lt=10**12, max_digits=14, decimal_places=2)]
FundingRate = Annotated[Decimal, Field(max_digits=20, decimal_places=8)]
FundingYear = Annotated[int, Field(ge=2000, le=2100)]


class FundingEntryOut(Schema):
    account: str
    debit: Decimal
    credit: Decimal


class FundingTransactionOut(Schema):
    id: int
    sequence: int
    type: str
    type_name: str
    value_date: date
    fiscal_year: int
    description: str
    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: date
    rate_source: str
    value: Decimal
    reporting_currency: str
    decision: int | None
    paid_for: str
    application: int | None
    budget_line: int | None
    region: str
    programme: str
    call: int | None
    recipient_kind: str
    recipient: str | None = Field(description="Null for a person who did not opt in.")
    reverses: int | None
    reason: str
    posted_at: datetime
    prev_hash: str
    hash: str
    entries: list[FundingEntryOut] = []


class FundingEntryIn(Input):
    account: Literal[tuple(Account.values)]
    debit: Annotated[Decimal, Field(ge=0, lt=10**12, max_digits=14, decimal_places=2)] = Decimal(0)
    credit: Annotated[Decimal, Field(ge=0, lt=10**12, max_digits=14, decimal_places=2)] = Decimal(0)


class FundingTransactionIn(Input):
    type: Literal[tuple(TransactionType.values)]
    value_date: date
    description: Text(400, 1)
    amount: FundingMoney
    currency: Text(3, 1)
    rate: FundingRate
    rate_date: date
    rate_source: Text(200, 1)
    decision: ObjectId | None = None
    paid_for: Text(120) = ""
    application: ObjectId | None = None
    budget_line: ObjectId | None = None
    region: RegionOrNone = ""
    programme: Text(120) = ""
    call: ObjectId | None = None
    recipient_organization: Annotated[str, Field(max_length=80)] | None = Field(
        None, description="An organization's slug."
    )
    recipient_person: Annotated[str, Field(max_length=150)] | None = Field(
        None, description="A username."
    )
    entries: Annotated[list[FundingEntryIn], Field(min_length=2, max_length=20)] | None = None


class FundingReverseIn(Input):
    reason: Text(400, 1)


class FundingBudgetLineOut(Schema):
    id: int
    title: str
    scope: str
    region: str
    programme: str
    call: int | None
    organization: str | None
    amount: Decimal
    committed: Decimal
    actual: Decimal
    approved_decision: int | None


class FundingBudgetOut(Schema):
    fiscal_year: int
    currency: str
    note: str
    lines: list[FundingBudgetLineOut] = []


class FundingBudgetIn(Input):
    fiscal_year: FundingYear
    note: Text(4000) = ""


class FundingBudgetLineIn(Input):
    title: Text(200, 1)
    scope: Literal[tuple(Scope.values)]
    amount: Annotated[Decimal, Field(ge=0, lt=10**12, max_digits=14, decimal_places=2)]
    region: RegionOrNone = ""
    programme: Text(120) = ""
    call: ObjectId | None = None
    organization: Slug | None = Field(None, description="The organization the line funds.")


class FundingTotalsOut(Schema):
    key: str | int | None
    incoming: Decimal
    committed: Decimal
    spent: Decimal


class FundingRecipientOut(Schema):
    name: str
    value: Decimal


class FundingReportOut(Schema):
    fiscal_year: int | None
    reporting_currency: str
    years: list[FundingTotalsOut]
    regions: list[FundingTotalsOut]
    programmes: list[FundingTotalsOut]
    calls: list[FundingTotalsOut]
    recipients: list[FundingRecipientOut]
    individuals_not_named: FundingRecipientOut


class FundingCheckpointIn(Input):
    reason: Text(400) = ""


class FundingCheckpointOut(Schema):
    sequence: int
    hash: str
    decision: int | None


class FundingConsentIn(Input):
    public: bool


class FundingConsentOut(Schema):
    public: bool


class FundingYearQuery(Schema):
    year: FundingYear | None = None
