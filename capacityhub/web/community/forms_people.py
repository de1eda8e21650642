"""Forms of the people pages: the directory filter, profile edit, languages and capacities."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Relation
from capacityhub.community.selectors import FIELD_GROUPS, organization_list
from capacityhub.core.languages import (
    PROFICIENCY_LEVELS,
    country_choices,
    language_choices,
    time_zones,
)
from capacityhub.core.models import Visibility
from capacityhub.core.regions import REGION_CHOICES
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.core.forms import (
    capacity_choices,
    capacity_label_for_code,
    exact_capacity_field,
)
from capacityhub.web.core.pickers import first_languages
from capacityhub.web.templatetags.hub import level_name, proficiency

SORT_CHOICES = [
    ("name", _("Name, A to Z")),
    ("-name", _("Name, Z to A")),
    ("new", _("Newest first")),
]

VISIBILITY_LABELS = {
    "wikimedia_username": _("Who can see your Wikimedia username"),
    "pronouns": _("Who can see your pronouns"),
    "bio": _("Who can see your bio"),
    "location": _("Who can see your country and time zone"),
    "languages": _("Who can see your languages"),
    "affiliations": _("Who can see your organizations"),
    "capacities": _("Who can see your capacities"),
}


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class PeopleFilterForm(forms.Form):
    """The directory's GET filter. Always bound, so a link without parameters lists everyone.

    Narrower capacities are included unless "Only this capacity" (`exact`) is ticked, as on
    every list. Old links still work: `filtered=1` without `descendants` meant "only this
    capacity"."""

    q = forms.CharField(label=_("Name or username"), required=False, max_length=100)
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    exact = exact_capacity_field()
    relation = forms.ChoiceField(label=_("Who"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        if data.get("filtered") and not data.get("descendants") and "exact" not in data:
            data["exact"] = "on"  # the old "Include narrower capacities", unticked
        super().__init__(data, *args, **kwargs)
        fields = self.fields
        fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        fields["relation"].choices = [
            ("", _("Knows, offers or wants it")),
            (Relation.OFFERS, _("Offers it")),
            (Relation.WANTS, _("Wants to learn it")),
            (Relation.KNOWS, _("Knows it")),
        ]
        fields["language"].choices = _blank(_("Any language")) + language_choices()
        fields["region"].choices = _blank(_("Any region")) + [
            (code, str(name)) for code, name in REGION_CHOICES
        ]
        language = (get_language() or "en").split("-")[0]
        rows = organization_list().values_list("id", "slug", "name", "names")
        self.organization_ids = {slug: pk for pk, slug, _name, _names in rows}
        fields["organization"].choices = _blank(_("Any organization")) + [
            (slug, (names or {}).get(language) or name) for _pk, slug, name, names in rows
        ]

    def clean_capacity(self) -> int | None:
        code = self.cleaned_data["capacity"]
        return capacity_code_map().get(code) if code else None

    def clean_organization(self) -> int | None:
        slug = self.cleaned_data["organization"]
        return self.organization_ids.get(slug) if slug else None

    def filters(self) -> dict:
        """Keyword arguments for profile_list()."""
        data = self.cleaned_data
        return {
            "capacity_id": data["capacity"],
            "relation": data["relation"] or None,
            "include_descendants": not data["exact"],
            "language": data["language"] or None,
            "region": data["region"] or None,
            "organization_id": data["organization"],
            "q": data["q"].strip() or None,
            "sort": data["sort"] or "name",
        }


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=120)
    wikimedia_username = forms.CharField(
        label=_("Wikimedia username"), required=False, max_length=120
    )
    pronouns = forms.CharField(
        label=_("Pronouns"), required=False, max_length=40, help_text=_("For example: she/her.")
    )
    bio = forms.CharField(
        label=_("About me"), required=False, max_length=4000, widget=forms.Textarea
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    # Each visibility choice follows the field it governs.
    FIELD_ORDER = [
        "display_name",
        "wikimedia_username",
        "wikimedia_username_visibility",
        "pronouns",
        "pronouns_visibility",
        "bio",
        "bio_visibility",
        "country",
        "time_zone",
        "location_visibility",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(_("Not given")) + country_choices()
        self.fields["time_zone"].choices = _blank(_("Not given")) + [
            (name, name.replace("_", " ")) for name in time_zones()
        ]
        for group in FIELD_GROUPS:
            self.fields[f"{group}_visibility"] = forms.ChoiceField(
                label=VISIBILITY_LABELS.get(group, group), choices=Visibility.choices
            )
        self.order_fields(self.FIELD_ORDER)

    @classmethod
    def initial_for(cls, profile) -> dict:
        names = ["display_name", "wikimedia_username", "pronouns", "bio", "country", "time_zone"]
        names += [f"{group}_visibility" for group in FIELD_GROUPS]
        return {"version": profile.version, **{name: getattr(profile, name) for name in names}}

    def changes(self) -> dict:
        """Keyword arguments for profile_update(), besides expected_version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def _language_groups() -> list:
    """The reader's own and the commonest languages first, then all of them (by name)."""
    choices = language_choices()
    names = dict(choices)
    first = [(code, names[code]) for code in first_languages() if code in names]
    return [(_("Your language and the most used"), first), (_("All languages"), choices)]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    proficiency = forms.TypedChoiceField(
        label=_("Proficiency"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _blank(_("—")) + _language_groups()
        # No silent default: a blank first option, so a chosen language needs a chosen level.
        self.fields["proficiency"].choices = _blank(_("— how well?")) + [
            (level, proficiency(level) if level == 0 else f"{level} · {proficiency(level)}")
            for level in PROFICIENCY_LEVELS
        ]

    def clean(self):
        data = super().clean()
        if data.get("language") and data.get("proficiency") is None:
            self.add_error("proficiency", _("Choose how well you know this language."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            code = form.cleaned_data.get("language")
            if code and code in seen:
                form.add_error("language", _("This language is listed twice."))
            seen.add(code)

    def languages(self) -> dict[str, int]:
        """{code: proficiency} for profile_set_languages(); blank rows are skipped."""
        return {
            form.cleaned_data["language"]: form.cleaned_data["proficiency"]
            for form in self.forms
            if form.cleaned_data.get("language")
        }


LanguageFormSet = forms.formset_factory(
    LanguageForm, formset=BaseLanguageFormSet, extra=3, max_num=50, absolute_max=60
)


class ClaimForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, initial=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = _blank(_("—")) + capacity_choices()
        self.fields["level"].choices = [
            (level, f"{level} · {level_name(level)}") for level in range(1, 6)
        ]


class BaseClaimFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            code = form.cleaned_data.get("capacity")
            if code and code in seen:
                form.add_error(
                    "capacity",
                    _("%(capacity)s is listed twice.")
                    % {"capacity": capacity_label_for_code(code)},
                )
            seen.add(code)

    def claims(self, relation: str) -> list[tuple[str, str, int]]:
        """[(code, relation, level)] for profile_set_capacities(); blank rows are skipped."""
        return [
            (form.cleaned_data["capacity"], relation, form.cleaned_data["level"])
            for form in self.forms
            if form.cleaned_data.get("capacity")
        ]


ClaimFormSet = forms.formset_factory(
    ClaimForm, formset=BaseClaimFormSet, extra=3, max_num=200, absolute_max=220
)
