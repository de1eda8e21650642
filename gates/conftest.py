"""Quality gates: the API fuzz run, the permission matrix, privacy, sanitising and deployment.

Unlike journeys/, nothing here needs a browser, so nothing here is ever skipped for want of
chromium. The fuzz run needs a live server (pytest-django's `live_server`).
"""

from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction

from capacityhub.community import services
from capacityhub.community.models import (
    ApiToken,
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    User,
)
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.taxonomy.models import Capacity, CapacityProposal, CapacityTranslation, Method

STARTER_TAXONOMY = "capacityhub/taxonomy/data/starter_taxonomy.json"


@dataclass
class ApiWorld:
    """A small hub: a member who holds a personal API token and manages an organization, a
    staff member with a token, other people, another organization, and pending proposals."""

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
    return ApiWorld(
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
        },
    )


# --- the standard cast in one world, and a fingerprint of everything a write can touch ---------


@dataclass
class World:
    users: dict[str, User]
    organization: Organization
    proposal: CapacityProposal
    owner_token: ApiToken


@pytest.fixture
def world(owner, other, manager, staff, organization, taxonomy) -> World:
    """The conftest cast, plus `amina` (a plain member of `organization`), a pending proposal
    of the owner's and an API token of the owner's."""
    amina = UserFactory(username="amina")
    Membership.objects.create(organization=organization, user=amina)
    proposal = CapacityProposal.objects.create(
        proposer=owner, label="Donor stewardship", language="en", parent=taxonomy["fundraising"]
    )
    token, _secret = services.api_token_create(user=owner, name="old script")
    users = {"owner": owner, "other": other, "manager": manager, "staff": staff}
    return World(users=users, organization=organization, proposal=proposal, owner_token=token)


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
    AuditEntry,
]
# Written by signing in and by using a token, not by the request under test.
VOLATILE = {"last_login", "last_used_at"}


def fingerprint() -> list:
    """Every row of every table a write can touch; equal before and after = nothing changed."""
    return [
        [
            {key: value for key, value in row.items() if key not in VOLATILE}
            for row in model.objects.order_by("pk").values()
        ]
        for model in TRACKED
    ]
