"""The evaluation API."""

from .evaluation import router

__all__ = ["router"]
