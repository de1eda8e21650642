"""Forms of the orgdev pages: they shape input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.orgdev.framework import DIMENSIONS, LEVEL_NAMES, QUESTIONS, level_text
from capacityhub.orgdev.models import Role

ROLE_HELP = _("One person per line: username, role (board, staff, volunteer or facilitator).")


class RoundOpenForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    respondents = forms.CharField(
        label=_("People to invite"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=ROLE_HELP,
    )

    def respondent_list(self) -> list[dict]:
        """Lines of "username, role"; the role as its code or its name in the reader's
        language ("junta directiva" as well as "board")."""
        names = {str(label).casefold(): value for value, label in Role.choices}
        found = []
        for line in self.cleaned_data["respondents"].splitlines():
            if not line.strip():
                continue
            username, _comma, role = line.partition(",")
            role = role.strip().casefold()
            found.append({"username": username.strip(), "role": names.get(role, role)})
        return found


class InviteForm(forms.Form):
    respondents = forms.CharField(
        label=_("More people to invite"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ROLE_HELP,
    )

    respondent_list = RoundOpenForm.respondent_list


def level_choices(dimension: str) -> list[tuple[str, str]]:
    return [("", _("Not answered yet"))] + [
        (str(level), f"{level} · {LEVEL_NAMES[level]}: {level_text(dimension, level)}")
        for level in LEVEL_NAMES
    ]


class AnswerForm(forms.Form):
    """One level (with the dimension's level descriptions), evidence and notes per question."""

    def __init__(self, *args, questions: list[str], initial_answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for key in questions:
            dimension, text = QUESTIONS[key]
            given = initial_answers.get(key)
            self.fields[key] = forms.ChoiceField(
                label=text,
                choices=level_choices(dimension),
                required=False,
                widget=forms.RadioSelect,
                initial=str(given.level) if given else "",
            )
            self.fields[f"{key}__evidence"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.evidence if given else "",
            )  # fmt: skip
            self.fields[f"{key}__notes"] = forms.CharField(
                label=_("Notes"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.notes if given else "",
            )  # fmt: skip

    def answers(self) -> dict:
        """Only what was touched: a level, or a justification (then a missing level is the
        service's clear error)."""
        found = {}
        for key in self.questions:
            level = self.cleaned_data.get(key) or None
            evidence = self.cleaned_data.get(f"{key}__evidence", "")
            notes = self.cleaned_data.get(f"{key}__notes", "")
            if level or evidence or notes:
                found[key] = {"level": level, "evidence": evidence, "notes": notes}
        return found

    def by_dimension(self) -> list[tuple[str, list]]:
        grouped: dict[str, list] = {}
        for key in self.questions:
            grouped.setdefault(QUESTIONS[key][0], []).append(
                (self[key], self[f"{key}__evidence"], self[f"{key}__notes"])
            )
        return [(DIMENSIONS[d], fields) for d, fields in grouped.items()]


class GoalForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=list(DIMENSIONS.items()))
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.CharField(label=_("Owner (username)"), required=False, max_length=150)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    owner = forms.CharField(label=_("Owner (username)"), required=False, max_length=150)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
