"""The governance API: the board and its terms, meetings, motions and votes, advice, the annual
plan and the Popolo export. One router: board.py owns it, meetings.py and advice.py register."""

from . import advice, meetings  # noqa: F401 - register their endpoints on the router
from .board import router

__all__ = ["router"]
