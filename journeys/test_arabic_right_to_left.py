"""A visitor switches the interface to Arabic with the header's language switcher: the page
turns right-to-left, and the choice sticks from page to page; a member's choice is saved with
her account and follows her to another browser."""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from capacityhub.community.models import User
from journeys.conftest import MEMBER_PASSWORD, login, open_menu

# Compiled by `manage.py compile_translations` (as `make test` does); translators may still be
# at work, so the translated text is only checked when the catalogue is there.
ARABIC_COMPILED = any(
    (Path(path) / "ar" / "LC_MESSAGES" / "django.mo").exists() for path in settings.LOCALE_PATHS
)
# The switcher names each language in itself, as Django spells it: "العربيّة" (with a shadda).
ARABIC = translation.get_language_info("ar")["name_local"]


def _ar(text: str) -> str:
    """The Arabic for a UI string, as the server will render it (the English if untranslated)."""
    with translation.override("ar"):
        return translation.gettext(text)


def _switch_to_arabic(page) -> None:
    open_menu(page)
    switcher = page.locator("header form.hub-language")
    switcher.get_by_role("combobox").select_option(label=ARABIC)
    switcher.get_by_role("button").click()


def _expect_arabic_right_to_left(page) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    switcher = page.locator("header form.hub-language select")
    expect(switcher).to_have_value("ar")
    expect(switcher.locator("option:checked")).to_have_text(ARABIC)


def test_a_visitor_switches_to_arabic_and_the_page_turns_right_to_left(page):
    # given: a visitor on the people directory, in English, left to right
    page.goto("/people/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # when: they choose Arabic (العربيّة) in the header's language switcher and press the button
    _switch_to_arabic(page)

    # then: the same page comes back in Arabic, right to left
    expect(page).to_have_url("/people/")
    _expect_arabic_right_to_left(page)
    open_menu(page)
    navigation = page.get_by_role("navigation", name=_ar("Main"))
    expect(navigation.get_by_role("link", name=_ar("Capacities"), exact=True)).to_be_visible()
    if ARABIC_COMPILED:
        assert _ar("Capacities") == "القدرات"
        expect(page.get_by_role("heading", level=1)).to_have_text(_ar("People"))

    # when: they go on to another page
    navigation.get_by_role("link", name=_ar("Capacities"), exact=True).click()

    # then: it is in Arabic too
    expect(page).to_have_url("/capacities/")
    _expect_arabic_right_to_left(page)


def test_a_members_language_is_saved_and_follows_her_to_another_browser(page, member, fresh_page):
    # given: Amina signed in, in English
    login(page, "amina", MEMBER_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # when: she switches to Arabic
    _switch_to_arabic(page)

    # then: her profile comes back in Arabic, and the choice is saved with her account
    expect(page).to_have_url("/people/amina/")
    _expect_arabic_right_to_left(page)
    member.refresh_from_db()
    assert member.preferred_language == "ar"

    # when: she signs in on another browser, which has never chosen a language
    other_browser = fresh_page()
    other_browser.goto("/")
    expect(other_browser.locator("html")).to_have_attribute("lang", "en")
    login(other_browser, "amina", MEMBER_PASSWORD)

    # then: her pages are in Arabic there too
    _expect_arabic_right_to_left(other_browser)
    assert User.objects.get(username="amina").preferred_language == "ar"
