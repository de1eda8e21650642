"""Editing evaluation: logic models, indicators, surveys and invitations (staff and the
subject's managers; the services check)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.evaluation.services import (
    indicator_add,
    logic_model_create,
    logic_model_update,
    survey_create,
    survey_invite_all,
)
from capacityhub.forms.models import Form
from capacityhub.web.core.forms import add_service_errors

from .forms import IndicatorForm, LogicModelForm, SubjectForm, SurveyForm
from .views import logic_model_or_404, survey_or_404


def _errors_to_messages(request, error: ValidationError) -> None:
    for field, texts in getattr(error, "message_dict", {"": error.messages}).items():
        for text in texts:
            messages.error(request, f"{field}: {text}" if field else text)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    data = request.POST if request.method == "POST" else None
    subject_form = SubjectForm(data, initial=request.GET.dict())
    form = LogicModelForm(data)
    if data is not None and subject_form.is_valid() and form.is_valid():
        try:
            model = logic_model_create(
                actor=request.user,
                subject_type=subject_form.cleaned_data["subject_type"],
                subject_id=subject_form.cleaned_data["subject_id"],
                title=form.cleaned_data["title"],
                **form.parts(),
            )
        except ValidationError as error:
            add_service_errors(subject_form if "subject_id" in str(error) else form, error)
        else:
            return redirect("web:evaluation-detail", pk=model.pk)
    return render(request, "web/evaluation/edit.html",
                  {"form": form, "subject_form": subject_form, "model": None})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    model = logic_model_or_404(request, pk)
    initial = {"title": model.title} | {
        k: "\n".join(getattr(model, k)) for k in ("inputs", "activities", "outputs", "outcomes")
    }
    form = LogicModelForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            logic_model_update(
                actor=request.user, logic_model=model, version=None,
                title=form.cleaned_data["title"], **form.parts(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The logic model was saved."))
            return redirect("web:evaluation-detail", pk=model.pk)
    return render(request, "web/evaluation/edit.html", {"form": form, "model": model})


@login_required
@require_POST
def add_indicator(request, pk: int):
    model = logic_model_or_404(request, pk)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        _errors_to_messages(request, ValidationError(form.errors.get_json_data()))
        return redirect("web:evaluation-detail", pk=model.pk)
    try:
        indicator_add(actor=request.user, logic_model=model, **form.cleaned_data)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The indicator was added."))
    return redirect("web:evaluation-detail", pk=model.pk)


@login_required
@require_POST
def add_survey(request, pk: int):
    model = logic_model_or_404(request, pk)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the survey's fields."))
        return redirect("web:evaluation-detail", pk=model.pk)
    data = form.cleaned_data
    survey_form = Form.objects.filter(pk=data["form"]).first()
    try:
        if survey_form is None:
            raise ValidationError({"form": _("No such form.")})
        survey_create(
            actor=request.user, subject_type=model.subject_type, subject_id=model.subject_id,
            kind=data["kind"], form=survey_form, score_key=data["score_key"],
            activity_ends_on=data["activity_ends_on"],
        )  # fmt: skip
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The survey was added."))
    return redirect("web:evaluation-detail", pk=model.pk)


@login_required
@require_POST
def invite(request, pk: int):
    survey = survey_or_404(pk)
    count = survey_invite_all(actor=request.user, survey=survey)
    messages.success(request, _("%(count)d people were invited.") % {"count": count})
    return redirect("web:evaluation-survey", pk=survey.pk)
