"""Evaluation reads: logic models (public where their subject is), their indicators with
current values, survey breakdowns by region, language, month and capacity, open-data
aggregates, and what works where.
Every figure shown or exported is suppressed below five people (sources.MIN_PEOPLE)."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .matrix import context_for, figures_by_key, kirkpatrick_matrix, response_rates
from .models import Answer, Indicator, LogicModel, Survey, SurveyKind
from .sources import MIN_PEOPLE, Figure, suppress
from .subjects import KINDS, can_manage, subject_get


def _all_models() -> QuerySet[LogicModel]:
    return LogicModel.objects.filter(subject_type__in=list(KINDS)).order_by("title", "id")


def _subjects(models: list[LogicModel]) -> dict[tuple[str, str], object]:
    """The models' subjects, one query per subject type."""
    wanted: dict[str, set[int]] = {}
    for model in models:
        wanted.setdefault(model.subject_type, set()).add(int(model.subject_id))
    found = {}
    for subject_type, ids in wanted.items():
        for subject in apps.get_model(subject_type).objects.filter(pk__in=ids):
            found[(subject_type, str(subject.pk))] = subject
    return found


def _visible(user, model: LogicModel, subject) -> bool:
    if subject is None:
        return False
    return bool(KINDS[model.subject_type].is_public(subject)) or can_manage(
        user, model.subject_type, subject
    )


@dataclass(frozen=True)
class LogicModelItem:
    model: LogicModel
    subject: object
    title: str


def logic_model_items(*, user=None) -> list[LogicModelItem]:
    """The logic models this person may see, with their subjects and titles: every one whose
    subject is public (a published course, an open call, an event), and the ones they manage."""
    models = list(_all_models())
    subjects = _subjects(models)
    items = []
    for model in models:
        subject = subjects.get((model.subject_type, model.subject_id))
        if _visible(user, model, subject):
            title = str(KINDS[model.subject_type].title(subject))
            items.append(LogicModelItem(model, subject, title))
    return items


def logic_model_list(*, user=None) -> list[LogicModel]:
    return [item.model for item in logic_model_items(user=user)]


def logic_model_get(*, pk: int, user=None) -> LogicModel:
    """One logic model the person may see; LogicModel.DoesNotExist otherwise."""
    model = _all_models().get(pk=pk)
    subject = _subjects([model]).get((model.subject_type, model.subject_id))
    if not _visible(user, model, subject):
        raise LogicModel.DoesNotExist
    return model


def logic_model_can_edit(*, user, logic_model: LogicModel) -> bool:
    subject = subject_get(logic_model.subject_type, logic_model.subject_id)
    return can_manage(user, logic_model.subject_type, subject)


def survey_can_manage(*, user, survey: Survey) -> bool:
    subject = subject_get(survey.subject_type, survey.subject_id)
    return can_manage(user, survey.subject_type, subject)


def survey_response_rate(survey: Survey) -> Figure:
    """Invited and answered: the survey's response rate (suppressed below five people)."""
    return suppress(response_rates({survey.kind: survey})[0])


def subject_title(subject_type: str, subject_id: str) -> str:
    subject = subject_get(subject_type, subject_id)
    return str(KINDS[subject_type].title(subject))


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    current: float | None
    suppressed: bool
    progress: float | None  # share of the way from baseline to target, 0..1+


def indicator_views(logic_model: LogicModel, rows=None) -> list[IndicatorView]:
    rows = rows if rows is not None else matrix_for(logic_model)
    figures = figures_by_key(rows)
    views = []
    for indicator in logic_model.indicators.all():
        figure = figures.get(indicator.figure)
        current = figure.value if figure else None
        progress = None
        if current is not None and indicator.target is not None:
            start = indicator.baseline or 0.0
            if indicator.target != start:
                progress = (current - start) / (indicator.target - start)
        views.append(
            IndicatorView(indicator, current, bool(figure and figure.suppressed), progress)
        )
    return views


def matrix_for(logic_model: LogicModel):
    return kirkpatrick_matrix(logic_model.subject_type, logic_model.subject_id)


def surveys_of(logic_model: LogicModel) -> QuerySet[Survey]:
    return Survey.objects.filter(
        subject_type=logic_model.subject_type, subject_id=logic_model.subject_id
    ).select_related("form")


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    rows: list[tuple[str, float | None, int]]  # (group, mean score, people); None = suppressed


def _grouped(answers, field: str) -> list[tuple[str, float | None, int]]:
    out = []
    for row in answers.values(field).annotate(mean=Avg("score"), n=Count("id")).order_by(field):
        group = row[field]
        group = group.strftime("%Y-%m") if hasattr(group, "strftime") else (group or "")
        small = row["n"] < MIN_PEOPLE
        out.append((group, None if small else round(row["mean"], 2), 0 if small else row["n"]))
    return out


def breakdowns(logic_model: LogicModel) -> list[Breakdown]:
    """The after (or reaction) survey's mean score by region, language and month."""
    surveys = {s.kind: s for s in surveys_of(logic_model)}
    survey = surveys.get(SurveyKind.POST) or surveys.get(SurveyKind.REACTION)
    if survey is None:
        return []
    answers = Answer.objects.filter(survey=survey, score__isnull=False)
    monthly = answers.annotate(month=TruncMonth("submitted_at"))
    return [
        Breakdown("region", _grouped(answers, "region")),
        Breakdown("language", _grouped(answers, "language")),
        Breakdown("month", _grouped(monthly, "month")),
    ]


def capacity_breakdown(logic_model: LogicModel) -> Breakdown:
    """Participants who showed each capacity the subject builds after it ended (evidence)."""
    from capacityhub.community.models import Evidence, Profile

    subject = subject_get(logic_model.subject_type, logic_model.subject_id)
    context = context_for(logic_model.subject_type, subject)
    if not context.capacities:
        return Breakdown("capacity", [])
    profiles = Profile.objects.filter(user_id__in=context.participants).values("id")
    rows = Evidence.objects.filter(profile_id__in=profiles, capacity_id__in=context.capacities)
    if context.ended_on is not None:
        rows = rows.filter(occurred_on__gt=context.ended_on)
    counts = dict(rows.values_list("capacity_id").annotate(n=Count("profile_id", distinct=True)))
    out = []
    for capacity in context.capacities:
        n = counts.get(capacity, 0)
        out.append((str(capacity), None if n < MIN_PEOPLE else float(n),
                    n if n >= MIN_PEOPLE else 0))  # fmt: skip
    return Breakdown("capacity", out)


def open_data_rows() -> list[dict]:
    """Anonymised aggregates of every logic model: one row per figure, suppressed ones with
    an empty value. Column meanings are in DATA_DICTIONARY."""
    rows = []
    for model in logic_model_list():
        for row in matrix_for(model):
            for figure in row.figures:
                rows.append({
                    "logic_model": model.pk, "subject_type": model.subject_type,
                    "subject_id": model.subject_id, "level": row.level, "figure": figure.key,
                    "label": figure.label, "value": figure.value, "unit": figure.unit,
                    "people": figure.n, "ci_low": figure.low, "ci_high": figure.high,
                    "suppressed": figure.suppressed,
                })  # fmt: skip
    return rows


DATA_DICTIONARY = [
    ("logic_model", "integer", _("The logic model's number in the hub.")),
    ("subject_type", "text", _("What is evaluated: learning.course, events.event, review.call, …")),
    ("subject_id", "text", _("The evaluated activity's number in the hub.")),
    ("level", "integer", _("Kirkpatrick level: 1 reaction, 2 learning, 3 behaviour, 4 results.")),
    ("figure", "text", _("A stable key for the figure.")),
    ("label", "text", _("What the figure measures, in the reader's language.")),
    ("value", "number", _("The figure; empty when suppressed or unknown.")),
    ("unit", "text", _("“%” for shares; empty for mean scores and score changes.")),
    ("people", "integer", _("How many people the figure comes from (0 when suppressed).")),
    ("ci_low", "number", _("Lower end of the confidence interval, 95%, of a paired change.")),
    ("ci_high", "number", _("Upper end of the confidence interval, 95%, of a paired change.")),
    ("suppressed", "boolean", _("True when fewer than 5 people: the value is withheld.")),
]


@dataclass(frozen=True)
class PracticeOutcome:
    kind: str
    subject_type: str
    subject_id: str
    title: str
    logic_model: LogicModel
    reaction: float | None
    change: float | None
    people: int


def practice_outcomes(*, subject_type: str | None = None) -> list[PracticeOutcome]:
    """What works where: each evaluated practice (course design, event format, call) with its
    headline outcomes (satisfaction, paired change), best first. The knowledge base may rank
    by `practice_scores`."""
    out = []
    for item in logic_model_items():
        model = item.model
        if subject_type and model.subject_type != subject_type:
            continue
        figures = figures_by_key(matrix_for(model))
        reaction, change = figures.get("reaction"), figures.get("pre_post_change")
        out.append(
            PracticeOutcome(
                str(KINDS[model.subject_type].label), model.subject_type, model.subject_id,
                item.title, model,
                reaction.value if reaction else None, change.value if change else None,
                max((f.n for f in figures.values()), default=0),
            )
        )  # fmt: skip
    return sorted(out, key=lambda p: (p.change is None, -(p.change or 0), p.title))


def practice_scores(subject_type: str) -> dict[str, float]:
    """{subject_id: paired change} for ranking practices of one type (unsuppressed only)."""
    return {
        p.subject_id: p.change
        for p in practice_outcomes(subject_type=subject_type)
        if p.change is not None
    }


def indicator_rollup(logic_models) -> list[dict]:
    """A plan's view of many logic models: each indicator with baseline, target, current value
    (suppressed below five people) and progress — one matrix per logic model."""
    out = []
    for model in logic_models.prefetch_related("indicators"):
        for view in indicator_views(model):
            item = view.indicator
            out.append({"logic_model": model.pk, "indicator": item.pk, "name": item.name,
                        "level": item.level, "unit": item.unit, "baseline": item.baseline,
                        "target": item.target, "current": view.current,
                        "suppressed": view.suppressed, "progress": view.progress})  # fmt: skip
    return out
