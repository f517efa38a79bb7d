import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from api.services import issue_token


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # the throttle counters live in the (per-process) cache; every test starts with none
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client(client):
    """A test client that sends the key of `user`'s new token: `api_client(user)`."""

    def make(user):
        _, key = issue_token(user, "test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
        return client

    return make


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data for one module's API tests (copied in where this process loaded it before:
    tests/replay.py), inside a transaction that is rolled back after the module; each test runs in
    a savepoint within it (pytest-django's `db`), so what a test writes is gone before the next.
    Per module, not per package: a module that builds its own world (factories) must not find
    the demo's rows there, whichever module ran before it on this process."""
    import os

    from django.core.management import call_command
    from django.db import transaction

    from tests.replay import replay

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            replay("load_demo", lambda: call_command("load_demo", stdout=open(os.devnull, "w")))
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def as_user(demo_world, db, client):
    """A client with a new token of the demo user `username`: `as_user("two")`."""

    def make(username):
        user = get_user_model().objects.get(username=username)
        _, key = issue_token(user, "test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
        return client

    return make


def pytest_collection_modifyitems(items):
    """schemathesis makes one test per API operation, named `test_api_from_schema[GET /api/v1/…]`,
    but gives them all the function's node id. pytest-xdist's `--dist loadfile` (make test and CI)
    schedules by node id and ran one of the 22 operations; each gets its name in its node id
    (pytest 9 keeps the id in `_id`, made by `coerce_node_id` as for any node given an id)."""
    from _pytest.nodeid import coerce_node_id

    for item in items:
        if type(item).__name__ == "SchemathesisFunction" and item.name != item.originalname:
            item._id = coerce_node_id(item.nodeid.removesuffix(item.originalname) + item.name)
