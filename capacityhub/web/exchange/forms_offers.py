"""Forms of the offers pages: the list filter, making and editing an offer, availability.

Forms only parse and check the shape of input; the rules live in exchange.services.offers.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.core.languages import language_choices
from capacityhub.exchange.models import Offer
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.core.forms import capacity_choices, exact_capacity_field
from capacityhub.web.exchange.forms_needs import (
    LEVEL_CHOICES,
    MULTIPLE_HELP,
    ActForOrganizationMixin,
    DateInput,
    method_choices,
    region_choices,
    setup_organization_field,
)

HOLDER_CHOICES = [
    ("", _("People and organizations")),
    ("person", _("People")),
    ("organization", _("Organizations")),
]
SORT_CHOICES = [
    ("new", _("Newest first")),
    ("level", _("Highest level first")),
    ("old", _("Oldest first")),
]


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class OfferFilterForm(forms.Form):
    """GET filters of the offers list. Invalid values are ignored (see `filters`)."""

    q = forms.CharField(label=_("Name or words"), required=False, max_length=100)
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    exact = exact_capacity_field()
    holder = forms.ChoiceField(label=_("Offered by"), required=False, choices=HOLDER_CHOICES)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    method = forms.ChoiceField(label=_("Way of helping"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        self.fields["region"].choices = _blank(_("Any region")) + region_choices()
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()
        self.fields["method"].choices = _blank(_("Any way")) + method_choices()

    def filters(self) -> dict:
        """Keyword arguments for offer_list() from the valid fields only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("capacity")
        return {
            "capacity_id": capacity_code_map().get(code) if code else None,
            "descendants": not data.get("exact"),
            "holder": data.get("holder") or None,
            "region": data.get("region") or None,
            "language": data.get("language") or None,
            "method": data.get("method") or None,
            "q": (data.get("q") or "").strip() or None,
            "sort": data.get("sort") or "new",
        }


class OfferForm(ActForOrganizationMixin, forms.Form):
    """Make or edit an offer. Capacity and holder are chosen only when making one."""

    organization = forms.CharField(label=_("Offered by"), required=False, max_length=80)
    capacity = forms.ChoiceField(
        label=_("Capacity"),
        help_text=_("A person can offer only a capacity they also know (see “My capacities”)."),
        # data-picker: pickers.js turns it into a search box with a chip; without JavaScript
        # it stays a plain select.
        widget=forms.Select(attrs={"data-picker": "capacities"}),
    )
    level = forms.TypedChoiceField(label=_("Your level"), choices=LEVEL_CHOICES, coerce=int)
    description = forms.CharField(
        label=_("How you can help"), required=False, max_length=4000, widget=forms.Textarea
    )
    methods = forms.MultipleChoiceField(
        label=_("Ways of helping"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    online = forms.BooleanField(label=_("Online"), required=False, initial=True)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["methods"].choices = method_choices()
        self.fields["languages"].choices = language_choices()
        self.fields["region"].choices = _blank(_("No particular region")) + region_choices()
        if editing:
            del self.fields["organization"]
            del self.fields["capacity"]
            return
        self.fields["capacity"].choices = _blank("—") + capacity_choices()
        setup_organization_field(self.fields["organization"], user)

    @classmethod
    def initial_for(cls, offer: Offer) -> dict:
        return {
            "level": offer.claim.level,
            "description": offer.description,
            "methods": [m.code for m in offer.methods.all()],
            "languages": offer.languages,
            "online": offer.online,
            "region": offer.region,
        }

    def offer_fields(self) -> dict:
        """Keyword arguments for offer_create / offer_update (without organization)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "organization"}


class AvailabilityForm(forms.Form):
    hours_per_month = forms.IntegerField(
        label=_("Hours a month"), min_value=0, max_value=200, initial=4
    )
    max_connections = forms.IntegerField(
        label=_("Most connections at once"),
        min_value=1,
        max_value=50,
        initial=2,
        help_text=_("Matching stops suggesting you once this many are under way."),
    )
    away_until = forms.DateField(
        label=_("Away until"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty when you are around."),
    )

    @classmethod
    def initial_for(cls, availability) -> dict:
        if availability is None:
            return {}
        return {
            "hours_per_month": availability.hours_per_month,
            "max_connections": availability.max_connections,
            "away_until": availability.away_until,
        }
