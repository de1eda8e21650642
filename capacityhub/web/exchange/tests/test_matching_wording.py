"""Matching wording on the page and in the API, with the starter taxonomy: a provider of a
capacity far away in the tree is never called a good match, and when nobody offers the
capacity in the need's languages the reader learns who offers it in others."""

from pathlib import Path

import pytest

from capacityhub.exchange.selectors.matching import matching_cache_clear
from capacityhub.exchange.tests.factories_matching import need, offer, person
from capacityhub.taxonomy.importer import taxonomy_import_text
from capacityhub.taxonomy.models import Capacity
from capacityhub.taxonomy.tree import Tree

pytestmark = pytest.mark.django_db
STARTER = Path(__file__).parents[3] / "taxonomy" / "data" / "starter_taxonomy.json"


@pytest.fixture
def starter(db):
    taxonomy_import_text(actor=None, name=STARTER.name, text=STARTER.read_text())
    matching_cache_clear()
    yield {c.code: c for c in Capacity.objects.all()}
    matching_cache_clear()


def test_mentoring_is_not_a_good_match_for_referencing_and_citations(starter, owner, client):
    tree = Tree.build(Capacity.objects.values_list("id", "parent_id"))
    mentor, referencing = starter["mentoring"], starter["referencing"]
    assert tree.distance(mentor.pk, referencing.pk) >= 3
    offer(person("tutor", languages=(("en", 0),)), mentor)
    asked = need(owner, [referencing], languages=["en"], title="Citations help")

    page = client.get(f"/needs/{asked.pk}/matches/").content.decode()
    api = client.get(f"/api/v1/needs/{asked.pk}/matches").json()

    assert "Tutor" in page and "Related capacity" in page and "Good match" not in page
    assert [(m["name"], m["quality"], m["label"]) for m in api] == [
        ("Tutor", "related", "Related capacity")
    ]


def test_exact_offers_in_other_languages_are_shown_when_none_speak_the_needs(
    starter, owner, client
):
    referencing = starter["referencing"]
    offer(person("lucia", languages=(("es", 0), ("pt", 3))), referencing)
    asked = need(owner, [referencing], languages=["fr"], title="Citations en français")

    page = client.get(f"/needs/{asked.pk}/").content.decode()
    api = client.get(f"/api/v1/needs/{asked.pk}/matches/other-languages").json()
    api_es = client.get(f"/api/v1/needs/{asked.pk}/matches/other-languages?lang=es").json()

    assert "Nobody offers exactly this in the languages asked for" in page
    assert "Lucia" in page and "if you can work in Spanish or Portuguese" in page
    assert [(m["name"], m["languages"]) for m in api] == [("Lucia", ["es", "pt"])]
    assert api[0]["quality"] in {"strong", "good"}
    assert api_es[0]["explanation"].startswith("ofrece")


def test_no_other_language_list_when_someone_offers_it_in_the_needs_language(
    starter, owner, client
):
    referencing = starter["referencing"]
    offer(person("amadou", languages=(("fr", 0),)), referencing)
    offer(person("lucia", languages=(("es", 0),)), referencing)
    asked = need(owner, [referencing], languages=["fr"])

    page = client.get(f"/needs/{asked.pk}/").content.decode()
    api = client.get(f"/api/v1/needs/{asked.pk}/matches/other-languages").json()

    assert "Amadou" in page and "Nobody offers exactly this" not in page
    assert api == []
