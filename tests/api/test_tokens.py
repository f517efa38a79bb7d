"""Tokens made and revoked by their user on the API-tokens page and by `manage.py api_token`."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from api.models import ApiToken, hash_key
from core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_make_a_token_on_the_page_see_the_key_once_then_revoke_it(client_as, two_user, client):
    page = client_as(two_user).get("/account/api-tokens/")
    assert page.status_code == 200
    assert "U hebt nog geen tokens." in page.content.decode()
    assert 'href="/account/api-tokens/"' in page.content.decode()  # in the header, on every page

    made = client.post("/account/api-tokens/", {"name": "Financieel systeem"})
    text = made.content.decode()
    token = ApiToken.objects.get(user=two_user)
    key = text.split('data-testid="new-key"')[1].split("<code>")[1].split("</code>")[0]
    assert "alleen nu zichtbaar" in text and hash_key(key) == token.key_hash
    assert token.name == "Financieel systeem"
    again = client.get("/account/api-tokens/").content.decode()
    assert key not in again and f"{token.prefix}…" in again and "nog niet" in again

    api = client.get("/api/v1/circulars/", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.status_code == 200

    revoked = client.post(f"/account/api-tokens/{token.pk}/intrekken/", follow=True)
    assert "De token Financieel systeem" in revoked.content.decode()
    assert "ingetrokken op" in revoked.content.decode()
    api = client.get("/api/v1/circulars/", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.status_code == 401


def test_name_required_nothing_made(client_as, two_user):
    response = client_as(two_user).post("/account/api-tokens/", {"name": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_another_users_token_cannot_be_revoked(client_as, two_user):
    other = make_user("two-ander", Role.TWO)
    token = ApiToken.objects.create(user=other, name="x", key_hash="a" * 64, prefix="aaaa")
    response = client_as(two_user).post(f"/account/api-tokens/{token.pk}/intrekken/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_page_needs_a_login(client):
    response = client.get("/account/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_command_prints_a_key_that_works(two_user, client):
    out = io.StringIO()
    call_command("api_token", "two-test", stdout=out)
    key = out.getvalue().strip()
    assert ApiToken.objects.get(user=two_user).key_hash == hash_key(key)
    assert client.get("/api/v1/circulars/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_command_unknown_user_dutch_error_nonzero_exit():
    # CommandError: manage.py prints the message on stderr and exits with status 1
    with pytest.raises(
        CommandError, match="Onbekende gebruiker: niemand. Er is geen token gemaakt."
    ):
        call_command("api_token", "niemand", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
