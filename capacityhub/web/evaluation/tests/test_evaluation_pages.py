import pytest
from django.urls import reverse

from capacityhub.evaluation.models import Answer, Indicator, LogicModel
from capacityhub.evaluation.tests.helpers import course_with_pair

pytestmark = pytest.mark.django_db


def test_public_pages(client, owner, django_assert_max_num_queries):
    _course, model, surveys = course_with_pair(owner, 5)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("web:evaluation-list")).status_code == 200
    page = client.get(reverse("web:evaluation-detail", args=[model.pk])).content.decode()
    assert "Kirkpatrick" in page and "95%" in page and "Show the data" in page
    for name in ("evaluation-practices", "evaluation-dictionary", "evaluation-open-data-csv",
                 "evaluation-open-data-json"):  # fmt: skip
        assert client.get(reverse(f"web:{name}")).status_code == 200
    csv = client.get(reverse("web:evaluation-open-data-csv")).content.decode()
    assert "pre_post_change" in csv
    assert client.get(reverse("web:evaluation-detail", args=[999999])).status_code == 404


def test_small_groups_are_not_shown_on_the_page(client, owner):
    _course, model, _s = course_with_pair(owner, 3)
    page = client.get(reverse("web:evaluation-detail", args=[model.pk])).content.decode()
    assert "Fewer than 5 people" in page


def test_only_managers_edit(client, owner, other):
    _course, model, _s = course_with_pair(owner, 1)
    url = reverse("web:evaluation-indicator-add", args=[model.pk])
    data = {"name": "Change", "level": "2", "figure": "pre_post_change", "target": "2"}
    client.force_login(other)
    assert client.post(url, data).status_code == 403
    assert not Indicator.objects.exists()
    client.force_login(owner)
    assert client.post(url, data).status_code == 302
    assert Indicator.objects.get().target == 2
    edit = reverse("web:evaluation-edit", args=[model.pk])
    assert client.post(edit, {"title": "Renamed", "inputs": "A\nB"}).status_code == 302
    assert LogicModel.objects.get().inputs == ["A", "B"]


def test_answering_a_survey_page(client, owner):
    course, _model, surveys = course_with_pair(owner, 0)
    from capacityhub.evaluation.tests.factories import enrol

    (person,) = enrol(course, 1, prefix="late")
    client.force_login(person)
    url = reverse("web:evaluation-survey", args=[surveys["pre"].pk])
    assert client.get(url).status_code == 200
    client.post(reverse("web:evaluation-consent", args=[surveys["pre"].pk]), {"agree": "on"})
    assert client.post(url, {"confidence": "3"}).status_code == 302
    assert Answer.objects.get().person == person and Answer.objects.get().score == 3.0
    again = client.post(url, {"confidence": "4"})
    assert again.status_code == 200 and Answer.objects.count() == 1


def test_managers_see_the_response_rate_and_invite(client, owner):
    from capacityhub.evaluation.models import Invitation

    course, _model, surveys = course_with_pair(owner, 5)
    from capacityhub.evaluation.tests.factories import enrol

    enrol(course, 1, prefix="new")
    client.force_login(owner)
    page = client.get(reverse("web:evaluation-survey", args=[surveys["post"].pk])).content
    assert b"Response rate" in page and b"100.0%" in page
    client.post(reverse("web:evaluation-invite", args=[surveys["post"].pk]))
    assert Invitation.objects.filter(survey=surveys["post"]).count() == 6


def test_capacity_chart(client, owner):
    from datetime import date

    from capacityhub.community.models import Evidence
    from capacityhub.taxonomy.tests.factories import CapacityFactory

    course, model, _s = course_with_pair(owner, 5)
    capacity = CapacityFactory(code="lua", label="Lua")
    course.capacities.add(capacity)
    for person in [e.user for e in course.enrolments.all()]:
        Evidence.objects.create(
            profile=person.profile, capacity=capacity, kind="learned",
            source="learning.course:1", occurred_on=date(2030, 1, 1),
        )  # fmt: skip
    page = client.get(reverse("web:evaluation-detail", args=[model.pk])).content.decode()
    assert "People who showed each capacity afterwards" in page and "Lua" in page


def test_an_unpublished_course_s_evaluation_is_seen_by_its_authors_only(client, owner, other):
    course, model, _s = course_with_pair(owner, 1)
    course.is_published = False
    course.save(update_fields=["is_published"])
    url = reverse("web:evaluation-detail", args=[model.pk])
    assert client.get(url).status_code == 404
    assert "Wiki 101" not in client.get(reverse("web:evaluation-list")).content.decode()
    assert client.get(f"/api/v1/evaluation/logic-models/{model.pk}/matrix").status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200
    assert client.get("/api/v1/evaluation/logic-models").json()["count"] == 1
