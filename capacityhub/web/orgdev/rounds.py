"""Assessment pages: the framework, an organization's assessments, opening a round, answering,
results (with change since the last round and peer benchmarks), closing and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.selectors import can_act_for, organizations_managed_by
from capacityhub.orgdev.framework import (
    DIMENSION_LEVELS,
    DIMENSIONS,
    LEVEL_NAMES,
    QUESTIONS,
)
from capacityhub.orgdev.models import Round
from capacityhub.orgdev.selectors import (
    closed_rounds,
    dimension_history,
    framework_current,
    my_answers,
    my_invitations,
    peer_benchmarks,
    respondent_for,
    round_can_manage,
    round_change,
    round_get,
    round_list,
    round_respondents,
    round_results,
)
from capacityhub.orgdev.services import (
    answers_save,
    respondents_invite,
    round_close,
    round_open,
    round_publish,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .common import (
    change_chart,
    change_rows,
    check_id,
    errors_to_messages,
    history_chart,
    organization_or_404,
    question_rows,
    result_rows,
)
from .forms import AnswerForm, InviteForm, RoundOpenForm


def home(request):
    context = {
        "invitations": list(my_invitations(viewer=request.user)[:50]),
        "managed": list(organizations_managed_by(request.user)),
        "published": list(round_list(viewer=request.user).filter(published=True)[:20]),
    }
    return render(request, "web/orgdev/home.html", context)


def framework(request):
    version = framework_current()
    dimensions = [
        {
            "label": label,
            "levels": list(zip(LEVEL_NAMES.values(), DIMENSION_LEVELS[key], strict=True)),
            "questions": [
                str(QUESTIONS[q][1]) for q in version.questions if QUESTIONS[q][0] == key
            ],
        }
        for key, label in DIMENSIONS.items()
    ]
    return render(
        request, "web/orgdev/framework.html", {"dimensions": dimensions, "version": version}
    )


def organization(request, slug: str):
    found = organization_or_404(slug)
    history = dimension_history(found, request.user)
    context = {
        "organization": found,
        "rounds": list(round_list(viewer=request.user, organization=found)[:50]),
        "manages": can_act_for(request.user, organization=found),
        "history": history_chart(history) if len(history) > 1 else None,
    }
    return render(request, "web/orgdev/organization.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request, slug: str):
    found = organization_or_404(slug)
    if not can_act_for(request.user, organization=found):
        raise PermissionDenied(
            _("Only this organization's managers and staff can run its assessments.")
        )
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = round_open(
                actor=request.user,
                organization=found,
                title=form.cleaned_data["title"],
                respondents=form.respondent_list(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is open; the people you invited are told."))
            return redirect(made)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/orgdev/round_new.html", {"organization": found, "form": form}, status=status
    )


def _round(request, pk: int) -> Round:
    check_id(pk)
    return object_or_404(round_get, _("No such assessment."), viewer=request.user, pk=pk)


def _previous(round_: Round) -> Round | None:
    if round_.closed_at is None:
        return None
    earlier = closed_rounds(round_.organization).filter(closed_at__lt=round_.closed_at)
    return earlier.last()


def round_detail(request, pk: int):
    round_ = _round(request, pk)
    manages = round_can_manage(request.user, round_)
    results = round_results(round_)
    previous = _previous(round_)
    change = round_change(previous, round_) if previous else None
    context = {
        "round": round_,
        "manages": manages,
        "respondent": respondent_for(request.user, round_),
        "respondents": list(round_respondents(round_)) if manages else [],
        "submitted": round_.respondents.filter(submitted_at__isnull=False).count(),
        "invited": round_.respondents.count(),
        "rows": result_rows(
            results, peer_benchmarks(round_.organization), change and change["dimensions"]
        ),
        "questions": question_rows(results, round_.framework.questions),
        "previous": previous,
        "change_chart": change_chart(change_rows(change["questions"])) if change else None,
        "mapping": change["mapping"] if change else {},
        "invite_form": InviteForm(),
    }
    return render(request, "web/orgdev/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    round_ = _round(request, pk)
    respondent = respondent_for(request.user, round_)
    if respondent is None:
        raise PermissionDenied(_("Only the people invited to this assessment can answer it."))
    form = AnswerForm(
        request.POST or None,
        questions=round_.framework.questions,
        initial_answers=my_answers(respondent),
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            answers_save(actor=request.user, round_=round_, answers=form.answers(), submit=submit)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your answers are submitted.") if submit else _("Your draft is saved.")
            )
            return redirect(round_) if submit else redirect("web:orgdev-answer", pk=pk)
    context = {"round": round_, "form": form, "respondent": respondent}
    status = 400 if request.method == "POST" else 200
    return render(request, "web/orgdev/answer.html", context, status=status)


def _manager_action(request, pk: int, action, done: str):
    round_ = _round(request, pk)
    try:
        action(round_)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, done)
    return redirect(round_)


@login_required
@require_POST
def close(request, pk: int):
    return _manager_action(
        request, pk, lambda r: round_close(actor=request.user, round_=r), _("The round is closed.")
    )


@login_required
@require_POST
def publish(request, pk: int):
    published = request.POST.get("published") == "1"
    return _manager_action(
        request,
        pk,
        lambda r: round_publish(actor=request.user, round_=r, published=published),
        _("The results are public.") if published else _("The results are private again."),
    )


@login_required
@require_POST
def invite(request, pk: int):
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("List the people to invite."))
        return redirect("web:orgdev-round", pk=pk)
    return _manager_action(
        request,
        pk,
        lambda r: respondents_invite(
            actor=request.user, round_=r, respondents=form.respondent_list()
        ),
        _("The people you invited are told."),
    )


BASE = "organizational-development/"
urlpatterns = [
    path(BASE, home, name="orgdev-home"),
    path(f"{BASE}framework/", framework, name="orgdev-framework"),
    path(f"{BASE}o/<slug:slug>/", organization, name="orgdev-organization"),
    path(f"{BASE}o/<slug:slug>/rounds/new/", round_new, name="orgdev-round-new"),
    path(f"{BASE}rounds/<int:pk>/", round_detail, name="orgdev-round"),
    path(f"{BASE}rounds/<int:pk>/answer/", answer, name="orgdev-answer"),
    path(f"{BASE}rounds/<int:pk>/close/", close, name="orgdev-round-close"),
    path(f"{BASE}rounds/<int:pk>/publish/", publish, name="orgdev-round-publish"),
    path(f"{BASE}rounds/<int:pk>/invite/", invite, name="orgdev-round-invite"),
]  # fmt: skip
