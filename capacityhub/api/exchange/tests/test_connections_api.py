"""The connections API: invite, answer, finish, talk, feedback."""

import pytest

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.models import Evidence
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import Connection, Feedback, Message
from capacityhub.exchange.tests.factories_connections import NeedFactory, connect, offer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(owner, taxonomy):
    return NeedFactory(
        requester=owner, title="Grant reports", capacities=[taxonomy["grant-reporting"]]
    )


def _post(client, path, data=None, headers=None):
    return client.post(
        f"{API}{path}", data or {}, content_type="application/json", headers=headers or {}
    )


def _invite(client, need, headers, **body):
    return _post(client, f"/needs/{need.pk}/connections", {"message": "Hi", **body}, headers)


# Inviting --------------------------------------------------------------------------------------


def test_the_requester_invites_a_person(client, need, owner, other):
    response = _invite(client, need, bearer(owner), provider="other", message="Can you help?")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "invited"
    assert body["provider"] == {
        "kind": "person",
        "username": "other",
        "slug": None,
        "name": "Other",
    }
    assert body["need"] == {"id": need.pk, "title": "Grant reports", "status": "open"}
    assert body["your_sides"] == ["requester"]
    assert body["actions"] == ["withdraw", "message"]
    assert Message.objects.get().body == "Can you help?"


def test_inviting_an_organization_or_an_offer(client, need, owner, taxonomy):
    OrganizationFactory(slug="wmbr", name="Wikimedia Brasil")
    offer = offer_for(UserFactory(username="tutor"), capacity=taxonomy["grant-reporting"])
    headers = bearer(owner)

    to_org = _invite(client, need, headers, organization="wmbr").json()
    to_offer = _invite(client, need, headers, offer=offer.pk).json()

    assert to_org["provider"]["slug"] == "wmbr"
    assert to_offer["provider"]["username"] == "tutor"
    assert to_offer["offer"] == offer.pk


@pytest.mark.parametrize(
    "body, field",
    [
        ({"provider": "owner"}, "provider"),
        ({"provider": "nobody"}, "provider"),
        ({"organization": "nope"}, "organization"),
        ({"offer": 99999}, "offer"),
        ({}, "provider"),
        ({"provider": "other", "organization": "wm-kano"}, "provider"),
        ({"provider": "other", "message": "   "}, "message"),
        ({"provider": "other", "message": "x" * 8001}, "message"),
        ({"provider": "other", "colour": "blue"}, "colour"),
        ({"provider": "a/b"}, "provider"),
    ],
)
def test_bad_invitations_are_refused_with_the_field_named(
    client, need, owner, other, organization, body, field
):
    response = _invite(client, need, bearer(owner), **body)

    assert response.status_code == 422, response.content
    assert field in error_fields(response)
    assert not Connection.objects.exists()


def test_inviting_the_same_person_twice_is_a_422(client, need, owner, other):
    headers = bearer(owner)
    _invite(client, need, headers, provider="other")

    response = _invite(client, need, headers, provider="other")

    assert response.status_code == 422
    assert "already invited" in response.json()["detail"]


def test_only_the_requester_side_invites(client, need, other, staff, manager):
    for user in (other, staff, manager):
        response = _invite(client, need, bearer(user), provider="third")
        assert response.status_code == 403
    assert _invite(client, need, {}, provider="other").status_code == 401
    assert not Connection.objects.exists()


def test_inviting_to_a_missing_need_is_a_404(client, owner, other):
    response = _post(client, "/needs/999999/connections", {"provider": "other", "message": "Hi"})
    assert response.status_code == 401
    response = _post(
        client, "/needs/999999/connections", {"provider": "other", "message": "Hi"}, bearer(owner)
    )
    assert response.status_code == 404


# Reading ---------------------------------------------------------------------------------------


def test_my_connections_lists_both_sides_with_my_side(client, need, owner, other):
    connect(need, other)
    theirs = NeedFactory(requester=other, title="Lua help")
    connect(theirs, owner)

    body = client.get(f"{API}/me/connections", headers=bearer(owner)).json()

    assert body["count"] == 2
    sides = {c["need"]["title"]: c["your_sides"] for c in body["results"]}
    assert sides == {"Grant reports": ["requester"], "Lua help": ["provider"]}
    only_helping = client.get(f"{API}/me/connections?side=provider", headers=bearer(owner))
    assert [c["need"]["title"] for c in only_helping.json()["results"]] == ["Lua help"]


@pytest.mark.parametrize("page_size", [2, 10])
def test_my_connections_runs_a_fixed_number_of_queries(
    client, owner, django_assert_num_queries, page_size
):
    for n in range(12):
        connect(NeedFactory(requester=owner), UserFactory(username=f"helper{n}"))
    headers = bearer(owner)

    # token, token touch, managed organizations, count, page, managed organizations (sides)
    with django_assert_num_queries(6):
        response = client.get(f"{API}/me/connections?page_size={page_size}", headers=headers)

    assert len(response.json()["results"]) == page_size


def test_a_connection_is_visible_to_its_sides_and_staff_only(
    client, need, owner, other, staff, manager
):
    connection = connect(need, other)
    path = f"{API}/connections/{connection.pk}"

    assert client.get(path, headers=bearer(owner)).status_code == 200
    assert client.get(path, headers=bearer(other)).json()["actions"] == [
        "accept",
        "decline",
        "withdraw",
        "message",
    ]
    assert client.get(path, headers=bearer(staff)).json()["your_sides"] == []
    assert client.get(path, headers=bearer(manager)).status_code == 404
    assert client.get(path).status_code == 401
    assert client.get(f"{API}/connections/0", headers=bearer(owner)).status_code == 422


def test_the_thread_is_read_and_written_by_both_sides(client, need, owner, other):
    connection = connect(need, other)
    path = f"/connections/{connection.pk}/messages"

    sent = _post(client, path, {"body": "Tuesday?"}, bearer(other))
    thread = client.get(f"{API}{path}", headers=bearer(owner)).json()

    assert sent.status_code == 201
    assert sent.json()["sender"] == "other"
    assert [m["body"] for m in thread["results"]] == ["Can you help?", "Tuesday?"]
    assert _post(client, path, {"body": " "}, bearer(owner)).status_code == 422
    assert _post(client, path, {"body": "Hi"}, bearer(UserFactory())).status_code == 404
    assert client.get(f"{API}{path}", headers=bearer(UserFactory())).status_code == 404


# Transitions -----------------------------------------------------------------------------------


def test_a_whole_connection_through_the_api(client, need, owner, other):
    connection = connect(need, other)
    base = f"/connections/{connection.pk}"
    requester, provider = bearer(owner), bearer(other)

    assert _post(client, f"{base}/accept", headers=provider).json()["status"] == "accepted"
    assert _post(client, f"{base}/done", headers=requester).json()["requester_done"] is True
    done = _post(client, f"{base}/done", headers=provider).json()
    assert done["status"] == "completed"
    assert done["actions"] == ["message", "feedback"]
    assert Evidence.objects.filter(source=f"exchange.connection:{connection.pk}").count() == 2

    feedback = _post(client, f"{base}/feedback", {"rating": 5, "comment": "Great"}, requester)
    assert feedback.status_code == 201
    assert feedback.json()["rating"] == 5
    again = _post(client, f"{base}/feedback", {"rating": 4}, requester)
    assert again.status_code == 422
    assert Feedback.objects.count() == 1


def test_accepting_twice_is_a_422_with_a_clear_message(client, need, other):
    connection = connect(need, other)
    headers = bearer(other)
    _post(client, f"/connections/{connection.pk}/accept", headers=headers)

    response = _post(client, f"/connections/{connection.pk}/accept", headers=headers)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "status", "message": "This connection is already accepted."}
    ]


def test_the_requester_cannot_accept_and_a_stranger_cannot_see_it(client, need, owner, other):
    connection = connect(need, other)

    assert (
        _post(client, f"/connections/{connection.pk}/accept", headers=bearer(owner)).status_code
        == 403
    )
    assert (
        _post(client, f"/connections/{connection.pk}/decline", headers=bearer(UserFactory()))
    ).status_code == 404
    assert _post(client, f"/connections/{connection.pk}/withdraw").status_code == 401
    assert Connection.objects.get().status == "invited"
    assert not AuditEntry.objects.filter(action__startswith="connection.").exists()


def test_either_side_withdraws(client, need, owner, other):
    connection = connect(need, other)

    response = _post(client, f"/connections/{connection.pk}/withdraw", headers=bearer(owner))

    assert response.json()["status"] == "withdrawn"


@pytest.mark.parametrize("body", [{"rating": 0}, {"rating": 6}, {"rating": "x"}, {}])
def test_bad_feedback_is_a_422(client, need, owner, other, body):
    connection = connect(need, other, status="completed")

    response = _post(client, f"/connections/{connection.pk}/feedback", body, bearer(owner))

    assert response.status_code == 422
    assert not Feedback.objects.exists()
