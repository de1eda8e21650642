"""Control characters (CR/LF, escape, bidi overrides) are refused in every single-line field,
and in messages only line breaks are let through: 422 naming the field, nothing stored."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.models import Profile
from capacityhub.events.models import Event
from capacityhub.exchange.models import Message, Need
from capacityhub.exchange.tests.factories_connections import NeedFactory
from capacityhub.learning.models import Course

pytestmark = pytest.mark.django_db

HEADER_INJECTION = "Grant reports\r\nBcc: everyone@example.org"
ESCAPE = "Grant \x1b[2J reports"
REVERSED = "Grant reports \u202etxt.exe"


def _send(client, method, path, body, headers):
    return getattr(client, method)(
        f"{API}{path}", body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("title", [HEADER_INJECTION, ESCAPE, REVERSED, "tab\there"])
def test_a_need_title_with_control_characters_is_422_and_nothing_is_stored(
    client, owner, taxonomy, title
):
    body = {"title": title, "capacities": ["grant-reporting"]}

    response = _send(client, "post", "/needs", body, bearer(owner))

    assert response.status_code == 422, response.content
    assert error_fields(response) == {"title"}
    assert not Need.objects.exists()


def test_a_need_description_keeps_its_line_breaks_but_not_an_escape(client, owner, taxonomy):
    headers = bearer(owner)
    body = {"title": "Grant reports", "capacities": ["grant-reporting"]}

    refused = _send(client, "post", "/needs", {**body, "description": ESCAPE}, headers)
    kept = _send(client, "post", "/needs", {**body, "description": "One\r\nTwo"}, headers)

    assert refused.status_code == 422 and error_fields(refused) == {"description"}
    assert kept.status_code == 201, kept.content
    assert Need.objects.get().description == "One\nTwo"


def test_an_event_title_with_a_right_to_left_override_is_422(client, owner, taxonomy):
    starts = timezone.now() + timedelta(days=5)
    body = {
        "kind": "session",
        "title": REVERSED,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }

    response = _send(client, "post", "/events", body, bearer(owner))

    assert response.status_code == 422, response.content
    assert error_fields(response) == {"title"}
    assert not Event.objects.exists()


def test_an_invitation_message_with_an_escape_sequence_is_422(client, owner, other, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]])
    body = {"provider": "other", "message": ESCAPE}

    response = _send(client, "post", f"/needs/{need.pk}/connections", body, bearer(owner))

    assert response.status_code == 422, response.content
    assert error_fields(response) == {"message"}
    assert not Message.objects.exists()


def test_a_display_name_with_a_line_break_is_422(client, owner):
    profile = Profile.objects.get_or_create(user=owner, defaults={"display_name": "Owner"})[0]
    body = {"display_name": "Owner\nAdmin", "version": profile.version}

    response = _send(client, "patch", "/me/profile", body, bearer(owner))

    assert response.status_code == 422, response.content
    assert error_fields(response) == {"display_name"}
    profile.refresh_from_db()
    assert profile.display_name == "Owner"


def test_a_course_title_with_a_control_character_is_422(client, staff, taxonomy):
    body = {"title": "Lua\x00\x07 basics", "capacities": ["lua-scripting"]}

    response = _send(client, "post", "/courses", body, bearer(staff))

    assert response.status_code == 422, response.content
    assert error_fields(response) == {"title"}
    assert not Course.objects.exists()
