"""Public call pages, applying, and the applicant's own applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import Organization
from capacityhub.forms.selectors import form_current_version
from capacityhub.integrity.selectors import can_oversee, decision_current, decisions_for
from capacityhub.review.selectors import (
    application_can_view,
    application_of,
    applications_of_applicant,
    call_can_manage,
    calls_open,
    calls_public,
    reviews_visible_to_applicant,
)
from capacityhub.review.services import application_save, application_withdraw, offer_respond
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.forms.rendering import answer_form, answers_for_display

from .common import application_or_404, call_or_404, errors_to_messages, reader_language
from .forms import ApplicationExtrasForm, DecideForm, ScreenForm


def call_list(request):
    now = timezone.now()
    show = request.GET.get("show")
    calls = calls_public(now=now).order_by("-closes_at") if show == "all" else calls_open(now=now)
    page = Paginator(calls, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "web/review/call_list.html",
        {"page_obj": page, "calls": page.object_list, "show": show, "language": reader_language(),
         "can_manage": request.user.is_authenticated and request.user.is_staff},
    )  # fmt: skip


def call_detail(request, pk: int):
    call = call_or_404(pk)
    manages = call_can_manage(user=request.user, call=call)
    if call.opens_at > timezone.now() and not manages:
        raise Http404(_("No such call."))
    context = {
        "call": call,
        "criteria": list(call.criteria.all()),
        "application": application_of(user=request.user, call=call),
        "manages": manages,
        "language": reader_language(),
    }
    return render(request, "web/review/call_detail.html", context)


def _answer_form(request, call, response, language):
    if response is not None:
        version = response.version
    elif call.form_id:
        version = form_current_version(call.form)
    else:
        return None
    if version is None:
        return None
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    return answer_form(
        version=version, language=language, data=data, files=files, response=response
    )


def _organizations(user):
    return list(Organization.objects.filter(memberships__user=user).order_by("name"))


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk: int):
    call = call_or_404(pk)
    application = application_of(user=request.user, call=call)
    if application is not None and not application.is_editable:
        messages.info(request, _("Your application was submitted; it is final."))
        return redirect("web:review-application", pk=application.pk)
    language = reader_language()
    response = application.response if application else None
    answers = _answer_form(request, call, response, language)
    organizations = _organizations(request.user)
    initial = {"language": (application.language if application else "") or language}
    if application and application.organization_id:
        initial["organization"] = str(application.organization_id)
    if application and application.amount_requested is not None:
        initial["amount_requested"] = application.amount_requested
    data = request.POST if request.method == "POST" else None
    extras = ApplicationExtrasForm(data, initial=initial, organizations=organizations,
                                   with_amount=call.budget is not None)  # fmt: skip
    if request.method == "POST" and extras.is_valid() and (answers is None or answers.is_valid()):
        given, files = answers.answers() if answers else ({}, {})
        organization_id = extras.cleaned_data.get("organization")
        organization = next((o for o in organizations if str(o.pk) == organization_id), None)
        try:
            saved = application_save(
                actor=request.user, call=call, answers=given, files=files,
                organization=organization, language=extras.cleaned_data.get("language") or "",
                amount_requested=extras.cleaned_data.get("amount_requested"),
                submit="submit" in request.POST,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(answers or extras, error)
            if answers is not None:
                add_service_errors(extras, _only(error, extras))
        else:
            if saved.status == saved.Status.SUBMITTED:
                messages.success(request, _("Your application is submitted."))
                return redirect("web:review-application", pk=saved.pk)
            messages.success(request, _("Your draft is saved."))
            return redirect("web:review-apply", pk=call.pk)
    context = {"call": call, "answers": answers, "extras": extras, "application": application,
               "language": language}  # fmt: skip
    return render(
        request, "web/review/apply.html", context, status=400 if request.method == "POST" else 200
    )


def _only(error: ValidationError, form) -> ValidationError:
    """The part of a service error that belongs to the extras form's own fields."""
    if not hasattr(error, "error_dict"):
        return ValidationError({})
    return ValidationError({k: v for k, v in error.error_dict.items() if k in form.fields})


@login_required
def my_applications(request):
    applications = applications_of_applicant(user=request.user)
    return render(
        request,
        "web/review/my_applications.html",
        {"applications": applications, "language": reader_language()},
    )


@login_required
def application_detail(request, pk: int):
    application = application_or_404(pk)
    if not application_can_view(user=request.user, application=application):
        raise PermissionDenied(_("This application is not yours to see."))
    call = application.call
    language = reader_language()
    shown = []
    if application.response_id:
        shown = answers_for_display(
            version=application.response.version, response=application.response, language=language
        )
    manages = call_can_manage(user=request.user, call=call)
    current = decision_current(application)
    initial = {"supersedes": current.pk if current else None}
    context = {
        "call": call,
        "application": application,
        "answers": shown,
        "decision": current,
        "decisions": list(decisions_for(application).order_by("decided_at", "id"))
        if manages
        else [],
        "manages": manages,
        "oversees": can_oversee(request.user),
        "is_applicant": application.applicant_id == request.user.pk,
        "comments": reviews_visible_to_applicant(application=application),
        "screen_form": ScreenForm(initial=initial, prefix="screen"),
        "decide_form": DecideForm(initial=initial, prefix="decide"),
        "language": language,
    }
    return render(request, "web/review/application_detail.html", context)


@login_required
@require_POST
def withdraw(request, pk: int):
    application = application_or_404(pk)
    try:
        application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("web:review-application", pk=application.pk)


@login_required
@require_POST
def offer(request, pk: int):
    application = application_or_404(pk)
    take_up = request.POST.get("answer") == "take_up"
    try:
        offer_respond(actor=request.user, application=application, take_up=take_up)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Thank you; your answer is recorded."))
    return redirect("web:review-application", pk=application.pk)


urlpatterns = [
    path("calls/", call_list, name="review-calls"),
    path("calls/<int:pk>/", call_detail, name="review-call"),
    path("calls/<int:pk>/apply/", apply, name="review-apply"),
    path("applications/", my_applications, name="review-my-applications"),
    path("applications/<int:pk>/", application_detail, name="review-application"),
    path("applications/<int:pk>/withdraw/", withdraw, name="review-withdraw"),
    path("applications/<int:pk>/offer/", offer, name="review-offer"),
]
