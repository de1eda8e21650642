"""On a 360 px phone the header stays compact and every control is big enough for a finger.

The header (logo, search, menu) is at most 64 px tall; no visible tappable control (a, button,
input, select, summary) on the key pages is smaller than 44 × 44 px, with one rule for what is
not a target of its own:

- a link inside running text (its nearest block ancestor — paragraph, list item, table cell,
  heading — holds more words than the link) is part of a sentence: WCAG 2.5.8 exempts inline
  targets; a link standing alone in its block is a target of its own;
- a checkbox or radio button (Codex draws a 20 px box over an invisible input) is tapped
  through its label: the row holding box and label is measured instead;
- the skip link is off screen until focused.

Screenshots of every page land in test-artifacts/screenshots/phone-<page>-<lang>.png.
"""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from journeys.conftest import ARTIFACTS
from journeys.test_accessibility import _sign_in, hub, taxonomy_rows  # noqa: F401 (fixtures)

PHONE = {"width": 360, "height": 740}
MIN_TARGET = 44
MAX_HEADER = 64

KEY_PAGES = [
    ("home", lambda seeded: "/"),
    ("people", lambda seeded: "/people/"),
    ("needs", lambda seeded: "/needs/"),
    ("search", lambda seeded: "/search/?q=wiki"),
    ("need", lambda seeded: f"/needs/{seeded.need.pk}/"),
]

SMALL_TARGETS_JS = (Path(__file__).parent / "tap_targets.js").read_text(encoding="utf-8")


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _open(phone, live_server, hub, path, language, signed_in):  # noqa: F811
    phone.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    if signed_in:
        _sign_in(phone.context, live_server, hub.users["member"])
    response = phone.goto(path)
    assert response is not None and response.status == 200, path


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("name", "path"), KEY_PAGES, ids=[name for name, _ in KEY_PAGES])
def test_the_phone_header_is_compact_and_every_control_is_big_enough(
    phone,
    live_server,
    hub,  # noqa: F811
    name,
    path,
    language,
):
    # given: a member on a 360 px phone
    _open(phone, live_server, hub, path(hub), language, signed_in=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"phone-{name}-{language}.png"))

    # then: the header is at most 64 px tall
    header = phone.locator("header.hub-header").bounding_box()
    assert header is not None and header["height"] <= MAX_HEADER, header

    # and: no control is smaller than 44 × 44 px, with the menu closed and open
    assert phone.evaluate(SMALL_TARGETS_JS, MIN_TARGET) == []
    phone.locator("summary.hub-menu__button").click()
    expect(phone.locator(".hub-menu__panel")).to_be_visible()
    assert phone.evaluate(SMALL_TARGETS_JS, MIN_TARGET) == []


def test_the_menu_holds_the_language_switcher_and_account_links(phone, live_server, hub):  # noqa: F811
    # given: a visitor on the home page of a phone
    _open(phone, live_server, hub, "/", "en", signed_in=False)
    menu = phone.locator(".hub-menu__panel")
    expect(menu).to_be_hidden()

    # when: they open the menu
    phone.locator("summary.hub-menu__button").click()

    # then: sign in, sign up and the language switcher are there
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    expect(menu.get_by_role("link", name="Sign up")).to_be_visible()
    expect(menu.get_by_role("combobox", name="Language")).to_be_visible()
    # and: the search is one tap away
    expect(phone.locator("header .hub-header__search-link")).to_be_visible()
