"""The Kirkpatrick matrix of one subject: four levels of figures, from the evaluation surveys
(reaction; paired pre/post and retrospective-pre/post changes with a 95% confidence interval)
and from the registered providers (sources.py). Every figure from fewer than five people is
suppressed here, so pages, the API and exports cannot show it."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from .models import Answer, Invitation, Level, Survey, SurveyKind
from .sources import Context, Figure, providers_for, suppress
from .stats import Change, change_from_moments
from .subjects import subject_get, subject_kind


@dataclass
class Row:
    level: int
    label: str
    figures: list[Figure] = field(default_factory=list)


def context_for(subject_type: str, subject) -> Context:
    kind = subject_kind(subject_type)
    participants = kind.participants(subject)
    return Context(
        subject_type=subject_type,
        subject=subject,
        participants=participants,
        people=participants.values("pk").count() if hasattr(participants, "values") else 0,
        ended_on=kind.ended_on(subject),
        capacities=tuple(kind.capacities(subject)),
    )


def _surveys(subject_type: str, subject_id: str) -> dict[str, Survey]:
    return {
        s.kind: s
        for s in Survey.objects.filter(subject_type=subject_type, subject_id=str(subject_id))
    }


def response_rates(surveys: dict[str, Survey]) -> list[Figure]:
    """Per survey: answered / invited, as a percentage of the invited people."""
    counts = {
        row["survey_id"]: row
        for row in Invitation.objects.filter(survey__in=list(surveys.values()))
        .values("survey_id")
        .annotate(invited=Count("id"), answered=Count("responded_at"))
    }
    figures = []
    for survey in surveys.values():
        row = counts.get(survey.pk, {"invited": 0, "answered": 0})
        value = round(100 * row["answered"] / row["invited"], 1) if row["invited"] else None
        figures.append(
            Figure(
                key=f"response_rate_{survey.kind}",
                label=_("Response rate: %(survey)s") % {"survey": survey.get_kind_display()},
                value=value,
                n=row["invited"],
                unit="%",
            )
        )
    return figures


def _reaction(surveys: dict[str, Survey]) -> list[Figure]:
    survey = surveys.get(SurveyKind.REACTION)
    if survey is None:
        return []
    row = Answer.objects.filter(survey=survey, score__isnull=False).aggregate(
        mean=Avg("score"), n=Count("id")
    )
    mean = round(row["mean"], 2) if row["mean"] is not None else None
    return [Figure(key="reaction", label=_("Satisfaction (mean score)"), value=mean, n=row["n"])]


PAIR_SQL = """
SELECT COUNT(*), SUM(b.score - a.score), SUM((b.score - a.score) * (b.score - a.score))
FROM {table} b JOIN {table} a ON a.survey_id = %s AND a.person_id = b.person_id
WHERE b.survey_id = %s AND b.person_id IS NOT NULL
  AND b.score IS NOT NULL AND a.score IS NOT NULL
"""


def pair_moments(before: Survey, after: Survey) -> Change:
    """The paired change over the people who answered both and agreed to be linked, summed
    in the database (count, sum and sum of squares of after − before) by one self-join on
    the (survey, person, score) index: the ORM would repeat a correlated subquery per use."""
    sql = PAIR_SQL.format(table=connection.ops.quote_name(Answer._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [before.pk, after.pk])
        n, total, squares = cursor.fetchone()
    return change_from_moments(n or 0, float(total or 0.0), float(squares or 0.0))


def _change(key: str, label: str, before: Survey | None, after: Survey | None) -> list[Figure]:
    if before is None or after is None:
        return []
    change = pair_moments(before, after)
    rounded = [None if v is None else round(v, 2) for v in (change.mean, change.low, change.high)]
    return [Figure(key=key, label=label, value=rounded[0], n=change.n, low=rounded[1],
                   high=rounded[2])]  # fmt: skip


def _learning(surveys: dict[str, Survey]) -> list[Figure]:
    post = surveys.get(SurveyKind.POST)
    return _change(
        "pre_post_change",
        _("Change from before to after (paired; confidence interval 95%)"),
        surveys.get(SurveyKind.PRE),
        post,
    ) + _change(
        "retro_pre_post_change",
        _("Change from “looking back” to after (paired; confidence interval 95%)"),
        surveys.get(SurveyKind.RETRO_PRE),
        post,
    )


def kirkpatrick_matrix(subject_type: str, subject_id: str, *, minimum: int | None = None):
    """[Row(level, label, figures)] for the four levels; small figures suppressed."""
    subject = subject_get(subject_type, subject_id)
    context = context_for(subject_type, subject)
    surveys = _surveys(subject_type, subject.pk)
    from_surveys = {
        Level.REACTION: _reaction(surveys) + response_rates(surveys),
        Level.LEARNING: _learning(surveys),
    }
    rows = []
    for level in Level:
        figures = list(from_surveys.get(level, []))
        for provider in providers_for(subject_type, level):
            figures.extend(provider(context))
        keep = {"minimum": minimum} if minimum is not None else {}
        rows.append(Row(level=level.value, label=str(level.label),
                        figures=[suppress(f, **keep) for f in figures]))  # fmt: skip
    return rows


def figures_by_key(rows: list[Row]) -> dict[str, Figure]:
    return {f.key: f for row in rows for f in row.figures}
