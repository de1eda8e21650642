"""The governance pages: the public record, the board's actions, bad input, bounded queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from capacityhub.governance.models import Meeting, Motion, PlanTarget, Vote
from capacityhub.integrity.models import Decision


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "ar"])
def test_the_unit_page_is_public_in_every_language(client, seated, board, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("web:governance-unit"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert "Chair" in response.text or response.status_code == 200
    assert "Vera" in response.text


def test_the_unit_page_without_a_board_says_so(client, db):
    assert client.get(reverse("web:governance-unit")).status_code == 200


def test_the_board_page_runs_a_bounded_number_of_queries(
    client, seated, meeting, board, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get(board.get_absolute_url()).status_code == 200


def test_staff_seat_a_member_and_bad_input_names_the_field(staff, board, owner):
    url = reverse("web:governance-term-add", args=[board.slug])
    data = {"username": "owner", "role": "member", "chosen_by": "election",
            "starts_on": "2026-01-01", "ends_on": "2025-01-01"}  # fmt: skip
    response = login(staff).post(url, data)
    assert response.status_code == 400 and "end after it starts" in response.text
    response = login(staff).post(url, data | {"ends_on": "2028-01-01"})
    assert response.status_code == 302 and board.terms.count() == 1


def test_members_cannot_seat_people(owner, board):
    url = reverse("web:governance-term-add", args=[board.slug])
    assert login(owner).post(url, {"username": "owner"}).status_code == 403


def test_draft_minutes_and_open_votes_are_for_the_board(client, meeting, motion, seated):
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Secret draft", minutes_status="draft")
    Vote.objects.create(motion=motion, voter=seated["owner"], choice="for")
    assert "Secret draft" not in client.get(meeting.get_absolute_url()).text
    assert "Secret draft" in login(seated["vera"]).get(meeting.get_absolute_url()).text
    assert "Owner" not in client.get(motion.get_absolute_url()).text


def test_a_conflicted_member_is_told_and_cannot_vote(motion, manager):
    client = login(manager)
    assert "You are recused" in client.get(motion.get_absolute_url()).text
    response = client.post(reverse("web:governance-vote", args=[motion.pk]), {"choice": "for"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_voting_twice_is_refused_and_changes_nothing(motion, owner):
    url = reverse("web:governance-vote", args=[motion.pk])
    login(owner).post(url, {"choice": "for"})
    response = login(owner).post(url, {"choice": "against"}, follow=True)
    assert "already voted" in response.text
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_a_meeting_approves_a_subject_with_a_recusal_and_publishes_its_minutes(
    client, meeting, seated, organization
):
    secretary = login(seated["other"])
    secretary.post(reverse("web:governance-motion-create", args=[meeting.pk]), {
        "title": "Approve Kano", "subject_type": "community.organization",
        "subject_id": str(organization.pk), "outcome": "approved"})  # fmt: skip
    motion = Motion.objects.get()
    for name in ("chair", "owner", "vera", "wale"):
        login(seated[name]).post(reverse("web:governance-vote", args=[motion.pk]),
                                 {"choice": "for"})  # fmt: skip
    secretary.post(reverse("web:governance-motion-close", args=[motion.pk]))
    motion.refresh_from_db()
    assert motion.status == "carried" and motion.recusals == 1
    assert motion.decision == Decision.objects.get()
    secretary.post(reverse("web:governance-minutes", args=[meeting.pk]),
                   {"minutes": "Kano approved; the manager was recused."})  # fmt: skip
    secretary.post(reverse("web:governance-minutes-approval", args=[meeting.pk]))
    minutes_motion = Motion.objects.get(kind="minutes")
    for name in ("chair", "owner", "vera"):
        login(seated[name]).post(reverse("web:governance-vote", args=[minutes_motion.pk]),
                                 {"choice": "for"})  # fmt: skip
    secretary.post(reverse("web:governance-motion-close", args=[minutes_motion.pk]))
    secretary.post(reverse("web:governance-minutes-publish", args=[meeting.pk]))
    assert "the manager was recused" in client.get(meeting.get_absolute_url()).text
    page = login(seated["vera"]).get(motion.get_absolute_url()).text
    assert motion.decision.get_absolute_url() in page


def test_only_officers_act_on_meetings(meeting, motion, owner, manager, client):
    for user in (owner, manager):
        for name in ("governance-minutes-publish", "governance-minutes-approval"):
            assert login(user).post(reverse(f"web:{name}", args=[meeting.pk])).status_code == 403
        close = reverse("web:governance-motion-close", args=[motion.pk])
        assert login(user).post(close).status_code == 403
    response = client.post(reverse("web:governance-motion-close", args=[motion.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_advice_is_asked_answered_and_published_through_pages(seated, taxonomy, client):
    from capacityhub.community.tests.factories import UserFactory

    asker = login(UserFactory(username="organizer"))
    response = asker.post(reverse("web:governance-advice-create"), {
        "title": "Reports", "question": "How?", "capacities": ["grant-writing"],
        "languages": "fr"})  # fmt: skip
    assert response.status_code == 302
    url = response["Location"]
    assert client.get(url).status_code == 404
    pk = int(url.rstrip("/").split("/")[-1])
    login(seated["chair"]).post(reverse("web:governance-advice-answer", args=[pk]),
                                {"answer": "Use the template."})  # fmt: skip
    asker.post(reverse("web:governance-advice-publish", args=[pk]))
    assert "Use the template." in client.get(url).text


def test_bad_advice_shows_the_field_error(owner, taxonomy):
    response = login(owner).post(reverse("web:governance-advice-create"), {
        "title": "Reports", "question": "How?", "capacities": ["grant-writing"],
        "languages": "zz-notalanguage"})  # fmt: skip
    assert response.status_code == 400 and "Unknown language" in response.text


def test_the_plan_dashboard_shows_targets_with_a_data_table(client, staff):
    year = timezone.now().year
    PlanTarget.objects.create(year=year, recommendation="R7", measure="courses_completed",
                              target=100)  # fmt: skip
    response = client.get(reverse("web:governance-plan"))
    assert response.status_code == 200
    assert "Courses completed" in response.text and "<table" in response.text
    response = login(staff).post(reverse("web:governance-plan-target"), {
        "year": year, "recommendation": "R2", "measure": "needs_fulfilled", "baseline": 0,
        "target": 30})  # fmt: skip
    assert response.status_code == 302 and PlanTarget.objects.count() == 2


def test_the_popolo_export_has_the_spec_shape(client, motion, seated, board):
    Vote.objects.create(motion=motion, voter=seated["owner"], choice="for")
    Motion.objects.filter(pk=motion.pk).update(status="carried", votes_for=1,
                                               closed_at=timezone.now())  # fmt: skip
    data = client.get(reverse("web:governance-popolo", args=[board.slug])).json()
    assert set(data) == {"persons", "organizations", "memberships", "posts", "motions",
                         "vote_events", "votes"}  # fmt: skip
    assert len(data["persons"]) == 7 and len(data["memberships"]) == 7
    membership = data["memberships"][0]
    assert {"person_id", "organization_id", "post_id", "start_date", "end_date"} <= set(membership)
    [event] = data["vote_events"]
    assert event["motion_id"] == data["motions"][0]["id"] and event["result"] == "pass"
    voter = f"person/{seated['owner'].pk}"
    assert data["votes"] == [{"vote_event_id": event["id"], "voter_id": voter, "option": "yes"}]
