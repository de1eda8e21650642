"""Forms for the recognition pages: they shape input; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Evidence
from capacityhub.recognition.kinds import BADGE_IMAGES, BarnstarKind
from capacityhub.recognition.rules import RULE_KINDS
from capacityhub.web.core.forms import capacity_choices


class BarnstarForm(forms.Form):
    recipient = forms.CharField(label=_("Member's username"), max_length=150)
    kind = forms.ChoiceField(label=_("Barnstar"), choices=BarnstarKind.choices)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    capacity = forms.ChoiceField(label=_("Capacity (optional)"), required=False)
    activity = forms.CharField(
        label=_("Activity (optional)"),
        required=False,
        max_length=80,
        help_text=_("The connection, session, event, resource or mentorship, e.g. events.event:12"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = [("", "—"), *capacity_choices()]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


RULE_LABELS = {
    "": _("By hand only"),
    "evidence_count": _("Evidence count"),
    "session_languages": _("Live sessions taught in several languages"),
    "stage_completion": _("Programme stages completed"),
}


class AchievementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    criteria = forms.CharField(
        label=_("Criteria, in words"), widget=forms.Textarea(attrs={"rows": 3})
    )
    image = forms.ChoiceField(label=_("Image"), choices=BADGE_IMAGES)
    organization = forms.ChoiceField(label=_("Issued by"), required=False)
    capacities = forms.MultipleChoiceField(label=_("Aligned capacities"), required=False)
    valid_days = forms.IntegerField(
        label=_("Valid for (days, optional)"), required=False, min_value=1, max_value=3650
    )
    rule_kind = forms.ChoiceField(label=_("Awarded automatically by"), required=False)
    rule_evidence_kind = forms.ChoiceField(label=_("Evidence kind"), required=False)
    rule_source_model = forms.CharField(
        label=_("Evidence from (app.model, optional)"), required=False, max_length=60
    )
    rule_capacity = forms.ChoiceField(label=_("Evidence for capacity (optional)"), required=False)
    rule_number = forms.IntegerField(
        label=_("Minimum (count, or number of languages)"),
        required=False,
        min_value=1,
        max_value=1000,
    )
    rule_programme = forms.IntegerField(
        label=_("Of the programme number (optional)"), required=False, min_value=1
    )
    rule_stage = forms.IntegerField(
        label=_("Only its stage at position (optional)"), required=False, min_value=1
    )

    def __init__(self, *args, organizations=(), staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = capacity_choices()
        self.fields["capacities"].choices = choices
        self.fields["rule_capacity"].choices = [("", "—"), *choices]
        self.fields["rule_kind"].choices = [
            (k, RULE_LABELS.get(k, k)) for k in ["", *sorted(RULE_KINDS)]
        ]
        self.fields["rule_evidence_kind"].choices = [("", "—"), *Evidence.Kind.choices]
        hub = [("", _("The hub"))] if staff else []
        self.fields["organization"].choices = hub + [(o.slug, o.name) for o in organizations]

    def badge_fields(self) -> dict:
        """What the badge services take from this form, for defining and editing alike."""
        data = self.cleaned_data
        fields = ("name", "description", "criteria", "image", "capacities", "valid_days")
        return {key: data[key] for key in fields} | {
            "rule_kind": data["rule_kind"],
            "rule_params": self.rule_params(),
        }

    def rule_params(self) -> dict:
        data = self.cleaned_data
        kind, number = data.get("rule_kind"), data.get("rule_number")
        if kind == "session_languages":
            return {"languages": number or 2}
        if kind == "stage_completion":
            params = {"minimum": number or 1}
            for key in ("programme", "stage"):
                if data.get(f"rule_{key}"):
                    params[key] = data[f"rule_{key}"]
            return params
        if kind == "evidence_count":
            params = {"kind": data.get("rule_evidence_kind"), "minimum": number or 1}
            if data.get("rule_source_model"):
                params["source_model"] = data["rule_source_model"]
            if data.get("rule_capacity"):
                params["capacity"] = data["rule_capacity"]
            return params
        return {}


class AwardForm(forms.Form):
    recipient = forms.CharField(label=_("Member's username"), max_length=150)


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Credential (JSON or JWT)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=200_000,
    )
