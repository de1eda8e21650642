"""Django forms for the review pages: shape input only; the rules live in the services."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacityhub.core.languages import is_time_zone, language_choices, time_zones
from capacityhub.events.timezones import make_aware_in
from capacityhub.forms.i18n import label_for
from capacityhub.review.models import CallKind


class ApplicationExtrasForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of your application"), required=False)
    organization = forms.ChoiceField(label=_("On behalf of"), required=False)
    amount_requested = forms.DecimalField(
        label=_("Amount requested"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, organizations=(), with_amount=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["organization"].choices = [("", _("Myself"))] + [
            (str(o.pk), o.name) for o in organizations
        ]
        if not organizations:
            del self.fields["organization"]
        if not with_amount:
            del self.fields["amount_requested"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )
    supersedes = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ScreenForm(ReasonForm):
    eligible = forms.TypedChoiceField(
        label=_("Eligible?"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


class DecideForm(ReasonForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("waitlist", _("Waitlist")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )


class ReassignForm(forms.Form):
    reason = forms.CharField(label=_("Why replace this reviewer?"), max_length=2000)


NA = "na"


class ScoreForm(forms.Form):
    """One score (0–5 or N/A) and one comment per criterion, then an overall comment."""

    overall_comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=8000, widget=forms.Textarea
    )

    def __init__(self, *args, criteria, language, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n), str(n)) for n in range(6)] + [(NA, _("Not applicable"))]
        for criterion in criteria:
            name = label_for(criterion.name, language)
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": name, "weight": criterion.weight},
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=label_for(criterion.description, language),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": name},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.criteria = criteria
        self.order_fields([f for f in self.fields if f != "overall_comment"] + ["overall_comment"])

    def payload(self):
        scores, comments = {}, {}
        for criterion in self.criteria:
            raw = self.cleaned_data.get(f"score_{criterion.pk}")
            if raw == NA:
                scores[str(criterion.pk)] = None
            elif raw not in (None, ""):
                scores[str(criterion.pk)] = int(raw)
            comments[str(criterion.pk)] = self.cleaned_data.get(f"comment_{criterion.pk}") or ""
        return scores, comments


class CallForm(forms.Form):
    """A call's settings. Texts are entered per language as "code: text" lines; the rubric as
    "weight | name" lines; reviewers as usernames."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    title = forms.CharField(
        label=_("Title"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per language, e.g. “en: Scholarships” and “es: Becas”."),
    )  # fmt: skip
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line per language, “code: text”."),
    )  # fmt: skip
    time_zone = forms.ChoiceField(
        label=_("Time zone of these times"), required=False,
        help_text=_("Opens, closes and decisions-by are read in this zone and shown to each "
                    "reader in their own."),
    )  # fmt: skip
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    decisions_by = forms.DateTimeField(
        label=_("Decisions by"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    seats = forms.IntegerField(label=_("Seats"), required=False, min_value=0, max_value=100000)
    budget = forms.DecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), required=False, max_length=3)
    reviews_per_application = forms.IntegerField(
        label=_("Reviews per application"), min_value=2, max_value=20, initial=2
    )
    blind = forms.BooleanField(label=_("Blind review"), required=False)
    applicants_see_comments = forms.BooleanField(
        label=_("Applicants see reviewer comments"), required=False
    )
    form_id = forms.IntegerField(label=_("Application form (number)"), required=False, min_value=1)
    criteria = forms.CharField(
        label=_("Rubric"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One criterion per line: “weight | name”, e.g. “2 | Impact”."),
    )  # fmt: skip
    reviewers = forms.CharField(
        label=_("Reviewers"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Usernames, separated by spaces or commas."),
    )  # fmt: skip

    DATETIMES = ("opens_at", "closes_at", "decisions_by")

    def __init__(self, *args, editor_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.editor_zone = editor_zone if is_time_zone(editor_zone or "") else "UTC"
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in time_zones()]
        self.fields["time_zone"].initial = self.editor_zone

    @classmethod
    def wall_clock(cls, initial: dict, zone: str) -> dict:
        """Stored instants shown as wall-clock times in `zone` (the editor's)."""
        tz = ZoneInfo(zone if is_time_zone(zone) else "UTC")
        for name in cls.DATETIMES:
            if initial.get(name) is not None:
                initial[name] = initial[name].astimezone(tz).replace(tzinfo=None)
        initial["time_zone"] = zone
        return initial

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone") or self.editor_zone
        data["time_zone"] = zone
        for name in self.DATETIMES:
            if data.get(name) is not None:
                # Django made the typed value aware in the current zone; keep the wall clock
                # the editor typed and read it in their zone instead.
                wall = (
                    timezone.make_naive(data[name]) if timezone.is_aware(data[name]) else data[name]
                )
                data[name] = make_aware_in(wall, zone)
        return data
