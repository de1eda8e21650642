"""Evaluation writes: logic models and indicators, surveys, consent, invitations, answers."""

from .logic_models import (
    indicator_add,
    indicator_remove,
    logic_model_create,
    logic_model_update,
    require_manager,
)
from .surveys import (
    answer_submit,
    consent_set,
    follow_ups_send,
    has_consent,
    invitation_create,
    survey_create,
    survey_invite_all,
)

__all__ = [
    "answer_submit",
    "consent_set",
    "follow_ups_send",
    "has_consent",
    "indicator_add",
    "indicator_remove",
    "invitation_create",
    "logic_model_create",
    "logic_model_update",
    "require_manager",
    "survey_create",
    "survey_invite_all",
]
