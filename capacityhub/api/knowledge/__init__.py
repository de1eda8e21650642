"""The knowledge base: resources (schemas.py holds their shapes) and the open-data dumps."""

from .opendata import router as opendata_router
from .resources import router as resources_router

__all__ = ["opendata_router", "resources_router"]
