"""Passwords a person chooses pass Django's four validators with at least 12 characters; a
session ends after a working day (8 hours) without a request."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.middleware import LAST_SEEN
from core.roles import Role
from tests.factories import make_user
from tests.second_factor import password_step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort-wacht1", "Het moet ten minste 12 tekens bevatten"),
        ("123456789012345", "Dit wachtwoord bevat alleen cijfers"),
        ("password1234", "Dit wachtwoord is te algemeen"),
        ("marieke.jansen", "Het wachtwoord lijkt te veel op de gebruikersnaam"),
    ],
)
def test_a_weak_password_is_refused_with_a_dutch_reason(password, reason):
    user = get_user_model()(username="marieke.jansen", first_name="Marieke", last_name="Jansen")
    with translation.override("nl"), pytest.raises(ValidationError) as refused:  # as in a request
        validate_password(password, user)
    assert any(reason in message for message in refused.value.messages), refused.value.messages


def test_a_long_uncommon_password_passes():
    validate_password("Zomerfonds-Rijnland-2026", get_user_model()(username="marieke.jansen"))


def test_the_admin_refuses_a_short_password(client):
    admin = get_user_model().objects.create_superuser(
        "beheerder", password="Beheer-wachtwoord-lang-1"
    )
    target = make_user("two-kort", Role.TWO)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        f"/beheer/auth/user/{target.pk}/password/",
        {"password1": "kort-wacht1", "password2": "kort-wacht1", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "Het moet ten minste 12 tekens bevatten" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password("pw-two-kort")


def test_the_demo_password_still_logs_in(client, demo):
    response = password_step(client, "two", "demo")
    assert response.status_code == 302


def session_of(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def login(client):
    make_user("two-sessie", Role.TWO)
    assert password_step(client, "two-sessie", "pw-two-sessie").status_code == 302


def test_a_request_moves_the_end_of_the_session_a_working_day_ahead(client):
    login(client)
    # The state 7 hours 59 minutes after the last request: one minute left.
    store = SessionStore(client.session.session_key)
    store[LAST_SEEN] = int(time.time()) - (8 * 60 - 1) * 60
    store.save()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/").status_code == 200
    left = session_of(client).expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8)


def test_requests_within_five_minutes_do_not_write_the_session(client):
    login(client)
    end = session_of(client).expire_date
    client.get("/")
    assert session_of(client).expire_date == end


def test_after_a_working_day_without_a_request_the_session_has_ended(client):
    login(client)
    # The state 8 hours after the last request: the session's end has passed.
    Session.objects.filter(pk=session_of(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
