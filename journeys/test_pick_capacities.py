"""A member picks three capacities: with the searchable picker (type, choose, tick knows /
offers / wants with a level) and, with JavaScript off, with the plain form. In English and
Arabic; screenshots are kept in test-artifacts/screenshots/."""

import pytest
from playwright.sync_api import expect

from journeys.conftest import ARTIFACTS, MEMBER_PASSWORD, login
from journeys.pickers import pick_capacity


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def set_language(member, language: str) -> None:
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_member_picks_three_capacities_with_the_picker(page, member, taxonomy, language):
    set_language(member, language)
    login(page, "amina", MEMBER_PASSWORD)
    page.goto("/me/capacities/")

    # the plain formsets are replaced by the picker
    expect(page.locator("#capacity-search")).to_be_visible()
    expect(page.locator("select[name=knows-0-capacity]")).to_be_hidden()

    # typing shows matches with their place in the tree
    page.locator("#capacity-search").fill("grant")
    option = page.locator("#capacity-results [data-code='grant-writing']")
    expect(option).to_contain_text("Fundraising")
    shot(page, f"picker-search-{language}")

    pick_capacity(page, "grant wri", "grant-writing", {"knows": 4, "offers": 3})
    pick_capacity(page, "lua", "lua-scripting", {"knows": 2})
    pick_capacity(page, "reporting", "grant-reporting", {"wants": 1})
    # a chip can be removed, and picked again
    page.locator(".hub-picker__row[data-code='lua-scripting'] .hub-picker__remove").click()
    expect(page.locator(".hub-picker__row[data-code='lua-scripting']")).to_have_count(0)
    pick_capacity(page, "lua", "lua-scripting", {"knows": 2})
    shot(page, f"picker-chosen-{language}")
    page.locator("form button[type=submit]").last.click()

    expect(page.get_by_role("status")).to_be_visible()
    saved = set(member.profile.claims.values_list("capacity__code", "relation", "level"))
    assert saved == {
        ("grant-writing", "knows", 4),
        ("grant-writing", "offers", 3),
        ("lua-scripting", "knows", 2),
        ("grant-reporting", "wants", 1),
    }

    # coming back, the picker shows what is saved, each relation with its own level
    page.goto("/me/capacities/")
    row = page.locator(".hub-picker__row[data-code='grant-writing']")
    expect(row.locator("#claim-grant-writing-knows-level")).to_have_value("4")
    expect(row.locator("#claim-grant-writing-offers-level")).to_have_value("3")
    expect(row.locator("#claim-grant-writing-wants")).not_to_be_checked()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_member_picks_three_capacities_without_javascript(
    browser, live_server, member, taxonomy, language
):
    set_language(member, language)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill("amina")
        page.locator("input[name=password]").fill(MEMBER_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.goto("/me/capacities/")
        expect(page.locator("#capacity-search")).to_have_count(0)
        page.locator("select[name=knows-0-capacity]").select_option("grant-writing")
        page.locator("select[name=knows-0-level]").select_option("4")
        page.locator("select[name=knows-1-capacity]").select_option("lua-scripting")
        page.locator("select[name=knows-1-level]").select_option("2")
        page.locator("select[name=wants-0-capacity]").select_option("grant-reporting")
        page.locator("select[name=wants-0-level]").select_option("1")
        shot(page, f"picker-no-javascript-{language}")
        page.locator("form button[type=submit]").last.click()
        expect(page.get_by_role("status")).to_be_visible()
    finally:
        context.close()

    saved = set(member.profile.claims.values_list("capacity__code", "relation", "level"))
    assert saved == {
        ("grant-writing", "knows", 4),
        ("lua-scripting", "knows", 2),
        ("grant-reporting", "wants", 1),
    }


def test_the_offer_form_picks_its_one_capacity_with_the_picker(page, member, taxonomy):
    login(page, "amina", MEMBER_PASSWORD)
    page.goto("/offers/new/")

    select = page.locator("select[name=capacity]")
    expect(select).to_be_hidden()
    search = page.locator("#id_capacity-search")
    search.fill("grant wri")
    page.locator("#id_capacity-search-results [data-code='grant-writing']").click()
    expect(page.locator(".hub-picker__row[data-code='grant-writing']")).to_be_visible()
    expect(select).to_have_value("grant-writing")

    # choosing another replaces the chip: an offer is for one capacity
    search.fill("lua")
    page.locator("#id_capacity-search-results [data-code='lua-scripting']").click()
    expect(page.locator(".hub-picker__row")).to_have_count(1)
    expect(select).to_have_value("lua-scripting")
    page.locator(".hub-picker__row .hub-picker__remove").click()
    expect(select).to_have_value("")
