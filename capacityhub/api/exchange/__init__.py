"""The exchange: needs, offers, connections (with messages and the inbox), the capacity map
and matching."""

from .connections import router as connections_router
from .map import router as map_router
from .matching import router as matching_router
from .needs import router as needs_router
from .offers import router as offers_router

# In the order they register on the API.
routers = [needs_router, offers_router, connections_router, map_router, matching_router]
