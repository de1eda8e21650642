"""Real-browser journeys: Playwright driving Debian's chromium against a live server.

Skipped, with a clear message, where chromium is not installed; `.ci/run` installs it.
Failure screenshots land in test-artifacts/screenshots/ (the path is printed).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are ordinary blocking calls and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "journeys" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(
            reason=f"chromium not found at {CHROMIUM}: browser journeys skipped "
            "(install Debian's chromium, as .ci/run does, to run them)"
        )
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{request.node.name}.png"
        page.screenshot(path=str(target), full_page=True)
        print(f"\nscreenshot of the failure: {target}")
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def starter_taxonomy(transactional_db):
    from django.core.management import call_command

    call_command("taxonomy_import", "capacityhub/taxonomy/data/starter_taxonomy.json", verbosity=0)


# --- Helpers for the user-story journeys (sign in through the form, a member, a fresh tab) ---

MEMBER_PASSWORD = "kano-evenings-2030"


def login(page, username: str, password: str) -> None:
    """Sign in as a person would: the sign-in form, then the header shows "Sign out"."""
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign In").click()
    # The sign-out button in the header's menu, found by its form so that this works in any
    # language; it exists once the session does.
    expect(page.locator("header form[action$='/accounts/logout/'] button")).to_have_count(1)


def logout(page) -> None:
    """Press the header's "Sign out" button (a POST form) and wait until it took effect."""
    from playwright.sync_api import expect

    open_menu(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".hub-menu__panel a[href^='/accounts/login/']")).to_have_count(1)


def open_menu(page) -> None:
    """Open the header's menu (navigation, account links, language switcher) if it is closed."""
    if page.locator("details.hub-menu[open]").count() == 0:
        page.locator("summary.hub-menu__button").click()


@pytest.fixture
def member(transactional_db):
    """A signed-up member with a known password and a profile: Amina from Kano."""
    from capacityhub.community.tests.factories import UserFactory

    user = UserFactory(username="amina", password=MEMBER_PASSWORD)
    user.profile.display_name = "Amina Bello"
    user.profile.save(update_fields=["display_name"])
    return user


@pytest.fixture
def fresh_page(browser, live_server):
    """Open another tab in a new browser context: no cookies, as a different visitor."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-US"
        )
        contexts.append(context)
        new_page = context.new_page()
        new_page.set_default_timeout(10_000)
        return new_page

    yield open_page
    for context in contexts:
        context.close()
