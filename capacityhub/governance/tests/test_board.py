"""Terms: who sits on the board, how they were chosen, and the board-member flag."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from capacityhub.community.models import User
from capacityhub.governance.models import Term
from capacityhub.governance.selectors import renewal_schedule, roster
from capacityhub.governance.services import term_end, term_start

TODAY = timezone.localdate


def _start(actor, board, person, role="member", starts=-10, ends=700):
    return term_start(
        actor=actor, board=board, person=person, role=role, chosen_by="election",
        starts_on=TODAY() + dt.timedelta(days=starts), ends_on=TODAY() + dt.timedelta(days=ends),
    )  # fmt: skip


def test_staff_seat_a_member_who_becomes_a_board_member(board, staff, owner):
    term = _start(staff, board, owner)
    assert User.objects.get(pk=owner.pk).is_board_member
    assert roster(board=board) == [term]


def test_an_advisor_holds_a_term_but_does_not_oversee(board, staff, owner):
    _start(staff, board, owner, role="advisor")
    assert not User.objects.get(pk=owner.pk).is_board_member


@pytest.mark.parametrize("actor_name", ["owner", "other", "manager"])
def test_only_staff_seat_people(board, request, actor_name, owner):
    with pytest.raises(PermissionDenied):
        _start(request.getfixturevalue(actor_name), board, owner)
    assert not Term.objects.exists()


def test_a_term_ends_after_it_starts_and_a_person_holds_one_at_a_time(board, staff, owner):
    with pytest.raises(ValidationError) as error:
        _start(staff, board, owner, starts=10, ends=5)
    assert "ends_on" in error.value.message_dict
    _start(staff, board, owner)
    with pytest.raises(ValidationError) as error:
        _start(staff, board, owner, starts=100, ends=800)
    assert "person" in error.value.message_dict
    assert Term.objects.count() == 1


def test_one_chair_at_a_time(board, staff, owner, other):
    _start(staff, board, owner, role="chair")
    with pytest.raises(ValidationError) as error:
        _start(staff, board, other, role="chair")
    assert "role" in error.value.message_dict


def test_ending_a_term_early_clears_the_flag(board, staff, owner):
    term = _start(staff, board, owner)
    term_end(actor=staff, term=term, ended_on=TODAY())
    assert not User.objects.get(pk=owner.pk).is_board_member
    with pytest.raises(ValidationError):
        term_end(actor=staff, term=term)


def test_the_daily_command_follows_terms_that_start_and_run_out(board, staff, owner, other):
    future = _start(staff, board, owner, starts=3, ends=400)
    assert not User.objects.get(pk=owner.pk).is_board_member
    Term.objects.filter(pk=future.pk).update(starts_on=TODAY())
    User.objects.filter(pk=other.pk).update(is_board_member=True)  # no term: a stale flag
    call_command("sync_board_members", verbosity=0)
    assert User.objects.get(pk=owner.pk).is_board_member
    assert not User.objects.get(pk=other.pk).is_board_member


def test_renewal_is_shown_by_the_year_terms_end(board, seated):
    years = renewal_schedule(board=board)
    assert sum(len(terms) for _, terms in years) == 7
    assert [year for year, _ in years] == sorted(year for year, _ in years)
    assert len(years) >= 2  # staggered
