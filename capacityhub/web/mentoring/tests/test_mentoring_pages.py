"""The mentoring pages render for who may see them, refuse others, and post to the services."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from capacityhub.mentoring.models import AwayPeriod, MenteeRequest, Mentorship, StageCompletion
from capacityhub.mentoring.services import mentorship_pair


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_programme_pages_are_public(client, programme, cohort, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("web:mentoring-programmes"))
    assert programme.title in response.content.decode()
    page = client.get(reverse("web:mentoring-programme", args=[programme.pk])).content.decode()
    assert "Identify" in page and "Cohort 1" in page
    assert client.get(reverse("web:mentoring-cohort", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("web:mentoring-programme", args=[99999999])).status_code == 404


def test_staff_create_a_programme_through_the_page(staff_client, taxonomy):
    response = staff_client.post(
        reverse("web:mentoring-programme-new"),
        {"title": "Leaders", "capacities": ["fundraising"], "languages": "es, pt"},
    )
    assert response.status_code == 302
    response = staff_client.post(
        reverse("web:mentoring-programme-new"),
        {"title": "Leaders", "capacities": ["fundraising"], "languages": "zz-not-a-language-code"},
    )
    assert response.status_code == 200


def test_other_members_cannot_open_the_new_programme_page(other_client):
    assert other_client.get(reverse("web:mentoring-programme-new")).status_code == 403


def test_the_cohort_page_shows_progress_to_facilitators(
    participant, facilitator, django_assert_max_num_queries
):
    client = login(facilitator)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("web:mentoring-cohort", args=[participant.cohort.pk]))
    assert "sign-off" in page.content.decode()
    client.post(reverse("web:mentoring-stage-complete", args=[participant.pk]), {"note": "ok"})
    client.post(reverse("web:mentoring-stage-complete", args=[participant.pk]), {"note": ""})
    assert StageCompletion.objects.count() == 1
    page = client.get(reverse("web:mentoring-cohort", args=[participant.cohort.pk])).content
    assert "Evidence: Learned" in page.decode()


def test_talent_and_retention_are_for_staff(participant, staff_client, other_client):
    cohort = participant.cohort
    assert staff_client.get(reverse("web:mentoring-talent", args=[cohort.pk])).status_code == 200
    assert other_client.get(reverse("web:mentoring-talent", args=[cohort.pk])).status_code == 403
    url = reverse("web:mentoring-retention", args=[cohort.programme.pk])
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url + f"?cohort={cohort.pk}").status_code == 200
    assert other_client.get(url).status_code == 403
    csv = staff_client.get(reverse("web:mentoring-retention-csv", args=[cohort.programme.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    assert b"retained_30_days" in csv.content
    data = staff_client.get(reverse("web:mentoring-retention-json", args=[cohort.programme.pk]))
    assert data.json()["alumni"] == 0


def test_my_mentoring_mentor_profile_and_away(mentor, other_client):
    client = login(mentor)
    assert client.get(reverse("web:mentoring-me")).status_code == 200
    assert client.get(reverse("web:mentoring-mentor-profile")).status_code == 200
    today = dt.date.today()
    body = {"starts_on": today + dt.timedelta(days=2), "ends_on": today + dt.timedelta(days=5)}
    client.post(reverse("web:mentoring-away"), body)
    client.post(reverse("web:mentoring-away"), body)
    assert AwayPeriod.objects.count() == 1


def test_a_member_asks_for_a_mentor_and_staff_see_the_queue(
    owner_client, staff_client, other_client, taxonomy
):
    assert owner_client.get(reverse("web:mentoring-request-new")).status_code == 200
    response = owner_client.post(
        reverse("web:mentoring-request-new"),
        {"capacities": ["grant-writing"], "level_wanted": 3, "languages": "es"},
    )
    assert response.status_code == 302
    assert MenteeRequest.objects.count() == 1
    assert staff_client.get(reverse("web:mentoring-queue")).status_code == 200
    assert other_client.get(reverse("web:mentoring-queue")).status_code == 403


def test_the_mentorship_page_and_its_actions(staff, mentee_request, mentor, owner, other_client):
    mentorship = mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="r")
    url = reverse("web:mentoring-mentorship", args=[mentorship.pk])
    assert other_client.get(url).status_code == 403
    mentor_client = login(mentor)
    assert "Why this mentor" in mentor_client.get(url).content.decode()
    mentor_client.post(reverse("web:mentoring-mentorship-action", args=[mentorship.pk, "accept"]))
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACCEPTED
    response = login(owner).post(
        reverse("web:mentoring-mentorship-action", args=[mentorship.pk, "nonsense"])
    )
    assert response.status_code == 404


def test_the_pair_page_keeps_the_reason(staff_client, mentee_request, mentor):
    url = reverse("web:mentoring-pair", args=[mentee_request.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"mentor": "mentor", "reason": "Same wiki"})
    assert response.status_code == 302
    assert Mentorship.objects.get().override_reason == "Same wiki"


def test_the_queue_runs_a_bounded_number_of_queries(
    staff_client, taxonomy, django_assert_max_num_queries
):
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.mentoring.services import request_create

    for n in range(12):
        request_create(
            actor=UserFactory(username=f"waiting{n}"),
            capacities=["grant-writing"],
            languages=["es", "pt"],
        )
    with django_assert_max_num_queries(15):
        response = staff_client.get(reverse("web:mentoring-queue"))
    assert response.content.decode().count("Find a mentor") == 12
