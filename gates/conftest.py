"""Quality gates: the API fuzz run, the permission matrix, privacy, sanitising and deployment.

Unlike journeys/, nothing here needs a browser, so nothing here is ever skipped for want of
chromium. The fuzz run needs a live server (pytest-django's `live_server`).
"""

import copy
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from capacityhub.community import services
from capacityhub.community.models import (
    ApiToken,
    CapacityClaim,
    Evidence,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    User,
)
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory, the_cast
from capacityhub.core.models import AuditEntry, Notification
from capacityhub.exchange.models import (
    Availability,
    Connection,
    Feedback,
    MapSnapshot,
    Message,
    Need,
    NeedEvent,
    Offer,
)
from capacityhub.exchange.tests.factories_needs import NeedFactory, offer_of
from capacityhub.taxonomy.models import Capacity, CapacityProposal, CapacityTranslation, Method
from capacityhub.taxonomy.tests.factories import standard_taxonomy

from . import parts

STARTER_TAXONOMY = "capacityhub/taxonomy/data/starter_taxonomy.json"


@dataclass
class ApiWorld:
    """A small hub: a member who holds a personal API token and manages an organization, a
    staff member with a token, other people, another organization, pending proposals, and the
    exchange around the member (needs, offers, connections in each state, notifications)."""

    member_token: str
    member_token_id: int
    staff_token: str
    # Real values a generated request may use, by parameter or field name.
    known: dict[str, list] = field(default_factory=dict)


def _person(username: str, **profile):
    user = UserFactory(username=username)
    Profile.objects.filter(user=user).update(**profile)
    return user


def _proposals(proposer) -> list[int]:
    grants = Capacity.objects.get(code="fundraising")
    lua = Capacity.objects.get(code="lua-scripting")
    return [
        CapacityProposal.objects.create(
            proposer=proposer, label="Edit-a-thons", language="en", parent=grants
        ).pk,
        CapacityProposal.objects.create(
            proposer=proposer, label="Lua modules", language="fr", capacity=lua, parent=grants
        ).pk,
        CapacityProposal.objects.create(
            proposer=proposer,
            label="Grant reports",
            language="en",
            code="grant-reports",
            parent=grants,
            status=CapacityProposal.Status.REJECTED,
        ).pk,
    ]


# The starter taxonomy's rows, read back after the first import in this process: every later
# fuzzed operation gets the same rows in one bulk insert per table instead of a full import.
_TAXONOMY_ROWS: list[tuple[type, list[dict]]] = []
TAXONOMY_TABLES = [Capacity, CapacityTranslation, Method, Method.capacities.through]


def _load_starter_taxonomy() -> None:
    if not _TAXONOMY_ROWS:
        call_command("taxonomy_import", STARTER_TAXONOMY, verbosity=0)
        for model in TAXONOMY_TABLES:
            _TAXONOMY_ROWS.append((model, list(model.objects.order_by("pk").values())))
        return
    with transaction.atomic():  # the parents' foreign keys are checked at commit
        for model, rows in _TAXONOMY_ROWS:
            model.objects.bulk_create(model(**row) for row in rows)


@pytest.fixture
def api_world(transactional_db) -> ApiWorld:
    _load_starter_taxonomy()
    member = _person("fuzzer", bio="Lua and grants", country="NG", time_zone="Africa/Lagos")
    amina = _person("amina", bio="Trainer", country="KE", bio_visibility="members")
    _person("bola", pronouns="she/her", pronouns_visibility="private", country="BR")
    staff = UserFactory(username="cbu-staff", is_staff=True)
    chapter = OrganizationFactory(slug="wm-fuzz", name="Wikimedians of Fuzz", region="ssa")
    Membership.objects.create(organization=chapter, user=member, role=Membership.Role.MANAGER)
    Membership.objects.create(organization=chapter, user=amina, role=Membership.Role.MEMBER)
    other_chapter = OrganizationFactory(slug="wm-other", name="Other chapter", region="eu")
    Membership.objects.create(organization=other_chapter, user=amina, role=Membership.Role.MANAGER)
    decoys = [services.api_token_create(user=member, name=f"decoy {n}")[0].pk for n in (1, 2)]
    token, secret = services.api_token_create(user=member, name="fuzz")
    _staff_token, staff_secret = services.api_token_create(user=staff, name="fuzz")
    codes = ["organizational", "fundraising", "grant-writing", "lua-scripting", "translation"]
    exchange = _exchange(member, amina, other_chapter)
    world = ApiWorld(
        member_token=secret,
        member_token_id=token.pk,
        staff_token=staff_secret,
        known={
            "slug": ["wm-fuzz", "wm-other"],
            "organization": ["wm-fuzz", "wm-other"],
            "username": ["fuzzer", "amina", "bola", "cbu-staff"],
            "code": codes,
            "capacity": codes,
            "parent": codes,
            "language": ["en", "fr", "sw", "pt-BR"],
            "lang": ["en", "fr", "ar"],
            "country": ["NG", "KE", "BR"],
            "proposal_id": _proposals(member),
            "token_id": decoys,
            **exchange,
        },
    )
    _add_parts_known(world.known, member, amina, staff, chapter)
    return world


def _add_parts_known(known: dict[str, list], member, other, staff, organization) -> None:
    for part in parts.modules():
        found = part.api_known(member=member, other=other, staff=staff, organization=organization)
        for name, values in found.items():
            known.setdefault(name, []).extend(values)


def _exchange(member, amina, organization) -> dict[str, list]:
    """Needs, offers, connections in every state and notifications around the member, so the
    exchange's operations meet real ids (the member can act on all of them)."""
    capacity = {
        c.code: c
        for c in Capacity.objects.filter(
            code__in=["grant-writing", "lua-scripting", "translation", "fundraising"]
        )
    }
    member_offer = offer_of(member, capacity["fundraising"], level=4)
    amina_offer = offer_of(amina, capacity["lua-scripting"], level=4)
    organization_offer = offer_of(organization, capacity["translation"], level=3)
    private_need = NeedFactory(
        requester=member, capacities=[capacity["grant-writing"]], visibility="private"
    )
    connections = [
        _connection(member, amina_offer, status, capacity["lua-scripting"])
        for status in ["invited", "accepted", "completed"]
    ] + [_connection(amina, member_offer, "invited", capacity["fundraising"])]
    notifications = [
        Notification.objects.create(recipient=user, subject="New message", url="/inbox/").pk
        for user in (member, member, amina)
    ]
    offers = [member_offer.pk, amina_offer.pk, organization_offer.pk]
    return {
        "need_id": [private_need.pk, *(c.need_id for c in connections)],
        "offer_id": offers,
        "offer": offers,
        "provider": ["amina", "bola", "fuzzer"],
        "connection_id": [c.pk for c in connections],
        "notification_id": notifications,
    }


# --- the standard cast in one world, and a fingerprint of everything a write can touch ---------


@dataclass
class World:
    users: dict[str, User]
    organization: Organization
    proposal: CapacityProposal
    owner_token: ApiToken
    # The exchange: the owner's open public need and the owner's offer; `other`'s offer (the
    # provider the owner invites); connections from needs of the owner's to `other`, by
    # status; an invitation *to* the owner (from a need of other's, through the owner's
    # offer) that the owner, as the provider, answers; one unread notification per actor.
    need: Need
    offer: Offer
    provider_offer: Offer
    connections: dict[str, Connection]
    invitation: Connection
    notifications: dict[str, Notification]
    # What the later apps' gate parts add (gates/parts.py), by name.
    extra: dict = field(default_factory=dict)
    taxonomy: dict = field(default_factory=dict)  # the conftest taxonomy, by code


def _connection(requester, offer: Offer, status: str, capacity: Capacity) -> Connection:
    """A connection in `status` from a need of the requester's (its own need, so that one live
    connection per provider and need still holds) to the holder of `offer`."""
    need = NeedFactory(requester=requester, title=f"Help, {status}", capacities=[capacity])
    if status != Connection.Status.INVITED:
        Need.objects.filter(pk=need.pk).update(status=Need.Status.IN_PROGRESS)
    done = status == Connection.Status.COMPLETED
    connection = Connection.objects.create(
        need=need,
        offer=offer,
        provider=offer.claim.profile.user,
        status=status,
        requester_done=done,
        provider_done=done,
        completed_at=timezone.now() if done else None,
    )
    Message.objects.create(connection=connection, sender=requester, body="Can you help?")
    return connection


@pytest.fixture
def world(owner, other, manager, staff, organization, taxonomy) -> World:
    """The conftest cast, plus `amina` (a plain member of `organization`), a pending proposal
    of the owner's, an API token of the owner's, and the exchange (see World)."""
    return build_world(owner, other, manager, staff, organization, taxonomy)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The same world built once per test module (and worker), inside a transaction rolled
    back when the module ends; each test runs in a savepoint within it (pytest-django's `db`),
    so what a test writes is undone before the next. A module uses it through `shared_world`.
    Returns (world, the private media folder its files are in)."""
    media = str(tmp_path_factory.mktemp("private-media"))
    blocker = django_db_blocker.unblock()
    with blocker, override_settings(PRIVATE_MEDIA_ROOT=media), transaction.atomic():
        yield build_world(**the_cast(), taxonomy=standard_taxonomy()), media
        transaction.set_rollback(True)


@pytest.fixture
def shared_world(module_world, db, settings) -> World:
    """`module_world` for one test: a deep copy, so that changes a test makes to the objects
    themselves (not only the rows) never reach the next test."""
    built, media = module_world
    settings.PRIVATE_MEDIA_ROOT = media
    return copy.deepcopy(built)


def build_world(owner, other, manager, staff, organization, taxonomy) -> World:
    amina = UserFactory(username="amina")
    Membership.objects.create(organization=organization, user=amina)
    proposal = CapacityProposal.objects.create(
        proposer=owner, label="Donor stewardship", language="en", parent=taxonomy["fundraising"]
    )
    token, _secret = services.api_token_create(user=owner, name="old script")
    users = {"owner": owner, "other": other, "manager": manager, "staff": staff}
    reporting, lua = taxonomy["grant-reporting"], taxonomy["lua-scripting"]
    offer = offer_of(owner, lua, level=3)
    provider_offer = offer_of(other, reporting, level=4)  # with other's `knows` claim
    world = World(
        users=users,
        organization=organization,
        taxonomy=taxonomy,
        proposal=proposal,
        owner_token=token,
        need=NeedFactory(requester=owner, title="Grant reports", capacities=[reporting]),
        offer=offer,
        provider_offer=provider_offer,
        connections={
            status: _connection(owner, provider_offer, status, reporting)
            for status in [Connection.Status.ACCEPTED, Connection.Status.COMPLETED]
        },
        invitation=_connection(other, offer, Connection.Status.INVITED, lua),
        notifications={
            actor: Notification.objects.create(recipient=user, subject=f"Hello, {actor}")
            for actor, user in users.items()
        },
    )
    for part in parts.modules():
        world.extra.update(part.build_world(world))
    return world


TRACKED = [
    User,
    Profile,
    ProfileLanguage,
    CapacityClaim,
    Organization,
    OrganizationLanguage,
    Membership,
    ApiToken,
    Capacity,
    CapacityTranslation,
    CapacityProposal,
    Evidence,
    Need,
    Need.capacities.through,
    Need.methods.through,
    NeedEvent,
    Offer,
    Offer.methods.through,
    Availability,
    Connection,
    Message,
    Feedback,
    MapSnapshot,
    Notification,
    AuditEntry,
]
# Written by signing in and by using a token, not by the request under test.
VOLATILE = {"last_login", "last_used_at"}


def fingerprint() -> list:
    """Every row of every table a write can touch; equal before and after = nothing changed.
    Plain SQL, one statement a table: the matrix takes two fingerprints per cell."""
    quote = connection.ops.quote_name
    tables = []
    with connection.cursor() as cursor:
        for model in TRACKED + parts.collect("TRACKED", []):
            meta = model._meta
            columns = [f.column for f in meta.concrete_fields if f.attname not in VOLATILE]
            cursor.execute(
                f"SELECT {', '.join(map(quote, columns))} FROM {quote(meta.db_table)}"  # noqa: S608
                f" ORDER BY {quote(meta.pk.column)}"
            )
            tables.append((meta.label, cursor.fetchall()))
    return tables
