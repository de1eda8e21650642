"""Running a call: create/edit, screening, assignment, ranking, decisions, fairness."""

import re
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import User
from capacityhub.forms.models import Form
from capacityhub.review.reports import call_ranking, fairness_report
from capacityhub.review.selectors import (
    call_can_manage,
    calls_managed,
    current_decisions,
    reviewer_workload,
    screening_rows,
)
from capacityhub.review.services import (
    application_decide,
    application_screen,
    assignment_reassign,
    assignments_run,
    call_create,
    call_update,
)
from capacityhub.web.core.forms import add_service_errors

from .common import (
    application_or_404,
    assignment_or_404,
    call_or_404,
    errors_to_messages,
    reader_language,
    supersedes_of,
)
from .forms import CallForm, DecideForm, ReassignForm, ScreenForm

LINE = re.compile(r"^\s*([A-Za-z-]{2,12})\s*:\s*(.+)$")


def _managed_call(request, pk):
    call = call_or_404(pk)
    if not call_can_manage(user=request.user, call=call):
        raise PermissionDenied(_("Only staff and the managers of the call's organization can."))
    return call


@login_required
def manage(request):
    if not request.user.is_staff and not calls_managed(user=request.user).exists():
        raise PermissionDenied(_("Only staff and organization managers run calls."))
    return render(
        request,
        "web/review/manage.html",
        {"calls": calls_managed(user=request.user).order_by("-closes_at"),
         "language": reader_language()},
    )  # fmt: skip


def _texts(raw: str) -> dict[str, str]:
    texts = {}
    for line in (raw or "").splitlines():
        match = LINE.match(line)
        if match:
            texts[match.group(1).lower()] = match.group(2).strip()
        elif line.strip():
            texts.setdefault("en", line.strip())
    return texts


def _criteria(raw: str) -> list[dict]:
    criteria = []
    for line in (raw or "").splitlines():
        if not line.strip():
            continue
        weight, bar, name = line.partition("|")
        if not bar:
            weight, name = "1", line
        try:
            criteria.append({"weight": Decimal(weight.strip()), "name": _texts(name.strip())})
        except ArithmeticError:
            raise ValidationError({"criteria": _("Write each line as “weight | name”.")}) from None
    return criteria


def _reviewers(raw: str) -> list:
    names = [n for n in re.split(r"[\s,]+", raw or "") if n]
    people = list(User.objects.filter(username__in=names, is_active=True))
    missing = set(names) - {p.username for p in people}
    if missing:
        raise ValidationError(
            {"reviewers": _("Unknown user: %(name)s.") % {"name": sorted(missing)[0]}}
        )
    return people


def _fields(data) -> dict:
    form = Form.objects.filter(pk=data["form_id"]).first() if data.get("form_id") else None
    if data.get("form_id") and form is None:
        raise ValidationError({"form_id": _("No such form.")})
    fields = {k: data[k] for k in (
        "kind", "opens_at", "closes_at", "decisions_by", "seats", "budget", "currency",
        "reviews_per_application", "blind", "applicants_see_comments",
    )}  # fmt: skip
    fields.update(title=_texts(data["title"]), purpose=_texts(data["purpose"]), form=form)
    fields["currency"] = fields["currency"] or ""
    return fields


def _initial(call) -> dict:
    lines = lambda texts: "\n".join(f"{k}: {v}" for k, v in texts.items())  # noqa: E731
    return {
        "kind": call.kind, "title": lines(call.title), "purpose": lines(call.purpose),
        "opens_at": call.opens_at, "closes_at": call.closes_at, "decisions_by": call.decisions_by,
        "seats": call.seats, "budget": call.budget, "currency": call.currency,
        "reviews_per_application": call.reviews_per_application, "blind": call.blind,
        "applicants_see_comments": call.applicants_see_comments, "form_id": call.form_id,
        "criteria": "\n".join(
            f"{c.weight} | {lines(c.name).replace(chr(10), ' ')}" for c in call.criteria.all()
        ),
        "reviewers": " ".join(call.reviewers.values_list("username", flat=True)),
    }  # fmt: skip


def _editor_zone(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "time_zone", "") or "UTC"


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk: int | None = None):
    call = _managed_call(request, pk) if pk else None
    if call is None and not request.user.is_staff:
        raise PermissionDenied(_("Only staff open calls here."))
    zone = _editor_zone(request.user)
    initial = CallForm.wall_clock(_initial(call), zone) if call else None
    form = CallForm(request.POST or None, initial=initial, editor_zone=zone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fields = _fields(data)
            criteria, reviewers = _criteria(data["criteria"]), _reviewers(data["reviewers"])
            if call is None:
                call = call_create(
                    actor=request.user, criteria=criteria, reviewers=reviewers, **fields
                )
            else:
                call = call_update(
                    actor=request.user, call=call, criteria=criteria, reviewers=reviewers, **fields
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("web:review-call", pk=call.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/review/call_form.html", {"form": form, "call": call}, status=status)


@login_required
def screening(request, pk: int):
    call = _managed_call(request, pk)
    return render(
        request,
        "web/review/screening.html",
        {"call": call, "rows": screening_rows(call=call), "language": reader_language()},
    )


def _decision_post(request, pk, form_class, prefix, act):
    application = application_or_404(pk)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("web:review-application", pk=application.pk)
    try:
        act(application, form.cleaned_data, supersedes_of(form))
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect(request.POST.get("next") or application.get_absolute_url())


@login_required
@require_POST
def screen(request, pk: int):
    def act(application, data, supersedes):
        application_screen(actor=request.user, application=application, eligible=data["eligible"],
                           reason=data["reason"], supersedes=supersedes)  # fmt: skip

    return _decision_post(request, pk, ScreenForm, "screen", act)


@login_required
@require_POST
def decide(request, pk: int):
    def act(application, data, supersedes):
        application_decide(actor=request.user, application=application, outcome=data["outcome"],
                           reason=data["reason"], supersedes=supersedes)  # fmt: skip

    return _decision_post(request, pk, DecideForm, "decide", act)


@login_required
@require_http_methods(["GET", "POST"])
def assignments(request, pk: int):
    call = _managed_call(request, pk)
    if request.method == "POST":
        try:
            created = assignments_run(actor=request.user, call=call)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("%(count)d assignments made.") % {"count": len(created)})
        return redirect("web:review-assignments", pk=call.pk)
    applications = (
        call.applications.filter(assignments__isnull=False)
        .distinct()
        .select_related("applicant")
        .prefetch_related("assignments__reviewer", "assignments__review")
    )
    return render(
        request,
        "web/review/assignments.html",
        {
            "call": call,
            "applications": applications,
            "reassign_form": ReassignForm(),
            "workload": reviewer_workload(call=call),
        },  # fmt: skip
    )


@login_required
@require_POST
def reassign(request, pk: int):
    assignment = assignment_or_404(pk)
    call = assignment.application.call
    form = ReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the reviewer is replaced."))
        return redirect("web:review-assignments", pk=call.pk)
    try:
        assignment_reassign(
            actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The reviewer is replaced."))
    return redirect("web:review-assignments", pk=call.pk)


@login_required
def ranking(request, pk: int):
    call = _managed_call(request, pk)
    rows = call_ranking(call)
    decisions = current_decisions([row.application for row in rows])
    for row in rows:
        current = decisions.get(row.application.pk)
        row.form = DecideForm(
            prefix="decide", initial={"supersedes": current.pk if current else None}
        )
    return render(
        request,
        "web/review/ranking.html",
        {"call": call, "rows": rows, "language": reader_language()},
    )


@login_required
def fairness(request, pk: int):
    call = _managed_call(request, pk)
    return render(
        request, "web/review/fairness.html", {"call": call, "report": fairness_report(call)}
    )


urlpatterns = [
    path("calls/manage/", manage, name="review-manage"),
    path("calls/new/", call_edit, name="review-call-create"),
    path("calls/<int:pk>/edit/", call_edit, name="review-call-edit"),
    path("calls/<int:pk>/screening/", screening, name="review-screening"),
    path("calls/<int:pk>/assignments/", assignments, name="review-assignments"),
    path("calls/<int:pk>/ranking/", ranking, name="review-ranking"),
    path("calls/<int:pk>/fairness/", fairness, name="review-fairness"),
    path("applications/<int:pk>/screen/", screen, name="review-screen"),
    path("applications/<int:pk>/decide/", decide, name="review-decide"),
    path("assignments/<int:pk>/reassign/", reassign, name="review-reassign"),
]
