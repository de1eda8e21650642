"""Fixtures shared by the learning tests: a course author and their signed-in client."""

import pytest

from .factories import author_user


@pytest.fixture
def author(db):
    return author_user()


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client
