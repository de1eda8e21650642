"""Writes of the review workflow, one module per stage."""

from .applications import application_attach_file, application_save, application_withdraw
from .assignments import assignment_reassign, assignments_run
from .calls import call_create, call_update
from .decisions import application_decide, application_screen, offer_respond
from .reviews import review_save

__all__ = [
    "application_attach_file",
    "application_decide",
    "application_save",
    "application_screen",
    "application_withdraw",
    "assignment_reassign",
    "assignments_run",
    "call_create",
    "call_update",
    "offer_respond",
    "review_save",
]
