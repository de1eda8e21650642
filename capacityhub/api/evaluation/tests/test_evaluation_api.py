import pytest

from capacityhub.evaluation.models import Invitation, LogicModel, Survey
from capacityhub.evaluation.tests.factories import enrol, make_course, score_form
from capacityhub.evaluation.tests.helpers import course_with_pair

pytestmark = pytest.mark.django_db
API = "/api/v1/evaluation"


def test_a_figure_from_three_people_comes_back_suppressed(client, owner):
    _course, model, _s = course_with_pair(owner, 3)
    response = client.get(f"{API}/logic-models/{model.pk}/matrix")
    assert response.status_code == 200
    figures = {f["key"]: f for level in response.json() for f in level["figures"]}
    change = figures["pre_post_change"]
    assert change["suppressed"] and change["value"] is None and change["reason"]


def test_five_people_show(client, owner):
    _course, model, _s = course_with_pair(owner, 5)
    levels = client.get(f"{API}/logic-models/{model.pk}/matrix").json()
    figures = {f["key"]: f for level in levels for f in level["figures"]}
    assert figures["pre_post_change"]["value"] > 0 and figures["pre_post_change"]["people"] == 5


def test_create_permissions_and_bad_input(client, owner, other):
    course = make_course(owner)
    body = {"subject_type": "learning.course", "subject_id": course.pk, "title": "Logic"}
    assert (
        client.post(f"{API}/logic-models", body, content_type="application/json").status_code == 401
    )
    client.force_login(other)
    assert (
        client.post(f"{API}/logic-models", body, content_type="application/json").status_code == 403
    )
    client.force_login(owner)
    bad = client.post(f"{API}/logic-models", {**body, "subject_type": "auth.user"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422 and "subject_type" in bad.content.decode()
    assert not LogicModel.objects.exists()
    made = client.post(f"{API}/logic-models", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["title"] == "Logic"
    assert client.get(f"{API}/logic-models").json()["count"] == 1


def test_follow_up_without_consent_is_refused(client, owner):
    from datetime import date

    from capacityhub.evaluation.services import survey_create

    course = make_course(owner)
    (person,) = enrol(course, 1)
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="follow_up_90", form=score_form(),
                           activity_ends_on=date(2030, 1, 1))  # fmt: skip
    client.force_login(owner)
    url = f"{API}/surveys/{survey.pk}/invitations"
    refused = client.post(url, {"person": person.username}, content_type="application/json")
    assert refused.status_code == 422 and "person" in refused.json()["errors"][0]["field"]
    assert not Invitation.objects.exists()
    client.force_login(person)
    consent = client.put(f"{API}/surveys/{survey.pk}/consent", {"agree": True},
                         content_type="application/json")  # fmt: skip
    assert consent.status_code == 200
    client.force_login(owner)
    assert client.post(url, {"person": person.username},
                       content_type="application/json").status_code == 201  # fmt: skip
    assert Survey.objects.count() == 1


def test_open_data(client, owner):
    course_with_pair(owner, 5)
    data = client.get(f"{API}/open-data").json()
    assert data["minimum_people"] == 5 and data["rows"] and data["data_dictionary"]


def test_list_queries_bounded(client, owner, django_assert_max_num_queries):
    for i in range(3):
        course_with_pair(owner, 1, slug=f"c{i}")
    with django_assert_max_num_queries(6):
        assert client.get(f"{API}/logic-models").json()["count"] == 3
