"""Forms of the course pages. Forms parse input; the rules live in capacityhub.learning.services.

The quiz form never carries which answers are correct: the page learns that only after the
person has submitted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.core.languages import language_choices
from capacityhub.learning.models import Course, Lesson
from capacityhub.web.core.forms import capacity_choices
from capacityhub.web.exchange.forms_needs import MULTIPLE_HELP, DateInput

SORT_CHOICES = [
    ("new", _("Newest first")),
    ("title", _("Title, A to Z")),
    ("short", _("Shortest first")),
]
ANSWER_SLOTS = 4


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    capacity = forms.ChoiceField(label=_("Capacity"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["capacity"].choices = _blank(_("Any capacity")) + capacity_choices()
        self.fields["language"].choices = _blank(_("Any language")) + language_choices()

    def filters(self) -> dict:
        """Keyword arguments for course_list() from the valid fields only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "capacity_code": data.get("capacity") or None,
            "language": data.get("language") or None,
            "q": (data.get("q") or "").strip() or None,
            "sort": data.get("sort") or "new",
        }


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in the address"),
        required=False,
        max_length=70,
        help_text=_("Lowercase letters, digits and hyphens; made from the title if empty."),
    )
    summary = forms.CharField(label=_("Summary"), required=False, max_length=500)
    description = forms.CharField(
        label=_("Description (Markdown)"), required=False, max_length=20000, widget=forms.Textarea
    )
    language = forms.ChoiceField(label=_("Language"))
    capacities = forms.MultipleChoiceField(
        label=_("Capacities it builds"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=MULTIPLE_HELP,
    )
    estimated_minutes = forms.IntegerField(
        label=_("Estimated time (minutes)"), min_value=1, max_value=100_000, initial=60
    )
    prerequisites = forms.MultipleChoiceField(
        label=_("Prerequisites"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=MULTIPLE_HELP,
    )
    translation_of = forms.ChoiceField(label=_("Translation of"), required=False)
    authors = forms.CharField(
        label=_("Authors"),
        max_length=1000,
        help_text=_("Usernames of course authors, separated by commas."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, courses=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["capacities"].choices = capacity_choices()
        others = [(c.slug, c.title) for c in courses]
        self.fields["prerequisites"].choices = others
        self.fields["translation_of"].choices = _blank(_("Not a translation")) + others
        if not editing:
            del self.fields["version"]
            del self.fields["authors"]

    @staticmethod
    def initial_for(course: Course) -> dict:
        return {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": course.description,
            "language": course.language,
            "capacities": [c.code for c in course.capacities.all()],
            "estimated_minutes": course.estimated_minutes,
            "prerequisites": [c.slug for c in course.prerequisites.all()],
            "translation_of": course.translation_of.slug if course.translation_of else "",
            "authors": ", ".join(a.username for a in course.authors.all()),
            "version": course.version,
        }

    def course_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["translation_of"] = data.get("translation_of") or None
        if "authors" in data:
            data["authors"] = [n.strip() for n in data["authors"].split(",") if n.strip()]
        return data


QUIZ_RULES = ("reveal_answers", "reveal_after_attempts", "max_attempts")


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Lesson.Kind.choices)
    body = forms.CharField(
        label=_("Text (Markdown)"), required=False, max_length=50000, widget=forms.Textarea
    )
    video_url = forms.URLField(
        label=_("Video link"), required=False, max_length=500, assume_scheme="https"
    )
    resource = forms.ChoiceField(label=_("Resource from the knowledge base"), required=False)
    required = forms.BooleanField(label=_("Required for completion"), required=False, initial=True)
    pass_mark = forms.IntegerField(
        label=_("Pass mark (%) for a quiz"), min_value=0, max_value=100, initial=70
    )
    reveal_answers = forms.ChoiceField(
        label=_("Show a quiz's right answers and explanations"),
        choices=Lesson.Reveal.choices,
        initial=Lesson.Reveal.PASSED,
        required=False,
    )
    reveal_after_attempts = forms.IntegerField(
        label=_("… after this many attempts"), min_value=1, max_value=100, initial=3, required=False
    )
    max_attempts = forms.IntegerField(
        label=_("Attempts allowed (empty: no limit)"), min_value=1, max_value=1000, required=False
    )

    def __init__(self, *args, resources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].choices = _blank(_("None")) + [
            (str(r.pk), r.title) for r in resources
        ]
        self.resources = {str(r.pk): r for r in resources}

    @staticmethod
    def initial_for(lesson: Lesson) -> dict:
        return {
            "title": lesson.title,
            "kind": lesson.kind,
            "body": lesson.body,
            "video_url": lesson.video_url,
            "resource": str(lesson.resource_id or ""),
            "required": lesson.required,
            "pass_mark": lesson.pass_mark,
            "reveal_answers": lesson.reveal_answers,
            "reveal_after_attempts": lesson.reveal_after_attempts,
            "max_attempts": lesson.max_attempts,
        }

    def lesson_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["resource"] = self.resources.get(data.get("resource") or "")
        # A quiz's rules change only when the form sent them (an empty limit: no limit).
        for name in QUIZ_RULES:
            if name not in self.data or (name != "max_attempts" and data[name] in (None, "")):
                data.pop(name)
        return data


class QuestionForm(forms.Form):
    """A question with up to four answers; blank answers are left out."""

    text = forms.CharField(label=_("Question"), max_length=1000)
    multiple = forms.BooleanField(label=_("Several answers may be right"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ANSWER_SLOTS + 1):
            self.fields[f"answer_{n}"] = forms.CharField(
                label=_("Answer %d") % n, required=False, max_length=500
            )
            self.fields[f"correct_{n}"] = forms.BooleanField(
                label=_("Answer %d is correct") % n, required=False
            )
            self.fields[f"explanation_{n}"] = forms.CharField(
                label=_("Explanation shown after answering %d") % n,
                required=False,
                max_length=1000,
            )

    def answers(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "text": data[f"answer_{n}"],
                "is_correct": data[f"correct_{n}"],
                "explanation": data[f"explanation_{n}"],
            }
            for n in range(1, ANSWER_SLOTS + 1)
        ]


class QuizForm(forms.Form):
    """One field per question: radio buttons, or checkboxes where several may be right."""

    def __init__(self, *args, lesson: Lesson, **kwargs):
        super().__init__(*args, **kwargs)
        for question in lesson.questions.all():
            choices = [(str(a.pk), a.text) for a in question.answers.all()]
            if question.multiple:
                field = forms.MultipleChoiceField(
                    label=question.text, choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(
                    label=question.text, choices=choices, widget=forms.RadioSelect
                )
            self.fields[f"q{question.pk}"] = field

    def choices(self) -> dict[str, list[int]]:
        found = {}
        for name, value in self.cleaned_data.items():
            values = value if isinstance(value, list) else [value]
            found[name[1:]] = [int(v) for v in values]
        return found


class EnrolForm(forms.Form):
    cohort = forms.ChoiceField(label=_("Join a cohort run"), required=False)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cohorts = {str(c.pk): c for c in cohorts}
        self.fields["cohort"].choices = _blank(_("No, learn at my own pace")) + [
            (str(c.pk), f"{c.title} ({c.starts_on:%Y-%m-%d} – {c.ends_on:%Y-%m-%d})")
            for c in cohorts
        ]
        if not cohorts:
            self.fields["cohort"].widget = forms.HiddenInput()

    def chosen_cohort(self):
        return self.cohorts.get(self.cleaned_data.get("cohort") or "")


class CohortForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    facilitators = forms.CharField(
        label=_("Facilitators"),
        required=False,
        max_length=1000,
        help_text=_("Usernames, separated by commas."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]

    @staticmethod
    def initial_for(cohort) -> dict:
        return {
            "title": cohort.title,
            "starts_on": cohort.starts_on,
            "ends_on": cohort.ends_on,
            "facilitators": ", ".join(f.username for f in cohort.facilitators.all()),
            "version": cohort.version,
        }

    def cohort_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        names = data.get("facilitators") or ""
        data["facilitators"] = [n.strip() for n in names.split(",") if n.strip()]
        return data


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Module title"), max_length=200)
