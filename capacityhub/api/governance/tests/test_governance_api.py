"""The governance API: public reads, the board's writes, bad input as 4xx with nothing changed."""

import pytest
from django.utils import timezone

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.governance.models import Meeting, Motion, PlanTarget, Term, Vote
from capacityhub.integrity.models import Decision


def post(client, user, path, body, method="post"):
    return getattr(client, method)(f"{API}{path}", body, content_type="application/json",
                                   headers=bearer(user))  # fmt: skip


def test_the_board_is_public_with_its_members(client, seated, board):
    response = client.get(f"{API}/governance/boards/{board.slug}")
    assert response.status_code == 200
    assert {m["role"] for m in response.json()["members"]} == {"chair", "secretary", "member",
                                                              "advisor"}  # fmt: skip
    assert client.get(f"{API}/governance/boards/nope").status_code == 404


def test_staff_seat_a_person_others_are_refused(client, board, staff, owner):
    body = {"person": "owner", "role": "member", "chosen_by": "election",
            "starts_on": "2026-01-01", "ends_on": "2029-01-01"}  # fmt: skip
    assert post(client, owner, f"/governance/boards/{board.slug}/terms", body).status_code == 403
    response = post(client, staff, f"/governance/boards/{board.slug}/terms",
                    body | {"ends_on": "2025-01-01"})  # fmt: skip
    assert response.status_code == 422 and error_fields(response) == {"ends_on"}
    assert not Term.objects.exists()
    assert post(client, staff, f"/governance/boards/{board.slug}/terms", body).status_code == 201


def test_a_vote_through_the_api_and_voting_twice_is_422(client, motion, owner):
    path = f"/governance/motions/{motion.pk}/vote"
    assert post(client, owner, path, {"choice": "for"}).status_code == 201
    response = post(client, owner, path, {"choice": "against"})
    assert response.status_code == 422 and error_fields(response) == {"choice"}
    assert Vote.objects.get().choice == "for"


def test_voting_while_recused_is_403_and_changes_nothing(client, motion, manager):
    response = post(client, manager, f"/governance/motions/{motion.pk}/vote", {"choice": "for"})
    assert response.status_code == 403 and "recused" in response.json()["detail"]
    assert not Vote.objects.exists()


def test_open_votes_are_hidden_from_the_public_until_closed(client, motion, seated):
    post(client, seated["owner"], f"/governance/motions/{motion.pk}/vote", {"choice": "for"})
    assert client.get(f"{API}/governance/motions/{motion.pk}").json()["votes"] == []
    for name in ("chair", "vera", "wale"):
        post(client, seated[name], f"/governance/motions/{motion.pk}/vote", {"choice": "for"})
    closed = post(client, seated["other"], f"/governance/motions/{motion.pk}/close", {})
    assert closed.status_code == 200 and closed.json()["status"] == "carried"
    assert closed.json()["decision"] == Decision.objects.get().pk
    votes = client.get(f"{API}/governance/motions/{motion.pk}").json()["votes"]
    assert {v["voter"]: v["choice"] for v in votes}["manager"] == "recused"


def test_approving_minutes_without_quorum_is_422(client, meeting, seated):
    secretary = seated["other"]
    post(client, secretary, f"/governance/meetings/{meeting.pk}/minutes", {"minutes": "Met."},
         method="put")  # fmt: skip
    response = post(client, secretary, f"/governance/meetings/{meeting.pk}/motions",
                    {"kind": "minutes", "title": "Minutes"})  # fmt: skip
    assert response.status_code == 201
    minutes_motion = response.json()["id"]
    post(client, secretary, f"/governance/meetings/{meeting.pk}/attendance",
         {"present": ["chair", "other"]}, method="put")  # fmt: skip
    response = post(client, secretary, f"/governance/motions/{minutes_motion}/close", {})
    assert response.status_code == 422 and error_fields(response) == {"quorum"}
    assert Motion.objects.get(pk=minutes_motion).status == "open"
    assert Meeting.objects.get().minutes_status == "draft"


def test_drafts_are_for_the_board(client, meeting, seated):
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Draft", minutes_status="draft")
    assert client.get(f"{API}/governance/meetings/{meeting.pk}").json()["minutes"] is None
    response = client.get(f"{API}/governance/meetings/{meeting.pk}", headers=bearer(seated["vera"]))
    assert response.json()["minutes"] == "Draft"


def test_a_motion_on_an_unknown_subject_is_422(client, meeting, seated):
    response = post(client, seated["other"], f"/governance/meetings/{meeting.pk}/motions",
                    {"title": "X", "subject_type": "community.organization",
                     "subject_id": "999999", "outcome": "approved"})  # fmt: skip
    assert response.status_code == 422 and error_fields(response) == {"subject_id"}
    assert not Motion.objects.exists()


def test_advice_through_the_api(client, seated, taxonomy, owner):
    response = post(
        client,
        owner,
        "/governance/advice",
        {"title": "Q", "question": "How?", "capacities": ["grant-writing"]},
    )
    assert response.status_code == 201
    advice = response.json()["id"]
    assert client.get(f"{API}/governance/advice/{advice}").status_code == 404
    response = post(
        client,
        owner,
        "/governance/advice",
        {"title": "Q", "question": "How?", "capacities": ["nope"]},
    )
    assert response.status_code == 422 and error_fields(response) == {"capacities"}


def test_the_plan_is_public_and_set_by_officers(client, seated, owner):
    year = timezone.now().year
    body = {"year": year, "recommendation": "R7", "measure": "courses_completed", "target": 10}
    assert post(client, owner, "/governance/plan/targets", body, method="put").status_code == 403
    response = post(client, seated["chair"], "/governance/plan/targets", body, method="put")
    assert response.status_code == 200 and response.json()["value"] == 0
    bad = post(client, seated["chair"], "/governance/plan/targets", body | {"measure": "x"},
               method="put")  # fmt: skip
    assert bad.status_code == 422 and error_fields(bad) == {"measure"}
    assert PlanTarget.objects.count() == 1
    assert client.get(f"{API}/governance/plan").json()[0]["target"] == 10


@pytest.mark.parametrize(
    "path",
    ["/governance/boards", "/governance/advice", "/governance/plan",
     "/governance/boards/cbu-board/meetings"],
)  # fmt: skip
def test_lists_run_a_bounded_number_of_queries(client, seated, meeting, path,
                                               django_assert_max_num_queries):  # fmt: skip
    with django_assert_max_num_queries(10):
        assert client.get(f"{API}{path}").status_code == 200
