import pytest

from tests.allocations.factories import World


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def alloc_demo(db, settings):
    """The demo organisations, funds and this app's demo (the other apps' demos are not needed)."""
    from demo import budgets, funds, organisations

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    organisations.load()
    funds.load()
    budgets.load()


@pytest.fixture
def as_user(client, alloc_demo):
    from django.contrib.auth import get_user_model

    def login(username):
        client.logout()
        client.force_login(
            get_user_model().objects.get(username=username),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        return client

    return login
