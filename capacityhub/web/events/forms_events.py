"""Forms of the sessions and events pages. They parse and check shape only; the rules live in
capacityhub.events.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization
from capacityhub.core.languages import language_choices, time_zones
from capacityhub.events.models import MAX_SEATS, Event
from capacityhub.events.timezones import local_times, make_aware_in
from capacityhub.knowledge.models import Resource
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.core.forms import capacity_choices
from capacityhub.web.exchange.forms_needs import (
    MULTIPLE_HELP,
    DateInput,
    region_choices,
    resolve_organization,
    speakable_organizations,
)

MAX_RESOURCE_CHOICES = 500
EVENT_KINDS = [(k, label) for k, label in Event.Kind.choices if k != Event.Kind.SESSION]
WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))]
SORT_CHOICES = [("", _("Soonest first")), ("latest", _("Latest first")), ("title", _("Title"))]


def resource_choices() -> list[tuple[int, str]]:
    """Listed resources of the knowledge base, by title (bounded)."""
    listed = [Resource.Status.PUBLISHED, Resource.Status.OUTDATED]
    resources = Resource.objects.filter(status__in=listed).order_by("title", "id")
    return list(resources.values_list("pk", "title")[:MAX_RESOURCE_CHOICES])


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EventFilterForm(forms.Form):
    """GET filters of the lists; invalid values are ignored."""

    q = forms.CharField(
        label=_("Words in the title or description"), required=False, max_length=100
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language space"), required=False)
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN_CHOICES)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, section: str = "event", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        if section == "session":
            del self.fields["kind"]
            del self.fields["region"]
        else:
            self.fields["kind"].choices = _blank(_("Any kind")) + EVENT_KINDS
            self.fields["region"].choices = _blank(_("Any region")) + region_choices()
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()
        self.fields["language"].help_text = _("Held in this language or interpreted into it.")
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("capacity")
        return {
            "q": (data.get("q") or "").strip() or None,
            "kind": data.get("kind") or None,
            "language": data.get("language") or None,
            "capacity_id": capacity_code_map().get(code) if code else None,
            "region": data.get("region") or None,
            "when": data.get("when") or "upcoming",
            "sort": data.get("sort") or None,
        }


class EventForm(forms.Form):
    """Schedule or edit a session or an event. Times are typed in the event's time zone."""

    organization = forms.CharField(label=_("Organized by"), required=False, max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=EVENT_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=8000,
        widget=forms.Textarea,
        help_text=_("Markdown is supported."),
    )
    capacities = forms.MultipleChoiceField(
        label=_("Capacities it builds"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=MULTIPLE_HELP,
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput)
    time_zone = forms.ChoiceField(label=_("Time zone of these times"))
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation into"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    online = forms.BooleanField(label=_("Online"), required=False, initial=True)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    region = forms.ChoiceField(label=_("Region"), required=False)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=MAX_SEATS, initial=30)
    registration_deadline = forms.DateTimeField(
        label=_("Registration closes"), required=False, widget=DateTimeInput
    )
    call_url = forms.URLField(
        label=_("Call link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to people with a confirmed seat."),
    )
    recording_url = forms.URLField(
        label=_("Recording"), required=False, max_length=500, assume_scheme="https"
    )
    resources = forms.TypedMultipleChoiceField(
        label=_("Resources used"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    DATETIMES = ("starts_at", "ends_at", "registration_deadline")

    def __init__(self, *args, user=None, section: str = "session", editing: bool = False, **kw):
        super().__init__(*args, **kw)
        self.section = section
        self.fields["capacities"].choices = capacity_choices()
        self.fields["languages"].choices = language_choices()
        self.fields["interpretation_languages"].choices = language_choices()
        self.fields["time_zone"].choices = [(z, z) for z in time_zones()]
        self.fields["region"].choices = _blank(_("No particular region")) + region_choices()
        if section == "session":
            for name in ("kind", "online", "place", "region"):
                del self.fields[name]
        if editing:
            del self.fields["organization"]
            self.fields.pop("kind", None)
            self.fields["resources"].choices = resource_choices()
        else:
            for name in ("version", "recording_url", "resources"):
                del self.fields[name]
            self._setup_organization(user)

    def _setup_organization(self, user) -> None:
        organizations = speakable_organizations(user)
        field = self.fields["organization"]
        first = _blank(_("Myself")) if self.section == "session" else []
        if organizations or self.section != "session":
            field.widget = forms.Select(choices=first + [(o.slug, o.name) for o in organizations])
            field.required = self.section != "session"
        else:
            field.widget = forms.HiddenInput()

    def clean_organization(self) -> Organization | None:
        return resolve_organization(self.cleaned_data.get("organization"))

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        zone = event.time_zone

        def wall(value):
            return local_times(value, value, zone).starts.replace(tzinfo=None) if value else None

        return {
            "title": event.title,
            "description": event.description,
            "capacities": [c.code for c in event.capacities.all()],
            "starts_at": wall(event.starts_at),
            "ends_at": wall(event.ends_at),
            "time_zone": zone,
            "languages": event.languages,
            "interpretation_languages": event.interpretation_languages,
            "online": event.online,
            "place": event.place,
            "region": event.region,
            "seats": event.seats,
            "registration_deadline": wall(event.registration_deadline),
            "call_url": event.call_url,
            "recording_url": event.recording_url,
            "resources": [r.pk for r in event.resources.all()],
            "version": event.version,
        }

    def event_fields(self) -> dict:
        """Keyword arguments for event_create / event_update (without organization, kind,
        version); wall-clock times read in the chosen time zone."""
        data = dict(self.cleaned_data)
        for name in ("organization", "kind", "version"):
            data.pop(name, None)
        zone = data.get("time_zone") or "UTC"
        for name in self.DATETIMES:
            if data.get(name) is not None:
                data[name] = make_aware_in(data[name].replace(tzinfo=None), zone)
        return data


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttendanceForm(forms.Form):
    usernames = forms.MultipleChoiceField(
        label=_("Who attended"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usernames"].choices = [
            (r.user.username, r.user.profile.display_name or r.user.username) for r in registrations
        ]


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone with a seat or on the waitlist receives this message."),
    )


class AssistanceForm(forms.Form):
    """An affiliate's request for on-site technical assistance (becomes a need)."""

    organization = forms.CharField(label=_("For the organization"), max_length=80)
    title = forms.CharField(label=_("What do you need help with?"), max_length=200)
    capacities = forms.MultipleChoiceField(
        label=_("Capacities"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=MULTIPLE_HELP,
    )
    description = forms.CharField(
        label=_("Context"),
        required=False,
        max_length=8000,
        widget=forms.Textarea,
        help_text=_("Who would take part, what you have tried, what a visit should achieve."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    starts_on = forms.DateField(label=_("From"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = speakable_organizations(user)
        # Any slug parses; whether the user may speak for it is the service's to say (403).
        self.fields["organization"].widget = forms.Select(
            choices=[(o.slug, o.name) for o in organizations]
        )
        self.fields["capacities"].choices = capacity_choices()
        self.fields["languages"].choices = language_choices()

    def clean_organization(self) -> Organization | None:
        return resolve_organization(self.cleaned_data.get("organization"))
