"""The capacity map's filter form (GET): root capacity, depth, view, regions, languages and a
month to compare with. The CSV, JSON and SVG downloads take the same query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.core.languages import language_name
from capacityhub.core.regions import REGION_CHOICES
from capacityhub.exchange.capacity_map import LANGUAGE_VIEW, ONLINE, REGION_VIEW
from capacityhub.exchange.selectors.capacity_map import DEFAULT_DEPTH, MAX_DEPTH
from capacityhub.web.core.cldr import month_text
from capacityhub.web.core.forms import capacity_choices

VIEW_CHOICES = [(REGION_VIEW, _("Capacity × region")), (LANGUAGE_VIEW, _("Capacity × language"))]
DEPTH_CHOICES = [(str(n), str(n)) for n in range(1, MAX_DEPTH + 1)]


class CapacityMapForm(forms.Form):
    """Always bound, so the plain /map/ link shows the default map."""

    view = forms.ChoiceField(label=_("Show"), choices=VIEW_CHOICES, required=False)
    root = forms.ChoiceField(label=_("Start from"), required=False)
    depth = forms.TypedChoiceField(
        label=_("Levels shown"), choices=DEPTH_CHOICES, coerce=int, required=False
    )
    region = forms.MultipleChoiceField(
        label=_("Regions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every region."),
    )
    language = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the busiest languages."),
    )
    compare = forms.ChoiceField(label=_("Compare with"), required=False)

    def __init__(self, data, *args, languages=(), months=(), **kwargs):
        data = data.copy()
        for name, default in (("view", REGION_VIEW), ("depth", str(DEFAULT_DEPTH))):
            if not data.get(name):
                data[name] = default
        super().__init__(data, *args, **kwargs)
        fields = self.fields
        fields["root"].choices = [("", _("The whole taxonomy")), *capacity_choices()]
        fields["region"].choices = [*REGION_CHOICES, (ONLINE, _("Online"))]
        fields["language"].choices = [(code, language_name(code)) for code in languages]
        fields["compare"].choices = [("", _("Now only"))] + [
            (month.strftime("%Y-%m"), month_text(month)) for month in months
        ]
        self.months = {month.strftime("%Y-%m"): month for month in months}
        if not months:
            del fields["compare"]
        # Region boxes only make sense for the region view, language boxes for the language
        # view (when there are languages to choose from); `filters()` ignores the other one.
        if data["view"] == LANGUAGE_VIEW:
            fields["region"].widget = forms.MultipleHiddenInput()
        if not languages or data["view"] != LANGUAGE_VIEW:
            fields["language"].widget = forms.MultipleHiddenInput()

    def filters(self) -> dict:
        data = self.cleaned_data
        view = data.get("view") or REGION_VIEW
        return {
            "view": view,
            "root": data.get("root") or None,
            "depth": data.get("depth") or DEFAULT_DEPTH,
            "regions": (data.get("region") or None) if view == REGION_VIEW else None,
            "languages": (data.get("language") or None) if view == LANGUAGE_VIEW else None,
        }

    def compare_month(self):
        return self.months.get(self.cleaned_data.get("compare") or "")
