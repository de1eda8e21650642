"""Shared fixtures: the standard cast every permission test uses, and a small taxonomy.

owner, other (another member), anonymous (no login), manager (manages `organization`),
staff (Capacity Building Unit).
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.selectors.matching_index import matching_cache_clear
from capacityhub.taxonomy.selectors import taxonomy_cache_clear
from capacityhub.taxonomy.tests.factories import standard_taxonomy

# Fixtures of one domain that its API and page tests (api/<domain>/tests, web/<domain>/tests) use.
pytest_plugins = [
    "capacityhub.knowledge.tests.fixtures",
    "capacityhub.learning.tests.fixtures",
    "capacityhub.search.tests.fixtures",
]


@pytest.fixture(scope="session", autouse=True)
def _issuer_key_pool():
    """A 2048-bit RSA key takes ≈ 40 ms to make and ≈ 18 ms to load, and every test that
    issues a credential makes one (the keys live in the test database). Tests take them in turn
    from four made once per process, so loading is cached too; consecutive keys still differ,
    so rotation stays meaningful."""
    from itertools import cycle

    from cryptography.hazmat.primitives.asymmetric import rsa

    from capacityhub.recognition.credentials import keys

    pool = cycle([rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(4)])

    class PooledRsa:
        @staticmethod
        def generate_private_key(**_arguments):
            return next(pool)

    real, keys.rsa = keys.rsa, PooledRsa
    yield
    keys.rsa = real


def pytest_report_header(config):
    """Say up front when the Codex build (make assets) is missing: pages cannot render."""
    from capacityhub.web.core.codex import HOW_TO_BUILD, ICONS_PATH

    return None if ICONS_PATH.exists() else f"WARNING: {HOW_TO_BUILD}"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a language activated by an earlier test (or a service
    rendering for a recipient) must not leak into the next one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    taxonomy_cache_clear()
    matching_cache_clear()  # the capacity map counts from matching's offer columns
    yield
    cache.clear()
    taxonomy_cache_clear()
    matching_cache_clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded answers (forms.ResponseFile) go to a temporary folder, never the checkout."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


@pytest.fixture
def other(db):
    return UserFactory(username="other")


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def organization(db):
    return OrganizationFactory(slug="wm-kano", name="Wikimedians of Kano", region="ssa")


@pytest.fixture
def manager(db, organization):
    user = UserFactory(username="manager")
    Membership.objects.create(organization=organization, user=user, role=Membership.Role.MANAGER)
    return user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return _client_for(owner)


@pytest.fixture
def other_client(other):
    return _client_for(other)


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def manager_client(manager):
    return _client_for(manager)


@pytest.fixture
def taxonomy(db):
    """organizational ▸ fundraising ▸ {grant-writing, grant-reporting}; technology ▸ lua."""
    return standard_taxonomy()
