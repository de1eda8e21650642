"""Pages of live sessions and events: lists, one session or event, scheduling and editing,
.ics files, a person's calendar feed, and asking for on-site technical assistance.

Sessions live under /sessions/, the other kinds under /events/; both are one model
(capacityhub.events). Registering, the Q&A board and attendance are in participation.py.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacityhub.events.ics import Entry, build_calendar
from capacityhub.events.models import CalendarFeed, Event
from capacityhub.events.selectors.events import (
    calendar_events_of,
    calendar_feed_of,
    can_see_call,
    event_list,
    questions_for,
    registration_of,
    registrations_for_hosts,
    registrations_of_user,
    waitlist_position,
    with_details,
)
from capacityhub.events.services.assistance import assistance_request
from capacityhub.events.services.calendar import calendar_feed_reset
from capacityhub.events.services.events import event_can_edit, event_create, event_update
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.events import participation
from capacityhub.web.events.forms_events import (
    AssistanceForm,
    EventFilterForm,
    EventForm,
    QuestionForm,
)
from capacityhub.web.events.participation import event_or_404


def _editable_or_403(request, pk: int, section: str) -> Event:
    event = event_or_404(pk, section)
    if not event_can_edit(event=event, user=request.user):
        raise PermissionDenied(_("Only its host, its organizers and staff can change it."))
    return event


@require_GET
def event_list_page(request, section: str):
    form = EventFilterForm(request.GET, section=section)
    events = with_details(event_list(section=section, **form.filters()))
    page_obj = Paginator(events, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "section": section,
        "form": form,
        "page_obj": page_obj,
        "events": list(page_obj.object_list),
        "can_request_assistance": section == "event" and request.user.is_authenticated,
    }
    return render(request, "web/events/list.html", context)


@require_GET
def event_detail(request, pk: int, section: str):
    event = event_or_404(pk, section)
    registration = registration_of(event=event, user=request.user)
    can_edit = event_can_edit(event=event, user=request.user)
    context = {
        "section": section,
        "event": event,
        "registration": registration,
        "waitlist_position": waitlist_position(registration),
        "can_edit": can_edit,
        "is_over": event.ends_at <= timezone.now(),
        "can_see_call": can_see_call(event=event, user=request.user, registration=registration),
        "registrations": list(registrations_for_hosts(event=event, viewer=request.user)),
        "resources": list(event.resources.all()),
    }
    if event.is_session:
        context["questions"] = list(questions_for(event=event, viewer=request.user))
        context["question_form"] = QuestionForm()
    return render(request, "web/events/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request, section: str):
    form = EventForm(request.POST or None, user=request.user, section=section)
    if request.method == "POST" and form.is_valid():
        kind = Event.Kind.SESSION if section == "session" else form.cleaned_data["kind"]
        try:
            event = event_create(
                actor=request.user,
                kind=kind,
                organization=form.cleaned_data.get("organization"),
                **form.event_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It is scheduled."))
            return redirect(f"web:{section}-detail", pk=event.pk)
    context = {"form": form, "section": section, "creating": True}
    return render(request, "web/events/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int, section: str):
    event = _editable_or_403(request, pk, section)
    if request.method == "POST":
        form = EventForm(request.POST, section=section, editing=True)
        if form.is_valid():
            try:
                event_update(
                    actor=request.user,
                    event=event,
                    expected_version=form.cleaned_data["version"],
                    **form.event_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                event = event_or_404(pk, section)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect(f"web:{section}-detail", pk=event.pk)
    else:
        form = EventForm(initial=EventForm.initial_for(event), section=section, editing=True)
    return render(
        request, "web/events/form.html", {"form": form, "section": section, "event": event}
    )


def _entry(request, event: Event, *, with_call: bool) -> Entry:
    url = request.build_absolute_uri(reverse(f"web:{event.section}-detail", args=[event.pk]))
    description = event.description
    if with_call and event.call_url:
        description = f"{_('Call link')}: {event.call_url}\n\n{description}"
    return Entry(
        uid=f"event-{event.pk}@{request.get_host()}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        url=url,
        description=description,
        location=event.call_url if with_call and event.online else event.place,
        updated_at=event.updated_at,
        cancelled=event.is_cancelled,
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk: int, section: str):
    event = event_or_404(pk, section)
    registration = registration_of(event=event, user=request.user)
    with_call = can_see_call(event=event, user=request.user, registration=registration)
    body = build_calendar([_entry(request, event, with_call=with_call)])
    return _ics_response(body, f"{section}-{event.pk}.ics")


@require_GET
def calendar_feed(request, token: str):
    """The private feed: the token is the only key, so calendar apps can fetch it."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("No such calendar."))
    entries = [
        _entry(request, event, with_call=with_call)
        for event, with_call in calendar_events_of(feed.user)
    ]
    return _ics_response(build_calendar(entries, name=_("Capacity Hub")), "capacity-hub.ics")


@login_required
@require_GET
def calendar_me(request):
    feed = calendar_feed_of(user=request.user)
    feed_url = reverse("web:calendar-feed", args=[feed.token]) if feed else ""
    context = {
        "feed_url": request.build_absolute_uri(feed_url) if feed else "",
        "registrations": list(registrations_of_user(user=request.user, include_past=False)),
    }
    return render(request, "web/events/calendar.html", context)


@login_required
@require_POST
def calendar_reset(request):
    had_one = calendar_feed_of(user=request.user) is not None
    calendar_feed_reset(actor=request.user)
    if had_one:
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
    else:
        messages.success(request, _("Your private calendar address is ready."))
    return redirect("web:calendar-me")


@login_required
@require_http_methods(["GET", "POST"])
def assistance_new(request):
    form = AssistanceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            need = assistance_request(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request is published as a need of your organization.")
            )
            return redirect("web:need-detail", pk=need.pk)
    return render(request, "web/events/assistance.html", {"form": form})


def _section_patterns(prefix: str, section: str) -> list:
    kwargs = {"section": section}
    return [
        path(f"{prefix}/", event_list_page, kwargs, name=f"{section}-list"),
        path(f"{prefix}/new/", event_new, kwargs, name=f"{section}-create"),
        path(f"{prefix}/<int:pk>/", event_detail, kwargs, name=f"{section}-detail"),
        path(f"{prefix}/<int:pk>/edit/", event_edit, kwargs, name=f"{section}-edit"),
        path(f"{prefix}/<int:pk>/calendar.ics", event_ics, kwargs, name=f"{section}-ics"),
    ]


urlpatterns = [
    path("events/assistance/", assistance_new, name="assistance-request"),
    *_section_patterns("sessions", "session"),
    *_section_patterns("events", "event"),
    path("me/calendar/", calendar_me, name="calendar-me"),
    path("me/calendar/reset/", calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar-feed"),
    *participation.urlpatterns,
]
