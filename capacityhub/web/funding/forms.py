"""Forms of the funding pages: shapes only; the services check everything."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.core.regions import REGION_CHOICES
from capacityhub.funding.models import Scope, TransactionType


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), required=False, coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]


class TransactionForm(forms.Form):
    type = forms.ChoiceField(label=_("Type (IATI)"), choices=TransactionType.choices)
    value_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Description"), max_length=400)
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2)
    currency = forms.CharField(
        label=_("Currency"), max_length=3, help_text=_("ISO 4217 code, e.g. EUR, XOF, INR.")
    )
    rate = forms.DecimalField(
        label=_("Rate to the reporting currency"), max_digits=20, decimal_places=8
    )
    rate_date = forms.DateField(
        label=_("Rate date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    rate_source = forms.CharField(label=_("Rate source"), max_length=200)
    decision = forms.IntegerField(
        label=_("Approving decision (number)"), required=False, min_value=1,
        help_text=_("Required for commitments and disbursements."),
    )  # fmt: skip
    application = forms.IntegerField(
        label=_("Award (application number)"), required=False, min_value=1
    )
    paid_for = forms.CharField(
        label=_("Paid for"), required=False, max_length=120,
        help_text=_("app.model:id, e.g. events.event:12; filled in for an award."),
    )  # fmt: skip
    budget_line = forms.TypedChoiceField(
        label=_("Budget line"), required=False, coerce=int, empty_value=None
    )
    recipient_organization = forms.SlugField(
        label=_("Recipient organization (slug)"), required=False, max_length=80
    )
    recipient_person = forms.CharField(
        label=_("Recipient person (username)"), required=False, max_length=150
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].choices = [("", _("None"))] + [
            (line.pk, f"{line.budget.fiscal_year} · {line.title}") for line in lines
        ]


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=400)


class CheckpointForm(forms.Form):
    reason = forms.CharField(label=_("Note"), max_length=400, required=False)


class BudgetForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea, max_length=4000)


class BudgetLineForm(forms.Form):
    budget = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("No region")), *REGION_CHOICES]
    )
    programme = forms.CharField(label=_("Programme"), required=False, max_length=120)
    call = forms.IntegerField(label=_("Call (number)"), required=False, min_value=1)
    organization = forms.SlugField(
        label=_("Organization funded (its short name, optional)"), required=False
    )
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0)

    def __init__(self, *args, budgets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].choices = [(b.pk, str(b.fiscal_year)) for b in budgets]


class ConsentForm(forms.Form):
    public = forms.BooleanField(label=_("Show my name on money I receive"), required=False)
