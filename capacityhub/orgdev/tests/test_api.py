"""The orgdev API: the same rules as the pages, as JSON; bad input is a 4xx, nothing changed."""

from django.test import Client

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.exchange.models import Need
from capacityhub.orgdev.models import Answer, Goal, Round

from .conftest import answers_at, run_round


def call(method, path, user=None, body=None):
    headers = bearer(user) if user is not None else {}
    client = Client()
    send = getattr(client, method)
    if body is None:
        return send(API + path, headers=headers)
    return send(API + path, body, content_type="application/json", headers=headers)


def test_the_framework_is_public_and_translated(db):
    response = Client().get(API + "/assessment-framework", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert [d["key"] for d in data["dimensions"]][:2] == ["governance", "strategy"]
    assert len(data["dimensions"][0]["levels"]) == 4


def test_a_manager_opens_a_round(organization, manager, respondents):
    body = {"title": "API round", "respondents": respondents}
    response = call("post", f"/organizations/{organization.slug}/assessments", manager, body)
    assert response.status_code == 201, response.content
    assert response.json()["respondents"] == 3


def test_opening_is_refused_for_others_and_bad_input(organization, other, manager, respondents):
    path = f"/organizations/{organization.slug}/assessments"
    body = {"title": "No", "respondents": respondents}
    assert call("post", path, other, body).status_code == 403
    assert call("post", path, None, body).status_code == 401
    few = call("post", path, manager, {"title": "Few", "respondents": respondents[:1]})
    assert few.status_code == 422 and "respondents" in error_fields(few)
    assert not Round.objects.exists()


def test_an_answer_without_a_level_is_a_422(open_round, owner):
    body = {"answers": {"finance-budget": {"evidence": "Our accounts"}}}
    response = call("put", f"/assessments/{open_round.pk}/answers", owner, body)
    assert response.status_code == 422
    assert "finance-budget" in error_fields(response)
    assert not Answer.objects.exists()


def test_a_respondent_submits_and_others_cannot(open_round, owner, other):
    body = {"answers": answers_at(3), "submit": True}
    assert call("put", f"/assessments/{open_round.pk}/answers", other, body).status_code == 403
    response = call("put", f"/assessments/{open_round.pk}/answers", owner, body)
    assert response.status_code == 200 and response.json()["submitted"] == 1


def test_results_are_private_then_published(closed_round, manager, other):
    path = f"/assessments/{closed_round.pk}"
    assert call("get", path).status_code == 403
    assert call("get", path, other).status_code == 403
    results = call("get", path, manager).json()
    assert results["dimensions"]["governance"]["median"] == 2
    assert results["dimensions"]["governance"]["disagreement"] is True
    published = call("post", f"{path}/publish", manager, {"published": True})
    assert published.status_code == 200
    assert call("get", path).status_code == 200


def test_change_over_time(organization, manager, respondents):
    run_round(organization, manager, respondents, [1, 1, 1], title="A")
    run_round(organization, manager, respondents, [2, 2, 2], title="B")
    path = f"/organizations/{organization.slug}/assessment-change"
    assert call("get", path).json() == {}  # private rounds
    found = call("get", path, manager).json()
    assert found["technology"] == {"before": 1, "after": 2}


def test_a_gap_becomes_a_need_and_goals_get_milestones(organization, manager, other, taxonomy):
    path = f"/organizations/{organization.slug}/development-needs"
    assert call("post", path, other, {"dimension": "finance"}).status_code == 403
    response = call("post", path, manager, {"dimension": "finance"})
    assert response.status_code == 201
    assert response.json()["need"] == Need.objects.get().pk
    goal = Goal.objects.get()
    milestone = call("post", f"/development-goals/{goal.pk}/milestones", manager, {"title": "Ask"})
    assert milestone.status_code == 201
    plan = call("get", f"/organizations/{organization.slug}/development-plan", manager).json()
    assert plan[0]["milestones"][0]["title"] == "Ask"
    assert (
        call("get", f"/organizations/{organization.slug}/development-plan", other).status_code
        == 403
    )


def test_bad_goals_are_422(organization, manager):
    path = f"/organizations/{organization.slug}/development-goals"
    for body in ({"dimension": "cooking", "title": "x"}, {"dimension": "finance", "title": ""},
                 {"dimension": "finance", "title": "x", "owner": "ghost"}):  # fmt: skip
        assert call("post", path, manager, body).status_code == 422
    assert not Goal.objects.exists()


def test_unknown_things_are_404(manager, db):
    assert call("get", "/assessments/999").status_code == 404
    assert call("get", "/organizations/nope/assessments").status_code == 404
    assert call("post", "/development-milestones/9/done", manager).status_code == 404


def test_the_round_list_is_bounded(
    organization, manager, respondents, django_assert_max_num_queries
):
    for n in range(3):
        run_round(organization, manager, respondents, [2, 2, 2], title=f"R{n}")
    headers = bearer(manager)
    with django_assert_max_num_queries(12):
        response = Client().get(
            f"{API}/organizations/{organization.slug}/assessments", headers=headers
        )
    assert len(response.json()) == 3
