"""Live sessions and events: events, their Q&A, and on-site technical assistance."""

from .events import router

__all__ = ["router"]
