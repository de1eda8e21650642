"""Someone looks for people in the directory: by a broad capacity (which finds holders of the
narrower ones), by language and region, page by page, and sees a clear message when no one
matches."""

import re

import pytest
from playwright.sync_api import expect

from capacityhub.community.services import (
    profile_set_capacities,
    profile_set_languages,
    profile_update,
)
from capacityhub.community.tests.factories import UserFactory


def _person(username, name, country, languages, claims):
    user = UserFactory(username=username)
    profile_update(actor=user, profile=user.profile, display_name=name, country=country)
    profile_set_languages(actor=user, profile=user.profile, languages=languages)
    profile_set_capacities(actor=user, profile=user.profile, claims=claims)
    return user


@pytest.fixture
def people(taxonomy):
    """Four people in three regions (taxonomy: fundraising ▸ grant-writing, grant-reporting)."""
    return [
        _person(
            "amina",
            "Amina Bello",
            "NG",
            {"ha": 0, "en": 4},
            [("grant-writing", "knows", 4), ("grant-writing", "offers", 3)],
        ),
        _person("mei", "Mei Lin", "SG", {"zh": 0, "en": 5}, [("grant-reporting", "knows", 3)]),
        _person("rafael", "Rafael Souza", "BR", {"pt": 0, "es": 3}, [("fundraising", "wants", 2)]),
        _person(
            "tomas",
            "Tomás Restrepo",
            "CO",
            {"es": 0, "en": 3},
            [("lua-scripting", "knows", 4), ("lua-scripting", "offers", 4)],
        ),
    ]


def _filters(page):
    """The directory's filter form (the header's language switcher has a "language" too),
    opened first: on a phone the filter panel starts collapsed so results come first."""
    panel = page.locator("details.hub-filters")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return page.get_by_role("search", name="Filter people")


def _results(page):
    return page.get_by_role("region", name=re.compile(r"^\d+ (person|people)$"))


def _names(page):
    return _results(page).get_by_role("heading", level=3)


def test_filtering_by_a_broad_capacity_finds_people_with_a_narrower_one(page, people):
    # given: the directory lists everyone
    page.goto("/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(_results(page).get_by_role("heading", level=2)).to_have_text("4 people")

    # when: they look for people who offer Fundraising (Amina offers Grant writing, beneath it)
    _filters(page).locator("select[name=capacity]").select_option("fundraising")
    _filters(page).locator("select[name=relation]").select_option("offers")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: Amina is found through the narrower capacity she offers
    expect(_results(page).get_by_role("heading", level=2)).to_have_text("1 person")
    expect(_names(page)).to_have_text(["Amina Bello"])
    expect(_results(page).get_by_role("listitem").first).to_contain_text("Sub-Saharan Africa")

    # when: anyone who knows, offers or wants Fundraising or narrower
    _filters(page).locator("select[name=relation]").select_option("")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: Amina, Mei (Grant reporting) and Rafael (Fundraising itself) are listed, Tomás not
    expect(_names(page)).to_have_text(["Amina Bello", "Mei Lin", "Rafael Souza"])

    # when: they leave out narrower capacities
    only_this = _filters(page).get_by_label("Only this capacity, not narrower ones")
    expect(only_this).not_to_be_checked()
    only_this.check()
    _filters(page).get_by_role("button", name="Filter").click()

    # then: only Rafael, who wants Fundraising itself, is left
    expect(_names(page)).to_have_text(["Rafael Souza"])
    expect(page.locator("input[name=exact]")).to_be_checked()  # in the collapsed panel


def test_filtering_by_language_and_region_and_an_empty_result(page, people):
    # given: the directory
    page.goto("/people/")

    # when: they look for Spanish speakers
    _filters(page).locator("select[name=language]").select_option("es")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: Rafael and Tomás are listed
    expect(_names(page)).to_have_text(["Rafael Souza", "Tomás Restrepo"])

    # when: they also ask for Latin America and the Caribbean
    _filters(page).locator("select[name=region]").select_option("lac")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: both are still there; the filter is remembered in the form
    expect(_names(page)).to_have_text(["Rafael Souza", "Tomás Restrepo"])
    expect(_filters(page).locator("select[name=language]")).to_have_value("es")
    expect(_filters(page).locator("select[name=region]")).to_have_value("lac")

    # when: they ask for Spanish speakers in Sub-Saharan Africa
    _filters(page).locator("select[name=region]").select_option("ssa")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: no one matches, and the page says what to try
    expect(_results(page).get_by_role("heading", level=2)).to_have_text("0 people")
    expect(_names(page)).to_have_count(0)
    expect(_results(page)).to_contain_text(
        "No one matches these filters yet. Try fewer filters, or untick “Only this capacity”."
    )

    # when: they clear the filters
    page.get_by_role("link", name="Clear filters").click()

    # then: everyone is back
    expect(_results(page).get_by_role("heading", level=2)).to_have_text("4 people")


def test_the_directory_pages_through_results_keeping_the_filter(page, people, settings):
    # given: two people per page
    settings.PAGE_SIZE = 2

    # when: they look for English speakers (Amina, Mei, Tomás)
    page.goto("/people/")
    _filters(page).locator("select[name=language]").select_option("en")
    _filters(page).get_by_role("button", name="Filter").click()

    # then: the first page shows two of three, and says where they are
    expect(_results(page).get_by_role("heading", level=2)).to_have_text("3 people")
    expect(_names(page)).to_have_text(["Amina Bello", "Mei Lin"])
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages).to_contain_text("Page 1 of 2")
    expect(pages.get_by_role("link", name="Previous")).to_have_count(0)

    # when: they go to the next page
    pages.get_by_role("link", name="Next").click()

    # then: the last English speaker, with the filter kept
    expect(pages).to_contain_text("Page 2 of 2")
    expect(_names(page)).to_have_text(["Tomás Restrepo"])
    expect(_filters(page).locator("select[name=language]")).to_have_value("en")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)

    # when: they go back
    pages.get_by_role("link", name="Previous").click()

    # then: the first page again
    expect(_names(page)).to_have_text(["Amina Bello", "Mei Lin"])
