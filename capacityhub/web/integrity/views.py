"""Integrity pages: my declared interests (declare, withdraw); every declaration, decisions and
the audit log for staff and the board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.core.validation import MAX_ID
from capacityhub.integrity.models import Decision, Interest
from capacityhub.integrity.selectors import (
    audit_action_kinds,
    audit_entries,
    can_oversee,
    decision_audit_entries,
    decision_chain,
    decision_get,
    interest_get,
    interest_list_all,
    interest_list_for,
)
from capacityhub.integrity.services import interest_declare, interest_withdraw
from capacityhub.web.core.forms import add_service_errors

from .forms import AuditFilterForm, InterestForm

PAGE_SIZE = 50


def _oversight_or_403(request) -> None:
    if not can_oversee(request.user):
        raise PermissionDenied(_("Only staff and board members can see this."))


@login_required
@require_http_methods(["GET", "POST"])
def my_interests_view(request):
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interest_declare(
                actor=request.user,
                kind=data["kind"],
                organization=data["organization"],
                person=data["person"],
                description=data["description"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your interest is declared."))
            return redirect("web:interest-list")
    context = {"form": form, "interests": interest_list_for(user=request.user)}
    status = 422 if form.errors else 200
    return render(request, "web/integrity/my_interests.html", context, status=status)


@login_required
@require_POST
def interest_withdraw_view(request, pk: int):
    if pk > MAX_ID:
        raise Http404(_("No such declaration."))
    try:
        interest = interest_get(pk=pk)
    except Interest.DoesNotExist:
        raise Http404(_("No such declaration.")) from None
    try:
        interest_withdraw(actor=request.user, interest=interest)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The declaration is withdrawn; it stays on record."))
    return redirect("web:interest-list")


@login_required
def all_interests_view(request):
    _oversight_or_403(request)
    page = Paginator(interest_list_all(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "web/integrity/all_interests.html", {"page_obj": page})


def audit_url_for(subject_type: str, subject_id: str) -> str:
    query = urlencode({"target_type": subject_type, "target_id": subject_id})
    return f"{reverse('web:audit-list')}?{query}"


@login_required
def decision_view(request, pk: int):
    _oversight_or_403(request)
    if pk > MAX_ID:
        raise Http404(_("No such decision."))
    try:
        decision = decision_get(pk=pk, viewer=request.user)
    except Decision.DoesNotExist:
        raise Http404(_("No such decision.")) from None
    context = {
        "decision": decision,
        "chain": decision_chain(decision),
        "audit_url": audit_url_for(decision.subject_type, decision.subject_id),
        "audit_rows": list(decision_audit_entries(decision=decision, viewer=request.user)),
    }
    return render(request, "web/integrity/decision.html", context)


@login_required
def audit_list_view(request):
    _oversight_or_403(request)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(viewer=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "actions": audit_action_kinds()}
    return render(request, "web/integrity/audit.html", context)


urlpatterns = [
    path("integrity/interests/", my_interests_view, name="interest-list"),
    path(
        "integrity/interests/<int:pk>/withdraw/",
        interest_withdraw_view,
        name="interest-withdraw",
    ),
    path("integrity/interests/all/", all_interests_view, name="interest-all"),
    path("integrity/decisions/<int:pk>/", decision_view, name="integrity-decision"),
    path("integrity/audit/", audit_list_view, name="audit-list"),
]
