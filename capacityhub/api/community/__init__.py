"""People, the caller (me) and organizations."""

from .me import me_router
from .organizations import organizations_router
from .people import people_router

__all__ = ["me_router", "organizations_router", "people_router"]
