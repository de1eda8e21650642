"""Mentoring on shared pages: a person's page (mentor profile, programme completions) and the
signed-in home page (live mentorships and proposals, with counts)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.mentoring.models import MentorProfile, Participant
from capacityhub.mentoring.services import away_add, mentorship_accept, request_create
from capacityhub.mentoring.services.pairing import mentorship_pair

pytestmark = pytest.mark.django_db


def _profile_page(client, username):
    response = client.get(reverse("web:profile-detail", args=[username]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def completed(participant):
    Participant.objects.filter(pk=participant.pk).update(
        status=Participant.Status.COMPLETED, completed_at=timezone.now()
    )
    participant.refresh_from_db()
    return participant


def test_a_mentors_page_shows_capacities_languages_and_that_they_take_mentees(client, mentor):
    page = _profile_page(client, "mentor")
    assert "mentoring-panel-heading" in page
    assert "Taking mentees" in page
    assert "Spanish" in page


def test_an_away_mentor_shows_until_when(client, mentor):
    profile = MentorProfile.objects.get(user=mentor)
    today = dt.date.today()
    away_add(actor=mentor, mentor=profile, starts_on=today, ends_on=today + dt.timedelta(days=9))
    page = _profile_page(client, "mentor")
    assert "Away until" in page
    assert "Taking mentees" not in page


def test_a_mentor_at_their_cap_is_not_taking_mentees(client, staff, taxonomy):
    from capacityhub.mentoring.tests.fixtures import make_mentor

    busy = make_mentor("busy", max_mentees=1)
    mentee = UserFactory(username="mentee")
    wish = request_create(actor=mentee, capacities=["grant-writing"], languages=["es"])
    mentorship_pair(actor=staff, request=wish, mentor=busy, reason="Good fit")
    assert "Not taking mentees now" in _profile_page(client, "busy")


def test_completions_show_with_a_certificate_link_for_the_person_only(
    client, owner_client, other_client, completed
):
    certificate = reverse("web:mentoring-certificate", args=[completed.pk])
    mine = _profile_page(owner_client, "owner")
    assert "Programmes completed" in mine
    assert certificate in mine
    theirs = _profile_page(other_client, "owner")
    assert "Emerging organizers" in theirs
    assert certificate not in theirs
    assert "Emerging organizers" in _profile_page(client, "owner")


@pytest.mark.parametrize("level", ["members", "private"])
def test_hidden_capacities_hide_the_mentoring_section(client, other_client, mentor, level):
    mentor.profile.capacities_visibility = level
    mentor.profile.save()
    assert "mentoring-panel-heading" not in _profile_page(client, "mentor")
    members_page = _profile_page(other_client, "mentor")
    assert ("mentoring-panel-heading" in members_page) == (level == "members")


def test_a_person_with_no_mentoring_shows_no_section(client, other):
    assert "mentoring-panel-heading" not in _profile_page(client, "other")


def test_the_profile_page_stays_bounded_with_the_panel(
    client, mentor, completed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        client.get(reverse("web:profile-detail", args=["mentor"]))
    with django_assert_max_num_queries(24):
        client.get(reverse("web:profile-detail", args=["owner"]))


def test_home_shows_live_mentorships_and_proposals_with_counts(
    client, staff, mentor, mentee_request, owner, django_assert_max_num_queries
):
    from django.test import Client

    mentorship = mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="Fit")
    mentor_client = Client()
    mentor_client.force_login(mentor)
    page = mentor_client.get("/").content.decode()
    assert "1 proposal waiting" in page
    assert "active mentorship" not in page
    mentorship_accept(actor=mentor, mentorship=mentorship)
    with django_assert_max_num_queries(24):
        page = mentor_client.get("/").content.decode()
    assert "1 active mentorship" in page
    assert "proposal waiting" not in page
    assert reverse("web:mentoring-mentorship", args=[mentorship.pk]) in page


def test_home_shows_nothing_without_mentoring_or_signed_out(client, other_client, mentor):
    assert "mentoring-home-heading" not in other_client.get("/").content.decode()
    assert "mentoring-home-heading" not in client.get("/").content.decode()
