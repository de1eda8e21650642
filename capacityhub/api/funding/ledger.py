"""The ledger: public reads and exports; finance staff post and reverse (never edit)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from capacityhub.community.models import Organization, User
from capacityhub.core.validation import known_row
from capacityhub.funding import exports, selectors
from capacityhub.funding.models import BudgetLine
from capacityhub.funding.reports import transaction_view
from capacityhub.funding.services import (
    checkpoint_record,
    consent_set,
    transaction_post,
    transaction_reverse,
)
from capacityhub.integrity.models import Decision
from capacityhub.review.models import Application, Call

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    ObjectId,
    Page,
    PageQuery,
)
from .schemas import (
    FundingCheckpointIn,
    FundingCheckpointOut,
    FundingConsentIn,
    FundingConsentOut,
    FundingReverseIn,
    FundingTransactionIn,
    FundingTransactionOut,
    FundingYearQuery,
)

router = Router(tags=["funding"])
NEVER_EDITED = _("Posted transactions are never edited or deleted; post a reversal with a reason.")


@router.get(
    "/funding/transactions", response={200: Page[FundingTransactionOut], **READ_ERRORS}, **READ
)
def list_transactions(
    request: HttpRequest, paging: Query[PageQuery], year: Query[FundingYearQuery]
):
    """The public ledger, newest first."""
    rows = selectors.transactions_public()
    if year.year:
        rows = rows.filter(fiscal_year=year.year)
    found, count = paginate(rows, paging.page, paging.page_size)
    public = selectors.public_people()
    results = [transaction_view(t, public) for t in found]
    return page_out(request, results, count, paging.page, paging.page_size)


@router.get(
    "/funding/transactions/{transaction_id}",
    response={200: FundingTransactionOut, **DETAIL_ERRORS},
    **READ,
)
def get_transaction(request: HttpRequest, transaction_id: ObjectId):
    t = selectors.transaction_get(transaction_id)
    return transaction_view(t, selectors.public_people(), entries=True)


@router.post(
    "/funding/transactions", response={201: FundingTransactionOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def post_transaction(request: HttpRequest, payload: FundingTransactionIn):
    """Finance staff. Commitments (2) and disbursements (3) need `decision` and `paid_for` (or
    `application`); `entries` default to the type's pair of accounts."""
    p = payload
    fields = p.model_dump(include={"type", "value_date", "description", "amount", "currency",
                                   "rate", "rate_date", "rate_source", "paid_for", "region",
                                   "programme"})  # fmt: skip
    t = transaction_post(
        actor=request.user,
        **fields,
        decision=known_row(Decision, p.decision, "decision", pk=p.decision),
        application=known_row(Application, p.application, "application", pk=p.application),
        budget_line=known_row(BudgetLine, p.budget_line, "budget_line", pk=p.budget_line),
        call=known_row(Call, p.call, "call", pk=p.call),
        recipient_organization=known_row(Organization, p.recipient_organization,
                                      "recipient_organization", slug=p.recipient_organization),
        recipient_person=known_row(User, p.recipient_person, "recipient_person",
                                username=p.recipient_person, is_active=True),
        entries=[e.model_dump() for e in p.entries] if p.entries else None,
    )  # fmt: skip
    return Status(201, transaction_view(selectors.transaction_get(t.pk), set(), entries=True))


@router.post(
    "/funding/transactions/{transaction_id}/reverse",
    response={201: FundingTransactionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def reverse_transaction(request: HttpRequest, transaction_id: ObjectId, payload: FundingReverseIn):
    """Finance staff correct a transaction by posting its reversal, with a reason."""
    original = selectors.transaction_get(transaction_id)
    t = transaction_reverse(actor=request.user, transaction=original, reason=payload.reason)
    return Status(201, transaction_view(selectors.transaction_get(t.pk), set(), entries=True))


@router.patch(
    "/funding/transactions/{transaction_id}", response={**OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def edit_transaction(request: HttpRequest, transaction_id: ObjectId):
    """Always refused (409): the ledger is append-only."""
    selectors.transaction_get(transaction_id)
    raise HttpError(409, NEVER_EDITED)


@router.delete(
    "/funding/transactions/{transaction_id}", response={**OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def delete_transaction(request: HttpRequest, transaction_id: ObjectId):
    """Always refused (409): the ledger is append-only."""
    selectors.transaction_get(transaction_id)
    raise HttpError(409, NEVER_EDITED)


@router.get(
    "/funding/checkpoints", response={200: list[FundingCheckpointOut], **READ_ERRORS}, **READ
)
def list_checkpoints(request: HttpRequest):
    return selectors.checkpoints()


@router.post(
    "/funding/checkpoints", response={201: FundingCheckpointOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def record_checkpoint(request: HttpRequest, payload: FundingCheckpointIn):
    """Finance staff record the chain's latest hash in a decision."""
    c = checkpoint_record(actor=request.user, reason=payload.reason)
    return Status(201, {"sequence": c.sequence, "hash": c.hash, "decision": c.decision_id})


@router.put("/funding/consent", response={200: FundingConsentOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def set_consent(request: HttpRequest, payload: FundingConsentIn):
    """Whether your name is shown on money you receive (otherwise summed as individuals)."""
    return {"public": consent_set(actor=request.user, public=payload.public).public}


@router.get("/funding/ledger.json", response={200: dict, **READ_ERRORS}, **READ)
def ledger_export(request: HttpRequest):
    """The whole chain as published: what scripts/verify_ledger.py checks."""
    return JsonResponse(exports.ledger_json())


@router.get("/funding/360giving.json", response={200: dict, **READ_ERRORS}, **READ)
def giving360_export(request: HttpRequest):
    """Outgoing commitments as 360Giving (1.4) grants."""
    return JsonResponse(exports.giving360())


CSV_RESPONSE = {
    **READ["openapi_extra"],
    "responses": {
        200: {
            "description": "The ledger as CSV with a header row (cells guarded for spreadsheets).",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
}


@router.get(
    "/funding/ledger.csv",
    response={200: str, **READ_ERRORS},
    auth=READ["auth"],
    openapi_extra=CSV_RESPONSE,
)
def ledger_csv(request: HttpRequest, year: Query[FundingYearQuery]):
    response = HttpResponse(exports.ledger_csv(year.year), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="capacityhub-ledger.csv"'
    return response
