"""The mentoring pages' forms: they shape input; the rules are in the services."""

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Evidence
from capacityhub.mentoring.models import Stage, StageActivity
from capacityhub.web.core.forms import capacity_choices

LANGUAGES_HELP = _("Language codes separated by commas, e.g. “es, pt”.")


class DateInput(forms.DateInput):
    input_type = "date"


def codes(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class CapacitiesMixin:
    def _capacities(self):
        self.fields["capacities"].choices = capacity_choices()


class ProgrammeForm(CapacitiesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    capacities = forms.MultipleChoiceField(label=_("Capacities it builds"))
    languages = forms.CharField(label=_("Languages"), required=False, help_text=LANGUAGES_HELP)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._capacities()
        self.organizations = list(organizations)
        if self.organizations:
            self.fields["organization"] = forms.ChoiceField(
                label=_("Run by"),
                required=False,
                choices=[("", _("The Capacity Building Unit"))]
                + [(str(o.pk), o.name) for o in self.organizations],
            )


class StageForm(forms.Form):
    title = forms.CharField(label=_("Stage title"), max_length=200)
    entry_criteria = forms.CharField(
        label=_("Entry criteria"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    completion = forms.ChoiceField(label=_("Completed by"), choices=Stage.Completion.choices)
    evidence_kind = forms.ChoiceField(
        label=_("Evidence kind"), required=False, choices=[("", "—"), *Evidence.Kind.choices]
    )
    evidence_capacity = forms.ChoiceField(label=_("Evidence for capacity"), required=False)
    activity_kind = forms.ChoiceField(
        label=_("Activity"), required=False, choices=[("", "—"), *StageActivity.Kind.choices]
    )
    activity_title = forms.CharField(label=_("Activity title"), max_length=200, required=False)
    activity_link = forms.CharField(label=_("Activity link"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_capacity"].choices = [("", "—"), *capacity_choices()]


class CohortForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    facilitators = forms.CharField(
        label=_("Facilitators"), required=False, help_text=_("Usernames separated by commas.")
    )
    intake_call = forms.ChoiceField(label=_("Intake call"), required=False)

    def __init__(self, *args, calls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake_call"].choices = [("", "—")] + [(str(c.pk), str(c)) for c in calls]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MentorForm(CapacitiesMixin, forms.Form):
    capacities = forms.MultipleChoiceField(label=_("Capacities you mentor in"))
    languages = forms.CharField(label=_("Languages you mentor in"), help_text=LANGUAGES_HELP)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    hours_per_month = forms.IntegerField(label=_("Hours per month"), min_value=1, max_value=200)
    max_mentees = forms.IntegerField(label=_("Most mentees at once"), min_value=1, max_value=50)
    is_active = forms.BooleanField(label=_("Taking mentees"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._capacities()
        self.fields["time_zone"].choices = time_zone_choices()


class AwayForm(forms.Form):
    starts_on = forms.DateField(label=_("Away from"), widget=DateInput)
    ends_on = forms.DateField(label=_("Back after"), widget=DateInput)


class RequestForm(CapacitiesMixin, forms.Form):
    capacities = forms.MultipleChoiceField(label=_("What you want to learn"))
    level_wanted = forms.TypedChoiceField(
        label=_("Level you want to reach"),
        coerce=int,
        initial=3,
        choices=[(n, str(n)) for n in range(1, 6)],
    )
    languages = forms.CharField(label=_("Languages"), help_text=LANGUAGES_HELP)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    preferences = forms.CharField(
        label=_("Anything a mentor should know"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    cohort = forms.ChoiceField(label=_("Programme cohort"), required=False)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._capacities()
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["cohort"].choices = [("", "—")] + [(str(c.pk), str(c)) for c in cohorts]


class PairForm(forms.Form):
    mentor = forms.CharField(label=_("Mentor's username"), max_length=150)
    reason = forms.CharField(label=_("Why this pair"), widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    met_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput)
    notes = forms.CharField(
        label=_("Notes (only the two of you see them)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


def time_zone_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(z, z) for z in sorted(zoneinfo.available_timezones()) if "/" in z]
