"""Fixtures of the knowledge tests: an information specialist (a plugin of the root conftest)."""

import pytest

from capacityhub.community.tests.factories import UserFactory


@pytest.fixture
def specialist(db):
    return UserFactory(username="specialist", is_information_specialist=True)


@pytest.fixture
def specialist_client(specialist):
    from django.test import Client

    client = Client()
    client.force_login(specialist)
    return client
