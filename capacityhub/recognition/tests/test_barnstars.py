"""Barnstars: who may give, hide, report and moderate; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry, Notification
from capacityhub.recognition.models import Barnstar, BarnstarReport
from capacityhub.recognition.selectors import barnstar_feed, barnstar_get, barnstars_for_profile
from capacityhub.recognition.services.barnstars import (
    barnstar_give,
    barnstar_moderate,
    barnstar_report,
    barnstar_set_hidden,
)


def give(actor, recipient, **extra):
    data = {"kind": "mentor", "message": "Thank you for the Lua workshop!"} | extra
    return barnstar_give(actor=actor, recipient=recipient, **data)


def test_a_member_thanks_another_who_is_notified(owner, other, taxonomy):
    barnstar = give(owner, other, capacity=taxonomy["lua-scripting"], activity="events.event:3")

    assert barnstar.recipient == other and barnstar.activity == "events.event:3"
    assert Notification.objects.filter(recipient=other).count() == 1
    assert AuditEntry.objects.filter(action="recognition.barnstar.give").count() == 1
    assert list(barnstar_feed(viewer=None)) == [barnstar]


def test_a_self_award_is_refused_and_nothing_changes(owner):
    with pytest.raises(ValidationError) as error:
        give(owner, owner)
    assert "recipient" in error.value.message_dict
    assert not Barnstar.objects.exists() and not Notification.objects.exists()


def test_anonymous_cannot_give(anonymous, other):
    with pytest.raises(PermissionDenied):
        give(anonymous, other)


@pytest.mark.parametrize(
    "field,extra",
    [
        ("kind", {"kind": "gold"}),
        ("message", {"message": "   "}),
        ("message", {"message": "bad\x1bcontrol"}),
        ("activity", {"activity": "payments.invoice:1"}),
        ("activity", {"activity": "not a source"}),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(owner, other, field, extra):
    with pytest.raises(ValidationError) as error:
        give(owner, other, **extra)
    assert field in error.value.message_dict
    assert not Barnstar.objects.exists()


def test_the_daily_limit_per_giver_holds(settings, owner, other, staff):
    settings.RECOGNITION_BARNSTARS_PER_DAY = 2
    give(owner, other)
    give(owner, staff)
    with pytest.raises(ValidationError) as error:
        give(owner, other)
    assert "giver" in error.value.message_dict
    assert Barnstar.objects.count() == 2
    give(other, owner)  # another giver has their own limit


def test_only_the_recipient_hides_one(owner, other, staff):
    barnstar = give(owner, other)
    for actor in (owner, staff):
        with pytest.raises(PermissionDenied):
            barnstar_set_hidden(actor=actor, barnstar=barnstar, hidden=True)
    barnstar_set_hidden(actor=other, barnstar=barnstar, hidden=True)
    assert not barnstar_feed(viewer=None).exists()
    assert not barnstars_for_profile(viewer=staff, user_id=other.pk).exists()
    assert barnstar_get(viewer=other, pk=barnstar.pk) == barnstar
    with pytest.raises(Exception, match="no such barnstar"):
        barnstar_get(viewer=None, pk=barnstar.pk)


def test_members_report_once_and_staff_moderate(owner, other, staff, manager):
    barnstar = give(owner, other)
    barnstar_report(actor=manager, barnstar=barnstar, reason="Spam")
    with pytest.raises(ValidationError):
        barnstar_report(actor=manager, barnstar=barnstar, reason="Spam again")
    with pytest.raises(ValidationError):
        barnstar_report(actor=owner, barnstar=barnstar, reason="  ")
    for actor in (owner, other, manager):
        with pytest.raises(PermissionDenied):
            barnstar_moderate(actor=actor, barnstar=barnstar, hide=True, reason="x")
    with pytest.raises(ValidationError):
        barnstar_moderate(actor=staff, barnstar=barnstar, hide=True, reason="")
    barnstar_moderate(actor=staff, barnstar=barnstar, hide=True, reason="Abuse")
    assert not barnstar_feed(viewer=None).exists()
    assert BarnstarReport.objects.get().resolved_at is not None
    barnstar_moderate(actor=staff, barnstar=barnstar, hide=False)
    assert barnstar_feed(viewer=None).get() == barnstar


def test_anonymous_cannot_report(anonymous, owner, other):
    barnstar = give(owner, other)
    with pytest.raises(PermissionDenied):
        barnstar_report(actor=anonymous, barnstar=barnstar, reason="x")
