"""Every write of the governance app (one module per subdomain)."""

from .advice import advice_answer, advice_publish, advice_request
from .board import board_create, board_member_flags_sync, term_end, term_start
from .meetings import (
    agenda_item_add,
    attendance_record,
    meeting_create,
    minutes_publish,
    minutes_save,
)
from .motions import motion_close, motion_conflicts, motion_propose, subject_resolve, vote_cast
from .plan import plan_target_set

__all__ = [
    "advice_answer",
    "advice_publish",
    "advice_request",
    "agenda_item_add",
    "attendance_record",
    "board_create",
    "board_member_flags_sync",
    "meeting_create",
    "minutes_publish",
    "minutes_save",
    "motion_close",
    "motion_conflicts",
    "motion_propose",
    "plan_target_set",
    "subject_resolve",
    "term_end",
    "term_start",
    "vote_cast",
]
