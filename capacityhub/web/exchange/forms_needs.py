"""Forms of the needs pages: the list filter, stating and editing a need, moving its status.

Forms only parse and check the shape of input; the rules live in exchange.services.needs.
"""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import organization_list, organizations_managed_by
from capacityhub.core.languages import language_choices
from capacityhub.core.models import Visibility
from capacityhub.core.regions import REGION_CHOICES
from capacityhub.exchange.models import Need
from capacityhub.exchange.selectors.needs import STATUS_ACTIVE, STATUS_ANY
from capacityhub.taxonomy.selectors import capacity_code_map, method_list
from capacityhub.web.core.forms import capacity_choices, exact_capacity_field

LEVEL_CHOICES = [
    (1, _("1 · beginner")),
    (2, _("2 · basic")),
    (3, _("3 · intermediate")),
    (4, _("4 · advanced")),
    (5, _("5 · expert")),
]
SORT_CHOICES = [
    ("new", _("Newest first")),
    ("old", _("Oldest first")),
    ("ends", _("Ending soonest")),
    ("title", _("Title, A to Z")),
]
MULTIPLE_HELP = _("Hold Ctrl (or ⌘) to choose several.")
# What a person may move a need to; `expired` happens by itself.
STATUS_TARGETS = [
    (Need.Status.IN_PROGRESS.value, Need.Status.IN_PROGRESS.label),
    (Need.Status.FULFILLED.value, Need.Status.FULFILLED.label),
    (Need.Status.CLOSED.value, Need.Status.CLOSED.label),
]


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


def region_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in REGION_CHOICES]


def method_choices() -> list[tuple[str, str]]:
    """The toolbox, labelled in the reader's language."""
    language = (get_language() or "en").split("-")[0]
    return [(method.code, method.label(language)) for method in method_list()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NeedFilterForm(forms.Form):
    """GET filters of the needs list. Invalid values are ignored (see `filters`)."""

    q = forms.CharField(
        label=_("Words in the title or description"), required=False, max_length=100
    )
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    exact = exact_capacity_field()
    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, default_status: str = STATUS_ACTIVE, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_status = default_status
        self.fields["q"].widget.input_type = "search"
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        active, any_status = _("Open or in progress"), _("Any status")
        if default_status == STATUS_ACTIVE:
            first = [("", active), (STATUS_ANY, any_status)]
        else:
            first = [("", any_status), (STATUS_ACTIVE, active)]
        self.fields["status"].choices = first + list(Need.Status.choices)
        self.fields["region"].choices = _blank(_("Any region")) + region_choices()
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()

    def filters(self) -> dict:
        """Keyword arguments for need_list() from the valid fields only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("capacity")
        return {
            "capacity_id": capacity_code_map().get(code) if code else None,
            "descendants": not data.get("exact"),
            "status": data.get("status") or self.default_status,
            "region": data.get("region") or None,
            "language": data.get("language") or None,
            "q": (data.get("q") or "").strip() or None,
            "sort": data.get("sort") or "new",
        }


class ActForOrganizationMixin:
    """For forms with an `organization` field set up by `setup_organization_field`."""

    def clean_organization(self) -> Organization | None:
        return resolve_organization(self.cleaned_data.get("organization"))

    def chosen_organization(self) -> Organization | None:
        return self.cleaned_data.get("organization")


class NeedForm(ActForOrganizationMixin, forms.Form):
    """State or edit a need. `organization` only when stating one; `version` only when editing."""

    organization = forms.CharField(label=_("On behalf of"), required=False, max_length=80)
    title = forms.CharField(label=_("Title"), max_length=200)
    capacities = forms.MultipleChoiceField(
        label=_("Capacities"),
        # data-picker: pickers.js turns it into a search box with chips; without JavaScript
        # it stays a plain list box.
        widget=forms.SelectMultiple(attrs={"size": 8, "data-picker": "capacities"}),
        help_text=MULTIPLE_HELP,
    )
    description = forms.CharField(
        label=_("What do you need?"), required=False, max_length=8000, widget=forms.Textarea
    )
    desired_level = forms.TypedChoiceField(
        label=_("Level you want to reach"), choices=LEVEL_CHOICES, coerce=int, initial=3
    )
    languages = forms.MultipleChoiceField(
        label=_("Acceptable languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    online = forms.BooleanField(label=_("Online is fine"), required=False, initial=True)
    region = forms.ChoiceField(label=_("Region"), required=False)
    methods = forms.MultipleChoiceField(
        label=_("Preferred ways of learning"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    starts_on = forms.DateField(label=_("From"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DateInput)
    visibility = forms.ChoiceField(
        label=_("Who can see this need"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacities"].choices = capacity_choices()
        self.fields["languages"].choices = language_choices()
        self.fields["region"].choices = _blank(_("No particular region")) + region_choices()
        self.fields["methods"].choices = method_choices()
        if editing:
            del self.fields["organization"]
        else:
            del self.fields["version"]
            setup_organization_field(self.fields["organization"], user)

    @classmethod
    def initial_for(cls, need: Need) -> dict:
        return {
            "title": need.title,
            "capacities": [c.code for c in need.capacities.all()],
            "description": need.description,
            "desired_level": need.desired_level,
            "languages": need.languages,
            "online": need.online,
            "region": need.region,
            "methods": [m.code for m in need.methods.all()],
            "starts_on": need.starts_on,
            "ends_on": need.ends_on,
            "visibility": need.visibility,
            "version": need.version,
        }

    def need_fields(self) -> dict:
        """Keyword arguments for need_create / need_update (without organization, version)."""
        skip = {"organization", "version"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


def speakable_organizations(user) -> list[Organization]:
    """Organizations the user may state needs or offers for: those they manage (staff: all)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    organizations = organization_list() if user.is_staff else organizations_managed_by(user)
    return list(organizations.order_by("name", "id"))


def setup_organization_field(field: forms.Field, user) -> None:
    """A choice of "myself" or an organization the user manages; hidden for those who manage
    none. Whether the user may act for the organization sent is the service's to say (403)."""
    organizations = speakable_organizations(user)
    if organizations:
        field.widget = forms.Select(
            choices=_blank(_("Myself")) + [(o.slug, o.name) for o in organizations]
        )
    else:
        field.widget = forms.HiddenInput()


def resolve_organization(slug: str | None) -> Organization | None:
    if not slug:
        return None
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise forms.ValidationError(_("Unknown organization."))
    return organization


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=STATUS_TARGETS)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
