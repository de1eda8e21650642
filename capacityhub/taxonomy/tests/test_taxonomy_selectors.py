import pytest
from django.utils import translation

from capacityhub.taxonomy.models import CapacityTranslation
from capacityhub.taxonomy.selectors import (
    capacity_descendant_ids,
    capacity_label,
    capacity_labels,
    capacity_search,
)
from capacityhub.taxonomy.services import (
    capacity_proposal_approve,
    capacity_proposal_create,
    capacity_translation_set,
)

pytestmark = pytest.mark.django_db


def test_a_label_falls_back_to_english_when_the_language_lacks_one(taxonomy):
    lua = taxonomy["lua-scripting"]
    entry = capacity_labels("fr")[lua.pk]
    assert (entry.label, entry.language) == ("Lua scripting", "en")


def test_a_label_in_the_readers_language_wins(taxonomy):
    lua = taxonomy["lua-scripting"]
    CapacityTranslation.objects.create(capacity=lua, language="fr", label="Programmation Lua")
    with translation.override("fr"):
        assert capacity_label(lua.pk) == "Programmation Lua"
    assert capacity_label(lua.pk, "es") == "Lua scripting"


def test_search_finds_a_capacity_by_an_alias_in_another_language(taxonomy):
    lua = taxonomy["lua-scripting"]
    capacity_translation_set(
        capacity=lua, language="pt", label="Programação Lua", aliases=["Módulos Scribunto"]
    )
    assert capacity_search("modulos scribunto") == [lua.pk]
    assert capacity_search("SCRIBUNTO") == [lua.pk]


def test_search_ignores_empty_queries(taxonomy):
    assert capacity_search("   ") == []


def test_descendants_of_a_root_include_grandchildren(taxonomy):
    ids = capacity_descendant_ids(taxonomy["organizational"].pk)
    assert taxonomy["grant-reporting"].pk in ids
    assert taxonomy["lua-scripting"].pk not in ids


def test_a_new_translation_is_visible_after_the_write_commits(
    taxonomy, staff, django_capture_on_commit_callbacks
):
    lua = taxonomy["lua-scripting"]
    assert capacity_label(lua.pk, "ar") == "Lua scripting"
    proposal = capacity_proposal_create(actor=staff, capacity=lua, language="ar", label="برمجة لوا")
    with django_capture_on_commit_callbacks(execute=True):
        capacity_proposal_approve(actor=staff, proposal=proposal)
    assert capacity_label(lua.pk, "ar") == "برمجة لوا"
