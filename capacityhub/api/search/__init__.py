"""One search over every kind of thing in the hub."""

from .search import router

__all__ = ["router"]
