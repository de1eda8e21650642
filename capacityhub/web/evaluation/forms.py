"""Forms of the evaluation pages (parsing only; rules live in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.evaluation.models import Level, SurveyKind
from capacityhub.evaluation.subjects import KINDS

LINES_HELP = _("One per line.")


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LogicModelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    inputs = forms.CharField(
        label=_("Inputs"), widget=forms.Textarea, required=False, help_text=LINES_HELP
    )
    activities = forms.CharField(
        label=_("Activities"), widget=forms.Textarea, required=False, help_text=LINES_HELP
    )
    outputs = forms.CharField(
        label=_("Outputs"), widget=forms.Textarea, required=False, help_text=LINES_HELP
    )
    outcomes = forms.CharField(label=_("Outcomes"), widget=forms.Textarea, required=False,
                               help_text=LINES_HELP)  # fmt: skip

    def parts(self) -> dict:
        data = self.cleaned_data
        return {k: lines(data[k]) for k in ("inputs", "activities", "outputs", "outcomes")}


class SubjectForm(forms.Form):
    subject_type = forms.ChoiceField(label=_("What is evaluated"))
    subject_id = forms.IntegerField(label=_("Its number in the hub"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_type"].choices = [(k, v.label) for k, v in KINDS.items()]


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    level = forms.TypedChoiceField(label=_("Level"), choices=Level.choices, coerce=int)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.FloatField(label=_("Baseline"), required=False)
    target = forms.FloatField(label=_("Target"), required=False)
    figure = forms.CharField(label=_("Figure that gives its current value"), max_length=60,
                             required=False)  # fmt: skip


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyKind.choices)
    form = forms.IntegerField(label=_("Form number (from the form builder)"), min_value=1)
    score_key = forms.SlugField(label=_("Score question key"), required=False)
    activity_ends_on = forms.DateField(label=_("Activity ends on"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("Link my answers to me, so my before and after answers can be compared and "
                "follow-ups sent. Without this, my answers are kept but not linked to me."),
        required=False,
    )  # fmt: skip
