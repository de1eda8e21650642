"""Every read in mentoring applies who may see what (rules.py)."""

from .mentorships import (
    mentor_profile_of,
    mentorship_get,
    mentorship_meetings,
    mentorships_of,
    request_queue,
    requests_of,
)
from .programmes import (
    MissingStep,
    ProgressRow,
    certificate_for,
    cohort_get,
    cohort_list,
    cohort_progress,
    programme_get,
    programme_list,
    talent_report,
)
from .public import home_mentoring, mentor_card, programme_completions
from .retention import programme_retention

__all__ = [
    "MissingStep",
    "ProgressRow",
    "certificate_for",
    "cohort_get",
    "cohort_list",
    "cohort_progress",
    "home_mentoring",
    "mentor_card",
    "mentor_profile_of",
    "mentorship_get",
    "mentorship_meetings",
    "mentorships_of",
    "programme_completions",
    "programme_get",
    "programme_list",
    "programme_retention",
    "request_queue",
    "requests_of",
    "talent_report",
]
