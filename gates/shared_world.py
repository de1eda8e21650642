"""Fixtures for a test module that runs on one world per module (see `module_world` in
conftest.py): import them into the module, and the cast comes out of that world too.

    from .shared_world import manager, organization, owner, taxonomy, world
"""

import pytest

from .conftest import World


@pytest.fixture
def world(shared_world) -> World:
    return shared_world


@pytest.fixture
def owner(world):
    return world.users["owner"]


@pytest.fixture
def manager(world):
    return world.users["manager"]


@pytest.fixture
def organization(world):
    return world.organization


@pytest.fixture
def taxonomy(world):
    return world.taxonomy
