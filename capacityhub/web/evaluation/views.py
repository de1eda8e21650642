"""Evaluation pages: logic models with their Kirkpatrick matrix, surveys, what works where."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.core.languages import language_name
from capacityhub.core.regions import region_name
from capacityhub.evaluation.models import Survey
from capacityhub.evaluation.selectors import (
    breakdowns,
    capacity_breakdown,
    indicator_views,
    logic_model_can_edit,
    logic_model_get,
    logic_model_items,
    matrix_for,
    practice_outcomes,
    subject_title,
    survey_can_manage,
    survey_response_rate,
    surveys_of,
)
from capacityhub.evaluation.services import answer_submit, consent_set, has_consent
from capacityhub.taxonomy.selectors import capacity_label
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.forms.rendering import answer_form

from .forms import ConsentForm, IndicatorForm, SurveyForm


def logic_model_or_404(request, pk: int):
    return object_or_404(logic_model_get, _("No such logic model."), pk=pk, user=request.user)


def survey_or_404(pk: int) -> Survey:
    return object_or_404(
        lambda pk: Survey.objects.select_related("form").get(pk=pk), _("No such survey."), pk=pk
    )


def evaluation_list(request):
    rows = [(item.model, item.title) for item in logic_model_items(user=request.user)]
    return render(request, "web/evaluation/list.html", {"rows": rows})


def _language_name(code: str) -> str:
    return language_name(code, get_language() or "en") if code else ""


def _chart_rows(breakdown):
    label = {"region": region_name, "language": _language_name, "month": lambda c: c,
             "capacity": lambda c: capacity_label(int(c), get_language())}  # fmt: skip
    rows = []
    for group, mean, people in breakdown.rows:
        name = label[breakdown.dimension](group) or _("Not known")
        rows.append((name, "—" if mean is None else mean, people or _("fewer than 5")))
    return rows


def _chart(title, breakdown, headers):
    rows = _chart_rows(breakdown)
    top = max([r[1] for r in rows if r[1] != "—"], default=0) or 1
    bars = [(r[0], r[1], top) for r in rows if r[1] != "—"]
    return {"title": title, "rows": rows, "bars": bars, "headers": headers}


def evaluation_detail(request, pk: int):
    model = logic_model_or_404(request, pk)
    matrix = matrix_for(model)
    titles = {"region": _("After-survey score by region"),
              "language": _("After-survey score by language"),
              "month": _("After-survey score by month")}  # fmt: skip
    headers = [_("Group"), _("Mean score"), _("People")]
    charts = [_chart(titles[b.dimension], b, headers) for b in breakdowns(model)]
    by_capacity = capacity_breakdown(model)
    if by_capacity.rows:
        charts.append(_chart(_("People who showed each capacity afterwards"), by_capacity,
                             [_("Capacity"), _("People"), _("People")]))  # fmt: skip
    can_edit = logic_model_can_edit(user=request.user, logic_model=model)
    return render(request, "web/evaluation/detail.html", {
        "model": model, "title": subject_title(model.subject_type, model.subject_id),
        "matrix": matrix, "indicators": indicator_views(model, matrix),
        "surveys": surveys_of(model), "charts": charts, "can_edit": can_edit,
        "indicator_form": IndicatorForm() if can_edit else None,
        "survey_form": SurveyForm() if can_edit else None,
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def survey_page(request, pk: int):
    survey = survey_or_404(pk)
    from capacityhub.forms.selectors import form_current_version

    version = form_current_version(survey.form)
    language = get_language() or "en"
    form = answer_form(version=version, language=language,
                       data=request.POST if request.method == "POST" else None)  # fmt: skip
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            answers, _files = form.answers()
            try:
                answer_submit(actor=request.user, survey=survey, answers=answers)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your answers were saved."))
                return redirect("web:evaluation-survey", pk=survey.pk)
    can_manage = survey_can_manage(user=request.user, survey=survey)
    consented = request.user.is_authenticated and has_consent(
        request.user, survey.subject_type, survey.subject_id
    )
    return render(request, "web/evaluation/survey.html", {
        "survey": survey, "form": form, "consented": consented,
        "consent_form": ConsentForm(initial={"agree": consented}),
        "title": subject_title(survey.subject_type, survey.subject_id),
        "can_manage": can_manage, "rate": survey_response_rate(survey) if can_manage else None,
    })  # fmt: skip


@login_required
@require_POST
def survey_consent(request, pk: int):
    survey = survey_or_404(pk)
    form = ConsentForm(request.POST)
    agree = form.is_valid() and form.cleaned_data["agree"]
    consent_set(actor=request.user, survey=survey, agree=agree)
    messages.success(
        request,
        _("Your answers will be linked to you.") if agree
        else _("Your answers will not be linked to you."),
    )  # fmt: skip
    return redirect("web:evaluation-survey", pk=survey.pk)


def practices(request):
    return render(request, "web/evaluation/practices.html", {"practices": practice_outcomes()})
