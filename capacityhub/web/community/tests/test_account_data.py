"""The data download holds everything, and deleting the account closes or anonymises all of it
(issue 10: the export omitted every app's data; deletion kept names in the audit log and in
notifications, left needs public and invitations pending, and could orphan an organization)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.services import (
    membership_set,
    profile_set_capacities,
    profile_update,
)
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry, Notification
from capacityhub.events.models import CalendarFeed, Registration
from capacityhub.events.tests.factories import EventFactory, question_on, registered
from capacityhub.exchange.models import Connection, Need
from capacityhub.exchange.services.connections import connection_invite
from capacityhub.exchange.services.conversation import message_send
from capacityhub.exchange.services.needs import need_create
from capacityhub.exchange.services.offers import offer_create
from capacityhub.knowledge.tests.factories import (
    EndorsementFactory,
    ResourceFactory,
    ResourceUseFactory,
)
from capacityhub.learning.tests.factories import course_with_lessons, enrol

pytestmark = pytest.mark.django_db

EXPORT = reverse("web:settings-export")
DELETE = reverse("web:account-delete")


@pytest.fixture
def amina(owner, taxonomy):
    """The owner, with something in every app: Amina Bello, who needs and offers help."""
    profile_update(
        actor=owner, profile=owner.profile, display_name="Amina Bello", bio="Kano", country="NG"
    )
    need = need_create(actor=owner, title="Help with Lua", capacities=["lua-scripting"])
    profile_set_capacities(
        actor=owner, profile=owner.profile, claims=[("grant-writing", "knows", 4)]
    )
    offer_create(actor=owner, capacity="grant-writing", level=4, description="I review drafts")
    helper = UserFactory(username="helper")
    connection = connection_invite(actor=owner, need=need, provider=helper, message="Hello!")
    message_send(actor=owner, connection=connection, body="Are you free on Monday?")
    event = EventFactory(title="Lua clinic")
    registered(event, owner)
    question_on(event, owner, body="Which editor?")
    CalendarFeed.objects.create(user=owner, token="feed-secret")
    course, *_lessons = course_with_lessons(title="Lua for bots")
    enrolment = enrol(owner, course)
    enrolment.completed_at, enrolment.certificate_code = timezone.now(), "CERT-1"
    enrolment.save()
    resource = ResourceFactory(title="Lua cheat sheet", created_by=owner)
    ResourceUseFactory(user=owner, resource=resource, comment="worked")
    EndorsementFactory(user=owner, comment="good pattern")
    return {"need": need, "connection": connection, "event": event, "helper": helper}


def test_the_download_holds_every_apps_data_field_by_field(owner_client, owner, amina):
    response = owner_client.get(EXPORT)

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["profile"]["display_name"] == "Amina Bello"
    assert data["profile"]["bio"] == "Kano" and data["profile"]["country"] == "NG"
    exchange = data["exchange"]
    assert [(n["title"], n["capacities"], n["status"]) for n in exchange["needs"]] == [
        ("Help with Lua", ["lua-scripting"], "open")
    ]
    assert [(o["capacity"], o["level"], o["description"]) for o in exchange["offers"]] == [
        ("grant-writing", 4, "I review drafts")
    ]
    [connection] = exchange["connections"]
    assert (connection["need_title"], connection["my_side"], connection["status"]) == (
        "Help with Lua",
        "requester",
        "invited",
    )
    assert [m["body"] for m in connection["messages"]] == ["Hello!", "Are you free on Monday?"]
    assert [m["body"] for m in exchange["messages_sent"]] == ["Hello!", "Are you free on Monday?"]
    events = data["events"]
    assert [(r["event_title"], r["status"]) for r in events["registrations"]] == [
        ("Lua clinic", "confirmed")
    ]
    assert [q["body"] for q in events["questions"]] == ["Which editor?"]
    assert events["calendar_feed"] is True
    learning = data["learning"]
    assert [e["course_title"] for e in learning["enrolments"]] == ["Lua for bots"]
    assert [c["code"] for c in learning["certificates"]] == ["CERT-1"]
    knowledge = data["knowledge"]
    assert [r["title"] for r in knowledge["resources"]] == ["Lua cheat sheet"]
    assert [u["comment"] for u in knowledge["uses"]] == ["worked"]
    assert [e["comment"] for e in knowledge["endorsements"]] == ["good pattern"]
    actions = {entry["action"] for entry in data["audit"]}
    assert {"profile.update", "need.create", "connection.invite"} <= actions
    assert isinstance(data["notifications"], list)


def test_the_download_holds_my_notifications(owner_client, owner, amina):
    Notification.objects.create(recipient=owner, subject="Welcome", body="Hi")

    data = owner_client.get(EXPORT).json()

    assert [(n["subject"], n["body"]) for n in data["notifications"]] == [("Welcome", "Hi")]


def test_deleting_closes_needs_withdraws_invitations_and_gives_up_seats(owner_client, owner, amina):
    response = owner_client.post(DELETE, {"username": "owner"})

    assert response.status_code == 302
    assert Need.objects.get(pk=amina["need"].pk).status == Need.Status.CLOSED
    assert Connection.objects.get(pk=amina["connection"].pk).status == "withdrawn"
    registration = Registration.objects.get(user=owner)
    assert registration.status == Registration.Status.CANCELLED
    assert not CalendarFeed.objects.filter(user=owner).exists()
    assert not Notification.objects.filter(recipient=owner).exists()


def test_deleting_leaves_no_personal_values_in_the_audit_log_or_others_notifications(
    owner_client, owner, amina
):
    helper = amina["helper"]
    assert Notification.objects.filter(recipient=helper, subject__contains="Amina").exists()

    owner_client.post(DELETE, {"username": "owner"})

    owner.refresh_from_db()
    history = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    for personal in ("Amina Bello", "Kano", '"NG"', '"owner"'):
        assert personal not in history, personal
    update = AuditEntry.objects.get(action="profile.update")
    assert set(update.changes) >= {"display_name", "bio", "country"}
    assert set(update.changes.values()) == {None}
    notices = Notification.objects.filter(recipient=helper)
    assert notices.exists()
    assert not [n for n in notices if "Amina" in n.subject + n.body]
    assert any(owner.username in n.subject + n.body for n in notices)


def test_the_last_manager_must_name_a_successor_and_nothing_changes_until_then(
    manager, organization, taxonomy
):
    other_member = UserFactory(username="zainab")
    Membership.objects.create(organization=organization, user=other_member)
    client = _client(manager)

    page = client.get(DELETE).content.decode()
    refused = client.post(DELETE, {"username": "manager"})

    assert "Who manages Wikimedians of Kano after you?" in page
    assert refused.status_code == 400
    assert "You are the last manager of Wikimedians of Kano" in refused.content.decode()
    manager.refresh_from_db()
    assert manager.is_active and manager.memberships.filter(role="manager").exists()


def test_naming_a_successor_hands_the_organization_over(manager, organization):
    zainab = UserFactory(username="zainab")
    Membership.objects.create(organization=organization, user=zainab)

    response = _client(manager).post(
        DELETE, {"username": "manager", f"successor_{organization.pk}": "zainab"}
    )

    assert response.status_code == 302
    assert Membership.objects.get(organization=organization).user == zainab
    assert Membership.objects.get(organization=organization).role == "manager"


def test_a_manager_with_a_co_manager_is_not_asked(manager, organization):
    co = UserFactory(username="co")
    membership_set(actor=manager, organization=organization, user=co, role="manager")

    response = _client(manager).post(DELETE, {"username": "manager"})

    assert response.status_code == 302
    assert list(organization.memberships.values_list("user__username", flat=True)) == ["co"]


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
