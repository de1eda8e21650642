"""Taking part in a session or event: registering and cancelling, the Q&A board of a live
session, and attendance marked by hosts and organizers. Included by views/events.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.events.models import Event, Question, Registration
from capacityhub.events.selectors.events import (
    event_get,
    question_get,
    registration_of,
    registrations_for_hosts,
)
from capacityhub.events.services.cancellation import event_cancel
from capacityhub.events.services.events import event_can_edit
from capacityhub.events.services.questions import (
    question_ask,
    question_mark_answered,
    question_vote,
)
from capacityhub.events.services.registrations import (
    attendance_mark,
    attendance_unmark,
    registration_cancel,
    registration_create,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.events.forms_events import AttendanceForm, EventCancelForm, QuestionForm


def event_or_404(pk: int, section: str) -> Event:
    return object_or_404(event_get, _("No such session or event."), pk=pk, section=section)


def _errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(event: Event, section: str):
    return redirect(f"web:{section}-detail", pk=event.pk)


@login_required
@require_POST
def register(request, pk: int, section: str):
    event = event_or_404(pk, section)
    try:
        registration = registration_create(actor=request.user, event=event)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered: your seat is confirmed."))
        else:
            messages.success(request, _("Every seat is taken: you are on the waitlist."))
    return _back(event, section)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int, section: str):
    """A confirmation page, then the cancellation."""
    event = event_or_404(pk, section)
    if request.method == "POST":
        try:
            registration_cancel(actor=request.user, event=event)
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return _back(event, section)
    registration = registration_of(event=event, user=request.user)
    context = {"event": event, "section": section, "registration": registration}
    return render(request, "web/events/cancel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int, section: str):
    event = event_or_404(pk, section)
    if not event_can_edit(event=event, user=request.user):
        raise PermissionDenied(_("Only its host, its organizers and staff mark attendance."))
    confirmed = [
        r
        for r in registrations_for_hosts(event=event, viewer=request.user)
        if r.status == Registration.Status.CONFIRMED
    ]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_mark(
                actor=request.user, event=event, usernames=form.cleaned_data["usernames"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Attendance is recorded."))
            return _back(event, section)
    context = {
        "event": event,
        "section": section,
        "form": form,
        "registrations": confirmed,
        "attended": [r for r in confirmed if r.attended],
    }
    return render(request, "web/events/attendance.html", context)


def _editor_or_403(request, pk: int, section: str) -> Event:
    event = event_or_404(pk, section)
    if not event_can_edit(event=event, user=request.user):
        raise PermissionDenied(_("Only its host, its organizers and staff can do this."))
    return event


@login_required
@require_http_methods(["GET", "POST"])
def call_off(request, pk: int, section: str):
    """Cancel the whole session or event: a confirmation page asking why, then the deed."""
    event = _editor_or_403(request, pk, section)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It is cancelled; everyone registered is told."))
            return _back(event, section)
    waiting = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    told = event.registrations.filter(status__in=waiting).count()
    context = {"event": event, "section": section, "form": form, "told": told}
    return render(request, "web/events/call_off.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unattend(request, pk: int, section: str):
    """Undo attendance marked by mistake (a confirmation page first)."""
    event = _editor_or_403(request, pk, section)
    username = request.POST.get("username") or request.GET.get("username") or ""
    registration = (
        event.registrations.filter(attended=True, user__username=username)
        .select_related("user__profile")
        .first()
    )
    if request.method == "POST":
        try:
            attendance_unmark(actor=request.user, event=event, usernames=[username])
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, _("The attendance is unmarked."))
        return redirect(f"web:{section}-attendance", pk=event.pk)
    context = {"event": event, "section": section, "registration": registration}
    return render(request, "web/events/unattend.html", context)


@login_required
@require_POST
def ask(request, pk: int):
    event = event_or_404(pk, "session")
    form = QuestionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(event, "session")
    try:
        question_ask(actor=request.user, event=event, body=form.cleaned_data["body"])
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("Your question is on the board."))
    return _back(event, "session")


def _question_or_404(event: Event, question_pk: int) -> Question:
    return object_or_404(question_get, _("No such question."), event=event, pk=question_pk)


@login_required
@require_POST
def vote(request, pk: int, question_pk: int):
    event = event_or_404(pk, "session")
    question = _question_or_404(event, question_pk)
    try:
        question_vote(actor=request.user, question=question)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("Your vote is counted."))
    return _back(event, "session")


@login_required
@require_POST
def answered(request, pk: int, question_pk: int):
    event = event_or_404(pk, "session")
    question = _question_or_404(event, question_pk)
    try:
        question_mark_answered(
            actor=request.user, question=question, answered=request.POST.get("answered") != "0"
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The question is marked."))
    return _back(event, "session")


def _patterns(prefix: str, section: str) -> list:
    kwargs = {"section": section}
    return [
        path(f"{prefix}/<int:pk>/register/", register, kwargs, name=f"{section}-register"),
        path(f"{prefix}/<int:pk>/cancel/", cancel, kwargs, name=f"{section}-cancel"),
        path(f"{prefix}/<int:pk>/attendance/", attendance, kwargs, name=f"{section}-attendance"),
        path(f"{prefix}/<int:pk>/attendance/undo/", unattend, kwargs, name=f"{section}-unattend"),
        path(f"{prefix}/<int:pk>/call-off/", call_off, kwargs, name=f"{section}-call-off"),
    ]


urlpatterns = [
    *_patterns("sessions", "session"),
    *_patterns("events", "event"),
    path("sessions/<int:pk>/questions/", ask, name="session-question"),
    path("sessions/<int:pk>/questions/<int:question_pk>/vote/", vote, name="session-vote"),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/answered/",
        answered,
        name="session-answered",
    ),
]
