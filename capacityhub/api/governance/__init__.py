"""The governance API."""

from ninja import Router

router = Router(tags=["governance"])

__all__ = ["router"]
