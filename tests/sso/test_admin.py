"""An installation administrator configures an organisation's provider in the Django admin; the
client secret is stored encrypted and never shown back in full."""

from django.contrib.auth import get_user_model

from core import sso
from core.models import SsoProvider
from tests.factories import OrganisationFactory

SECRET = "een-heel-geheim-secret-xq"


def test_the_admin_stores_the_secret_encrypted_and_shows_only_its_end(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    organisation = OrganisationFactory(name="TWO Jeugdhulp Holland Rijnland")
    form = {
        "organisation": organisation.pk,
        "enabled": "on",
        "issuer": "https://login.example.org/tenant",
        "client_id": "jeugdfonds",
        "scopes": "openid email",
        "organisation_claim": "",
        "organisation_claim_value": "",
        "role_claim": "",
    }

    refused = client.post("/beheer/core/ssoprovider/add/", form)  # without a secret
    assert refused.status_code == 200 and "Vul het client secret in." in refused.content.decode()
    assert not SsoProvider.objects.exists()

    half_claim = {**form, "client_secret": SECRET, "organisation_claim": "tid"}
    refused = client.post("/beheer/core/ssoprovider/add/", half_claim)
    assert "allebei in, of allebei niet" in refused.content.decode()

    assert (
        client.post("/beheer/core/ssoprovider/add/", {**form, "client_secret": SECRET}).status_code
        == 302
    )
    provider = SsoProvider.objects.get()
    assert SECRET not in provider.client_secret_encrypted
    assert sso.decrypt_secret(provider.client_secret_encrypted) == SECRET

    change = client.get(f"/beheer/core/ssoprovider/{provider.pk}/change/").content.decode()
    listing = client.get("/beheer/core/ssoprovider/").content.decode()
    for page in (change, listing):
        assert SECRET not in page and SECRET[:-2] not in page
        assert "••••••••xq" in page

    # A change without a secret keeps the stored one.
    client.post(f"/beheer/core/ssoprovider/{provider.pk}/change/", {**form, "client_id": "ander"})
    provider.refresh_from_db()
    assert provider.client_id == "ander"
    assert sso.decrypt_secret(provider.client_secret_encrypted) == SECRET


def test_secrets_survive_a_key_rotation(settings):
    old_key = settings.SSO_ENCRYPTION_KEYS
    token = sso.encrypt_secret("geheim")
    settings.SSO_ENCRYPTION_KEYS = "nfAn0zN6O2yXz3m4qQ3rJgFZ0yq2l5qX1fS2p3nQ0aE=," + old_key
    assert sso.decrypt_secret(token) == "geheim"
