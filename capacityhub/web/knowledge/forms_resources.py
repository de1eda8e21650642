"""Forms of the knowledge base pages. Forms parse and check the shape of input; the rules live
in capacityhub.knowledge.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization
from capacityhub.core.languages import language_choices
from capacityhub.knowledge.models import ORGANIZATION_KIND_CHOICES, Resource, ResourceReport
from capacityhub.knowledge.models import ResourceUse as Use
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.core.forms import capacity_choices
from capacityhub.web.exchange.forms_needs import (
    MULTIPLE_HELP,
    DateInput,
    method_choices,
    region_choices,
)

SORT_CHOICES = [
    ("relevance", _("Most relevant for me")),
    ("new", _("Newest first")),
    ("rated", _("Best rated")),
    ("worked", _("What worked (measured outcomes)")),
    ("title", _("Title, A to Z")),
]
RATING_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]
PATTERN_FIELDS = ("problem", "solution", "considerations", "when_to_use")


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class ResourceFilterForm(forms.Form):
    """GET filters of the resource list. Invalid values are ignored (see `filters`)."""

    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    featured = forms.BooleanField(label=_("Featured only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        self.fields["kind"].choices = _blank(_("Any type")) + list(Resource.Kind.choices)
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()
        self.fields["audience"].choices = _blank(_("Any audience")) + list(
            Resource.Audience.choices
        )
        self.fields["level"].choices = _blank(_("Any level")) + list(Resource.Level.choices)

    def filters(self) -> dict:
        """Keyword arguments for resource_list() from the valid fields only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("capacity")
        return {
            "capacity_id": capacity_code_map().get(code) if code else None,
            "kind": data.get("kind") or None,
            "language": data.get("language") or None,
            "audience": data.get("audience") or None,
            "level": data.get("level") or None,
            "featured": bool(data.get("featured")),
            "q": (data.get("q") or "").strip() or None,
            "sort": data.get("sort") or "relevance",
        }


class ResourceForm(forms.Form):
    """Add, edit, translate or adapt a resource. The form shows the fields of one kind (chosen
    before, `?kind=`), so it works without JavaScript: no video duration on a guide, the
    learning-pattern sections only on a learning pattern."""

    kind = forms.ChoiceField(choices=Resource.Kind.choices, widget=forms.HiddenInput)
    relation = forms.ChoiceField(
        label=_("This is a"),
        choices=[
            (Resource.Relation.TRANSLATION.value, Resource.Relation.TRANSLATION.label),
            (Resource.Relation.ADAPTATION.value, Resource.Relation.ADAPTATION.label),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences: what it is and who it is for."),
    )
    language = forms.ChoiceField(label=_("Language"))
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the resource lives (Commons, PeerTube, Meta-Wiki…)."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), required=False, min_value=1, max_value=100000
    )
    body = forms.CharField(
        label=_("Content"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown. Write the resource here, or give a link to it."),
    )
    problem = forms.CharField(
        label=_("Problem"), required=False, max_length=8000, widget=forms.Textarea
    )
    solution = forms.CharField(
        label=_("Solution"), required=False, max_length=8000, widget=forms.Textarea
    )
    considerations = forms.CharField(
        label=_("Things to consider"), required=False, max_length=8000, widget=forms.Textarea
    )
    when_to_use = forms.CharField(
        label=_("When to use it"), required=False, max_length=8000, widget=forms.Textarea
    )
    capacities = forms.MultipleChoiceField(
        label=_("Capacities it helps build"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=MULTIPLE_HELP,
    )
    methods = forms.MultipleChoiceField(
        label=_("Ways of learning"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE_HELP,
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Resource.Audience.choices, initial="everyone"
    )
    level = forms.ChoiceField(label=_("Level"), choices=Resource.Level.choices)
    licence = forms.ChoiceField(
        label=_("Licence"), choices=Resource.Licence.choices, initial="CC-BY-SA-4.0"
    )
    author_names = forms.CharField(
        label=_("Authors"),
        required=False,
        max_length=300,
        help_text=_("Names of authors, as they should be credited."),
    )
    authors = forms.CharField(
        label=_("Authors with an account"),
        required=False,
        max_length=1000,
        help_text=_("Usernames, separated by commas. They may edit the resource too."),
    )
    organization = forms.ChoiceField(label=_("Published by"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, kind: str, user=None, mode: str = "create", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = kind
        self.fields["language"].choices = language_choices()
        self.fields["capacities"].choices = capacity_choices()
        self.fields["methods"].choices = method_choices()
        if kind != Resource.Kind.VIDEO:
            del self.fields["duration_minutes"]
        if kind != Resource.Kind.LEARNING_PATTERN:
            for name in PATTERN_FIELDS:
                del self.fields[name]
        if mode != "derive":
            del self.fields["relation"]
        if mode == "edit":
            del self.fields["organization"]
        else:
            del self.fields["version"]
            self._setup_organizations(user)

    def _setup_organizations(self, user) -> None:
        organizations = (
            Organization.objects.filter(memberships__user=user).order_by("name").distinct()
            if getattr(user, "is_authenticated", False)
            else []
        )
        choices = [(o.slug, o.name) for o in organizations]
        if choices:
            self.fields["organization"].choices = _blank(_("Nobody (myself)")) + choices
        else:
            del self.fields["organization"]

    def pattern_fields(self):
        return [self[name] for name in PATTERN_FIELDS if name in self.fields]

    def main_fields(self):
        return [f for f in self.visible_fields() if f.name not in PATTERN_FIELDS]

    def clean_authors(self) -> list[str]:
        text = self.cleaned_data.get("authors") or ""
        return [name.strip() for name in text.split(",") if name.strip()]

    def clean_organization(self) -> Organization | None:
        slug = self.cleaned_data.get("organization")
        if not slug:
            return None
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(_("Unknown organization."))
        return organization

    @classmethod
    def initial_for(cls, resource: Resource) -> dict:
        initial = {
            name: getattr(resource, name)
            for name in (
                "kind",
                "title",
                "summary",
                "language",
                "url",
                "duration_minutes",
                "body",
                "audience",
                "level",
                "licence",
                "author_names",
                "version",
                *PATTERN_FIELDS,
            )
        }
        initial["capacities"] = [c.code for c in resource.capacities.all()]
        initial["methods"] = [m.code for m in resource.methods.all()]
        initial["authors"] = ", ".join(a.username for a in resource.authors.all())
        return initial

    def resource_fields(self) -> dict:
        """Keyword arguments for the services (without version, organization, relation)."""
        skip = {"version", "organization", "relation"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class UseForm(forms.Form):
    used_on = forms.DateField(label=_("When"), widget=DateInput)
    region = forms.ChoiceField(label=_("Region"))
    language = forms.ChoiceField(label=_("Language you used it in"))
    organization_kind = forms.ChoiceField(label=_("Used by"), choices=ORGANIZATION_KIND_CHOICES)
    audience_size = forms.IntegerField(
        label=_("Number of people"), min_value=0, max_value=1_000_000, initial=10
    )
    outcome = forms.ChoiceField(label=_("How did it go?"), choices=Use.Outcome.choices)
    rating = forms.TypedChoiceField(
        label=_("Rating (5 is best)"), choices=RATING_CHOICES, coerce=int, initial=4
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["used_on"].initial = timezone.localdate()
        self.fields["region"].choices = region_choices()
        self.fields["language"].choices = language_choices()


class EndorseForm(forms.Form):
    comment = forms.CharField(
        label=_("Why you endorse it (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ResourceReport.Reason.choices)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TranslationRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Into which language?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class OutdatedForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it outdated?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    survivor = forms.IntegerField(
        label=_("Number of the resource to keep"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The number in the address of its page: /resources/<number>/."),
    )


class ReportResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ResourceReport.Status.RESOLVED.value, ResourceReport.Status.RESOLVED.label),
            (ResourceReport.Status.DISMISSED.value, ResourceReport.Status.DISMISSED.label),
        ],
    )
    note = forms.CharField(
        label=_("Note to the reporter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
