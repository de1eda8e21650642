"""Needs: the services (create, update, lifecycle, expiry) and the selectors (visibility)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import Need, NeedEvent
from capacityhub.exchange.selectors.needs import need_get, need_list
from capacityhub.exchange.services.needs import (
    need_close,
    need_create,
    need_expire_overdue,
    need_set_status,
    need_transition,
    need_update,
)

from .factories_needs import MethodFactory, NeedFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _create(actor, **overrides):
    fields = {
        "title": "Learn grant reporting",
        "capacities": ["grant-reporting"],
        "description": "Our first grant report is due in March.",
        "desired_level": 3,
        "languages": ["fr", "en"],
        "online": True,
        "region": "ssa",
        "methods": [],
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=60),
        "visibility": "public",
    }
    fields.update(overrides)
    return need_create(actor=actor, **fields)


def _state(need):
    need.refresh_from_db()
    return (need.title, need.status, need.version, sorted(c.code for c in need.capacities.all()))


# --- need_create -------------------------------------------------------------------------------


def test_a_member_states_a_need_which_opens_with_an_event_and_an_audit_row(owner, taxonomy):
    MethodFactory(code="mentoring")

    need = _create(owner, methods=["mentoring"])

    assert need.requester == owner
    assert need.status == "open"
    assert [c.code for c in need.capacities.all()] == ["grant-reporting"]
    assert [m.code for m in need.methods.all()] == ["mentoring"]
    assert need.languages == ["fr", "en"]
    event = need.events.get()
    assert (event.actor, event.from_status, event.to_status) == (owner, "", "open")
    assert AuditEntry.objects.filter(action="need.create", target_id=str(need.pk)).exists()


def test_a_manager_states_a_need_for_their_organization(manager, organization, taxonomy):
    need = _create(manager, organization=organization)

    assert need.organization == organization


def test_staff_may_state_a_need_for_any_organization(staff, organization, taxonomy):
    assert _create(staff, organization=organization).organization == organization


def test_a_plain_member_cannot_state_a_need_for_an_organization(other, organization, taxonomy):
    Membership.objects.create(organization=organization, user=other)

    with pytest.raises(PermissionDenied):
        _create(other, organization=organization)

    assert not Need.objects.exists()


def test_anonymous_cannot_state_a_need(anonymous, taxonomy):
    with pytest.raises(PermissionDenied):
        _create(anonymous)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacities": ["astrology"]}, "capacities"),
        ({"capacities": []}, "capacities"),
        ({"capacities": "grant-reporting"}, "capacities"),
        ({"desired_level": 0}, "desired_level"),
        ({"desired_level": 6}, "desired_level"),
        ({"languages": ["xx-not-a-language"]}, "languages"),
        ({"region": "atlantis"}, "region"),
        ({"methods": ["telepathy"]}, "methods"),
        ({"ends_on": TODAY - timedelta(days=1), "starts_on": TODAY}, "ends_on"),
        ({"ends_on": TODAY - timedelta(days=1), "starts_on": None}, "ends_on"),
        ({"visibility": "secret"}, "visibility"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    owner, taxonomy, overrides, field
):
    with pytest.raises(ValidationError) as caught:
        _create(owner, **overrides)

    assert field in caught.value.message_dict
    assert not Need.objects.exists()
    assert not AuditEntry.objects.filter(action="need.create").exists()


def test_an_unknown_capacity_is_named_in_the_message(owner, taxonomy):
    with pytest.raises(ValidationError) as caught:
        _create(owner, capacities=["grant-reporting", "astrology"])

    assert "astrology" in caught.value.message_dict["capacities"][0]


# --- need_update -------------------------------------------------------------------------------


def test_the_requester_changes_the_need_and_its_version_goes_up(owner, taxonomy):
    need = _create(owner)

    need_update(
        actor=owner,
        need=need,
        expected_version=1,
        title="Grant reporting in French",
        capacities=["grant-reporting", "grant-writing"],
    )

    assert _state(need) == (
        "Grant reporting in French",
        "open",
        2,
        ["grant-reporting", "grant-writing"],
    )
    entry = AuditEntry.objects.get(action="need.update")
    assert entry.changes["title"] == ["Learn grant reporting", "Grant reporting in French"]


def test_the_managers_of_the_organization_and_staff_may_change_its_need(
    owner, manager, staff, organization, taxonomy
):
    need = _create(manager, organization=organization)
    second_manager = UserFactory(username="second")
    Membership.objects.create(organization=organization, user=second_manager, role="manager")

    need_update(actor=second_manager, need=need, title="By the second manager")
    need_update(actor=staff, need=need, title="By staff")

    assert _state(need)[0] == "By staff"


def test_someone_else_cannot_change_the_need_and_nothing_changes(owner, other, taxonomy):
    need = _create(owner)
    before = _state(need)

    with pytest.raises(PermissionDenied):
        need_update(actor=other, need=need, title="Mine now")

    assert _state(need) == before


def test_a_stale_version_is_a_conflict_and_nothing_changes(owner, taxonomy):
    need = _create(owner)
    need_update(actor=owner, need=need, title="First edit")
    before = _state(need)

    with pytest.raises(ValidationError) as caught:
        need_update(actor=owner, need=need, expected_version=1, title="Second edit")

    assert "version" in caught.value.message_dict
    assert _state(need) == before


def test_an_update_with_bad_input_changes_nothing(owner, taxonomy):
    need = _create(owner)
    before = _state(need)

    for changes in [
        {"capacities": ["astrology"]},
        {"desired_level": 9},
        {"starts_on": TODAY + timedelta(days=90)},
        {"requester": 3},
    ]:
        with pytest.raises(ValidationError):
            need_update(actor=owner, need=need, title="Changed", **changes)

    assert _state(need) == before


def test_a_closed_need_can_no_longer_be_changed(owner, taxonomy):
    need = _create(owner)
    need_close(actor=owner, need=need)

    with pytest.raises(ValidationError) as caught:
        need_update(actor=owner, need=need, title="Reopened?")

    assert "status" in caught.value.message_dict


def test_an_old_window_may_stay_as_it_is_when_other_fields_change(owner, taxonomy):
    need = _create(owner, starts_on=None, ends_on=TODAY)
    Need.objects.filter(pk=need.pk).update(ends_on=TODAY - timedelta(days=1))
    need.refresh_from_db()

    need_update(actor=owner, need=need, title="Still open until expiry runs")

    assert _state(need)[0] == "Still open until expiry runs"


# --- lifecycle ---------------------------------------------------------------------------------


def test_a_need_moves_open_in_progress_fulfilled_each_step_dated_and_attributed(owner, taxonomy):
    need = _create(owner)

    need_set_status(actor=owner, need=need, status="in_progress", note="Met Tomás")
    need_set_status(actor=owner, need=need, status="fulfilled")

    steps = [(e.from_status, e.to_status, e.actor, e.note) for e in need.events.all()]
    assert steps == [
        ("", "open", owner, ""),
        ("open", "in_progress", owner, "Met Tomás"),
        ("in_progress", "fulfilled", owner, ""),
    ]
    assert need.status == "fulfilled"
    assert AuditEntry.objects.filter(action="need.status").count() == 2


@pytest.mark.parametrize("start", ["open", "in_progress"])
def test_an_open_or_in_progress_need_can_be_closed(owner, taxonomy, start):
    need = _create(owner)
    if start == "in_progress":
        need_set_status(actor=owner, need=need, status="in_progress")

    need_close(actor=owner, need=need, note="Found help elsewhere")

    assert need.status == "closed"
    assert need.events.last().note == "Found help elsewhere"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "fulfilled"),
        ([], "open"),
        ([], "expired"),
        ([], "astrology"),
        (["closed"], "open"),
        (["closed"], "in_progress"),
        (["in_progress", "fulfilled"], "closed"),
        (["in_progress"], "open"),
    ],
)
def test_a_transition_outside_the_lifecycle_is_refused_and_nothing_changes(
    owner, taxonomy, path, target
):
    need = _create(owner)
    for status in path:
        need_set_status(actor=owner, need=need, status=status)
    events = need.events.count()

    with pytest.raises(ValidationError) as caught:
        need_set_status(actor=owner, need=need, status=target)

    assert "status" in caught.value.message_dict
    assert need.events.count() == events


def test_someone_else_cannot_close_the_need(owner, other, taxonomy):
    need = _create(owner)

    with pytest.raises(PermissionDenied):
        need_close(actor=other, need=need)

    assert _state(need)[1] == "open"
    assert need.events.count() == 1


def test_a_manager_may_move_their_organizations_need(manager, organization, taxonomy):
    need = _create(manager, organization=organization)
    other_manager = UserFactory(username="rafael")
    Membership.objects.create(organization=organization, user=other_manager, role="manager")

    need_set_status(actor=other_manager, need=need, status="in_progress")

    assert _state(need)[1] == "in_progress"


def test_a_status_change_read_before_a_concurrent_one_is_refused(owner, taxonomy):
    need = _create(owner)
    stale = Need.objects.get(pk=need.pk)
    need_close(actor=owner, need=need)

    with pytest.raises(ValidationError):
        need_set_status(actor=owner, need=stale, status="in_progress")

    assert _state(need)[1] == "closed"


def test_other_services_may_move_a_need_without_the_requesters_permission(owner, other, taxonomy):
    need = _create(owner)

    need_transition(actor=other, need=need, status="in_progress", note="Invitation accepted")

    assert need.events.last().actor == other


def test_a_too_long_note_is_refused(owner, taxonomy):
    need = _create(owner)

    with pytest.raises(ValidationError) as caught:
        need_close(actor=owner, need=need, note="x" * 2001)

    assert "note" in caught.value.message_dict
    assert _state(need)[1] == "open"


# --- expiry ------------------------------------------------------------------------------------


def test_needs_whose_window_has_ended_expire_and_others_do_not(owner, taxonomy):
    overdue = NeedFactory(requester=owner, ends_on=TODAY - timedelta(days=1))
    running = NeedFactory(requester=owner, ends_on=TODAY)
    endless = NeedFactory(requester=owner, ends_on=None)
    fulfilled = NeedFactory(requester=owner, ends_on=TODAY - timedelta(days=5), status="fulfilled")

    assert need_expire_overdue(today=TODAY) == 1

    statuses = {n.pk: Need.objects.get(pk=n.pk).status for n in [overdue, running, endless]}
    assert statuses == {overdue.pk: "expired", running.pk: "open", endless.pk: "open"}
    assert Need.objects.get(pk=fulfilled.pk).status == "fulfilled"
    event = NeedEvent.objects.get(need=overdue)
    assert (event.actor, event.from_status, event.to_status) == (None, "open", "expired")
    assert AuditEntry.objects.filter(action="need.status", target_id=str(overdue.pk)).exists()


def test_the_expire_needs_command_expires_overdue_needs(owner, taxonomy, capsys):
    overdue = NeedFactory(requester=owner, ends_on=TODAY - timedelta(days=1))

    call_command("expire_needs")

    assert Need.objects.get(pk=overdue.pk).status == "expired"
    assert "1 need(s) expired." in capsys.readouterr().out


def test_an_expired_need_cannot_be_moved_by_hand(owner, taxonomy):
    need = NeedFactory(requester=owner, ends_on=TODAY - timedelta(days=1))
    need_expire_overdue(today=TODAY)
    need.refresh_from_db()

    with pytest.raises(ValidationError):
        need_set_status(actor=owner, need=need, status="in_progress")


# --- selectors: visibility and filters ---------------------------------------------------------


@pytest.fixture
def needs(owner, manager, organization, taxonomy):
    """public (owner), members-only (owner), private (owner), private (organization)."""
    return {
        "public": NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]]),
        "members": NeedFactory(
            requester=owner, visibility="members", capacities=[taxonomy["lua-scripting"]]
        ),
        "private": NeedFactory(
            requester=owner, visibility="private", capacities=[taxonomy["grant-writing"]]
        ),
        "org": NeedFactory(
            requester=manager,
            organization=organization,
            visibility="private",
            languages=["ha"],
            region="lac",
            capacities=[taxonomy["fundraising"]],
        ),
    }


def _seen(viewer, needs, **filters):
    names = {need.pk: name for name, need in needs.items()}
    return {names[n.pk] for n in need_list(viewer=viewer, **filters)}


def test_each_viewer_sees_the_needs_they_may(owner, other, manager, staff, anonymous, needs):
    assert _seen(anonymous, needs) == {"public"}
    assert _seen(other, needs) == {"public", "members"}
    assert _seen(owner, needs) == {"public", "members", "private"}
    assert _seen(manager, needs) == {"public", "members", "org"}
    assert _seen(staff, needs) == {"public", "members", "private", "org"}


def test_a_need_that_is_not_visible_is_not_found(other, anonymous, needs):
    with pytest.raises(Need.DoesNotExist):
        need_get(viewer=other, pk=needs["private"].pk)
    with pytest.raises(Need.DoesNotExist):
        need_get(viewer=anonymous, pk=needs["members"].pk)
    assert need_get(viewer=other, pk=needs["members"].pk) == needs["members"]


def test_needs_are_filtered_by_capacity_with_or_without_narrower_ones(staff, needs, taxonomy):
    fundraising = taxonomy["fundraising"].pk

    assert _seen(staff, needs, capacity_id=fundraising) == {"public", "private", "org"}
    assert _seen(staff, needs, capacity_id=fundraising, descendants=False) == {"org"}
    assert _seen(staff, needs, capacity_code="technology") == {"members"}
    assert _seen(staff, needs, capacity_code="astrology") == set()


def test_needs_are_filtered_by_status_region_language_organization_and_text(
    staff, owner, needs, organization
):
    need_close(actor=owner, need=needs["public"])

    assert _seen(staff, needs) == {"members", "private", "org"}
    assert _seen(staff, needs, status="closed") == {"public"}
    assert _seen(staff, needs, status="any") == set(needs)
    assert _seen(staff, needs, region="lac") == {"org"}
    assert _seen(staff, needs, language="ha") == {"org"}
    assert _seen(staff, needs, language="h") == set()
    assert _seen(staff, needs, organization_id=organization.pk) == {"org"}
    assert _seen(staff, needs, q=needs["members"].title) == {"members"}


def test_my_needs_are_those_i_stated_or_speak_for(owner, manager, anonymous, needs):
    assert _seen(owner, needs, mine=True, status="any") == {"public", "members", "private"}
    assert _seen(manager, needs, mine=True) == {"org"}
    assert _seen(anonymous, needs, mine=True) == set()
