"""Resources are found by search and proposed for needs in the exchange."""

import pytest
from django.db import transaction

from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.suggestions import suggestions_for_need
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.knowledge.models import Resource
from capacityhub.knowledge.search import resource_documents
from capacityhub.knowledge.services.curation import resource_merge
from capacityhub.search.indexing import reindex_all
from capacityhub.search.models import SearchDocument
from capacityhub.search.selectors import search

from .factories import LearningPatternFactory, ResourceFactory, ResourceUseFactory

pytestmark = pytest.mark.django_db


def found(viewer, query):
    return {r.title for r in search(viewer=viewer, query=query).results}


def test_a_learning_pattern_is_found_by_its_solution_and_authors(anonymous, taxonomy):
    LearningPatternFactory(
        title="Buddy system", solution="Pair with a mentor", author_names="Ngozi Okafor"
    )
    reindex_all()

    assert found(anonymous, "mentor") == {"Buddy system"}
    assert found(anonymous, "Okafor") == {"Buddy system"}


def test_merged_and_withdrawn_resources_are_not_indexed(anonymous):
    ResourceFactory(title="Gone walrus", status=Resource.Status.WITHDRAWN)
    ResourceFactory(title="Outdated walrus", status=Resource.Status.OUTDATED)
    reindex_all()

    assert found(anonymous, "walrus") == {"Outdated walrus"}


def test_documents_carry_type_language_capacity_and_region_facets(taxonomy):
    resource = ResourceFactory(language="fr", capacities=[taxonomy["lua-scripting"]])
    ResourceUseFactory(resource=resource, region="ssa")
    ResourceUseFactory(resource=resource, region="lac")

    (doc,) = resource_documents(resource)

    assert doc.visibility == "public"
    assert set(doc.facets) == {
        ("type", "guide"),
        ("language", "fr"),
        ("capacity", str(taxonomy["lua-scripting"].pk)),
        ("region", "lac"),
        ("region", "ssa"),
    }


def test_the_index_follows_a_merge(db, django_capture_on_commit_callbacks):
    # Made inside the capture: marks made before it would be flushed by an earlier callback.
    with django_capture_on_commit_callbacks(execute=True):
        specialist = UserFactory(username="curator", is_information_specialist=True)
        survivor, duplicate = ResourceFactory(title="Keeper"), ResourceFactory(title="Twin")
    assert SearchDocument.objects.filter(kind="resource").count() == 2

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        resource_merge(actor=specialist, duplicate=duplicate, survivor=survivor)

    indexed = set(
        SearchDocument.objects.filter(kind="resource").values_list("object_id", flat=True)
    )
    assert indexed == {survivor.pk}


def test_a_need_is_offered_resources_on_its_capacities_in_its_languages(owner, other, taxonomy):
    need = NeedFactory(
        requester=owner, capacities=[taxonomy["fundraising"]], languages=["ha"], region="ssa"
    )
    hausa = ResourceFactory(title="Tallafi", language="ha", capacities=[taxonomy["grant-writing"]])
    ResourceUseFactory(resource=hausa, region="ssa", rating=5)
    ResourceUseFactory(resource=hausa, region="sa", rating=4)
    ResourceFactory(title="English grants", language="en", capacities=[taxonomy["fundraising"]])
    ResourceFactory(title="Hausa Lua", language="ha", capacities=[taxonomy["lua-scripting"]])
    ResourceFactory(
        title="Old Hausa",
        language="ha",
        capacities=[taxonomy["fundraising"]],
        status=Resource.Status.OUTDATED,
    )

    suggestions = [s for s in suggestions_for_need(need=need, viewer=other) if s.kind == "resource"]

    assert [s.title for s in suggestions] == ["Tallafi"]
    assert suggestions[0].reasons[:2] == ["In Hausa", "Tested in 2 regions, rated 4.5"]
    assert 0 < suggestions[0].score <= 1


def test_suggestions_run_a_bounded_number_of_queries(
    owner, other, taxonomy, django_assert_max_num_queries
):
    need = NeedFactory(requester=owner, capacities=[taxonomy["fundraising"]])
    for _ in range(15):
        ResourceUseFactory(resource=ResourceFactory(capacities=[taxonomy["fundraising"]]))

    with django_assert_max_num_queries(10):
        assert len(suggestions_for_need(need=need, viewer=other, limit=5)) == 5
