"""Forms of the integrity pages: declaring an interest, filtering the audit log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization, User
from capacityhub.integrity.models import InterestKind


class InterestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=InterestKind.choices)
    organization = forms.CharField(
        label=_("Organization (its address name, e.g. wm-kano)"), max_length=80, required=False
    )
    person = forms.CharField(label=_("Person (username)"), max_length=150, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    started_on = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_organization(self):
        slug = self.cleaned_data["organization"].strip()
        if not slug:
            return None
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(_("No organization has this address name."))
        return organization

    def clean_person(self):
        username = self.cleaned_data["person"].strip()
        if not username:
            return None
        person = User.objects.filter(username=username, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody has this username."))
        return person


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (username)"), max_length=150, required=False)
    target_type = forms.CharField(
        label=_("Object type (e.g. integrity.decision)"), max_length=80, required=False
    )
    target_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    action = forms.CharField(
        label=_("Kind of change"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"list": "audit-actions"}),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
