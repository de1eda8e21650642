"""Cohort pages: progress (each participant's stage and what is missing), completing a stage,
assigning mentors, the talent report, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.mentoring.models import Participant
from capacityhub.mentoring.rules import cohort_can_facilitate, cohort_can_manage
from capacityhub.mentoring.selectors import (
    certificate_for,
    cohort_get,
    cohort_progress,
    talent_report,
)
from capacityhub.mentoring.services import cohort_assign, stage_complete
from capacityhub.web.core.lookup import object_or_404

from .common import flash_errors
from .forms import NoteForm


def cohort_detail(request, pk: int):
    cohort = object_or_404(cohort_get, _("No such cohort."), pk=pk)
    context = {
        "cohort": cohort,
        "programme": cohort.programme,
        "stages": list(cohort.programme.stages.all()),
        "rows": cohort_progress(viewer=request.user, cohort=cohort),
        "facilitates": cohort_can_facilitate(request.user, cohort),
        "manages": cohort_can_manage(request.user, cohort),
        "note_form": NoteForm(),
        "participant_count": cohort.participants.count(),
    }
    return render(request, "web/mentoring/cohort_detail.html", context)


def _participant(pk: int) -> Participant:
    return object_or_404(
        lambda pk: Participant.objects.select_related("cohort").get(pk=pk),
        _("No such participant."),
        pk=pk,
    )


@login_required
@require_POST
def participant_complete(request, pk: int):
    participant = _participant(pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        completion = stage_complete(actor=request.user, participant=participant, note=note)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("“%(stage)s” is completed.") % {"stage": completion.stage})
    return redirect(participant.cohort)


@login_required
@require_POST
def cohort_assign_view(request, pk: int):
    cohort = object_or_404(cohort_get, _("No such cohort."), pk=pk)
    try:
        summary = cohort_assign(actor=request.user, cohort=cohort)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(paired)d mentees paired; %(unassigned)d still without a mentor.")
            % {"paired": summary.paired, "unassigned": summary.unassigned},
        )
    return redirect(cohort)


@login_required
def talent(request, pk: int):
    cohort = object_or_404(cohort_get, _("No such cohort."), pk=pk)
    rows = talent_report(viewer=request.user, cohort=cohort)
    stages = [s.title for s in cohort.programme.stages.all()]
    return render(
        request, "web/mentoring/talent.html", {"cohort": cohort, "rows": rows, "stages": stages}
    )


@login_required
def certificate(request, pk: int):
    participant = object_or_404(
        certificate_for, _("No certificate here."), viewer=request.user, participant_pk=pk
    )
    return render(request, "web/mentoring/certificate.html", {"participant": participant})


urlpatterns = [
    path("mentoring/cohorts/<int:pk>/", cohort_detail, name="mentoring-cohort"),
    path("mentoring/cohorts/<int:pk>/assign/", cohort_assign_view, name="mentoring-cohort-assign"),
    path("mentoring/cohorts/<int:pk>/talent/", talent, name="mentoring-talent"),
    path(
        "mentoring/participants/<int:pk>/complete/",
        participant_complete,
        name="mentoring-stage-complete",
    ),
    path("mentoring/participants/<int:pk>/certificate/", certificate, name="mentoring-certificate"),
]
