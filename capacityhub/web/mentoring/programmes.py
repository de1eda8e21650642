"""Programme pages: list, detail, new programme, stages, new cohort, retention."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.selectors import organizations_managed_by
from capacityhub.mentoring.rules import programme_can_manage
from capacityhub.mentoring.selectors import (
    cohort_get,
    cohort_list,
    programme_get,
    programme_list,
    programme_retention,
)
from capacityhub.mentoring.services import cohort_create, programme_create, stage_add
from capacityhub.review.models import Call, CallKind
from capacityhub.web.core.forms import add_service_errors

from .common import flash_errors, object_or_404, users_named
from .forms import CohortForm, ProgrammeForm, StageForm, codes


def programmes(request):
    can_create = request.user.is_authenticated and (
        request.user.is_staff or organizations_managed_by(request.user).exists()
    )
    return render(
        request,
        "web/mentoring/programme_list.html",
        {"programmes": list(programme_list()[:200]), "can_create": can_create},
    )


def programme_detail(request, pk: int):
    programme = object_or_404(programme_get, _("No such programme."), pk=pk)
    manages = programme_can_manage(request.user, programme)
    context = {
        "programme": programme,
        "stages": list(programme.stages.all()),
        "cohorts": list(cohort_list(programme=programme)),
        "manages": manages,
        "stage_form": StageForm() if manages else None,
    }
    return render(request, "web/mentoring/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request):
    organizations = list(organizations_managed_by(request.user))
    if not request.user.is_staff and not organizations:
        raise PermissionDenied(_("Only staff and organization managers can create programmes."))
    form = ProgrammeForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next(
            (o for o in organizations if str(o.pk) == data.get("organization")), None
        )
        try:
            programme = programme_create(
                actor=request.user,
                title=data["title"],
                description=data["description"],
                capacities=data["capacities"],
                languages=codes(data["languages"]),
                owner_organization=organization,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is created; add its stages."))
            return redirect(programme)
    return render(request, "web/mentoring/programme_form.html", {"form": form})


@login_required
@require_POST
def stage_new(request, pk: int):
    programme = object_or_404(programme_get, _("No such programme."), pk=pk)
    form = StageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        activities = []
        if data["activity_kind"] and data["activity_title"]:
            activities.append(
                {
                    "kind": data["activity_kind"],
                    "title": data["activity_title"],
                    "link": data["activity_link"],
                }
            )
        try:
            stage_add(
                actor=request.user,
                programme=programme,
                title=data["title"],
                entry_criteria=data["entry_criteria"],
                completion=data["completion"],
                evidence_kind=data["evidence_kind"],
                evidence_capacity=data["evidence_capacity"],
                activities=activities,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The stage is added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(programme)


def _intake_calls():
    return list(Call.objects.filter(kind=CallKind.PROGRAMME_INTAKE, cohort__isnull=True)[:200])


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request, pk: int):
    programme = object_or_404(programme_get, _("No such programme."), pk=pk)
    if not programme_can_manage(request.user, programme):
        raise PermissionDenied(_("Only the programme's managers can."))
    calls = _intake_calls()
    form = CohortForm(request.POST or None, calls=calls)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = next((c for c in calls if str(c.pk) == data["intake_call"]), None)
        try:
            cohort = cohort_create(
                actor=request.user,
                programme=programme,
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                facilitators=users_named(data["facilitators"]),
                intake_call=call,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort is created."))
            return redirect(cohort)
    return render(request, "web/mentoring/cohort_form.html", {"form": form, "programme": programme})


def _retention(request, pk: int):
    programme = object_or_404(programme_get, _("No such programme."), pk=pk)
    if not programme_can_manage(request.user, programme):
        raise PermissionDenied(_("Only staff and the programme's managers see retention."))
    cohort = None
    cohort_id = request.GET.get("cohort", "")
    if cohort_id.isdigit():
        cohort = object_or_404(cohort_get, _("No such cohort."), pk=int(cohort_id))
        if cohort.programme_id != programme.pk:
            cohort = None
    return programme, cohort, programme_retention(programme=programme, cohort=cohort)


def retention_rows(report) -> list[list]:
    rows = [
        [
            _("Retained at +%(days)d days") % {"days": w.days},
            w.eligible,
            "—" if w.retained is None else w.retained,
            "—" if w.rate is None else f"{round(w.rate * 100)} %",
        ]
        for w in report.windows
    ]
    rows.append(
        [
            _("Became mentors or facilitators within a year"),
            report.alumni,
            "—" if report.became_leaders is None else report.became_leaders,
            "—" if report.leader_rate is None else f"{round(report.leader_rate * 100)} %",
        ]
    )
    return rows


def retention(request, pk: int):
    programme, cohort, report = _retention(request, pk)
    bars = []
    for index, window in enumerate(report.windows):
        percent = round((window.rate or 0) * 100)
        bars.append(
            {
                "label": window.days,
                "percent": percent,
                "shown": window.rate is not None,
                "x": 20 + index * 90,
                "y": 104 - percent,
            }
        )
    context = {
        "programme": programme,
        "cohort": cohort,
        "report": report,
        "bars": bars,
        "cohorts": list(programme.cohorts.all()),
        "headers": [_("Measure"), _("People counted"), _("People"), _("Share")],
        "rows": retention_rows(report),
        "dropout_headers": [_("Stage"), _("People who left")],
        "dropout_rows": [[title, "—" if n is None else n] for title, n in report.dropout_by_stage],
    }
    return render(request, "web/mentoring/retention.html", context)


def retention_download(request, pk: int, fmt: str):
    programme, cohort, report = _retention(request, pk)
    data = {
        "programme": programme.pk,
        "cohort": cohort.pk if cohort else None,
        "alumni": report.alumni,
        "windows": [
            {"days": w.days, "eligible": w.eligible, "retained": w.retained, "rate": w.rate}
            for w in report.windows
        ],
        "became_mentors_or_facilitators": report.became_leaders,
        "leader_rate": report.leader_rate,
        "dropout_by_stage": [{"stage": t, "people": n} for t, n in report.dropout_by_stage],
    }
    name = f"retention-{programme.pk}{'-' + str(cohort.pk) if cohort else ''}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(["measure", "people_counted", "people", "share"])
        for w in report.windows:
            writer.writerow([f"retained_{w.days}_days", w.eligible, w.retained, w.rate])
        writer.writerow(
            [
                "became_mentors_or_facilitators",
                report.alumni,
                report.became_leaders,
                report.leader_rate,
            ]
        )
        for title, n in report.dropout_by_stage:
            writer.writerow([f"dropout: {title}", "", n, ""])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


urlpatterns = [
    path("mentoring/", programmes, name="mentoring-programmes"),
    path("mentoring/programmes/new/", programme_new, name="mentoring-programme-new"),
    path("mentoring/programmes/<int:pk>/", programme_detail, name="mentoring-programme"),
    path("mentoring/programmes/<int:pk>/stages/", stage_new, name="mentoring-stage-new"),
    path("mentoring/programmes/<int:pk>/cohorts/new/", cohort_new, name="mentoring-cohort-new"),
    path("mentoring/programmes/<int:pk>/retention/", retention, name="mentoring-retention"),
    path(
        "mentoring/programmes/<int:pk>/retention.csv",
        retention_download,
        {"fmt": "csv"},
        name="mentoring-retention-csv",
    ),
    path(
        "mentoring/programmes/<int:pk>/retention.json",
        retention_download,
        {"fmt": "json"},
        name="mentoring-retention-json",
    ),
]
