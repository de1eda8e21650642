"""Reads for the funding app. The ledger, budgets and reports are public by default; a person
who received money is named only if they opted in (RecipientConsent)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Case, Count, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from capacityhub.community.models import Organization, User

from .models import (
    GENESIS_HASH,
    SPENDING,
    Budget,
    BudgetLine,
    Entry,
    LedgerCheckpoint,
    LedgerHead,
    RecipientConsent,
    RecipientKind,
    Transaction,
    TransactionType,
)
from .records import transaction_record

REPORT_CACHE_SECONDS = 24 * 3600

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=18, decimal_places=2))
T = TransactionType


def _sum_where(condition: Q):
    return Coalesce(Sum(Case(When(condition, then=F("value")), default=ZERO)), ZERO)


def _sum_lines(prefix: str, condition: Q):
    return Coalesce(Sum(Case(When(condition, then=F(f"{prefix}value")), default=ZERO)), ZERO)


def transactions_public() -> QuerySet[Transaction]:
    return Transaction.objects.select_related(
        "decision", "recipient_organization", "recipient_person", "call", "reverses"
    )


def transaction_get(pk: int) -> Transaction:
    return transactions_public().prefetch_related("entries").get(pk=pk)


def budgets() -> QuerySet[Budget]:
    return Budget.objects.all()


def report_years() -> list[int]:
    years = set(Budget.objects.values_list("fiscal_year", flat=True))
    years |= set(Transaction.objects.values_list("fiscal_year", flat=True).distinct())
    return sorted(years, reverse=True)


def budget_lines(year: int) -> QuerySet[BudgetLine]:
    """Every line of the year's budget with what was committed and spent against it."""
    prefix = "transactions__"
    return (
        BudgetLine.objects.filter(budget__fiscal_year=year)
        .select_related("call", "approved_decision", "organization")
        .annotate(
            committed=_sum_lines(prefix, Q(transactions__type=T.OUTGOING_COMMITMENT)),
            actual=_sum_lines(prefix, Q(transactions__type__in=SPENDING)),
        )
    )


def totals_by(year: int | None, field: str) -> list[dict]:
    """Per `field` (region, programme, call): incoming, committed and spent, in one query."""
    rows = Transaction.objects.all()
    if year:
        rows = rows.filter(fiscal_year=year)
    return list(
        rows.values(field)
        .annotate(
            incoming=_sum_where(Q(type__in=[T.INCOMING_FUNDS, T.INCOMING_COMMITMENT])),
            committed=_sum_where(Q(type=T.OUTGOING_COMMITMENT)),
            spent=_sum_where(Q(type__in=SPENDING)),
        )
        .order_by(field)
    )


def totals_by_year() -> list[dict]:
    return list(
        Transaction.objects.values("fiscal_year")
        .annotate(
            incoming=_sum_where(Q(type__in=[T.INCOMING_FUNDS, T.INCOMING_COMMITMENT])),
            committed=_sum_where(Q(type=T.OUTGOING_COMMITMENT)),
            spent=_sum_where(Q(type__in=SPENDING)),
        )
        .order_by("-fiscal_year")
    )


def public_people() -> set[int]:
    return set(RecipientConsent.objects.filter(public=True).values_list("person_id", flat=True))


def recipient_name(t: Transaction, public: set[int]) -> str | None:
    """The name shown for the recipient; None for a person who did not opt in."""
    if t.recipient_kind == RecipientKind.ORGANIZATION and t.recipient_organization_id:
        return t.recipient_organization.name
    if t.recipient_kind == RecipientKind.INDIVIDUAL and t.recipient_person_id in public:
        return t.recipient_person.username
    return None


def _recipient_groups(year: int | None) -> list[dict]:
    rows = Transaction.objects.exclude(recipient_kind="").filter(type__in=SPENDING)
    if year:
        rows = rows.filter(fiscal_year=year)
    groups = rows.values("recipient_kind", "recipient_organization_id", "recipient_person_id")
    return list(groups.annotate(total=Sum("value"), transactions=Count("id")).order_by())


def report_figures(year: int | None) -> dict:
    """The report's grouped sums (per year, region, programme, call and recipient), cached per
    chain head: posting moves the head, and nothing else changes a posted transaction, so a
    cached figure is never stale. Names and consent are read fresh (`recipients`)."""
    head = LedgerHead.objects.filter(pk=1).values_list("sequence", "hash").first()
    sequence, last = head or (0, GENESIS_HASH)
    key = f"funding:report:{year or 'all'}:{sequence}:{last[:16]}"
    figures = cache.get(key)
    if figures is None:
        figures = {
            "years": totals_by_year(),
            **{field: totals_by(year, field) for field in ("region", "programme", "call")},
            "recipients": _recipient_groups(year),
        }
        cache.set(key, figures, REPORT_CACHE_SECONDS)
    return figures


def recipients(groups: list[dict]) -> tuple[list[dict], dict]:
    """Amounts per named recipient, and those to individuals who did not opt in summed, from
    `report_figures`' groups; consent and names as they are now (two small queries)."""
    public = public_people()
    organizations = {g["recipient_organization_id"] for g in groups} - {None}
    organizations = dict(
        Organization.objects.filter(id__in=organizations).values_list("id", "name")
    )
    people = {g["recipient_person_id"] for g in groups} & public
    people = dict(User.objects.filter(id__in=people).values_list("id", "username"))
    named: dict[str, Decimal] = {}
    hidden = {"transactions": 0, "value": Decimal(0)}
    for group in groups:
        if group["recipient_kind"] == RecipientKind.INDIVIDUAL:
            name = people.get(group["recipient_person_id"])
        else:
            name = organizations.get(group["recipient_organization_id"])
        if name is None:
            hidden["transactions"] += group["transactions"]
            hidden["value"] += Decimal(group["total"] or 0)
        else:
            named[name] = named.get(name, Decimal(0)) + Decimal(group["total"] or 0)
    ordered = sorted(named.items(), key=lambda item: (-item[1], item[0]))
    return [{"name": k, "value": v} for k, v in ordered], hidden


def chain_records(batch: int = 2000) -> Iterator[dict]:
    """Every transaction's public record in sequence order, in batches (entries per batch).
    Rows are read as plain values, not model instances: at a million transactions building
    the instances cost more than hashing the records."""
    fields = [f.attname for f in Transaction._meta.concrete_fields]
    last = 0
    while True:
        chunk = list(
            Transaction.objects.filter(sequence__gt=last)
            .order_by("sequence")
            .values(*fields, "reverses__hash")[:batch]
        )
        if not chunk:
            return
        entries: dict[int, list[SimpleNamespace]] = {}
        lines = Entry.objects.filter(transaction__in=[row["id"] for row in chunk])
        lines = lines.order_by("transaction_id", "position")
        for owner, account, debit, credit in lines.values_list(
            "transaction_id", "account", "debit", "credit"
        ):
            entries.setdefault(owner, []).append(
                SimpleNamespace(account=account, debit=debit, credit=credit)
            )
        for row in chunk:
            reverses = row.pop("reverses__hash")
            yield transaction_record(
                SimpleNamespace(**row), entries.get(row["id"], []), reverses_hash=reverses
            )
        last = chunk[-1]["sequence"]


def checkpoints() -> list[dict]:
    return [
        {"sequence": c.sequence, "hash": c.hash, "decision": c.decision_id}
        for c in LedgerCheckpoint.objects.order_by("sequence", "id")
    ]


def ledger_head() -> dict:
    last = Transaction.objects.order_by("-sequence").values("sequence", "hash").first()
    return last or {"sequence": 0, "hash": None}
