"""What the governance services share: who holds a current term, and who runs meetings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member

from ..models import OFFICER_ROLES, VOTING_ROLES, Board, Term


def today() -> dt.date:
    return timezone.localdate()


def current_terms(*, day: dt.date | None = None, board: Board | None = None) -> QuerySet[Term]:
    """Terms running on `day` (today by default): started, not past their end, not ended."""
    day = day or today()
    terms = Term.objects.filter(starts_on__lte=day, ends_on__gte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    return terms.filter(board=board) if board is not None else terms


def voting_terms(*, board: Board, day: dt.date | None = None) -> QuerySet[Term]:
    return current_terms(board=board, day=day).filter(role__in=VOTING_ROLES)


def is_officer(user, board: Board, day: dt.date | None = None) -> bool:
    """Staff, or the board's chair or secretary in a current term."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return current_terms(board=board, day=day).filter(person=user, role__in=OFFICER_ROLES).exists()


def require_officer(actor, board: Board) -> None:
    require_member(actor)
    if not is_officer(actor, board):
        raise PermissionDenied(_("Only the board's chair, its secretary or staff can do this."))
