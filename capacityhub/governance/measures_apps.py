"""The annual plan's measures from the apps the unit oversees: mentoring and leadership
programmes, evaluation surveys, organizational development and recognition. Each is one
counting query over the period, like the built-in ones."""

from django.utils.translation import gettext_lazy as _

from capacityhub.evaluation.models import Answer
from capacityhub.mentoring.models import Mentorship, StageCompletion
from capacityhub.orgdev.models import Round
from capacityhub.recognition.models import Award

from .measures import Measure, register


def _mentorships_completed(start, end) -> int:
    return Mentorship.objects.filter(
        status=Mentorship.Status.COMPLETED, ended_at__gte=start, ended_at__lt=end
    ).count()


def _stages_completed(start, end) -> int:
    return StageCompletion.objects.filter(completed_at__gte=start, completed_at__lt=end).count()


def _survey_answers(start, end) -> int:
    return Answer.objects.filter(submitted_at__gte=start, submitted_at__lt=end).count()


def _assessments_closed(start, end) -> int:
    return Round.objects.filter(closed_at__gte=start, closed_at__lt=end).count()


def _badges_awarded(start, end) -> int:
    return Award.objects.filter(issued_at__gte=start, issued_at__lt=end).count()


def register_app_measures() -> None:
    for measure in (
        Measure("mentorships_completed", _("Mentorships completed"), _mentorships_completed),
        Measure("stages_completed", _("Programme stages completed"), _stages_completed),
        Measure("survey_answers", _("Evaluation survey answers"), _survey_answers),
        Measure("assessments_closed", _("Organizational assessments completed"),
                _assessments_closed),
        Measure("badges_awarded", _("Badges awarded"), _badges_awarded),
    ):  # fmt: skip
        register(measure)
