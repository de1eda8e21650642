"""The orgdev API: assessments (framework, rounds, answers, results, change) and development
plans. One router shared by both modules."""

from . import plans  # noqa: F401  (registers its operations on the router)
from .assessments import router

__all__ = ["router"]
