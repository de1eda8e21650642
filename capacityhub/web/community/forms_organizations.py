"""Forms for the organization directory, its edit page and its members page.

Forms only parse and check the shape of input; the rules live in community.services.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import Membership, OrganizationKind, Relation
from capacityhub.core.languages import country_choices, is_language, language_choices
from capacityhub.core.regions import REGION_CHOICES
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels, taxonomy_tree
from capacityhub.web.core.forms import exact_capacity_field

ORGANIZATION_RELATIONS = [
    (Relation.OFFERS.value, Relation.OFFERS.label),
    (Relation.WANTS.value, Relation.WANTS.label),
]
LEVEL_CHOICES = [
    (1, gettext_lazy("1 · beginner")),
    (2, gettext_lazy("2 · basic")),
    (3, gettext_lazy("3 · intermediate")),
    (4, gettext_lazy("4 · advanced")),
    (5, gettext_lazy("5 · expert")),
]


def capacity_choices() -> list[tuple[str, str]]:
    """Every active capacity as (code, label), depth-first, indented by depth. No queries
    beyond the cached taxonomy reads."""
    tree = taxonomy_tree()
    labels = capacity_labels()
    codes = {cid: code for code, cid in capacity_code_map().items()}
    choices: list[tuple[str, str]] = []
    stack = [(cid, 0) for cid in reversed(tree.roots())]
    while stack:
        cid, depth = stack.pop()
        label = labels[cid].label if cid in labels else codes.get(cid, "")
        choices.append((codes[cid], "\u2003" * depth + label))
        stack.extend((child, depth + 1) for child in reversed(tree.children.get(cid, ())))
    return choices


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class OrganizationFilterForm(forms.Form):
    """GET filters of the directory. Invalid values are simply ignored (see `filters`)."""

    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    capacity = forms.ChoiceField(label=gettext_lazy("Capacity"), required=False)
    exact = exact_capacity_field()
    relation = forms.ChoiceField(label=gettext_lazy("Offers or wants"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["kind"].choices = _blank(_("Any kind")) + list(OrganizationKind.choices)
        self.fields["region"].choices = _blank(_("Any region")) + REGION_CHOICES
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        self.fields["relation"].choices = _blank(_("Offers or wants")) + ORGANIZATION_RELATIONS

    def filters(self) -> dict:
        """Keyword arguments for `organization_list` from the valid fields only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("capacity")
        return {
            "kind": data.get("kind") or None,
            "region": data.get("region") or None,
            "language": data.get("language") or None,
            "capacity_id": capacity_code_map().get(code) if code else None,
            "descendants": not data.get("exact"),
            "relation": data.get("relation") or None,
            "q": (data.get("q") or "").strip() or None,
        }


def parse_names(text: str) -> dict[str, str]:
    """'fr: Wikimédiens de Kano' lines → {'fr': 'Wikimédiens de Kano'}; raises with the line."""
    names: dict[str, str] = {}
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        code, separator, name = line.partition(":")
        code, name = code.strip().lower(), name.strip()
        if not separator or not name:
            errors.append(
                _("Line %(n)d: write a language code, a colon, then the name.") % {"n": number}
            )
        elif not is_language(code):
            errors.append(
                _("Line %(n)d: “%(code)s” is not a language code.") % {"n": number, "code": code}
            )
        elif code in names:
            errors.append(_("Line %(n)d: “%(code)s” is given twice.") % {"n": number, "code": code})
        elif len(name) > 200:
            errors.append(
                _("Line %(n)d: the name is too long (200 characters at most).") % {"n": number}
            )
        else:
            names[code] = name
    if errors:
        raise forms.ValidationError(errors)
    return names


def format_names(names: dict[str, str]) -> str:
    return "\n".join(f"{code}: {name}" for code, name in sorted(names.items()))


class OrganizationForm(forms.Form):
    """Create and edit an organization. `version` is only present when editing."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    names = forms.CharField(
        label=gettext_lazy("Name in other languages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One per line: language code, colon, name, e.g. “fr: Wikimédiens de Kano”."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OrganizationKind.choices)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, max_length=8000, widget=forms.Textarea
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("Hold Ctrl (or ⌘) to choose several."),
    )
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    website = forms.URLField(
        label=gettext_lazy("Website"), required=False, max_length=200, assume_scheme="https"
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Working languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("Hold Ctrl (or ⌘) to choose several."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, editing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = country_choices()
        self.fields["region"].choices = _blank(_("No region")) + REGION_CHOICES
        self.fields["languages"].choices = language_choices()
        if not editing:
            del self.fields["version"]

    @classmethod
    def initial_for(cls, organization) -> dict:
        return {
            "name": organization.name,
            "names": format_names(organization.names),
            "kind": organization.kind,
            "description": organization.description,
            "countries": organization.countries,
            "region": organization.region,
            "website": organization.website,
            "languages": [ol.language for ol in organization.languages.all()],
            "version": organization.version,
        }

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_names(self) -> dict[str, str]:
        return parse_names(self.cleaned_data.get("names") or "")

    def organization_fields(self) -> dict:
        """Keyword arguments for organization_create / organization_update."""
        data = self.cleaned_data
        fields = ["name", "names", "kind", "description", "countries", "region", "website"]
        return {name: data[name] for name in fields}


class OrganizationCapacityForm(forms.Form):
    """One row: a capacity the organization offers or wants, with its level."""

    capacity = forms.ChoiceField(label=gettext_lazy("Capacity"), required=False)
    exact = exact_capacity_field()
    relation = forms.ChoiceField(
        label=gettext_lazy("Offers or wants"), choices=ORGANIZATION_RELATIONS, initial="offers"
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"), choices=LEVEL_CHOICES, coerce=int, initial=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].choices = _blank("—") + capacity_choices()


class BaseCapacityFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            code = form.cleaned_data.get("capacity")
            if not code:
                continue
            key = (code, form.cleaned_data["relation"])
            if key in seen:
                raise forms.ValidationError(
                    _("The same capacity is listed twice with the same relation.")
                )
            seen.add(key)

    def claims(self) -> list[tuple[str, str, int]]:
        return [
            (
                form.cleaned_data["capacity"],
                form.cleaned_data["relation"],
                form.cleaned_data["level"],
            )
            for form in self.forms
            if form.cleaned_data.get("capacity")
        ]


CapacityFormSet = forms.formset_factory(
    OrganizationCapacityForm, formset=BaseCapacityFormSet, extra=3, max_num=200, validate_max=True
)


def capacity_initial(organization) -> list[dict]:
    codes = {cid: code for code, cid in capacity_code_map().items()}
    return [
        {
            "capacity": codes.get(claim.capacity_id, ""),
            "relation": claim.relation,
            "level": claim.level,
        }
        for claim in organization.claims.all()
    ]


class MemberAddForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=Membership.Role.choices, initial="member"
    )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip()


class MemberChangeForm(forms.Form):
    """Change a member's role or remove them (the button pressed says which)."""

    username = forms.CharField(widget=forms.HiddenInput, max_length=150)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=Membership.Role.choices, required=False
    )
