"""Forms of the form builder: a title in each UI language, and one row per question with its
texts in each UI language. Works without JavaScript: a blank row at the end adds a question,
a ticked "remove" drops one. The rules are `forms.validation.questions.validate_questions`'s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization
from capacityhub.forms.models import QuestionKind


def ui_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class FormTitleForm(forms.Form):
    organization = forms.ModelChoiceField(
        Organization.objects.none(),
        required=False,
        label=_("Owner organization"),
        help_text=_("Its managers may edit the form. Staff may leave this empty."),
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        for code, name in ui_languages():
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
            )

    def title(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"title_{code}", "")
            for code, _name in ui_languages()
            if self.cleaned_data.get(f"title_{code}")
        }

    @staticmethod
    def initial_for(title: dict[str, str]) -> dict[str, str]:
        return {f"title_{code}": text for code, text in title.items()}


CHOICES_HELP = _(
    "One option per line: value | label in English | Spanish | French | Portuguese | Arabic "
    "(labels after the first are optional)."
)


class QuestionRowForm(forms.Form):
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=10000,
        help_text=_("Questions are shown from the lowest number; rules may only look back."),
    )
    key = forms.CharField(
        label=_("Key"),
        max_length=64,
        required=False,
        help_text=_("Lower-case letters, digits and _; unique in the form."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=CHOICES_HELP,
    )
    scale_min = forms.IntegerField(label=_("Scale from"), required=False)
    scale_max = forms.IntegerField(label=_("Scale to"), required=False)
    show_if_question = forms.CharField(
        label=_("Show only if question (key)"), max_length=64, required=False
    )
    show_if_values = forms.CharField(
        label=_("…was answered (values, separated by commas)"), max_length=300, required=False
    )
    minimum = forms.CharField(label=_("Minimum"), max_length=20, required=False)
    maximum = forms.CharField(label=_("Maximum"), max_length=20, required=False)
    max_length = forms.IntegerField(label=_("Most characters"), required=False, min_value=1)
    max_file_mb = forms.DecimalField(
        label=_("Largest file (MB)"), required=False, min_value=0, max_digits=6, decimal_places=1
    )
    allowed_types = forms.CharField(
        label=_("Accepted file types (e.g. application/pdf, .docx)"),
        max_length=300,
        required=False,
    )
    remove = forms.BooleanField(label=_("Remove this question"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in ui_languages():
            self.fields[f"label_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                max_length=2000,
                required=False,
            )
            self.fields[f"help_{code}"] = forms.CharField(
                label=_("Help (%(language)s)") % {"language": name},
                max_length=2000,
                required=False,
            )

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("key") or self.cleaned_data.get("remove")

    def question(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = [code for code, _name in ui_languages()]
        question: dict[str, Any] = {
            "key": data["key"].strip(),
            "kind": data["kind"],
            "required": data["required"],
            "label": {c: data[f"label_{c}"] for c in languages if data.get(f"label_{c}")},
            "help": {c: data[f"help_{c}"] for c in languages if data.get(f"help_{c}")},
            "choices": _parse_choices(data.get("choices", ""), languages),
            "scale_min": data.get("scale_min"),
            "scale_max": data.get("scale_max"),
            "validation": _validation(data),
        }
        if data.get("show_if_question"):
            values = [v.strip() for v in data.get("show_if_values", "").split(",") if v.strip()]
            rule = {"question": data["show_if_question"].strip()}
            question["show_if"] = (
                {**rule, "equals": values[0]} if len(values) == 1 else {**rule, "in": values}
            )
        return question

    @staticmethod
    def initial_for(question) -> dict[str, Any]:
        validation = question.validation or {}
        initial = {
            "order": question.position,
            "key": question.key,
            "kind": question.kind,
            "required": question.required,
            "choices": _choices_text(question.choices),
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "minimum": validation.get("min", ""),
            "maximum": validation.get("max", ""),
            "max_length": validation.get("max_length"),
            "max_file_mb": round(validation["max_file_bytes"] / (1024 * 1024), 1)
            if validation.get("max_file_bytes")
            else None,
            "allowed_types": ", ".join(validation.get("allowed_types") or []),
        }
        rule = question.show_if or {}
        if rule:
            values = [rule["equals"]] if "equals" in rule else rule.get("in", [])
            initial["show_if_question"] = rule.get("question", "")
            initial["show_if_values"] = ", ".join(str(v) for v in values)
        for code, text in (question.label or {}).items():
            initial[f"label_{code}"] = text
        for code, text in (question.help or {}).items():
            initial[f"help_{code}"] = text
        return initial


def _number(text: str) -> int | float | str:
    text = (text or "").strip()
    try:
        value = float(text)
    except ValueError:
        return text  # a date bound (YYYY-MM-DD); validation checks it
    return int(value) if value.is_integer() else value


def _validation(data: dict[str, Any]) -> dict[str, Any]:
    validation: dict[str, Any] = {}
    if data.get("minimum"):
        validation["min"] = _number(data["minimum"])
    if data.get("maximum"):
        validation["max"] = _number(data["maximum"])
    if data.get("max_length"):
        validation["max_length"] = data["max_length"]
    if data.get("max_file_mb"):
        validation["max_file_bytes"] = int(data["max_file_mb"] * 1024 * 1024)
    types = [t.strip() for t in (data.get("allowed_types") or "").split(",") if t.strip()]
    if types:
        validation["allowed_types"] = types
    return validation


def _parse_choices(text: str, languages: list[str]) -> list[dict[str, Any]]:
    choices = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts or not parts[0]:
            continue
        labels = {c: t for c, t in zip(languages, parts[1:], strict=False) if t}
        choices.append({"value": parts[0], "label": labels or {"en": parts[0]}})
    return choices


def _choices_text(choices: list[dict[str, Any]]) -> str:
    languages = [code for code, _name in ui_languages()]
    lines = []
    for choice in choices or []:
        labels = [choice.get("label", {}).get(c, "") for c in languages]
        while labels and not labels[-1]:
            labels.pop()
        lines.append(" | ".join([choice["value"], *labels]))
    return "\n".join(lines)


QuestionFormSet = forms.formset_factory(QuestionRowForm, extra=1, max_num=200, absolute_max=200)


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm spreadsheet (.xlsx)"),
        help_text=_("Sheets survey, choices and settings, as in ODK and KoboToolbox."),
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = forms.ModelChoiceField(
                organizations, required=False, label=_("Owner organization")
            )


class PreviewLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ui_languages, required=False)
