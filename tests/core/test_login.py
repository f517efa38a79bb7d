import logging

import pytest
from django.contrib.auth import get_user_model

from core.logging import RedactBsnFilter
from tests.second_factor import password_step

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch(client):
    html = client.get("/accounts/login/").content.decode()
    assert "Inloggen" in html and "Gebruikersnaam" in html and 'lang="nl"' in html


def test_demo_user_logs_in_and_sees_role(client, demo, settings):
    response = password_step(client, "pho-leiden", "demo", follow=True)
    html = response.content.decode()
    assert "Portefeuillehouder" in html and "Leiden" in html


def test_login_is_throttled_after_five_failures(client, demo):
    for _ in range(5):
        password_step(client, "two", "wrong")
    response = password_step(client, "two", "demo")
    assert response.status_code == 429
    assert not get_user_model().objects.get(username="two").last_login


def test_every_page_needs_login(client, demo):
    for url in ["/", "/fondsen/", "/fondsen/circulaires/"]:
        assert client.get(url).status_code == 302


def test_log_records_never_carry_a_bsn():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "client %s taken in", ("999991772",), None
    )
    RedactBsnFilter().filter(record)
    assert "999991772" not in record.getMessage()
    assert "*********" in record.getMessage()
