"""Every orgdev write (one module per subdomain)."""

from .frameworks import framework_ensure, framework_version_create
from .plans import (
    gap_need_create,
    goal_create,
    goal_set_status,
    milestone_add,
    milestone_complete,
)
from .rounds import (
    MIN_RESPONDENTS,
    answers_save,
    respondents_invite,
    round_close,
    round_open,
    round_publish,
)

__all__ = [
    "MIN_RESPONDENTS",
    "answers_save",
    "framework_ensure",
    "framework_version_create",
    "gap_need_create",
    "goal_create",
    "goal_set_status",
    "milestone_add",
    "milestone_complete",
    "respondents_invite",
    "round_close",
    "round_open",
    "round_publish",
]
