"""Five wrong passwords lock the combination of username and address, not the username
everywhere nor the address for everybody; the page says so in Dutch."""

import pytest
from django.contrib.auth import get_user_model

from core.roles import Role
from tests.factories import make_user
from tests.second_factor import password_step

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture
def users(db):
    return make_user("pho-lisse", Role.TWO), make_user("two-other", Role.TWO)


def post(client, username, password, address):
    return password_step(client, username, password, REMOTE_ADDR=address)


def fail_five_times(client, username, address):
    statuses = [post(client, username, "wrong-password", address).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks


def test_five_failures_lock_that_username_from_that_address_with_a_dutch_page(client, users):
    fail_five_times(client, "pho-lisse", ATTACKER)
    response = post(client, "pho-lisse", "pw-pho-lisse", ATTACKER)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tijdelijk geblokkeerd" in html
    assert (
        "5 keer een verkeerd wachtwoord gegeven voor gebruikersnaam „pho-lisse” vanaf dit adres"
        in html
    )
    assert "Vanaf een ander adres kunt u gewoon inloggen" in html
    assert not get_user_model().objects.get(username="pho-lisse").last_login


def test_the_real_user_elsewhere_still_logs_in(client, users):
    fail_five_times(client, "pho-lisse", ATTACKER)
    response = post(client, "pho-lisse", "pw-pho-lisse", COLLEAGUE)
    assert response.status_code == 302
    assert get_user_model().objects.get(username="pho-lisse").last_login


def test_another_user_from_the_locked_address_still_logs_in(client, users):
    fail_five_times(client, "pho-lisse", ATTACKER)
    response = post(client, "two-other", "pw-two-other", ATTACKER)
    assert response.status_code == 302


def test_behind_the_proxy_the_forwarded_address_counts_not_one_the_client_wrote(
    client, users, settings
):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        # The attacker writes a fake address into X-Forwarded-For; the proxy appends the real one.
        password_step(
            client,
            "pho-lisse",
            "wrong",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{_}, {ATTACKER}",
        )
    locked = password_step(
        client,
        "pho-lisse",
        "pw-pho-lisse",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert locked.status_code == 429
    elsewhere = password_step(
        client,
        "pho-lisse",
        "pw-pho-lisse",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=COLLEAGUE,
    )
    assert elsewhere.status_code == 302
