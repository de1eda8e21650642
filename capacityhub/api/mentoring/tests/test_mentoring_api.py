"""The mentoring API: the same services as the pages, JSON errors naming the field."""

import datetime as dt

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.mentoring.models import AwayPeriod, Mentorship, Programme, StageCompletion
from capacityhub.mentoring.services import mentorship_pair

M = f"{API}/mentoring"


def test_programmes_are_public(client, programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(f"{M}/programmes")
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == programme.title
    detail = client.get(f"{M}/programmes/{programme.pk}").json()
    assert [s["title"] for s in detail["stages"]] == ["Identify", "Learn", "Lead"]
    assert client.get(f"{M}/programmes/999999").status_code == 404


def test_staff_create_a_programme_and_bad_input_names_the_field(client, staff, other, taxonomy):
    body = {
        "title": "Leaders",
        "capacities": ["fundraising"],
        "stages": [
            {
                "title": "Learn",
                "completion": "evidence",
                "evidence_kind": "learned",
                "evidence_capacity": "nope",
            }
        ],
    }
    response = client.post(
        f"{M}/programmes", body, content_type="application/json", headers=bearer(staff)
    )
    assert response.status_code == 422
    assert "evidence_capacity" in error_fields(response)
    assert not Programme.objects.exists()
    response = client.post(
        f"{M}/programmes",
        {"title": "X", "capacities": ["fundraising"]},
        content_type="application/json",
        headers=bearer(other),
    )
    assert response.status_code == 403
    response = client.post(
        f"{M}/programmes",
        {"title": "X", "capacities": ["fundraising"]},
        content_type="application/json",
    )
    assert response.status_code == 401
    body["stages"][0]["evidence_capacity"] = "fundraising"
    response = client.post(
        f"{M}/programmes", body, content_type="application/json", headers=bearer(staff)
    )
    assert response.status_code == 201


def test_advancing_without_evidence_is_a_422_and_nothing_changes(client, participant, facilitator):
    url = f"{M}/participants/{participant.pk}/complete"
    ok = client.post(
        url, {"note": "done"}, content_type="application/json", headers=bearer(facilitator)
    )
    assert ok.json()["next_stage"] == "Learn"
    refused = client.post(url, {}, content_type="application/json", headers=bearer(facilitator))
    assert refused.status_code == 422
    assert "stage" in error_fields(refused)
    assert StageCompletion.objects.count() == 1


def test_overlapping_away_periods_are_a_422(client, mentor):
    today = dt.date.today()
    body = {
        "starts_on": str(today + dt.timedelta(days=3)),
        "ends_on": str(today + dt.timedelta(days=9)),
    }
    assert (
        client.post(
            f"{M}/me/away", body, content_type="application/json", headers=bearer(mentor)
        ).status_code
        == 201
    )
    again = client.post(
        f"{M}/me/away", body, content_type="application/json", headers=bearer(mentor)
    )
    assert again.status_code == 422
    assert AwayPeriod.objects.count() == 1


def test_pairing_over_the_cap_is_a_422(client, staff, taxonomy, owner, other):
    from capacityhub.mentoring.services import request_create
    from capacityhub.mentoring.tests.fixtures import make_mentor

    full = make_mentor("full", max_mentees=1)
    first = request_create(actor=other, capacities=["grant-writing"], languages=["es"])
    mentorship_pair(actor=staff, request=first, mentor=full, reason="first")
    second = client.post(
        f"{M}/requests",
        {"capacities": ["grant-writing"], "languages": ["es"]},
        content_type="application/json",
        headers=bearer(owner),
    ).json()
    response = client.post(
        f"{M}/requests/{second['id']}/pair",
        {"mentor": "full", "reason": "asked"},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert response.status_code == 422
    assert "mentor" in error_fields(response)
    assert Mentorship.objects.count() == 1


def test_a_mentorship_is_for_the_pair_and_staff(
    client, staff, mentee_request, mentor, other, owner
):
    mentorship = mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="r")
    url = f"{M}/mentorships/{mentorship.pk}"
    assert client.get(url, headers=bearer(owner)).status_code == 200
    assert client.get(url, headers=bearer(staff)).status_code == 200
    assert client.get(url, headers=bearer(other)).status_code == 403
    accepted = client.post(
        f"{url}/actions",
        {"action": "accept"},
        content_type="application/json",
        headers=bearer(mentor),
    )
    assert accepted.json()["status"] == "accepted"
    client.post(
        f"{url}/meetings",
        {"met_on": str(dt.date.today()), "notes": "hi"},
        content_type="application/json",
        headers=bearer(owner),
    )
    assert client.get(f"{url}/meetings", headers=bearer(staff)).json() == []
    assert len(client.get(f"{url}/meetings", headers=bearer(mentor)).json()) == 1


def test_the_queue_is_for_staff(client, staff, owner, mentee_request):
    assert client.get(f"{M}/requests/queue", headers=bearer(owner)).status_code == 403
    assert client.get(f"{M}/requests/queue", headers=bearer(staff)).json()["count"] == 1


def test_retention_is_for_managers(client, staff, other, programme):
    url = f"{M}/programmes/{programme.pk}/retention"
    assert client.get(url, headers=bearer(other)).status_code == 403
    assert client.get(url, headers=bearer(staff)).json()["alumni"] == 0
