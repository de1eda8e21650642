"""The mentoring API: programmes, cohorts, progress, retention (programmes.py, which owns the
router), mentor profiles, requests and mentorships (mentorships.py registers on it)."""

from . import mentorships  # noqa: F401 - registers its endpoints on the router
from .programmes import router

__all__ = ["router"]
