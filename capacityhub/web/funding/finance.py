"""Finance staff's pages: post a transaction, reverse one, record a checkpoint, set budgets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import Organization, User
from capacityhub.core.validation import known_row
from capacityhub.funding import selectors
from capacityhub.funding.models import Budget, BudgetLine
from capacityhub.funding.services import (
    budget_create,
    budget_line_add,
    checkpoint_record,
    is_finance,
    transaction_post,
    transaction_reverse,
)
from capacityhub.integrity.models import Decision
from capacityhub.review.models import Application, Call
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .forms import BudgetForm, BudgetLineForm, CheckpointForm, ReverseForm, TransactionForm


def _require_finance(request) -> None:
    if not is_finance(request.user):
        raise PermissionDenied(_("Only finance staff can change the ledger and the budgets."))


def _references(data: dict) -> dict:
    return {
        "decision": known_row(Decision, data["decision"], "decision", pk=data["decision"]),
        "application": known_row(Application, data["application"], "application",
                            pk=data["application"]),
        "budget_line": known_row(BudgetLine, data["budget_line"], "budget_line",
                            pk=data["budget_line"]),
        "recipient_organization": known_row(Organization, data["recipient_organization"],
                                       "recipient_organization",
                                       slug=data["recipient_organization"]),
        "recipient_person": known_row(User, data["recipient_person"], "recipient_person",
                                 username=data["recipient_person"], is_active=True),
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def post(request):
    _require_finance(request)
    lines = BudgetLine.objects.select_related("budget").order_by("-budget__fiscal_year", "title")
    form = TransactionForm(request.POST or None, lines=lines[:300], initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plain = {k: data[k] for k in ("type", "value_date", "description", "amount", "currency",
                                      "rate", "rate_date", "rate_source", "paid_for")}  # fmt: skip
        try:
            t = transaction_post(actor=request.user, **plain, **_references(data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Transaction #%(n)s is posted.") % {"n": t.sequence})
            return redirect(t.get_absolute_url())
    status = 422 if form.errors else 200
    return render(request, "web/funding/post.html", {"form": form}, status=status)


@login_required
@require_POST
def reverse(request, pk: int):
    _require_finance(request)
    original = object_or_404(selectors.transaction_get, _("No such transaction."), pk=pk)
    form = ReverseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": _("Give the reason for the correction.")})
        t = transaction_reverse(
            actor=request.user, transaction=original, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(original.get_absolute_url())
    messages.success(request, _("Transaction #%(n)s reverses it.") % {"n": t.sequence})
    return redirect(t.get_absolute_url())


@login_required
@require_POST
def checkpoint(request):
    _require_finance(request)
    form = CheckpointForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        recorded = checkpoint_record(actor=request.user, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Checkpoint recorded at #%(n)s.") % {"n": recorded.sequence})
    return redirect("web:funding-ledger")


@login_required
@require_http_methods(["GET", "POST"])
def budgets(request):
    _require_finance(request)
    years = Budget.objects.order_by("-fiscal_year")
    which = request.POST.get("form") if request.method == "POST" else None
    budget_form = BudgetForm(request.POST if which == "budget" else None)
    line_form = BudgetLineForm(request.POST if which == "line" else None, budgets=years)
    form = {"budget": budget_form, "line": line_form}.get(which)
    if form is not None and form.is_valid():
        try:
            _save_budget(request.user, which, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:funding-budgets")
    status = 422 if form is not None and form.errors else 200
    return render(request, "web/funding/budgets.html", {
        "budget_form": budget_form, "line_form": line_form, "budgets": years,
    }, status=status)  # fmt: skip


def _save_budget(actor, which: str, data: dict) -> None:
    if which == "budget":
        budget_create(actor=actor, fiscal_year=data["fiscal_year"], note=data["note"])
        return
    budget = Budget.objects.get(pk=data["budget"])
    call = known_row(Call, data["call"], "call", pk=data["call"])
    organization = known_row(
        Organization, data["organization"], "organization", slug=data["organization"]
    )
    fields = {k: data[k] for k in ("title", "scope", "region", "programme", "amount")}
    budget_line_add(actor=actor, budget=budget, call=call, organization=organization, **fields)


urlpatterns = [
    path("funding/post/", post, name="funding-post"),
    path("funding/transactions/<int:pk>/reverse/", reverse, name="funding-reverse"),
    path("funding/checkpoints/", checkpoint, name="funding-checkpoint"),
    path("funding/budgets/", budgets, name="funding-budgets"),
]
