"""The accessibility gate: axe-core on every page type, in English and in Arabic.

No violation of impact "serious" or "critical" may ship. A page type added later joins
PAGE_TYPES in the same commit.

Each test seeds a small hub (the starter taxonomy, a member with languages and capacities, an
organization with a manager, a pending capacity proposal; a need, an offer and a connection
between them), signs the right person in by
setting the session cookie directly, picks the language with the language cookie, and runs
axe on the page as served.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from journeys import pages
from journeys.conftest import ARTIFACTS

LANGUAGES = ["en", "ar"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass
class Hub:
    """What one test seeded: the people to sign in as, and what paths refer to."""

    users: dict
    organization: object
    proposal: object
    need: object = None
    offer: object = None
    connection: object = None
    extra: dict = field(default_factory=dict)  # what journeys/pages_<app>.py seeded


# (name, path or callable(hub) -> path, who is signed in: None | "member" | "staff" | "manager")
PAGE_TYPES: list[tuple[str, str | Callable[[Hub], str], str | None]] = [
    ("home", "/", None),
    ("capacity-list", "/capacities/", None),
    ("capacity-search", "/capacities/?q=edit", None),
    ("capacity-search-no-results", "/capacities/?q=zzzz-nothing", None),
    ("capacity-detail", "/capacities/edit-a-thon/", None),
    ("capacity-detail-member", "/capacities/event-organizing/", "member"),
    ("capacity-propose", "/capacities/propose/", "member"),
    ("capacity-propose-change", "/capacities/propose/?change=edit-a-thon", "member"),
    ("proposal-list-staff", "/proposals/", "staff"),
    ("proposal-list-mine", "/proposals/", "member"),
    ("proposal-detail-staff", lambda hub: f"/proposals/{hub.proposal.pk}/", "staff"),
    ("people", "/people/", None),
    (
        "people-filtered",
        "/people/?q=amina&capacity=event-organizing&relation=offers&language=ha"
        "&region=ssa&organization=wikimedians-of-kano&sort=name&filtered=1&descendants=on",
        "member",
    ),
    ("people-empty", "/people/?q=nobody-by-this-name&filtered=1", None),
    ("people-invalid-filter", "/people/?capacity=no-such-capacity&filtered=1", None),
    ("profile-detail-public", "/people/amina/", None),
    ("profile-detail-self", "/people/amina/", "member"),
    ("profile-edit", "/me/edit/", "member"),
    ("profile-capacities", "/me/capacities/", "member"),
    ("organization-list", "/organizations/", None),
    ("organization-detail", lambda hub: f"/organizations/{hub.organization.slug}/", "manager"),
    ("organization-create", "/organizations/new/", "member"),
    ("organization-edit", lambda hub: f"/organizations/{hub.organization.slug}/edit/", "manager"),
    (
        "organization-members",
        lambda hub: f"/organizations/{hub.organization.slug}/members/",
        "manager",
    ),
    ("settings", "/settings/", "member"),
    ("account-delete", "/settings/delete/", "member"),
    ("sign-in", "/accounts/login/", None),
    ("sign-up", "/accounts/signup/", None),
    ("password-reset", "/accounts/password/reset/", None),
    ("password-reset-done", "/accounts/password/reset/done/", None),
    ("password-change", "/accounts/password/change/", "member"),
    ("email-addresses", "/accounts/email/", "member"),
    ("connected-accounts", "/accounts/3rdparty/", "member"),
    ("sign-out-confirm", "/accounts/logout/", "member"),
    # Exchange: needs, offers, connections. The member offers, the manager needs.
    ("need-list", "/needs/", None),
    ("need-detail-owner", lambda hub: f"/needs/{hub.need.pk}/", "manager"),
    ("need-create", "/needs/new/", "member"),
    ("need-edit", lambda hub: f"/needs/{hub.need.pk}/edit/", "manager"),
    ("need-matches", lambda hub: f"/needs/{hub.need.pk}/matches/", "manager"),
    ("my-needs", "/me/needs/", "manager"),
    ("offer-list", "/offers/", None),
    ("offer-detail", lambda hub: f"/offers/{hub.offer.pk}/", None),
    ("offer-create", "/offers/new/", "member"),
    ("offer-edit", lambda hub: f"/offers/{hub.offer.pk}/edit/", "member"),
    ("offer-needs", lambda hub: f"/offers/{hub.offer.pk}/needs/", "member"),
    ("my-offers", "/me/offers/", "member"),
    ("availability", "/me/availability/", "member"),
    (
        "connection-invite",
        lambda hub: f"/needs/{hub.need.pk}/invite/?offer={hub.offer.pk}",
        "manager",
    ),
    ("connection-list", "/me/connections/", "member"),
    ("connection-detail", lambda hub: f"/connections/{hub.connection.pk}/", "member"),
    ("inbox", "/inbox/", "member"),
    ("capacity-map", "/map/", None),
    ("capacity-map-staff", "/map/", "staff"),
    ("search", "/search/?q=lua", None),
    ("search-no-results", "/search/?q=zzzz-nothing&kind=need", "member"),
    *pages.collect("PAGE_TYPES", []),
    ("not-found", "/no-such-page/", None),
    ("forbidden", lambda hub: f"/organizations/{hub.organization.slug}/edit/", "member"),
]
# Page types that answer with an error status on purpose; every other one answers 200.
ERROR_STATUS = {"not-found": 404, "forbidden": 403}
# Routes of the web app that are not pages: POST-only actions, a download, a redirect.
NOT_PAGES = {
    "set-language",
    "token-revoke",
    "settings-export",
    "profile-me",
    "need-status",
    "offer-withdraw",
    "connection-action",
    "connection-message",
    "connection-feedback",
    "capacity-map-svg",
    "capacity-map-csv",
    "capacity-map-json",
    "capacity-map-snapshot",
    *pages.collect("NOT_PAGES", []),
}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture(scope="module")
def _shared_page(browser, live_server):
    """One browser tab for the whole module: a new context per test costs more than the test."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def a11y_page(_shared_page, live_server, request):
    """The shared tab with no cookies left from the test before (so no session, no language)."""
    _shared_page.context.clear_cookies()
    yield _shared_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{request.node.name}.png"
        _shared_page.screenshot(path=str(target), full_page=True)
        print(f"\nscreenshot of the failure: {target}")


# The starter taxonomy's rows, taken after the first import of the session: restoring them
# with bulk inserts is ten times faster than importing the file again for every test.
_TAXONOMY_ROWS: dict = {}


def _taxonomy_models() -> list:
    from capacityhub.taxonomy.models import Capacity, CapacityTranslation, Method

    return [Capacity, CapacityTranslation, Method, Method.capacities.through]


@pytest.fixture
def taxonomy_rows(transactional_db, request) -> None:
    """The starter taxonomy, as the `starter_taxonomy` fixture imports it."""
    from django.db import transaction

    models = _taxonomy_models()
    if not _TAXONOMY_ROWS:
        request.getfixturevalue("starter_taxonomy")
        for model in models:
            _TAXONOMY_ROWS[model] = list(model.objects.values())
        return
    with transaction.atomic():  # foreign keys are checked at commit: any order will do
        for model in models:
            model.objects.bulk_create(model(**row) for row in _TAXONOMY_ROWS[model])


@pytest.fixture
def hub(taxonomy_rows) -> Hub:
    from capacityhub.community.models import Membership
    from capacityhub.community.services import (
        api_token_create,
        organization_create,
        organization_set_capacities,
        organization_set_languages,
        profile_set_capacities,
        profile_set_languages,
        profile_update,
    )
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.taxonomy.models import Capacity
    from capacityhub.taxonomy.services import capacity_proposal_create

    member = UserFactory(username="amina")
    manager = UserFactory(username="kwame")
    staff = UserFactory(username="reviewer", is_staff=True)

    profile = member.profile
    profile_update(
        actor=member,
        profile=profile,
        display_name="Amina Bello",
        pronouns="she/her",
        wikimedia_username="Amina B",
        bio="Organizes edit-a-thons in Kano.",
        country="NG",
        time_zone="Africa/Lagos",
    )
    profile_set_languages(actor=member, profile=profile, languages={"ha": 0, "en": 4, "ar": 2})
    profile_set_capacities(
        actor=member,
        profile=profile,
        claims=[
            ("edit-a-thon", "knows", 4),
            ("edit-a-thon", "offers", 3),
            ("grant-writing", "wants", 1),
        ],
    )

    organization = organization_create(
        actor=manager,
        name="Wikimedians of Kano",
        kind="user_group",
        names={"ar": "ويكيميديون في كانو"},
        description="A user group in northern Nigeria.",
        countries=["NG"],
        region="ssa",
        website="https://kano.example.org",
    )
    organization_set_languages(actor=manager, organization=organization, languages=["ha", "en"])
    organization_set_capacities(
        actor=manager,
        organization=organization,
        claims=[("edit-a-thon", "offers", 4), ("fundraising", "wants", 2)],
    )
    Membership.objects.create(organization=organization, user=member, role=Membership.Role.MEMBER)

    proposal = capacity_proposal_create(
        actor=member,
        label="Wiki Loves Folklore",
        language="en",
        description="Running the folklore photo campaign.",
        rationale="Several groups run it every year.",
        parent=Capacity.objects.get(code="photo-contests"),
        code="wiki-loves-folklore",
    )
    api_token_create(user=member, name="chapter website")
    need, offer, connection = _seed_exchange(member=member, manager=manager)

    hub = Hub(
        users={"member": member, "manager": manager, "staff": staff},
        organization=organization,
        proposal=proposal,
        need=need,
        offer=offer,
        connection=connection,
    )
    for module in pages.modules():
        hub.extra.update(module.seed(hub))
    return hub


def _seed_exchange(*, member, manager):
    """The manager needs help with edit-a-thons; the member offers it; they are connected.
    Built with the models, like the exchange tests' own factories."""
    from capacityhub.community.models import Relation
    from capacityhub.exchange.models import Availability, Connection, Message, Need, Offer
    from capacityhub.taxonomy.models import Capacity

    need = Need.objects.create(
        requester=manager,
        title="Help running our first edit-a-thon",
        description="We want to run an edit-a-thon on Hausa music.",
        desired_level=3,
        languages=["ha", "en"],
        region="ssa",
    )
    need.capacities.set([Capacity.objects.get(code="edit-a-thon")])
    claim = member.profile.claims.get(capacity__code="edit-a-thon", relation=Relation.OFFERS)
    offer = Offer.objects.create(
        claim=claim, description="I can co-organize online.", languages=["ha", "en"], region="ssa"
    )
    Availability.objects.create(profile=member.profile, hours_per_month=6, max_connections=2)
    connection = Connection.objects.create(
        need=need, offer=offer, provider=member, status=Connection.Status.ACCEPTED
    )
    Message.objects.create(connection=connection, sender=manager, body="Can you help?")
    Message.objects.create(connection=connection, sender=member, body="Yes, gladly.")
    return need, offer, connection


def _sign_in(context, live_server, user) -> None:
    """Put a real session for `user` in the browser: no login form round trip per test."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url}]
    )


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary[:500]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more nodes")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "path", "needs_login"), PAGE_TYPES, ids=[name for name, _p, _l in PAGE_TYPES]
)
def test_page_type_has_no_serious_accessibility_violations(
    a11y_page, live_server, hub, axe, name, path, needs_login, language
):
    page = a11y_page
    # given: the language cookie and, where the page needs one, a signed-in person
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    if needs_login:
        _sign_in(page.context, live_server, hub.users[needs_login])
    target = path(hub) if callable(path) else path

    # when: the page is opened
    response = page.goto(target)
    assert response is not None
    expected_status = ERROR_STATUS.get(name, 200)
    assert response.status == expected_status, f"{target} answered {response.status}"
    assert page.url.endswith(target), f"{target} redirected to {page.url}"

    # then: it is in the chosen language and direction
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # and: axe finds nothing serious or critical
    violations = [
        violation
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    if violations:
        pytest.fail(f"{name} ({language}) {target}:\n{_describe(violations)}", pytrace=False)


def test_every_page_of_the_web_app_is_in_the_gate():
    """A new page type fails here until it joins PAGE_TYPES (or NOT_PAGES, if it is no page)."""
    from django.urls import Resolver404, resolve

    from capacityhub.web.urls import urlpatterns

    one = SimpleNamespace(pk=1, slug="x")
    example = Hub(users={}, organization=one, proposal=one, need=one, offer=one, connection=one)
    example.extra = defaultdict(lambda: one)
    covered = set()
    for _name, path, _login in PAGE_TYPES:
        try:
            match = resolve((path(example) if callable(path) else path).split("?")[0])
        except Resolver404:
            continue  # the 404 page
        if match.namespace == "web":
            covered.add(match.url_name)
    missing = {pattern.name for pattern in urlpatterns} - covered - NOT_PAGES
    assert not missing, f"page types missing from PAGE_TYPES: {sorted(missing)}"
