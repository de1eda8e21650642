"""The capacity and language pickers: their data in the reader's language, and the plain form
underneath that still works without JavaScript."""

import json
import re

import pytest
from django.utils import translation

from capacityhub.community.models import Relation
from capacityhub.taxonomy.models import CapacityTranslation
from capacityhub.web.core.pickers import (
    autonym,
    capacity_picker_data,
    first_languages,
    language_picker_data,
)

pytestmark = pytest.mark.django_db

CAPACITIES = "/me/capacities/"


def embedded(html: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_capacity_entries_carry_label_aliases_and_breadcrumb(taxonomy):
    CapacityTranslation.objects.filter(capacity=taxonomy["grant-writing"], language="en").update(
        aliases=["proposal writing"]
    )

    entries = {entry["code"]: entry for entry in capacity_picker_data("en")}

    writing = entries["grant-writing"]
    assert writing["label"] == "Grant writing"
    assert writing["aliases"] == ["proposal writing"]
    assert writing["path"] == ["Organizational", "Fundraising"]
    assert entries["organizational"]["path"] == []


def test_capacity_entries_are_in_the_readers_language_with_english_aliases_too(taxonomy):
    CapacityTranslation.objects.create(
        capacity=taxonomy["fundraising"],
        language="es",
        label="Recaudación de fondos",
        aliases=["captación"],
    )
    CapacityTranslation.objects.filter(capacity=taxonomy["fundraising"], language="en").update(
        aliases=["donations"]
    )

    entries = {entry["code"]: entry for entry in capacity_picker_data("es")}

    assert entries["fundraising"]["label"] == "Recaudación de fondos"
    assert entries["fundraising"]["lang"] == "es"
    assert set(entries["fundraising"]["aliases"]) == {"captación", "donations"}
    assert entries["grant-writing"]["path"] == ["Organizational", "Recaudación de fondos"]


def test_the_capacities_page_embeds_the_picker_and_keeps_the_plain_form(owner_client, taxonomy):
    html = owner_client.get(CAPACITIES).content.decode()

    assert "data-capacity-picker" in html
    assert "web/pickers.js" in html
    codes = {entry["code"] for entry in embedded(html, "capacity-picker-data")}
    assert {"grant-writing", "lua-scripting"} <= codes
    words = embedded(html, "capacity-picker-words")
    assert [value for value, _label in words["relations"]] == [r.value for r in Relation]
    assert 'name="knows-0-capacity"' in html  # the no-JavaScript form
    assert "What do the levels mean?" in html


def test_the_plain_form_saves_three_capacities_without_javascript(owner_client, owner, taxonomy):
    data = {}
    for relation, rows in {
        "knows": [("grant-writing", 4), ("lua-scripting", 2)],
        "offers": [("grant-writing", 4)],
        "wants": [("fundraising", 3)],
    }.items():
        data[f"{relation}-TOTAL_FORMS"] = str(len(rows))
        data[f"{relation}-INITIAL_FORMS"] = "0"
        for n, (code, level) in enumerate(rows):
            data[f"{relation}-{n}-capacity"] = code
            data[f"{relation}-{n}-level"] = str(level)

    response = owner_client.post(CAPACITIES, data)

    assert response.status_code == 302
    assert set(owner.profile.claims.values_list("capacity__code", "relation", "level")) == {
        ("grant-writing", "knows", 4),
        ("lua-scripting", "knows", 2),
        ("grant-writing", "offers", 4),
        ("fundraising", "wants", 3),
    }


def test_languages_start_with_the_readers_own_then_the_commonest():
    assert first_languages("ar")[:2] == ["ar", "en"]
    entries = language_picker_data("ar")
    assert entries[0]["code"] == "ar"
    assert entries[0]["first"] is True
    assert not entries[-1]["first"]


def test_languages_can_be_found_by_their_own_name():
    entries = {entry["code"]: entry for entry in language_picker_data("en")}

    assert entries["de"]["name"] == "German"
    assert entries["de"]["own"] == "Deutsch"
    assert autonym("ha") == "Hausa"
    assert autonym("zzz") == ""


def test_language_names_are_in_the_readers_language():
    with translation.override("fr"):
        entries = {entry["code"]: entry for entry in language_picker_data()}

    assert entries["de"]["name"] == "allemand"


def test_the_profile_form_has_no_silent_default_proficiency(owner_client):
    html = owner_client.get("/me/edit/").content.decode()

    select = html.split('name="languages-0-proficiency"')[1].split("</select>")[0]
    assert re.search(r'<option value="" selected>', select)
    assert "data-language-picker" in html
    assert embedded(html, "language-picker-data")[0]["code"] == "en"


def test_a_language_without_a_level_is_refused(owner_client, owner):
    response = owner_client.post(
        "/me/edit/",
        {
            "display_name": "Owner",
            "version": str(owner.profile.version),
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": "ha",
            "languages-0-proficiency": "",
        },
    )

    assert response.status_code == 200
    assert "Choose how well you know this language." in response.content.decode()
    assert not owner.profile.languages.exists()


def test_the_need_form_offers_the_picker_over_a_plain_list_box(owner_client, taxonomy):
    html = owner_client.get("/needs/new/").content.decode()

    assert 'data-picker="capacities"' in html and "multiple" in html
    assert "web/pickers.js" in html
    entries = {entry["code"]: entry for entry in embedded(html, "capacity-picker-data")}
    assert entries["grant-reporting"]["path"] == ["Organizational", "Fundraising"]


def test_the_offer_form_offers_the_picker_over_a_plain_select(owner_client, taxonomy):
    html = owner_client.get("/offers/new/").content.decode()

    assert re.search(r'<select[^>]*data-picker="capacities"', html)
    assert "web/pickers.js" in html
    entries = {entry["code"]: entry for entry in embedded(html, "capacity-picker-data")}
    assert entries["grant-reporting"]["path"] == ["Organizational", "Fundraising"]
