"""API of the knowledge app."""

from ninja import Router

router = Router(tags=["knowledge"])
