"""The evaluation API."""

from ninja import Router

router = Router(tags=["evaluation"])

__all__ = ["router"]
