"""The mentoring API."""

from ninja import Router

router = Router(tags=["mentoring"])

__all__ = ["router"]
