"""Facets (capacity incl. descendants, language, type, region) on the configured engine."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from capacityhub.community.models import Profile, ProfileLanguage
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import Visibility
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.search.indexing import document, facet_rows, reindex_all
from capacityhub.search.models import SearchFacet
from capacityhub.search.selectors import search
from capacityhub.search.sqlite_fts import SqliteFtsBackend
from capacityhub.taxonomy.models import CapacityTranslation
from capacityhub.taxonomy.tests.factories import CapacityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def walks(owner, other):
    """Photo-walk needs on a small tree: outreach > photo-walks, in several places."""
    outreach = CapacityFactory(code="outreach", label="Outreach")
    CapacityTranslation.objects.create(capacity=outreach, language="es", label="Divulgación")
    walks = CapacityFactory(code="photo-walks", label="Photo walks", parent=outreach)
    budget = CapacityFactory(code="budgeting", label="Budgeting")
    NeedFactory(requester=owner, title="Photo walk in Lagos", capacities=[walks], languages=["yo"])
    NeedFactory(
        requester=owner,
        title="Photo walk in Lima",
        capacities=[outreach],
        languages=["es"],
        region="lac",
    )
    NeedFactory(
        requester=other,
        title="Photo walk budget",
        capacities=[budget],
        languages=["es", "en"],
        region="lac",
    )
    reindex_all()
    return {"outreach": outreach, "walks": walks, "budget": budget}


def titles(viewer, **kwargs) -> set[str]:
    return {r.title for r in search(viewer=viewer, query="photo walk", **kwargs).results}


def test_a_capacity_filter_also_finds_what_is_on_its_descendants(walks, anonymous):
    assert titles(anonymous, filters={"capacity": ["outreach"]}) == {
        "Photo walk in Lagos",
        "Photo walk in Lima",
    }
    assert titles(anonymous, filters={"capacity": ["photo-walks"]}) == {"Photo walk in Lagos"}


def test_values_of_one_facet_widen_and_facets_narrow(walks, anonymous):
    either = titles(anonymous, filters={"language": ["yo", "en"]})
    assert either == {"Photo walk in Lagos", "Photo walk budget"}
    both = titles(anonymous, filters={"language": ["yo", "en"], "region": ["lac"]})
    assert both == {"Photo walk budget"}


def test_the_total_counts_only_filtered_results(walks, anonymous):
    found = search(viewer=anonymous, query="photo walk", filters={"region": ["lac"]})
    assert found.total == 2
    assert found.facets == {"need": 2}


def test_facet_counts_are_labelled_in_the_readers_language(walks, anonymous):
    with translation.override("es"):
        found = search(viewer=anonymous, query="photo walk")

    capacities = {v.value: (v.label, v.count) for v in found.facet_values["capacity"]}
    assert capacities["outreach"] == ("Divulgación", 1)
    assert capacities["photo-walks"] == ("Photo walks", 1)
    languages = {v.value: (v.label, v.count) for v in found.facet_values["language"]}
    assert languages["es"] == ("español", 2)
    regions = {v.value: v.count for v in found.facet_values["region"]}
    assert regions == {"lac": 2, "ssa": 1}


def test_chosen_values_are_marked_and_kept_even_without_results(walks, anonymous):
    found = search(viewer=anonymous, query="photo walk", filters={"region": ["na"]})

    assert found.total == 0
    assert [(v.value, v.count, v.selected) for v in found.facet_values["region"]] == [
        ("na", 0, True)
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [("capacity", "no-such-code"), ("language", "zz-nope"), ("region", "mars"), ("type", "a b")],
)
def test_an_unknown_value_is_refused_naming_its_facet(walks, anonymous, name, value):
    with pytest.raises(ValidationError) as error:
        search(viewer=anonymous, query="walk", filters={name: [value]})
    assert name in error.value.message_dict


def test_facets_of_things_a_viewer_may_not_see_are_neither_counted_nor_matched(
    owner, other, anonymous
):
    secret = CapacityFactory(code="secret-skill", label="Secret skill")
    NeedFactory(
        requester=owner,
        title="Walrus private need",
        capacities=[secret],
        visibility=Visibility.PRIVATE,
    )
    reindex_all()

    assert search(viewer=anonymous, query="walrus").facet_values == {}
    hidden = search(viewer=other, query="walrus", filters={"capacity": ["secret-skill"]})
    assert hidden.total == 0
    mine = search(viewer=owner, query="walrus", filters={"capacity": ["secret-skill"]})
    assert mine.total == 1


def test_a_profiles_members_only_languages_never_reach_its_public_document(owner, other, anonymous):
    Profile.objects.filter(user=owner).update(
        display_name="Walrus Keeper", languages_visibility=Visibility.MEMBERS, country="NG"
    )
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    reindex_all()

    public = search(viewer=anonymous, query="walrus keeper")
    assert "language" not in public.facet_values
    assert [v.value for v in public.facet_values["region"]] == ["ssa"]
    assert search(viewer=anonymous, query="walrus", filters={"language": ["ha"]}).total == 0
    assert search(viewer=other, query="walrus", filters={"language": ["ha"]}).total == 1


def test_changing_a_profiles_languages_updates_its_facets(
    db, anonymous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        walrus = UserFactory(username="walrus")
    with django_capture_on_commit_callbacks(execute=True):
        ProfileLanguage.objects.create(profile=walrus.profile, language="ha", proficiency=0)

    assert search(viewer=anonymous, query="walrus", filters={"language": ["ha"]}).total == 1


def test_facet_values_are_stored_once_and_only_when_they_fit():
    doc = document("need", 1, "A", ["b"])
    doc.pk = 7
    doc.facets = [("language", "fr"), ("language", "fr"), ("region", ""), ("type", "x" * 40)]

    rows = facet_rows([doc])

    assert [(row.document_id, row.name, row.value) for row in rows] == [(7, "language", "fr")]


def test_reindexing_replaces_facets_instead_of_piling_them_up(walks):
    before = SearchFacet.objects.count()
    reindex_all()
    reindex_all()
    assert SearchFacet.objects.count() == before > 0


def test_a_faceted_search_runs_a_bounded_number_of_queries(
    walks, anonymous, django_assert_max_num_queries
):
    filters = {"capacity": ["outreach"], "language": ["es", "yo"], "region": ["lac"]}
    search(viewer=anonymous, query="photo walk", filters=filters)  # the taxonomy is cached
    with django_assert_max_num_queries(4):
        search(viewer=anonymous, query="photo walk", filters=filters)


def test_counting_stops_at_the_cap_and_says_there_are_more(walks, anonymous, monkeypatch):
    monkeypatch.setattr("capacityhub.search.selectors.COUNT_CAP", 2)

    found = search(viewer=anonymous, query="photo walk")

    assert (found.total, found.capped) == (2, True)
    assert len(found.results) == 2
    assert sum(v.count for v in found.facet_values["region"]) <= 2  # counted over 2 only
    assert search(viewer=anonymous, query="photo walk", page=2).results == []


def test_a_chosen_kind_is_counted_apart_when_the_cap_is_reached(walks, anonymous, monkeypatch):
    CapacityFactory(code="walk-leading", label="Photo walk leading")
    reindex_all()
    monkeypatch.setattr("capacityhub.search.selectors.COUNT_CAP", 2)

    # The first three matches counted (capacities are indexed first) hold one need of three.
    found = search(viewer=anonymous, query="photo walk", kinds=["need"])

    assert (found.total, found.capped) == (2, True)
    assert [r.kind for r in found.results] == ["need", "need"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's ranking shortcut")
@pytest.mark.parametrize("viewer_name", ["anonymous", "owner", "other"])
def test_ranking_the_index_alone_first_finds_the_same_page(
    walks, owner, other, anonymous, monkeypatch, viewer_name
):
    NeedFactory(requester=owner, title="Photo walk, private", visibility=Visibility.PRIVATE)
    reindex_all()
    viewer = {"anonymous": anonymous, "owner": owner, "other": other}[viewer_name]

    def page(shortcut_from: int, **kwargs):
        monkeypatch.setattr(SqliteFtsBackend, "FAST_PATH_FROM", shortcut_from)
        found = search(viewer=viewer, query="photo walk", page_size=2, **kwargs)
        return [(r.kind, r.object_id, str(r.snippet)) for r in found.results]

    for kwargs in ({}, {"page": 2}, {"filters": {"region": ["lac"]}}):
        assert page(1, **kwargs) == page(10**9, **kwargs)


def test_resources_are_faceted_by_type_with_the_types_names(walks, anonymous):
    from capacityhub.knowledge.tests.factories import ResourceFactory

    ResourceFactory(title="Photo walk guide", kind="guide", capacities=[walks["walks"]])
    ResourceFactory(title="Photo walk video", kind="video", language="fr")
    reindex_all()

    found = search(viewer=anonymous, query="photo walk", filters={"type": ["video"]})

    assert [r.title for r in found.results] == ["Photo walk video"]
    assert [(v.value, v.label, v.count) for v in found.facet_values["type"]] == [
        ("video", "Video", 1)
    ]
    guides = search(viewer=anonymous, query="photo walk", filters={"capacity": ["outreach"]})
    assert "Photo walk guide" in {r.title for r in guides.results}
