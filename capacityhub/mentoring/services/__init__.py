"""Every write in mentoring (one module per subdomain)."""

from .lifecycle import (
    meeting_log,
    mentorship_accept,
    mentorship_complete,
    mentorship_end,
    mentorship_fit_check,
    mentorship_move,
)
from .mentors import away_add, mentor_profile_save, request_create, request_withdraw
from .pairing import RunSummary, cohort_assign, mentorship_pair, request_match
from .programmes import (
    admit_from_decision,
    cohort_create,
    participant_admit,
    programme_create,
    stage_add,
)
from .progress import stage_complete

__all__ = [
    "RunSummary",
    "admit_from_decision",
    "away_add",
    "cohort_assign",
    "cohort_create",
    "meeting_log",
    "mentor_profile_save",
    "mentorship_accept",
    "mentorship_complete",
    "mentorship_end",
    "mentorship_fit_check",
    "mentorship_move",
    "mentorship_pair",
    "participant_admit",
    "programme_create",
    "request_create",
    "request_match",
    "request_withdraw",
    "stage_add",
    "stage_complete",
]
