"""On a phone (360 × 740), in English and Arabic: a new member follows the checklist from the
home page to her first need; the capacity map reads as bars before the heat map; search puts
the query box on top and the filters in a collapsed panel. Screenshots are kept in
test-artifacts/screenshots/ as CI artefacts."""

import pytest
from playwright.sync_api import expect

from journeys.conftest import ARTIFACTS, CHROMIUM_FLAGS, MEMBER_PASSWORD, login  # noqa: F401

PHONE = {"width": 360, "height": 740}


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_first_visit_to_first_need_with_the_checklist(phone, member, taxonomy, language):
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    login(phone, "amina", MEMBER_PASSWORD)

    # the home page leads with the two actions and the checklist, nothing done yet
    phone.goto("/")
    checklist = phone.locator(".hub-checklist")
    expect(checklist).to_be_visible()
    expect(checklist.locator(".hub-checklist__step--done")).to_have_count(0)
    expect(phone.locator(".hub-actions a[href='/needs/new/']")).to_be_visible()
    expect(phone.locator(".hub-actions a[href='/offers/new/']")).to_be_visible()
    shot(phone, f"first-visit-home-{language}")

    # she asks for help
    phone.locator(".hub-actions a[href='/needs/new/']").click()
    phone.locator("input[name=title]").fill("Learn to write a grant report")
    # the capacities list box is a search box with chips: type, pick, see the breadcrumb
    phone.locator("#id_capacities-search").fill("report")
    phone.locator("#id_capacities-search-results [data-code='grant-reporting']").click()
    chip = phone.locator(".hub-picker__chips [data-code='grant-reporting']")
    expect(chip).to_contain_text("Fundraising")
    expect(phone.locator("select[name=capacities]")).to_be_hidden()
    phone.locator("main form button[type=submit]").last.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Learn to write a grant report")

    # back home, the checklist counts her first need and points to the next step
    phone.goto("/")
    expect(checklist.locator(".hub-checklist__step--done")).to_have_count(1)
    expect(checklist.locator(".hub-checklist__step--next a")).to_have_attribute("href", "/me/edit/")
    shot(phone, f"first-visit-after-need-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_capacity_map_reads_as_bars_on_a_phone(phone, live_server, taxonomy, language):
    from capacityhub.exchange.tests.factories_map import map_need, map_offer

    for _ in range(3):
        map_need(taxonomy["grant-reporting"], region="ssa", languages=["fr"])
    map_need(taxonomy["lua-scripting"], region="sa", languages=["hi"])
    map_need(taxonomy["lua-scripting"], region="sa", languages=["hi"])
    map_offer(taxonomy["lua-scripting"], region="sa")
    phone.context.add_cookies(
        [{"name": "capacityhub_language", "value": language, "url": live_server.url}]
    )

    phone.goto("/map/?depth=3")

    unmet = phone.locator(".hub-unmet")
    expect(unmet.locator(".hub-unmet__item")).to_have_count(2)
    expect(unmet.locator(".hub-bar--demand").first).to_be_visible()
    heat_map = phone.locator(".capacity-map-figure svg")
    assert unmet.bounding_box()["y"] < heat_map.bounding_box()["y"]
    # the list fits the phone's width: no sideways scrolling to read it
    assert unmet.bounding_box()["width"] <= PHONE["width"]
    shot(phone, f"map-phone-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_search_on_a_phone_puts_the_query_first_and_folds_the_filters(
    phone, live_server, taxonomy, language
):
    phone.context.add_cookies(
        [{"name": "capacityhub_language", "value": language, "url": live_server.url}]
    )

    phone.goto("/search/?q=grant")

    query = phone.locator("#search-form input[name=q]")
    facets = phone.locator("details.hub-search__facets")
    expect(query).to_be_visible()
    expect(query).to_have_value("grant")
    expect(facets).not_to_have_attribute("open", "")
    assert query.bounding_box()["y"] < facets.bounding_box()["y"]
    # the filters open with one tap and apply to the same search
    facets.locator("summary").click()
    expect(facets.locator("input[type=checkbox]").first).to_be_visible()
    shot(phone, f"search-phone-{language}")
