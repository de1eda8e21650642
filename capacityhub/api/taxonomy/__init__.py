"""The taxonomy: capacities, the methods toolbox and proposals."""

from .capacities import router

__all__ = ["router"]
