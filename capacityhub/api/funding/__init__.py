"""The funding API."""

from ninja import Router

router = Router(tags=["funding"])

__all__ = ["router"]
