"""The orgdev pages: who sees what, forms, actions, bounded queries."""

import pytest
from django.test import Client
from django.urls import reverse

from capacityhub.exchange.models import Need
from capacityhub.orgdev.models import Answer, Goal, Round

from .conftest import run_round


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_home_and_framework_pages_are_public(client, db):
    assert client.get(reverse("web:orgdev-home")).status_code == 200
    page = client.get(reverse("web:orgdev-framework"))
    assert page.status_code == 200
    assert "Finance and fundraising" in page.text
    assert "never used to decide eligibility for funding" in page.text


def test_the_framework_page_is_translated(client, db):
    page = client.get(reverse("web:orgdev-framework"), HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200


def test_a_manager_opens_a_round_on_the_page(manager_client, organization, respondents):
    url = reverse("web:orgdev-round-new", args=[organization.slug])
    lines = "\n".join(f"{r['username']}, {r['role']}" for r in respondents)
    response = manager_client.post(url, {"title": "Spring", "respondents": lines})
    round_ = Round.objects.get()
    assert response.status_code == 302 and response.url == round_.get_absolute_url()


def test_too_few_people_is_shown_on_the_form(manager_client, organization, respondents):
    url = reverse("web:orgdev-round-new", args=[organization.slug])
    response = manager_client.post(url, {"title": "Spring", "respondents": "vol, volunteer"})
    assert response.status_code == 400
    assert "Invite at least 3 people" in response.text
    assert not Round.objects.exists()


def test_others_cannot_open_rounds(other_client, client, organization):
    url = reverse("web:orgdev-round-new", args=[organization.slug])
    assert other_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # to sign in


def test_a_respondent_answers_on_the_page(open_round, owner):
    client = client_for(owner)
    url = reverse("web:orgdev-answer", args=[open_round.pk])
    assert client.get(url).status_code == 200
    data = {"governance-decisions": "3", "governance-decisions__evidence": "Minutes"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Answer.objects.get().evidence == "Minutes"


def test_an_answer_without_a_level_is_refused_on_the_page(open_round, owner):
    url = reverse("web:orgdev-answer", args=[open_round.pk])
    response = client_for(owner).post(url, {"strategy-plan__notes": "We think so"})
    assert response.status_code == 400
    assert "Choose a level from 1 to 4." in response.text
    assert not Answer.objects.exists()


def test_only_respondents_answer(open_round, other_client, manager_client):
    url = reverse("web:orgdev-answer", args=[open_round.pk])
    assert other_client.get(url).status_code == 403
    assert manager_client.get(url).status_code == 403


def test_results_are_private_until_published(closed_round, client, other_client, manager_client):
    url = closed_round.get_absolute_url()
    assert client.get(url).status_code == 403
    assert other_client.get(url).status_code == 403
    page = manager_client.get(url)
    assert page.status_code == 200
    assert "Views differ" in page.text
    manager_client.post(
        reverse("web:orgdev-round-publish", args=[closed_round.pk]), {"published": "1"}
    )
    assert client.get(url).status_code == 200


def test_a_second_round_shows_change(organization, manager, manager_client, respondents):
    run_round(organization, manager, respondents, [1, 1, 2], title="First")
    second = run_round(organization, manager, respondents, [3, 3, 4], title="Second")
    page = manager_client.get(second.get_absolute_url())
    assert "Change since" in page.text
    assert "Median level per question" in page.text and 'fill="#36c"' in page.text
    history = manager_client.get(reverse("web:orgdev-organization", args=[organization.slug]))
    assert "Show the data" in history.text and "<rect" in history.text


def test_a_gap_becomes_a_need_from_the_results(
    closed_round, manager_client, organization, taxonomy
):
    url = reverse("web:orgdev-gap-need", args=[organization.slug])
    response = manager_client.post(url, {"dimension": "finance"})
    need = Need.objects.get()
    assert response.url == need.get_absolute_url()
    assert Goal.objects.get().need == need


def test_others_cannot_turn_gaps_into_needs(other_client, organization, taxonomy):
    url = reverse("web:orgdev-gap-need", args=[organization.slug])
    assert other_client.post(url, {"dimension": "finance"}).status_code == 403
    assert not Need.objects.exists()


def test_the_plan_page_adds_goals_and_milestones(manager_client, organization, manager):
    url = reverse("web:orgdev-goal-new", args=[organization.slug])
    response = manager_client.post(url, {"dimension": "people", "title": "Grow leaders"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    add = reverse("web:orgdev-milestone-new", args=[organization.slug, goal.pk])
    manager_client.post(add, {f"m{goal.pk}-title": "Train two trainers"})
    page = manager_client.get(reverse("web:orgdev-plan", args=[organization.slug]))
    assert "Grow leaders" in page.text and "Train two trainers" in page.text


def test_a_bad_goal_is_refused_on_the_page(manager_client, organization):
    url = reverse("web:orgdev-goal-new", args=[organization.slug])
    response = manager_client.post(url, {"dimension": "people", "title": "X", "owner": "ghost"})
    assert response.status_code == 400
    assert not Goal.objects.exists()


def test_the_plan_is_private(other_client, client, organization):
    url = reverse("web:orgdev-plan", args=[organization.slug])
    assert other_client.get(url).status_code == 403
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("name", ["web:orgdev-round", "web:orgdev-answer"])
def test_huge_ids_are_404(manager_client, db, name):
    assert manager_client.get(reverse(name, args=[10**30])).status_code == 404


def test_the_round_page_runs_a_bounded_number_of_queries(
    organization, manager, manager_client, respondents, django_assert_max_num_queries
):
    for n in range(3):
        run_round(organization, manager, respondents, [1, 2, 3], title=f"R{n}")
    last = Round.objects.first()
    with django_assert_max_num_queries(30):
        manager_client.get(last.get_absolute_url())
    with django_assert_max_num_queries(30):
        manager_client.get(reverse("web:orgdev-organization", args=[organization.slug]))


def test_panels_point_to_waiting_answers_and_the_organizations_assessments(
    open_round, owner, manager_client, other_client, organization
):
    home = client_for(owner).get(reverse("web:home"))
    assert "Assessments waiting for your answers" in home.text
    org_url = reverse("web:organization-detail", args=[organization.slug])
    assert "Development plan" in manager_client.get(org_url).text
    assert "Self-assessment" not in other_client.get(org_url).text


def test_roles_may_be_typed_in_the_readers_language(manager_client, organization, respondents):
    url = reverse("web:orgdev-round-new", args=[organization.slug])
    lines = "owner, Board\nvol, volunteer\nfacil, External facilitator"
    response = manager_client.post(url, {"title": "Spring", "respondents": lines})
    assert response.status_code == 302
    assert sorted(Round.objects.get().respondents.values_list("role", flat=True)) == [
        "board",
        "facilitator",
        "volunteer",
    ]


def test_an_open_round_shows_progress_not_results(open_round, owner, manager_client):
    from capacityhub.orgdev.services import answers_save

    from .conftest import answers_at

    answers_save(actor=owner, round_=open_round, answers=answers_at(4), submit=True)
    page = manager_client.get(open_round.get_absolute_url())
    assert "Results appear when the round closes (1 of 3 have submitted)." in page.text
    assert "Views agree" not in page.text
