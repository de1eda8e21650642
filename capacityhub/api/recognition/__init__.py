"""The recognition API."""

from ninja import Router

router = Router(tags=["recognition"])

__all__ = ["router"]
