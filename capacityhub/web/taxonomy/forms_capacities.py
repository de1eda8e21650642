"""Forms of the taxonomy pages: search, proposals and staff decisions."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capacityhub.core.languages import language_name
from capacityhub.taxonomy.models import Capacity, CapacityProposal
from capacityhub.taxonomy.selectors import capacity_get
from capacityhub.web.core.forms import capacity_choices


class CapacitySearchForm(forms.Form):
    q = forms.CharField(label=_("Search capacities"), required=False, max_length=100)


class ProposalForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the label and description"))
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea
    )
    parent = forms.ChoiceField(
        label=_("Broader capacity"),
        required=False,
        help_text=_("Where the capacity belongs in the taxonomy."),
    )
    rationale = forms.CharField(
        label=_("Why is this needed?"), required=False, max_length=4000, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.fields["parent"].choices = [("", _("— none (top level) —")), *capacity_choices()]

    def clean_parent(self) -> Capacity | None:
        code = self.cleaned_data["parent"]
        if not code:
            return None
        try:
            return capacity_get(code=code)
        except Capacity.DoesNotExist:
            raise forms.ValidationError(_("Unknown capacity.")) from None


class ProposalFilterForm(forms.Form):
    ALL = "all"
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            *CapacityProposal.Status.choices,
            (self.ALL, _("All")),
        ]

    def status_filter(self) -> str | None:
        """The status to list: pending unless the reader chose another (or all)."""
        status = self.cleaned_data.get("status") if self.is_valid() else ""
        if status == self.ALL:
            return None
        return status or CapacityProposal.Status.PENDING


class DecisionForm(forms.Form):
    """Approve or reject. Whether a note is required is the service's rule, not the form's."""

    note = forms.CharField(
        label=_("Note to the proposer"), required=False, max_length=4000, widget=forms.Textarea
    )


class RejectForm(DecisionForm):
    note = forms.CharField(
        label=_("Note to the proposer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text=_("Required: tell the proposer why."),
    )
