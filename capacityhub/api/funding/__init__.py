"""The funding API: budgets, the public ledger and its exports, posting and reversing."""

from . import budgets  # noqa: F401 - registers its endpoints on the router
from .ledger import router

__all__ = ["router"]
