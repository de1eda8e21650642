"""Unmarking attendance marked by mistake: the evidence of attending is withdrawn."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from capacityhub.community.models import Evidence
from capacityhub.core.models import AuditEntry
from capacityhub.events.models import Registration
from capacityhub.events.services.registrations import attendance_mark, attendance_unmark

from .factories import PastEventFactory, UserFactory, registered

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def marked(owner, other, taxonomy):
    """A past session of the owner's where `other` and `third` were marked as attended."""
    session = PastEventFactory(host=owner, capacities=[taxonomy["lua-scripting"]])
    registered(session, other)
    registered(session, UserFactory(username="third"))
    attendance_mark(actor=owner, event=session, usernames=["other", "third"])
    return session


def _evidence() -> set:
    return set(Evidence.objects.values_list("profile__user__username", "kind"))


def test_unmarking_withdraws_only_that_persons_attended_evidence(owner, marked):
    attendance_unmark(actor=owner, event=marked, usernames=["other"])

    attended = dict(Registration.objects.values_list("user__username", "attended"))
    assert attended == {"other": False, "third": True}
    assert _evidence() == {("third", "attended"), ("owner", "facilitated")}
    assert AuditEntry.objects.filter(action="registration.unattended", actor=owner).exists()
    assert AuditEntry.objects.filter(action="evidence.withdraw", actor=owner).count() == 1


def test_unmarking_someone_not_marked_is_refused_naming_the_field(owner, marked):
    with pytest.raises(ValidationError) as refused:
        attendance_unmark(actor=owner, event=marked, usernames=["other", "nobody"])

    assert "nobody" in refused.value.message_dict["usernames"][0]
    assert Registration.objects.get(user__username="other").attended


def test_only_hosts_organizers_and_staff_unmark(other, manager, staff, marked):
    for actor in (other, manager):
        with pytest.raises(PermissionDenied):
            attendance_unmark(actor=actor, event=marked, usernames=["third"])

    attendance_unmark(actor=staff, event=marked, usernames=["third"])

    assert not Registration.objects.get(user__username="third").attended


def test_an_unmarked_person_can_be_marked_again(owner, marked):
    attendance_unmark(actor=owner, event=marked, usernames=["other"])
    attendance_mark(actor=owner, event=marked, usernames=["other"])

    assert ("other", "attended") in _evidence()


def test_the_host_confirms_on_a_page_then_the_attendance_is_unmarked(owner_client, marked):
    url = reverse("web:session-unattend", args=[marked.pk])
    listing = owner_client.get(reverse("web:session-attendance", args=[marked.pk]))

    confirm = owner_client.get(url, {"username": "other"})
    response = owner_client.post(url, {"username": "other"}, follow=True)

    assert f"{url}?username=other" in listing.content.decode()
    assert confirm.status_code == 200 and b'value="other"' in confirm.content
    assert "The attendance is unmarked." in response.content.decode()
    assert not Registration.objects.get(user__username="other").attended


def test_the_page_says_so_when_nobody_by_that_name_is_marked(owner_client, marked):
    url = reverse("web:session-unattend", args=[marked.pk])

    page = owner_client.get(url, {"username": "nobody"})
    posted = owner_client.post(url, {"username": "nobody"}, follow=True)

    assert "Nobody by that name is marked as attended." in page.content.decode()
    assert "Not marked as attended: nobody." in posted.content.decode()


def test_other_members_cannot_open_the_unmark_page(other_client, marked):
    url = reverse("web:session-unattend", args=[marked.pk])

    assert other_client.get(url, {"username": "other"}).status_code == 403
    assert other_client.post(url, {"username": "other"}).status_code == 403
    assert Registration.objects.get(user__username="other").attended


def test_the_api_unmarks_and_refuses_others_and_unknown_names(owner_client, other_client, marked):
    url = f"{API}/events/{marked.pk}/attendance/undo"

    def post(client, names):
        return client.post(url, {"usernames": names}, content_type="application/json")

    forbidden = post(other_client, ["other"])
    unknown = post(owner_client, ["nobody"])
    done = post(owner_client, ["other"])

    assert forbidden.status_code == 403
    assert unknown.status_code == 422 and "usernames" in unknown.content.decode()
    assert done.status_code == 200, done.content
    assert done.json() == [{"username": "other", "status": "confirmed", "attended": False}]


def test_the_api_refuses_a_username_with_a_nul_byte_as_bad_input(client, db):
    # Found by the API fuzz on PostgreSQL, which cannot store NUL: a 422, never a 500.
    from capacityhub.community.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/api/v1/events/1/attendance/undo",
        {"usernames": ["amina\x00"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("usernames")
