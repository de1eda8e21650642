"""Courses: one router, for learners (courses.py) and authors (authoring.py, which registers
on the same router: the two share paths such as /courses/{slug})."""

from . import authoring  # noqa: F401 - registers the authors' endpoints on the router
from .courses import router

__all__ = ["router"]
