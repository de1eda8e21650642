"""My mentoring, the mentor profile and away periods, asking for a mentor, the staff queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import User
from capacityhub.mentoring.models import Cohort, MenteeRequest
from capacityhub.mentoring.selectors import (
    mentor_profile_of,
    mentorships_of,
    request_queue,
    requests_of,
)
from capacityhub.mentoring.services import (
    away_add,
    mentor_profile_save,
    mentorship_pair,
    request_create,
    request_match,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .common import flash_errors
from .forms import AwayForm, MentorForm, PairForm, RequestForm, codes


@login_required
def my_mentoring(request):
    user = request.user
    context = {
        "profile": mentor_profile_of(user),
        "mentorships": list(mentorships_of(user)[:100]),
        "requests": list(requests_of(user)[:20]),
        "away_form": AwayForm(),
        "participations": list(user.participations.select_related("cohort__programme")),
    }
    return render(request, "web/mentoring/my_mentoring.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_profile(request):
    profile = mentor_profile_of(request.user)
    initial = {"hours_per_month": 4, "max_mentees": 3, "is_active": True}
    if profile:
        initial = {
            "capacities": [c.code for c in profile.capacities.all()],
            "languages": ", ".join(profile.languages),
            "time_zone": profile.time_zone,
            "hours_per_month": profile.hours_per_month,
            "max_mentees": profile.max_mentees,
            "is_active": profile.is_active,
        }
    form = MentorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentor_profile_save(
                actor=request.user,
                user=request.user,
                capacities=data["capacities"],
                languages=codes(data["languages"]),
                time_zone=data["time_zone"],
                hours_per_month=data["hours_per_month"],
                max_mentees=data["max_mentees"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your mentor profile is saved."))
            return redirect("web:mentoring-me")
    return render(request, "web/mentoring/mentor_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
def away(request):
    profile = mentor_profile_of(request.user)
    form = AwayForm(request.POST)
    if profile is None:
        messages.error(request, _("Become a mentor first."))
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            away_add(actor=request.user, mentor=profile, **form.cleaned_data)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Your away period is saved; your mentees are told."))
    return redirect("web:mentoring-me")


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    cohorts = list(Cohort.objects.filter(participants__user=request.user))
    form = RequestForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cohort = next((c for c in cohorts if str(c.pk) == data["cohort"]), None)
        try:
            request_create(
                actor=request.user,
                capacities=data["capacities"],
                languages=codes(data["languages"]),
                level_wanted=data["level_wanted"],
                time_zone=data["time_zone"],
                preferences=data["preferences"],
                cohort=cohort,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is in the queue; we will find a mentor."))
            return redirect("web:mentoring-me")
    return render(request, "web/mentoring/request_form.html", {"form": form})


@login_required
def queue(request):
    requests = request_queue(viewer=request.user)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(request, "web/mentoring/queue.html", {"page_obj": page})


def _request(pk: int) -> MenteeRequest:
    return object_or_404(
        lambda pk: MenteeRequest.objects.select_related("user__profile", "cohort").get(pk=pk),
        _("No such request."),
        pk=pk,
    )


@login_required
@require_POST
def queue_match(request, pk: int):
    mentee_request = _request(pk)
    try:
        mentorship = request_match(actor=request.user, request=mentee_request)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if mentorship is None:
            messages.warning(request, _("No mentor fits this request now; pair by hand."))
        else:
            messages.success(request, _("A mentor is proposed."))
    return redirect("web:mentoring-queue")


@login_required
@require_http_methods(["GET", "POST"])
def pair(request, pk: int):
    mentee_request = _request(pk)
    request_queue(viewer=request.user)  # staff only
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor = User.objects.filter(username=form.cleaned_data["mentor"], is_active=True).first()
        try:
            if mentor is None:
                raise ValidationError({"mentor": _("No such person.")})
            mentorship = mentorship_pair(
                actor=request.user,
                request=mentee_request,
                mentor=mentor,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pair is made; the reason is kept."))
            return redirect(mentorship)
    return render(
        request, "web/mentoring/pair_form.html", {"form": form, "mentee_request": mentee_request}
    )


urlpatterns = [
    path("mentoring/me/", my_mentoring, name="mentoring-me"),
    path("mentoring/me/mentor/", mentor_profile, name="mentoring-mentor-profile"),
    path("mentoring/me/away/", away, name="mentoring-away"),
    path("mentoring/me/request/", request_new, name="mentoring-request-new"),
    path("mentoring/queue/", queue, name="mentoring-queue"),
    path("mentoring/requests/<int:pk>/match/", queue_match, name="mentoring-request-match"),
    path("mentoring/requests/<int:pk>/pair/", pair, name="mentoring-pair"),
]
