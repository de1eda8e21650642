"""Control characters in single-line fields are refused on the pages too, on the field."""

import pytest
from django.urls import reverse

from capacityhub.community.models import Profile
from capacityhub.events.models import Event
from capacityhub.exchange.models import Need

pytestmark = pytest.mark.django_db

MESSAGE = "Line breaks, tabs and control characters are not allowed here."


def test_a_need_title_with_a_line_break_is_refused_on_the_form(owner_client, taxonomy):
    response = owner_client.post(
        reverse("web:need-create"),
        {
            "title": "Grant reports\r\nBcc: everyone@example.org",
            "capacities": ["grant-reporting"],
            "desired_level": "3",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Need.objects.exists()


def test_a_session_title_with_a_right_to_left_override_is_refused_on_the_form(owner_client):
    response = owner_client.post(
        reverse("web:session-create"),
        {
            "title": "Lua clinic \u202etxt.exe",
            "starts_at": "2031-03-01T10:00",
            "ends_at": "2031-03-01T11:00",
            "time_zone": "UTC",
            "seats": "5",
        },
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Event.objects.exists()


def test_a_display_name_with_an_escape_is_refused_on_the_profile_form(owner_client, owner):
    from .test_profile_edit import profile_data

    profile = Profile.objects.get_or_create(user=owner, defaults={"display_name": "Owner"})[0]

    response = owner_client.post("/me/edit/", profile_data(profile, display_name="Own\x1ber"))

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    profile.refresh_from_db()
    assert profile.display_name == "Owner"
