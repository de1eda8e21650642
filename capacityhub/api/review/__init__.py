"""The selection workflow's API: calls, applications, screening, assignment, reviews,
decisions, ranking and the fairness report. Every write calls the same service as its page."""

from .calls import router

__all__ = ["router"]
