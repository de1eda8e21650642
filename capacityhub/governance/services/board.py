"""The board and its terms. `User.is_board_member` is kept true exactly for people holding a
current term: set here when a term starts or ends, and each day by `manage.py
sync_board_members` for terms that began or ran out by date (decision 0033)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_staff
from capacityhub.core.validation import clean_multiline, clean_single_line

from ..models import VOTING_ROLES, Board, ChosenBy, Role, Term
from .common import current_terms, today


def _texts(value, *, field: str, max_length: int, multiline: bool = False) -> dict[str, str]:
    from capacityhub.core.validation import clean_language

    if not isinstance(value, dict):
        raise ValidationError({field: _("Give a text per language.")})
    clean = clean_multiline if multiline else clean_single_line
    texts = {
        clean_language(code, field=field): clean(text, field=field, max_length=max_length)
        for code, text in value.items()
    }
    return {code: text for code, text in texts.items() if text}


@transaction.atomic
def board_create(*, actor, slug: str, name: dict, mandate: dict | None = None) -> Board:
    require_staff(actor)
    names = _texts(name, field="name", max_length=200)
    if not names:
        raise ValidationError({"name": _("Give the board a name.")})
    board = Board(
        slug=slug,
        name=names,
        mandate=_texts(mandate or {}, field="mandate", max_length=4000, multiline=True),
    )
    board.full_clean()
    board.save()
    audit_log(actor=actor, action="governance.board.create", target=board)
    return board


def _check_term(role: str, chosen_by: str, starts_on, ends_on) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if chosen_by not in ChosenBy.values:
        raise ValidationError({"chosen_by": _("Say how the member was chosen.")})
    if not isinstance(starts_on, dt.date):
        raise ValidationError({"starts_on": _("Give the first day of the term.")})
    if not isinstance(ends_on, dt.date) or ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The term must end after it starts.")})


@transaction.atomic
def term_start(
    *, actor, board: Board, person, role: str, chosen_by: str, starts_on, ends_on
) -> Term:
    """Seat a person for a dated term. One person holds one term at a time on a board, and a
    board has one chair and one secretary at a time."""
    require_staff(actor)
    _check_term(role, chosen_by, starts_on, ends_on)
    Board.objects.select_for_update().filter(pk=board.pk).values("pk").first()
    overlapping = Term.objects.filter(
        board=board, starts_on__lte=ends_on, ends_on__gte=starts_on, ended_on__isnull=True
    )
    if overlapping.filter(person=person).exists():
        raise ValidationError({"person": _("This person already holds a term in that period.")})
    if role in (Role.CHAIR, Role.SECRETARY) and overlapping.filter(role=role).exists():
        raise ValidationError({"role": _("Someone else holds this role in that period.")})
    term = Term(
        board=board,
        person=person,
        role=role,
        chosen_by=chosen_by,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    term.full_clean()
    term.save()
    audit_log(
        actor=actor,
        action="governance.term.start",
        target=term,
        changes={"person": person.pk, "role": role, "chosen_by": chosen_by,
                 "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )  # fmt: skip
    board_member_flags_sync(user_ids=[person.pk])
    return term


@transaction.atomic
def term_end(*, actor, term: Term, ended_on=None) -> Term:
    """End a term early (resignation, removal): the row stays with the day it ended."""
    require_staff(actor)
    term = Term.objects.select_for_update().get(pk=term.pk)
    ended_on = ended_on or today()
    if term.ended_on is not None:
        raise ValidationError({"term": _("This term has already ended.")})
    if not isinstance(ended_on, dt.date) or not term.starts_on <= ended_on <= term.ends_on:
        raise ValidationError({"ended_on": _("Give a day within the term.")})
    term.ended_on = ended_on
    term.save(update_fields=["ended_on"])
    audit_log(
        actor=actor,
        action="governance.term.end",
        target=term,
        changes={"ended_on": str(ended_on)},
    )
    board_member_flags_sync(user_ids=[term.person_id])
    return term


def board_member_flags_sync(*, user_ids: Iterable[int] | None = None) -> int:
    """Make `is_board_member` true exactly for people with a current voting term (chair,
    secretary, member — advisors advise but do not oversee); `user_ids` limits the check.
    Returns how many rows changed."""
    user_model = get_user_model()
    terms = current_terms().filter(role__in=VOTING_ROLES)
    holders = set(terms.values_list("person_id", flat=True))
    people = user_model.objects.all()
    if user_ids is not None:
        people = people.filter(pk__in=list(user_ids))
    granted = people.filter(pk__in=holders, is_board_member=False).update(is_board_member=True)
    revoked = people.exclude(pk__in=holders).filter(is_board_member=True)
    return granted + revoked.update(is_board_member=False)
