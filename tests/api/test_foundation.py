"""The API's foundation as a client sees it: tokens, Dutch errors, pages, ETags, throttling, docs."""

import pytest
from django.contrib.auth import get_user_model

from api.models import ApiToken, hash_key
from api.services import issue_token, revoke_token

pytestmark = pytest.mark.django_db


def test_without_token_401_in_dutch(client):
    response = client.get("/api/v1/funds/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "detail": "U bent niet aangemeld: stuur een geldige token mee (Authorization: Token <sleutel>)."
    }


def test_wrong_or_revoked_token_401(client, two_user):
    token, key = issue_token(two_user, "boekhouding")
    assert client.get("/api/v1/funds/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert client.get("/api/v1/funds/", HTTP_AUTHORIZATION=f"Token {key}x").json() == {
        "detail": "Ongeldige of ingetrokken token."
    }
    revoke_token(token)
    response = client.get("/api/v1/funds/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Ongeldige of ingetrokken token."}


def test_only_the_hash_is_stored(two_user):
    token, key = issue_token(two_user, "erp")
    token.refresh_from_db()
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    assert token.prefix == key[:8] and len(key) >= 40
    assert not ApiToken.objects.filter(key_hash=key).exists()


def test_inactive_user_401(client, two_user):
    _, key = issue_token(two_user, "erp")
    get_user_model().objects.filter(pk=two_user.pk).update(is_active=False)
    assert client.get("/api/v1/funds/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_role_without_access_403_in_dutch(api_client):
    from core.roles import Role
    from tests.factories import make_user

    client = api_client(make_user("beheerder-x", Role.ADMINISTRATOR))
    response = client.get("/api/v1/circulars/")
    assert response.status_code == 403
    assert response.json() == {"detail": "U hebt geen toegang tot dit onderdeel."}


def test_unknown_record_404_in_dutch(api_client, two_user):
    response = api_client(two_user).get("/api/v1/funds/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_bad_filter_400_in_dutch(api_client, two_user):
    response = api_client(two_user).get("/api/v1/contributions/?year=abc")
    assert response.status_code == 400
    assert response.json() == {"year": ["Geen geldige waarde voor year: 'abc'."]}
    response = api_client(two_user).get("/api/v1/contributions/?page=99")
    assert response.status_code == 404
    assert response.json() == {"detail": "Deze pagina bestaat niet."}


def test_throttled_per_token(api_client, two_user, settings, client):
    settings.API_THROTTLE_RATES = {"token": "3/minute", "anonymous": "100/minute"}
    first = api_client(two_user)
    first_key = first.defaults["HTTP_AUTHORIZATION"]
    for _ in range(3):
        assert first.get("/api/v1/circulars/").status_code == 200
    response = first.get("/api/v1/circulars/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Te veel verzoeken. Probeer het over ")
    # another token of the same user has its own budget
    _, other_key = issue_token(two_user, "tweede")
    assert (
        client.get("/api/v1/circulars/", HTTP_AUTHORIZATION=f"Token {other_key}").status_code == 200
    )
    assert client.get("/api/v1/circulars/", HTTP_AUTHORIZATION=first_key).status_code == 429


def test_schema_and_docs_served_without_login(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"Jeugdfonds API" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    # the Swagger UI assets are ours (drf-spectacular-sidecar), the start script a separate file
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/static/css/api_docs.css" in page
    assert "<script>" not in page and "<style>" not in page and "//cdn" not in page
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert b"/api/v1/schema/" in script.content
    # the site's CSP is the same on the docs page as elsewhere: nothing loosened
    assert (
        docs["Content-Security-Policy"] == client.get("/accounts/login/")["Content-Security-Policy"]
    )
    assert "'unsafe-inline'" not in docs["Content-Security-Policy"]
