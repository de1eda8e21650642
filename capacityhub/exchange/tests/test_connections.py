"""Connection services: every transition and every refusal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.community.models import Evidence, Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.core.models import AuditEntry, Notification
from capacityhub.exchange.models import Connection, Feedback, Message, Need, NeedEvent
from capacityhub.exchange.selectors.connections import (
    active_connection_count,
    connection_available_actions,
)
from capacityhub.exchange.services.connections import (
    connection_accept,
    connection_decline,
    connection_invite,
    connection_mark_done,
    connection_withdraw,
)
from capacityhub.exchange.services.conversation import feedback_leave, message_send

from .factories_connections import NeedFactory, availability_for, connect, offer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(owner, taxonomy):
    return NeedFactory(
        requester=owner, title="Grant reports", capacities=[taxonomy["grant-reporting"]]
    )


@pytest.fixture
def org_need(manager, organization, taxonomy):
    return NeedFactory(
        requester=manager,
        organization=organization,
        title="Our reports",
        capacities=[taxonomy["grant-reporting"], taxonomy["grant-writing"]],
    )


@pytest.fixture
def provider_org(db):
    """An organization that helps, managed by `helper`."""
    organization = OrganizationFactory(slug="wmbr", name="Wikimedia Brasil", region="lac")
    helper = UserFactory(username="helper")
    Membership.objects.create(organization=organization, user=helper, role=Membership.Role.MANAGER)
    return organization


def _invite(need, provider, **kwargs):
    return connection_invite(
        actor=kwargs.pop("actor", need.requester),
        need=need,
        provider=provider,
        message=kwargs.pop("message", "Could you help us?"),
        **kwargs,
    )


def _error(excinfo, field: str) -> str:
    return " ".join(excinfo.value.message_dict[field])


def _accepted(need, provider):
    connection = _invite(need, provider)
    return connection_accept(actor=provider, connection=connection)


def _completed(need, provider):
    connection = _accepted(need, provider)
    connection_mark_done(actor=need.requester, connection=connection)
    return connection_mark_done(actor=provider, connection=connection)


# Inviting --------------------------------------------------------------------------------------


def test_the_requester_invites_a_person_with_a_first_message(
    need, owner, other, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        connection = _invite(need, other, message="  Could you help us?  ")
        assert mailoutbox == []  # nothing leaves before the commit

    assert connection.status == Connection.Status.INVITED
    assert connection.provider == other
    assert [(m.sender, m.body) for m in connection.messages.all()] == [
        (owner, "Could you help us?")
    ]
    assert AuditEntry.objects.filter(action="connection.invite", actor=owner).count() == 1
    notification = Notification.objects.get(recipient=other)
    assert "Grant reports" in notification.subject
    assert notification.url == f"/connections/{connection.pk}/"
    assert [m.to for m in mailoutbox] == [[other.email]]
    assert "Could you help us?" in mailoutbox[0].body


def test_inviting_through_an_offer_invites_its_holder(need, other, taxonomy):
    offer = offer_for(other, capacity=taxonomy["grant-reporting"])

    connection = connection_invite(actor=need.requester, need=need, offer=offer, message="Hi")

    assert connection.provider == other
    assert connection.offer == offer


def test_an_offer_of_someone_else_than_the_named_provider_is_refused(need, other, taxonomy):
    offer = offer_for(UserFactory(username="third"), capacity=taxonomy["grant-reporting"])

    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other, offer=offer)

    assert "offer" in excinfo.value.message_dict
    assert not Connection.objects.exists()


def test_an_inactive_offer_is_refused(need, other, taxonomy):
    offer = offer_for(other, capacity=taxonomy["grant-reporting"], is_active=False)

    with pytest.raises(ValidationError) as excinfo:
        connection_invite(actor=need.requester, need=need, offer=offer, message="Hi")

    assert "no longer active" in _error(excinfo, "offer")


def test_inviting_an_organization_notifies_its_managers(need, provider_org):
    connection = connection_invite(
        actor=need.requester, need=need, provider_organization=provider_org, message="Hi"
    )

    assert connection.provider_organization == provider_org
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["helper"]


def test_a_manager_invites_for_the_organizations_need(org_need, other, manager):
    second_manager = UserFactory(username="second")
    Membership.objects.create(
        organization=org_need.organization, user=second_manager, role=Membership.Role.MANAGER
    )

    connection = _invite(org_need, other, actor=second_manager)

    assert connection.need == org_need


@pytest.mark.parametrize("actor_name", ["other", "staff", "anonymous", "manager"])
def test_only_the_requester_side_may_invite(need, request, actor_name):
    provider = UserFactory(username="provider")

    with pytest.raises(PermissionDenied):
        _invite(need, provider, actor=request.getfixturevalue(actor_name))

    assert not Connection.objects.exists()
    assert not Notification.objects.exists()


def test_inviting_yourself_is_refused(need, owner):
    with pytest.raises(ValidationError) as excinfo:
        _invite(need, owner)

    assert _error(excinfo, "provider") == "You cannot invite yourself."
    assert not Connection.objects.exists()


def test_inviting_your_own_organization_is_refused(org_need, organization, need, owner):
    with pytest.raises(ValidationError) as excinfo:
        connection_invite(
            actor=org_need.requester,
            need=org_need,
            provider_organization=organization,
            message="Hi",
        )
    assert "your own organization" in _error(excinfo, "provider")

    # An organization one manages is one's own too, even for a personal need.
    Membership.objects.create(organization=organization, user=owner, role="manager")
    with pytest.raises(ValidationError):
        connection_invite(actor=owner, need=need, provider_organization=organization, message="Hi")
    assert not Connection.objects.exists()


def test_inviting_a_manager_of_the_organization_that_asks_is_refused(org_need, organization):
    colleague = UserFactory(username="colleague")
    Membership.objects.create(organization=organization, user=colleague, role="manager")

    with pytest.raises(ValidationError) as excinfo:
        _invite(org_need, colleague)

    assert "manages the organization" in _error(excinfo, "provider")


@pytest.mark.parametrize("status", ["fulfilled", "closed", "expired"])
def test_a_need_that_is_no_longer_open_takes_no_invitations(need, other, status):
    Need.objects.filter(pk=need.pk).update(status=status)
    need.refresh_from_db()

    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other)

    assert "no longer open" in _error(excinfo, "need")


def test_a_provider_already_invited_is_not_invited_twice(need, other):
    _invite(need, other)

    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other)

    assert "already invited" in _error(excinfo, "provider")
    assert Connection.objects.count() == 1


def test_the_database_constraint_backs_the_duplicate_check(need, other, monkeypatch):
    _invite(need, other)
    # As if a concurrent request had passed the check at the same moment.
    monkeypatch.setattr("capacityhub.exchange.services.connections.LIVE", ())

    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other)

    assert "already invited" in _error(excinfo, "provider")
    assert Connection.objects.count() == 1
    assert Message.objects.count() == 1


def test_a_declined_provider_may_be_invited_again(need, other):
    connection_decline(actor=other, connection=_invite(need, other))

    again = _invite(need, other)

    assert again.status == Connection.Status.INVITED


def test_a_provider_who_is_away_is_refused(need, other):
    away_until = timezone.localdate() + timedelta(days=3)
    availability_for(other, away_until=away_until)

    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other)

    assert f"away until {away_until.isoformat()}" in _error(excinfo, "provider")


def test_a_provider_back_from_away_can_be_invited(need, other):
    availability_for(other, away_until=timezone.localdate() - timedelta(days=1))

    assert _invite(need, other).status == "invited"


def test_a_provider_at_capacity_is_refused_but_invitations_do_not_count(need, other, taxonomy):
    availability_for(other, max_connections=1)
    _invite(NeedFactory(capacities=[taxonomy["lua-scripting"]]), other)  # only invited

    busy = _accepted(NeedFactory(capacities=[taxonomy["lua-scripting"]]), other)

    assert busy.status == "accepted"
    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other)
    assert "as many people as they can" in _error(excinfo, "provider")


def test_an_organization_at_capacity_is_refused(need, provider_org, taxonomy):
    availability_for(organization=provider_org, max_connections=1)
    connect(NeedFactory(), organization=provider_org, status="accepted")

    with pytest.raises(ValidationError):
        connection_invite(
            actor=need.requester, need=need, provider_organization=provider_org, message="Hi"
        )


@pytest.mark.parametrize("message", ["", "   ", "x" * 8001])
def test_an_invitation_needs_a_reasonable_message(need, other, message):
    with pytest.raises(ValidationError) as excinfo:
        _invite(need, other, message=message)

    assert "message" in excinfo.value.message_dict
    assert not Connection.objects.exists()


def test_an_invitation_names_exactly_one_provider(need, other, provider_org):
    for providers in ({}, {"provider": other, "provider_organization": provider_org}):
        with pytest.raises(ValidationError) as excinfo:
            connection_invite(actor=need.requester, need=need, message="Hi", **providers)
        assert "provider" in excinfo.value.message_dict


# Answering -------------------------------------------------------------------------------------


def test_the_provider_accepts_and_the_open_need_moves_to_in_progress(need, owner, other):
    connection = _invite(need, other)

    connection_accept(actor=other, connection=connection)

    connection.refresh_from_db()
    need.refresh_from_db()
    assert connection.status == "accepted"
    assert need.status == Need.Status.IN_PROGRESS
    event = NeedEvent.objects.get(need=need, to_status="in_progress")
    assert (event.actor, event.from_status) == (other, "open")
    assert AuditEntry.objects.filter(action="connection.accept", actor=other).exists()
    assert Notification.objects.filter(recipient=owner, subject__contains="accepted").exists()


def test_a_second_acceptance_leaves_the_need_as_it_is(need, other):
    _accepted(need, other)
    second = UserFactory(username="second")

    _accepted(need, second)

    assert NeedEvent.objects.filter(need=need, to_status="in_progress").count() == 1


def test_accepting_twice_is_refused(need, other):
    connection = _accepted(need, other)

    with pytest.raises(ValidationError) as excinfo:
        connection_accept(actor=other, connection=connection)

    assert _error(excinfo, "status") == "This connection is already accepted."
    assert AuditEntry.objects.filter(action="connection.accept").count() == 1


def test_accepting_a_stale_copy_of_an_accepted_connection_is_refused(need, other):
    connection = _invite(need, other)
    stale = Connection.objects.get(pk=connection.pk)
    connection_accept(actor=other, connection=connection)

    with pytest.raises(ValidationError):
        connection_accept(actor=other, connection=stale)


@pytest.mark.parametrize(
    "end, message",
    [
        ("decline", "This connection was declined."),
        ("withdraw", "This connection was withdrawn."),
    ],
)
def test_a_declined_or_withdrawn_connection_cannot_be_accepted(need, other, end, message):
    connection = _invite(need, other)
    service = connection_decline if end == "decline" else connection_withdraw
    service(actor=other, connection=connection)

    with pytest.raises(ValidationError) as excinfo:
        connection_accept(actor=other, connection=connection)

    assert _error(excinfo, "status") == message


@pytest.mark.parametrize("actor_name", ["owner", "manager", "staff", "anonymous"])
def test_only_the_provider_side_accepts_or_declines(need, other, request, actor_name):
    connection = _invite(need, other)
    actor = request.getfixturevalue(actor_name)

    for service in (connection_accept, connection_decline):
        with pytest.raises(PermissionDenied):
            service(actor=actor, connection=connection)

    connection.refresh_from_db()
    assert connection.status == "invited"


def test_an_organizations_manager_accepts_for_it(need, provider_org):
    connection = connection_invite(
        actor=need.requester, need=need, provider_organization=provider_org, message="Hi"
    )
    helper = provider_org.memberships.get().user

    connection_accept(actor=helper, connection=connection)

    assert connection.status == "accepted"


def test_accepting_beyond_ones_capacity_is_refused(need, other, taxonomy):
    connection = _invite(need, other)
    availability_for(other, max_connections=1)
    _accepted(NeedFactory(capacities=[taxonomy["lua-scripting"]]), other)

    with pytest.raises(ValidationError):
        connection_accept(actor=other, connection=connection)

    connection.refresh_from_db()
    assert connection.status == "invited"


def test_accepting_for_a_closed_need_is_refused(need, other):
    connection = _invite(need, other)
    Need.objects.filter(pk=need.pk).update(status="closed")

    with pytest.raises(ValidationError) as excinfo:
        connection_accept(actor=other, connection=connection)

    assert "need" in excinfo.value.message_dict


def test_the_provider_declines_and_the_requester_is_told(need, owner, other):
    connection = _invite(need, other)

    connection_decline(actor=other, connection=connection)

    assert Connection.objects.get(pk=connection.pk).status == "declined"
    assert Notification.objects.filter(recipient=owner, subject__contains="declined").exists()
    assert AuditEntry.objects.filter(action="connection.decline").exists()


@pytest.mark.parametrize("side", ["requester", "provider"])
def test_either_side_withdraws_and_the_other_is_told(need, owner, other, side):
    connection = _accepted(need, other)
    actor, told = (owner, other) if side == "requester" else (other, owner)

    connection_withdraw(actor=actor, connection=connection)

    assert Connection.objects.get(pk=connection.pk).status == "withdrawn"
    assert Notification.objects.filter(recipient=told, subject__contains="withdrew").exists()


def test_someone_else_cannot_withdraw(need, other, staff):
    connection = _invite(need, other)

    with pytest.raises(PermissionDenied):
        connection_withdraw(actor=UserFactory(username="stranger"), connection=connection)
    with pytest.raises(PermissionDenied):
        connection_withdraw(actor=staff, connection=connection)


def test_a_completed_connection_cannot_be_withdrawn(need, other):
    connection = _completed(need, other)

    with pytest.raises(ValidationError) as excinfo:
        connection_withdraw(actor=other, connection=connection)

    assert _error(excinfo, "status") == "This connection is already completed."


# Completing ------------------------------------------------------------------------------------


def test_one_side_marking_done_does_not_complete_it(need, owner, other):
    connection = _accepted(need, other)

    connection_mark_done(actor=owner, connection=connection)

    connection.refresh_from_db()
    assert connection.requester_done and not connection.provider_done
    assert connection.status == "accepted"
    assert not Evidence.objects.exists()
    assert Notification.objects.filter(recipient=other, subject__contains="marked").exists()


def test_marking_done_twice_is_refused(need, owner, other):
    connection = _accepted(need, other)
    connection_mark_done(actor=owner, connection=connection)

    with pytest.raises(ValidationError) as excinfo:
        connection_mark_done(actor=owner, connection=connection)

    assert "already marked" in _error(excinfo, "status")


def test_an_invitation_cannot_be_marked_done(need, owner, other):
    connection = _invite(need, other)

    with pytest.raises(ValidationError) as excinfo:
        connection_mark_done(actor=owner, connection=connection)

    assert _error(excinfo, "status") == "This connection has not been accepted yet."


def test_someone_else_cannot_mark_it_done(need, other, staff):
    connection = _accepted(need, other)

    with pytest.raises(PermissionDenied):
        connection_mark_done(actor=staff, connection=connection)


def test_both_sides_done_completes_it_as_evidence_for_both(need, owner, other, taxonomy):
    offer = offer_for(other, capacity=taxonomy["fundraising"])
    connection = connection_invite(actor=owner, need=need, offer=offer, message="Hi")
    connection_accept(actor=other, connection=connection)
    connection_mark_done(actor=other, connection=connection)

    connection_mark_done(actor=owner, connection=connection)

    connection.refresh_from_db()
    assert connection.status == "completed"
    assert connection.completed_at is not None
    source = f"exchange.connection:{connection.pk}"
    evidence = {
        (e.profile.user.username, e.capacity.code, e.kind, e.confirmed_by.username)
        for e in Evidence.objects.filter(source=source).select_related("profile__user")
    }
    assert evidence == {
        ("other", "fundraising", "taught", "owner"),
        ("owner", "grant-reporting", "learned", "other"),
    }
    assert Evidence.objects.get(kind="taught").occurred_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="connection.complete").count() == 1


def test_without_an_offer_the_provider_taught_the_needs_capacities(org_need, other):
    connection = _accepted(org_need, other)
    connection_mark_done(actor=other, connection=connection)

    connection_mark_done(actor=org_need.requester, connection=connection)

    taught = Evidence.objects.filter(kind="taught", profile=other.profile)
    assert sorted(e.capacity.code for e in taught) == ["grant-reporting", "grant-writing"]
    learned = Evidence.objects.filter(kind="learned")
    assert {e.organization for e in learned} == {org_need.organization}
    assert sorted(e.capacity.code for e in learned) == ["grant-reporting", "grant-writing"]
    assert {e.confirmed_by for e in learned} == {other}
    assert {e.confirmed_by for e in taught} == {org_need.requester}


def test_an_organization_that_helped_gets_the_evidence(need, owner, provider_org):
    connection = connection_invite(
        actor=owner, need=need, provider_organization=provider_org, message="Hi"
    )
    helper = provider_org.memberships.get().user
    connection_accept(actor=helper, connection=connection)
    connection_mark_done(actor=helper, connection=connection)
    connection_mark_done(actor=owner, connection=connection)

    taught = Evidence.objects.get(kind="taught")
    assert taught.organization == provider_org
    assert taught.confirmed_by == owner
    assert Evidence.objects.get(kind="learned").confirmed_by == helper


# Talking and feedback --------------------------------------------------------------------------


def test_both_sides_write_in_the_thread_and_the_other_side_is_told(
    need, owner, other, mailoutbox, django_capture_on_commit_callbacks
):
    connection = _invite(need, other)

    with django_capture_on_commit_callbacks(execute=True):
        message_send(actor=other, connection=connection, body="Happy to help. Tuesday?")
        message_send(actor=owner, connection=connection, body="Tuesday is fine.")

    assert [m.body for m in connection.messages.all()][1:] == [
        "Happy to help. Tuesday?",
        "Tuesday is fine.",
    ]
    assert [m.to for m in mailoutbox] == [[owner.email], [other.email]]
    assert "Happy to help. Tuesday?" in mailoutbox[0].body


def test_someone_else_cannot_write_in_the_thread(need, other, staff, anonymous):
    connection = _invite(need, other)

    for actor in (UserFactory(username="stranger"), staff, anonymous):
        with pytest.raises(PermissionDenied):
            message_send(actor=actor, connection=connection, body="Hello")

    assert connection.messages.count() == 1


def test_a_blank_message_or_a_closed_thread_is_refused(need, owner, other):
    connection = _invite(need, other)
    with pytest.raises(ValidationError):
        message_send(actor=owner, connection=connection, body="   ")

    connection_decline(actor=other, connection=connection)
    with pytest.raises(ValidationError) as excinfo:
        message_send(actor=owner, connection=connection, body="Why not?")

    assert "declined" in _error(excinfo, "body")
    assert connection.messages.count() == 1


def test_each_side_leaves_feedback_once_after_completion(need, owner, other):
    connection = _completed(need, other)

    feedback_leave(actor=owner, connection=connection, rating=5, comment="Very clear.")
    feedback_leave(actor=other, connection=connection, rating=4)

    with pytest.raises(ValidationError) as excinfo:
        feedback_leave(actor=owner, connection=connection, rating=1)
    assert "already left feedback" in _error(excinfo, "rating")
    assert sorted(Feedback.objects.values_list("rating", flat=True)) == [4, 5]
    assert AuditEntry.objects.filter(action="connection.feedback").count() == 2


def test_one_manager_leaves_feedback_for_the_whole_organization(org_need, other, organization):
    connection = _completed(org_need, other)
    colleague = UserFactory(username="colleague")
    Membership.objects.create(organization=organization, user=colleague, role="manager")
    feedback_leave(actor=org_need.requester, connection=connection, rating=4)

    with pytest.raises(ValidationError):
        feedback_leave(actor=colleague, connection=connection, rating=2)


def test_feedback_waits_for_completion(need, owner, other):
    connection = _accepted(need, other)

    with pytest.raises(ValidationError) as excinfo:
        feedback_leave(actor=owner, connection=connection, rating=5)

    assert "status" in excinfo.value.message_dict
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("rating", [0, 6, -1, True, "5"])
def test_a_rating_is_a_whole_number_from_one_to_five(need, owner, other, rating):
    connection = _completed(need, other)

    with pytest.raises(ValidationError):
        feedback_leave(actor=owner, connection=connection, rating=rating)

    assert not Feedback.objects.exists()


def test_someone_else_cannot_leave_feedback(need, other, staff):
    connection = _completed(need, other)

    with pytest.raises(PermissionDenied):
        feedback_leave(actor=staff, connection=connection, rating=5)


# Selectors used by the services ------------------------------------------------------------------


def test_active_connection_count_counts_a_providers_accepted_connections(need, other, provider_org):
    _accepted(need, other)
    connect(NeedFactory(), organization=provider_org, status="accepted")
    connect(NeedFactory(), organization=provider_org, status="invited")
    idle = UserFactory(username="idle")

    assert active_connection_count(user=other) == 1
    assert active_connection_count(organization=provider_org) == 1
    assert active_connection_count(user=idle) == 0
    both = active_connection_count(organization=provider_org, statuses=["invited", "accepted"])
    assert both == 2


def test_the_available_actions_follow_side_and_status(need, owner, other, staff):
    connection = _invite(need, other)

    assert connection_available_actions(connection=connection, user=other) == [
        "accept",
        "decline",
        "withdraw",
        "message",
    ]
    assert connection_available_actions(connection=connection, user=owner) == [
        "withdraw",
        "message",
    ]
    assert connection_available_actions(connection=connection, user=staff) == []


def test_the_connection_keeps_who_marked_each_side_done(need, owner, other):
    connection = _accepted(need, other)
    connection_mark_done(actor=owner, connection=connection)
    AuditEntry.objects.all().delete()  # an anonymised audit log must not change the evidence
    connection_mark_done(actor=other, connection=connection)

    connection.refresh_from_db()
    assert (connection.requester_done_by, connection.provider_done_by) == (owner, other)
    taught = Evidence.objects.get(kind=Evidence.Kind.TAUGHT)
    learned = Evidence.objects.get(kind=Evidence.Kind.LEARNED)
    assert (taught.confirmed_by, learned.confirmed_by) == (owner, other)


def test_the_page_and_the_api_resolve_whom_to_invite_in_one_place(other, provider_org, taxonomy):
    from capacityhub.exchange.selectors.connections import invitee_resolve

    offer = offer_for(other, capacity=taxonomy["grant-reporting"])

    assert invitee_resolve(viewer=other, provider="other") == {"provider": other}
    assert invitee_resolve(viewer=other, organization=provider_org.slug) == {
        "provider_organization": provider_org
    }
    assert invitee_resolve(viewer=other, offer=str(offer.pk)) == {"offer": offer}
    for named, field in [
        ({"provider": "other", "offer": offer.pk}, "provider"),
        ({}, "provider"),
        ({"offer": "99999999999999999999"}, "offer"),
        ({"provider": "nobody"}, "provider"),
        ({"organization": "nowhere"}, "organization"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            invitee_resolve(viewer=other, **named)
        assert field in excinfo.value.message_dict
