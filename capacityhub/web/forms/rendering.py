"""Turn a form version into a Django form in the respondent's language, and answers back into
readable text. Reused by every app that asks questions (review's applications, later surveys).

The Django form only shapes input; the rules (required, show-if, bounds, files) are the
service's (`forms.services.response_save`), whose `ValidationError({key: msg})` lands on the
field of the same name (`add_service_errors`). Show-if questions are always rendered, with a
note saying when they apply, so the page works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from capacityhub.forms.i18n import label_for
from capacityhub.forms.models import FormVersion, Question, Response


def _choices(question: Question, language: str) -> list[tuple[str, str]]:
    return [
        (c["value"], label_for(c.get("label"), language) or c["value"]) for c in question.choices
    ]


def _help(question: Question, language: str, by_key: dict[str, Question]) -> str:
    parts = [label_for(question.help, language)]
    rule = question.show_if
    if rule and rule.get("question") in by_key:
        other = by_key[rule["question"]]
        values = [rule["equals"]] if "equals" in rule else list(rule.get("in", []))
        names = dict(_choices(other, language))
        shown = ", ".join(f"“{names.get(str(v), v)}”" for v in values)
        parts.append(
            _("Answer only if you answered %(values)s to “%(question)s”.")
            % {"values": shown, "question": label_for(other.label, language)}
        )
    if question.kind == "scale":
        low = label_for(question.scale_min_label, language)
        high = label_for(question.scale_max_label, language)
        if low or high:
            parts.append(
                _("%(min)s = %(low)s; %(max)s = %(high)s")
                % {"min": question.scale_min, "low": low, "max": question.scale_max, "high": high}
            )
    if question.kind == "file":
        limit = (question.validation or {}).get("max_file_bytes")
        types = (question.validation or {}).get("allowed_types")
        if limit:
            parts.append(_("At most %(mb)s MB.") % {"mb": round(limit / (1024 * 1024), 1)})
        if types:
            parts.append(_("Accepted: %(types)s.") % {"types": ", ".join(types)})
    return " ".join(p for p in parts if p)


def _field(question: Question, language: str, by_key: dict[str, Question]) -> forms.Field:
    label = label_for(question.label, language) or question.key
    if question.required:
        label = _("%(label)s (required)") % {"label": label}
    common = {"label": label, "required": False, "help_text": _help(question, language, by_key)}
    validation = question.validation or {}
    kind = question.kind
    if kind == "short_text":
        return forms.CharField(max_length=validation.get("max_length") or 300, **common)
    if kind == "long_text":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 6}),
            max_length=validation.get("max_length") or 10000,
            **common,
        )
    if kind == "number":
        return forms.DecimalField(
            min_value=validation.get("min"), max_value=validation.get("max"), **common
        )
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "single_choice":
        return forms.ChoiceField(
            choices=_choices(question, language), widget=forms.RadioSelect, **common
        )
    if kind == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=_choices(question, language), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "scale":
        points = [(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)]
        return forms.ChoiceField(choices=points, widget=forms.RadioSelect, **common)
    if kind == "file":
        accept = ",".join(validation.get("allowed_types") or [])
        attrs = {"accept": accept} if accept else {}
        return forms.FileField(widget=forms.ClearableFileInput(attrs=attrs), **common)
    return forms.BooleanField(**common)  # consent


class AnswerForm(forms.Form):
    """Fields named after the questions' keys, labelled in `language`."""

    def __init__(self, *args, version: FormVersion, language: str, response=None, **kwargs):
        if response is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(response)
        super().__init__(*args, **kwargs)
        self.version, self.language = version, language
        questions = list(version.questions.all())
        by_key = {q.key: q for q in questions}
        self.questions = questions
        for question in questions:
            self.fields[question.key] = _field(question, language, by_key)

    def answers(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(answers, files) for `response_save`, from cleaned_data."""
        answers, files = {}, {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if question.kind == "file":
                if value:
                    files[question.key] = value
                continue
            if question.kind == "number" and value is not None:
                value = float(value) if value % 1 else int(value)
            elif question.kind == "date" and value is not None:
                value = value.isoformat()
            answers[question.key] = value
        return answers, files


def _initial(response: Response) -> dict[str, Any]:
    return {k: v for k, v in response.answers.items() if not isinstance(v, dict)}


def answer_form(
    *, version: FormVersion, language: str, data=None, files=None, response=None
) -> AnswerForm:
    return AnswerForm(data, files, version=version, language=language, response=response)


@dataclass(frozen=True)
class ShownAnswer:
    key: str
    question: str
    answer: str
    file_url: str = ""


def answers_for_display(
    *, version: FormVersion, response: Response, language: str
) -> list[ShownAnswer]:
    """Each answered question with its answer in words, in the reader's language; files link
    to the permission-checked download."""
    files = {f.question_key: f for f in response.files.all()}
    shown = []
    for question in version.questions.all():
        if question.key not in response.answers:
            continue
        value = response.answers[question.key]
        url = files[question.key].get_absolute_url() if question.key in files else ""
        shown.append(
            ShownAnswer(
                key=question.key,
                question=label_for(question.label, language) or question.key,
                answer=_answer_text(question, value, language),
                file_url=url,
            )
        )
    return shown


def _answer_text(question: Question, value: Any, language: str) -> str:
    names = dict(_choices(question, language))
    if question.kind == "single_choice":
        return names.get(str(value), str(value))
    if question.kind == "multiple_choice":
        return ", ".join(names.get(str(v), str(v)) for v in value or [])
    if question.kind == "consent":
        return _("Yes") if value else _("No")
    if question.kind == "file" and isinstance(value, dict):
        return str(value.get("name", ""))
    return str(value)
