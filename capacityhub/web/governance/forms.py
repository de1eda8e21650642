"""Forms of the governance pages; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.governance.measures import measures
from capacityhub.governance.models import Choice, ChosenBy, Role
from capacityhub.governance.recommendations import RECOMMENDATIONS
from capacityhub.web.core.forms import capacity_choices


class TermForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    chosen_by = forms.ChoiceField(label=_("Chosen by"), choices=ChosenBy.choices)
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts (UTC)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Where"), max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    paper_text = forms.CharField(label=_("Paper"), widget=forms.Textarea, required=False,
                                 max_length=20000)  # fmt: skip
    paper_url = forms.CharField(label=_("Paper link"), max_length=500, required=False)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, seated=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(t.person_id), f"{t.person.profile.display_name} ({t.get_role_display()})")
            for t in seated
        ]


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, max_length=40000)


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Motion"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False, max_length=8000)
    subject_type = forms.CharField(
        label=_("Subject type"), max_length=80,
        help_text=_("The kind of hub object decided on, e.g. funding.budgetline."),
    )  # fmt: skip
    subject_id = forms.CharField(label=_("Subject id"), max_length=64)
    outcome = forms.CharField(label=_("Outcome"), max_length=40, initial="approved")


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices,
                               widget=forms.RadioSelect)  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False,
        help_text=_("Needed when you recuse yourself without a registered conflict."),
    )  # fmt: skip


class AdviceForm(forms.Form):
    title = forms.CharField(label=_("Your question in a line"), max_length=200)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea, max_length=8000)
    capacities = forms.MultipleChoiceField(label=_("Capacities"))
    languages = forms.CharField(
        label=_("Languages"), max_length=200, required=False,
        help_text=_("Language codes separated by spaces, e.g. fr sw."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacities"].choices = capacity_choices()


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea, max_length=20000)


class PlanTargetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    recommendation = forms.ChoiceField(label=_("Recommendation"))
    measure = forms.ChoiceField(label=_("Measure"))
    baseline = forms.IntegerField(label=_("Baseline"), min_value=0, initial=0)
    target = forms.IntegerField(label=_("Target"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [
            (k, f"{k} — {v}") for k, v in RECOMMENDATIONS.items()
        ]
        self.fields["measure"].choices = [(m.key, m.label) for m in measures()]
