"""The authentication backend of a login through an organisation's OpenID Connect provider.

mozilla-django-oidc's backend reads one provider from settings; this one takes the organisation's
SsoProvider that the callback view put on the request (`request.sso_provider`) and the endpoints
from its discovery document. It answers only a callback with a code for such a request, so a
password login passes it by (settings.AUTHENTICATION_BACKENDS: after axes and ModelBackend).
Who is let in is core.sso.admit's decision; a refusal is left on the request for the page.
"""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from core import sso

log = logging.getLogger(__name__)


class OrganisationOidcBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Not the library's __init__: that reads one provider from settings.
        self.UserModel = get_user_model()
        self.provider = None
        self.document = {}

    def get_settings(self, attr, *args):
        own = {
            "OIDC_RP_SCOPES": self.provider.scopes if self.provider else "openid email",
            "OIDC_STORE_ID_TOKEN": True,  # the id_token_hint of the logout at the provider
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_CREATE_USER": False,  # an organisation's administrator gives a role first
            "OIDC_USE_NONCE": True,
            "OIDC_TOKEN_USE_BASIC_AUTH": False,
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": sso.TIMEOUT_SECONDS,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso_callback",
            "OIDC_ALLOW_UNSECURED_JWT": False,
        }
        if attr in own:
            return own[attr]
        return import_from_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "sso_provider", None) if request is not None else None
        if provider is None or "code" not in request.GET:
            return None  # not a callback from an organisation's provider
        self.provider = provider
        try:
            document = sso.discovery(provider.issuer)
            self.document = document
            self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
            self.OIDC_OP_USER_ENDPOINT = document["userinfo_endpoint"]
            self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
            self.OIDC_RP_CLIENT_ID = provider.client_id
            self.OIDC_RP_CLIENT_SECRET = sso.decrypt_secret(provider.client_secret_encrypted)
            algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
            self.OIDC_RP_SIGN_ALGO = "RS256" if "RS256" in algorithms else algorithms[0]
            self.OIDC_RP_IDP_SIGN_KEY = None
            user = super().authenticate(request, **kwargs)
        except (
            sso.ProviderUnavailable,
            requests.RequestException,
            SuspiciousOperation,
            jwt.PyJWTError,
            KeyError,
            ValueError,
        ) as exc:
            log.warning("Login through %s failed: %s", provider.organisation.slug, exc)
            request.sso_refusal = sso.Refusal("failed", provider.organisation.name)
            return None
        if user is None and not hasattr(request, "sso_refusal"):
            request.sso_refusal = sso.Refusal("failed", provider.organisation.name)
        return user

    def verify_token(self, token, **kwargs):
        """The library checks signature and nonce; the issuer and audience are checked here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if (
            payload.get("iss") != self.document.get("issuer")
            or self.OIDC_RP_CLIENT_ID not in audiences
        ):
            raise SuspiciousOperation("ID token of another issuer or for another client")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if str(claims.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo names another subject than the ID token")
        admitted = sso.admit(self.provider, claims)
        if isinstance(admitted, sso.Refusal):
            self.request.sso_refusal = admitted
            return None
        return admitted

    def get_user(self, user_id):
        """As ModelBackend: a deactivated user's session ends at the next request."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    # Permissions are ModelBackend's and the rules' business, not this backend's.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
