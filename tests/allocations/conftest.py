import pytest

from tests.allocations.factories import World


@pytest.fixture
def world(db):
    return World()
