import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from core.roles import Role
from tests.factories import make_user
from tests.replay import replay

# Hypothesis' "too slow" health check and its deadline per example time the machine, not the code:
# on a shared machine under load one draw can take seconds. The properties are checked as before.
hypothesis_settings.register_profile(
    "shared-machine", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
hypothesis_settings.load_profile("shared-machine")


@pytest.fixture
def demo(db):
    """The demo data of `manage.py load_demo` (seed figures as fixtures), loaded once per test
    process and copied in for each later test (tests/replay.py)."""
    replay("load_demo", lambda: call_command("load_demo", stdout=open(os.devnull, "w")))


@pytest.fixture
def two_user(db):
    return make_user("two-test", Role.TWO)


@pytest.fixture
def client_as(client):
    """Log the test client in as a user: `client_as(user)`."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def demo_client(client, demo):
    """A client logged in as one of the demo users: `demo_client("two")`."""
    from django.contrib.auth import get_user_model

    def login(username):
        client.logout()
        client.force_login(
            get_user_model().objects.get(username=username),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Demo users are many; PBKDF2 would make every test that loads the demo take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
