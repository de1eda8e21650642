"""Public funding pages: the report (budget against actual, totals, recipients), the ledger,
a transaction, the exports; and a recipient's choice to be named."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from capacityhub.core.regions import region_name
from capacityhub.funding import exports, selectors
from capacityhub.funding.models import RecipientConsent, reporting_currency
from capacityhub.funding.reports import public_report, transaction_view
from capacityhub.funding.services import consent_set, is_finance
from capacityhub.web.core.lookup import object_or_404

from .figures import budget_rows, money, totals_rows
from .forms import CheckpointForm, ConsentForm, ReverseForm, YearForm


def _call_label(pk) -> str:
    return _("Call %(n)s") % {"n": pk} if pk else _("No call")


def report(request):
    years = selectors.report_years()
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    data = public_report(year or None)
    lines = list(selectors.budget_lines(year)) if year else []
    return render(request, "web/funding/report.html", {
        "form": form, "year": year, "report": data, "currency": reporting_currency(),
        "lines": budget_rows(lines), "chart_height": 10 * len(lines),
        "regions": totals_rows(data["regions"], lambda k: region_name(k) or _("No region")),
        "programmes": totals_rows(data["programmes"], lambda k: k or _("No programme")),
        "calls": totals_rows(data["calls"], _call_label),
        "years": totals_rows(data["years"], str),
        "recipients": [[r["name"], money(r["value"])] for r in data["recipients"]],
        "hidden": money(data["individuals_not_named"]["value"]),
        "finance": is_finance(request.user),
    })  # fmt: skip


def ledger(request):
    page = Paginator(selectors.transactions_public(), 25).get_page(request.GET.get("page"))
    public = selectors.public_people()
    return render(request, "web/funding/ledger.html", {
        "page_obj": page, "rows": [transaction_view(t, public) for t in page],
        "head": selectors.ledger_head(), "checkpoints": selectors.checkpoints()[-5:],
        "finance": is_finance(request.user), "checkpoint_form": CheckpointForm(),
    })  # fmt: skip


def transaction_detail(request, pk: int):
    t = object_or_404(selectors.transaction_get, _("No such transaction."), pk=pk)
    view = transaction_view(t, selectors.public_people(), entries=True)
    return render(request, "web/funding/transaction.html", {
        "t": t, "view": view, "finance": is_finance(request.user),
        "reverse_form": ReverseForm(),
        "reversed_by": selectors.transactions_public().filter(reverses=t).first(),
    })  # fmt: skip


def export_csv(request):
    response = HttpResponse(exports.ledger_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="capacityhub-ledger.csv"'
    return response


def _json(document: dict, name: str) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_json(request):
    return _json(exports.ledger_json(), "capacityhub-ledger.json")


def export_360(request):
    return _json(exports.giving360(), "capacityhub-360giving.json")


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    current = RecipientConsent.objects.filter(person=request.user).first()
    form = ConsentForm(request.POST or None, initial={"public": bool(current and current.public)})
    if request.method == "POST" and form.is_valid():
        consent_set(actor=request.user, public=form.cleaned_data["public"])
        messages.success(request, _("Your choice is saved."))
        return redirect("web:funding-consent")
    return render(request, "web/funding/consent.html", {"form": form})


urlpatterns = [
    path("funding/", report, name="funding-report"),
    path("funding/ledger/", ledger, name="funding-ledger"),
    path("funding/transactions/<int:pk>/", transaction_detail, name="funding-transaction"),
    path("funding/ledger.csv", export_csv, name="funding-export-csv"),
    path("funding/ledger.json", export_json, name="funding-export-json"),
    path("funding/360giving.json", export_360, name="funding-export-360giving"),
    path("funding/consent/", consent, name="funding-consent"),
]
