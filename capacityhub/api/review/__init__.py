"""The selection workflow's API: calls, applications, screening, assignment, reviews,
decisions, ranking and the fairness report. Every write calls the same service as its page.
One router: calls.py owns it, applications.py and reviews.py register on it."""

from . import applications, reviews  # noqa: F401 - register their endpoints on the router
from .calls import router

__all__ = ["router"]
