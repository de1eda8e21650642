"""Evaluation feeds the knowledge base: the resource list's "What worked" sort puts resources
used by practices with a better measured change first, unevaluated ones after; the default
sort does not change."""

import pytest
from django.urls import reverse

from capacityhub.evaluation.resources import resource_outcomes
from capacityhub.knowledge.ranking import BOOSTS
from capacityhub.knowledge.selectors import resource_list
from capacityhub.knowledge.tests.factories import ResourceFactory
from capacityhub.learning.models import Lesson, Module

from .helpers import course_with_pair

pytestmark = pytest.mark.django_db


def _used_in(course, resource):
    module = Module.objects.create(course=course, title="Module")
    Lesson.objects.create(module=module, title="Read it", kind="resource", resource=resource)


@pytest.fixture
def resources(owner):
    """Created oldest first: the better one, the weaker one, then one nobody evaluated."""
    better, weaker, plain = (ResourceFactory(title=t) for t in ("Better", "Weaker", "Plain"))
    strong, _model, _s = course_with_pair(owner, 6, gain=3, slug="strong")
    weak, _model, _s = course_with_pair(owner, 6, gain=0, slug="weak")
    _used_in(strong, better)
    _used_in(weak, weaker)
    return better, weaker, plain


def test_evaluation_registered_its_scores_with_the_knowledge_base():
    assert resource_outcomes in BOOSTS


def test_resources_used_by_better_practices_score_higher(resources):
    better, weaker, plain = resources
    scores = resource_outcomes()
    assert scores[better.pk] > scores[weaker.pk]
    assert plain.pk not in scores


def test_what_worked_lists_the_better_resource_first_and_unevaluated_last(resources):
    better, weaker, plain = resources
    assert list(resource_list(sort="worked")) == [better, weaker, plain]


def test_the_default_sort_is_unchanged(resources):
    better, weaker, plain = resources
    assert list(resource_list()) == [plain, weaker, better]


def test_the_resource_page_and_api_offer_the_sort(client, resources):
    better, weaker, _plain = resources
    page = client.get(reverse("web:resource-list"), {"sort": "worked"}).content.decode()
    assert "What worked" in page
    assert page.index("Better") < page.index("Weaker")
    response = client.get("/api/v1/resources", {"sort": "worked"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["results"]]
    assert titles[:2] == ["Better", "Weaker"]
