"""The orgdev API."""

from ninja import Router

router = Router(tags=["orgdev"])

__all__ = ["router"]
