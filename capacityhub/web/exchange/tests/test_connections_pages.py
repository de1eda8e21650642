"""Connection pages: my connections, one connection, inviting, the actions."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.core.models import Notification
from capacityhub.exchange.models import Connection, Feedback, Message
from capacityhub.exchange.services.connections import (
    connection_accept,
    connection_mark_done,
)
from capacityhub.exchange.tests.factories_connections import (
    NeedFactory,
    availability_for,
    connect,
    offer_for,
)

pytestmark = pytest.mark.django_db

LIST = reverse("web:connection-list")


@pytest.fixture
def need(owner, taxonomy):
    return NeedFactory(
        requester=owner, title="Grant reports", capacities=[taxonomy["grant-reporting"]]
    )


@pytest.fixture
def connection(need, other):
    return connect(need, other)


def _detail(connection):
    return reverse("web:connection-detail", args=[connection.pk])


def _action(connection, action):
    return reverse("web:connection-action", args=[connection.pk, action])


def _invite_url(need, **query):
    base = reverse("web:connection-invite", args=[need.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# My connections --------------------------------------------------------------------------------


def test_my_connections_lists_both_sides(owner_client, other_client, connection):
    as_requester = owner_client.get(LIST).content.decode()
    as_provider = other_client.get(LIST).content.decode()

    assert "Grant reports" in as_requester
    assert "Grant reports" in as_provider
    assert "Invited" in as_requester


def test_my_connections_filters_by_side_and_status(owner_client, connection):
    assert "Grant reports" in owner_client.get(LIST, {"side": "requester"}).content.decode()
    assert "Grant reports" not in owner_client.get(LIST, {"side": "provider"}).content.decode()
    assert "Grant reports" not in owner_client.get(LIST, {"status": "accepted"}).content.decode()
    assert owner_client.get(LIST, {"status": "<nope>", "page": "x"}).status_code == 200


def test_my_connections_does_not_show_other_peoples(client, connection):
    client.force_login(UserFactory(username="stranger"))

    assert "Grant reports" not in client.get(LIST).content.decode()


def test_my_connections_needs_a_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("page_size", [2, 10])
def test_my_connections_runs_a_fixed_number_of_queries(
    owner, owner_client, settings, django_assert_num_queries, page_size
):
    settings.PAGE_SIZE = page_size
    for n in range(12):
        need = NeedFactory(requester=owner, title=f"Need {n}")
        connect(need, UserFactory(username=f"helper{n}"))
    owner_client.get(LIST)  # warm the caches (taxonomy labels, session)

    # session, user, managed organizations, count, page
    with django_assert_num_queries(5):
        response = owner_client.get(LIST)

    assert response.content.decode().count('class="card"') == page_size


# One connection --------------------------------------------------------------------------------


def test_the_provider_sees_the_thread_and_accept_and_decline_buttons(other_client, connection):
    page = other_client.get(_detail(connection)).content.decode()

    assert "Can you help?" in page
    assert _action(connection, "accept") in page
    assert _action(connection, "decline") in page
    assert _action(connection, "done") not in page


def test_the_requester_sees_withdraw_but_not_accept(owner_client, connection):
    page = owner_client.get(_detail(connection)).content.decode()

    assert _action(connection, "withdraw") in page
    assert _action(connection, "accept") not in page


def test_staff_read_a_connection_without_buttons(staff_client, connection):
    response = staff_client.get(_detail(connection))

    assert response.status_code == 200
    assert _action(connection, "withdraw") not in response.content.decode()


def test_someone_else_gets_a_404_for_a_connection(client, manager_client, connection):
    client.force_login(UserFactory(username="stranger"))

    assert client.get(_detail(connection)).status_code == 404
    assert manager_client.get(_detail(connection)).status_code == 404
    assert client.get("/connections/99999999999999999999999/").status_code == 404


def test_the_provider_accepts_with_a_post_button(other_client, connection, need):
    response = other_client.post(_action(connection, "accept"))

    assert response.status_code == 302
    assert response["Location"] == _detail(connection)
    connection.refresh_from_db()
    need.refresh_from_db()
    assert connection.status == "accepted"
    assert need.status == "in_progress"


def test_accepting_twice_shows_a_clear_message(other_client, connection):
    other_client.post(_action(connection, "accept"))

    response = other_client.post(_action(connection, "accept"), follow=True)

    assert "This connection is already accepted." in response.content.decode()


def test_the_requester_cannot_accept(owner_client, connection):
    response = owner_client.post(_action(connection, "accept"))

    assert response.status_code == 403
    assert Connection.objects.get(pk=connection.pk).status == "invited"


def test_actions_are_post_only_and_unknown_actions_do_not_exist(other_client, connection):
    assert other_client.get(_action(connection, "accept")).status_code == 405
    assert other_client.post(f"/connections/{connection.pk}/explode/").status_code == 404


def test_both_sides_mark_done_and_then_leave_feedback(
    owner_client, other_client, connection, owner, other
):
    connection_accept(actor=other, connection=connection)
    owner_client.post(_action(connection, "done"))
    other_client.post(_action(connection, "done"))
    assert Connection.objects.get(pk=connection.pk).status == "completed"

    page = owner_client.get(_detail(connection)).content.decode()
    assert reverse("web:connection-feedback", args=[connection.pk]) in page

    response = owner_client.post(
        reverse("web:connection-feedback", args=[connection.pk]),
        {"rating": "5", "comment": "Thank you!"},
    )
    assert response.status_code == 302
    assert Feedback.objects.get().comment == "Thank you!"
    page = owner_client.get(_detail(connection)).content.decode()
    assert "Thank you!" in page
    assert 'name="rating"' not in page  # once per side


def test_bad_feedback_is_shown_on_the_form(owner_client, connection, owner, other):
    connection_accept(actor=other, connection=connection)
    connection_mark_done(actor=owner, connection=connection)
    connection_mark_done(actor=other, connection=connection)

    response = owner_client.post(
        reverse("web:connection-feedback", args=[connection.pk]), {"rating": "9"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_before_completion_is_refused_on_the_form(owner_client, connection):
    response = owner_client.post(
        reverse("web:connection-feedback", args=[connection.pk]), {"rating": "5"}
    )

    assert response.status_code == 200
    assert "has not been accepted yet" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_message_is_sent_from_the_page(other_client, connection, owner):
    response = other_client.post(
        reverse("web:connection-message", args=[connection.pk]), {"body": "Sure, Tuesday?"}
    )

    assert response.status_code == 302
    assert connection.messages.last().body == "Sure, Tuesday?"
    assert Notification.objects.filter(recipient=owner).exists()


def test_a_blank_message_is_refused_on_the_form(other_client, connection):
    response = other_client.post(
        reverse("web:connection-message", args=[connection.pk]), {"body": ""}
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert connection.messages.count() == 1


def test_a_stranger_cannot_post_a_message(client, connection):
    client.force_login(UserFactory(username="stranger"))

    response = client.post(reverse("web:connection-message", args=[connection.pk]), {"body": "Hi"})

    assert response.status_code == 404
    assert connection.messages.count() == 1


# Inviting --------------------------------------------------------------------------------------


def test_the_invite_page_names_the_provider_and_sends_the_invitation(owner_client, need, other):
    url = _invite_url(need, provider="other")

    page = owner_client.get(url).content.decode()
    assert "Invite Other" in page

    response = owner_client.post(url, {"provider": "other", "message": "Could you help?"})

    connection = Connection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(connection)
    assert connection.provider == other
    assert Message.objects.get().body == "Could you help?"


def test_inviting_an_organization_or_an_offer_from_the_page(owner_client, need, taxonomy):
    chapter = OrganizationFactory(slug="wmbr", name="Wikimedia Brasil")
    Membership.objects.create(
        organization=chapter, user=UserFactory(username="helper"), role="manager"
    )
    tutor = UserFactory(username="tutor")
    offer = offer_for(tutor, capacity=taxonomy["grant-reporting"])

    assert (
        "Invite Wikimedia Brasil"
        in owner_client.get(_invite_url(need, organization="wmbr")).content.decode()
    )
    owner_client.post(
        _invite_url(need, organization="wmbr"), {"organization": "wmbr", "message": "Hi"}
    )
    owner_client.post(_invite_url(need, offer=offer.pk), {"offer": offer.pk, "message": "Hi"})

    assert Connection.objects.filter(provider_organization=chapter).exists()
    assert Connection.objects.get(provider=tutor).offer == offer


def test_inviting_yourself_shows_a_clear_message(owner_client, need):
    response = owner_client.post(
        _invite_url(need, provider="owner"), {"provider": "owner", "message": "Me?"}
    )

    assert response.status_code == 200
    assert "You cannot invite yourself." in response.content.decode()
    assert not Connection.objects.exists()


def test_an_away_provider_is_refused_on_the_form(owner_client, need, other):
    from datetime import timedelta

    from django.utils import timezone

    availability_for(other, away_until=timezone.localdate() + timedelta(days=5))

    response = owner_client.post(
        _invite_url(need, provider="other"), {"provider": "other", "message": "Hi"}
    )

    assert "is away until" in response.content.decode()
    assert not Connection.objects.exists()


def test_a_blank_invitation_message_is_refused(owner_client, need, other):
    response = owner_client.post(
        _invite_url(need, provider="other"), {"provider": "other", "message": "   "}
    )

    assert response.status_code == 200
    assert not Connection.objects.exists()


def test_only_the_requester_side_opens_the_invite_page(
    other_client, manager_client, staff_client, client, need
):
    url = _invite_url(need, provider="other")

    assert other_client.get(url).status_code == 403
    assert manager_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # to sign in


def test_someone_elses_private_need_is_a_404_not_a_403(other_client, need):
    need.visibility = "private"
    need.save()

    assert other_client.get(_invite_url(need, provider="owner")).status_code == 404


def test_a_managers_invite_page_for_the_organizations_need(
    manager_client, manager, organization, other
):
    need = NeedFactory(requester=UserFactory(username="founder"), organization=organization)
    Membership.objects.create(organization=organization, user=need.requester, role="manager")

    response = manager_client.post(
        _invite_url(need, provider="other"), {"provider": "other", "message": "Hi"}
    )

    assert response.status_code == 302
    assert Connection.objects.get().need == need


def test_an_unknown_provider_need_or_missing_choice_is_a_404(owner_client, need):
    assert owner_client.get(_invite_url(need, provider="nobody")).status_code == 404
    assert owner_client.get(_invite_url(need, organization="nope")).status_code == 404
    assert owner_client.get(_invite_url(need, offer="abc")).status_code == 404
    assert owner_client.get(_invite_url(need)).status_code == 404
    assert owner_client.get("/needs/999999/invite/?provider=other").status_code == 404
    assert owner_client.get("/needs/99999999999999999999/invite/").status_code == 404


# The need page's include -----------------------------------------------------------------------


def _render_include(need, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "web/exchange/needs/_connections.html" %}')
    return template.render(Context({"need": need, "request": request, "user": user}))


def test_the_need_include_shows_all_connections_to_the_requester_and_own_to_a_provider(
    need, owner, other, staff
):
    connect(need, other)
    second = UserFactory(username="second")
    connect(need, second)
    stranger = UserFactory(username="stranger")

    assert _render_include(need, owner).count("/connections/") == 2
    assert _render_include(need, staff).count("/connections/") == 2
    assert _render_include(need, other).count("/connections/") == 1
    assert "Second" not in _render_include(need, other)
    assert "/connections/" not in _render_include(need, stranger)


def test_an_organizations_manager_answers_for_it_on_the_page(client, need):
    chapter = OrganizationFactory(slug="wmbr", name="Wikimedia Brasil")
    helper = UserFactory(username="helper")
    Membership.objects.create(organization=chapter, user=helper, role="manager")
    connection = connect(need, organization=chapter)
    client.force_login(helper)

    page = client.get(_detail(connection)).content.decode()
    client.post(_action(connection, "accept"))

    assert "Wikimedia Brasil" in page
    assert _action(connection, "accept") in page
    assert Connection.objects.get(pk=connection.pk).status == "accepted"
    assert "Grant reports" in client.get(LIST, {"side": "provider"}).content.decode()
