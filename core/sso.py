"""Single sign-on: staff log in at their own organisation's identity provider.

How a login goes (OpenID Connect, authorization code flow with PKCE, mozilla-django-oidc):
1. /accounts/sso/<organisation-slug>/ (core.sso_views.SsoStartView) looks up the organisation's
   SsoProvider, reads the provider's endpoints from <issuer>/.well-known/openid-configuration
   (`discovery`, cached) and sends the browser there with state, nonce and a PKCE challenge.
2. The provider sends it back to /accounts/sso/terug/ (SsoCallbackView). The state names the
   organisation (kept in the session with the state); the backend
   (core.sso_backend.OrganisationOidcBackend) exchanges the code, checks the ID token's signature,
   issuer, audience and nonce, reads the claims and asks `admit` who this is.
3. `admit` is the rule, and it is the same for every kind of login through an organisation:
   the person is a known user (by the subject stored at an earlier login, else by e-mail), the
   claims name this organisation (when configured) and the user has a role in it (a Membership,
   given by the organisation's functional administrator; when configured, the provider's role
   claim must name that role too). Anyone else gets no access and a page that says who can
   give them a role (`Refusal`).
4. The session then holds `login_method = "sso"` (`mark_session`), which the two-factor check
   reads: the organisation does the second factor. Logout ends the session here and sends the
   browser to the provider's end_session_endpoint (core.sso_views.logout).

A SAML broker (eHerkenning, DigiD through a broker; out of scope now) plugs in beside OIDC,
not into it: a backend class of its own (e.g. core.saml_backend.BrokerSamlBackend, after
OrganisationOidcBackend in settings.AUTHENTICATION_BACKENDS) whose authenticate(request,
saml_response=...) validates the broker's assertion, turns its attributes into a claims dict
({"sub": NameID, "email": ..., org/role attributes}) and returns `admit(organisation, claims)`;
two views of its own (start: an AuthnRequest to the broker; ACS: receives the assertion) set
`request.sso_refusal` on a refusal and call `mark_session(request, provider)` (the flag stays
"sso": the broker's level of assurance covers the second factor).
The model would grow a `protocol` field (or a sibling model) for the broker's metadata URL and
certificate. Matching, refusal page, session flag and logout-here stay as they are.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

from core.models import Membership, SsoIdentity, SsoProvider

log = logging.getLogger(__name__)

DISCOVERY_SECONDS = 60 * 60  # a provider's configuration is read again after an hour
TIMEOUT_SECONDS = 10
LOGIN_METHOD = "login_method"  # the session key the two-factor check reads
SESSION_ORGANISATION = "sso_organisation"
SESSION_ID_TOKEN = "oidc_id_token"


# --- the client secret, encrypted like the BSNs (Fernet, newest key first, rotation) -------------


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in str(settings.SSO_ENCRYPTION_KEYS).split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("SSO_ENCRYPTION_KEYS is leeg.")
    return MultiFernet([Fernet(k.encode()) for k in keys])


@sensitive_variables()
def encrypt_secret(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


@sensitive_variables()
def decrypt_secret(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Een client secret is niet te ontsleutelen: ontbreekt een oude sleutel in SSO_ENCRYPTION_KEYS?"
        ) from exc


def masked_secret(provider: SsoProvider) -> str:
    """What the admin shows of a secret: that it is set and its last two characters."""
    if not provider.client_secret_encrypted:
        return "niet ingesteld"
    return "•" * 8 + decrypt_secret(provider.client_secret_encrypted)[-2:]


# --- the provider's configuration ----------------------------------------------------------------


class ProviderUnavailable(Exception):
    """The provider's configuration could not be read (down, wrong issuer)."""


REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")


def discovery(issuer: str) -> dict:
    """<issuer>/.well-known/openid-configuration, cached for DISCOVERY_SECONDS. The document
    must name the same issuer (OpenID Connect Discovery 1.0, section 4.3)."""
    key = f"sso-discovery:{issuer}"
    document = cache.get(key)
    if document is not None:
        return document
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.warning("OpenID configuration of %s not readable: %s", issuer, exc)
        raise ProviderUnavailable(issuer) from exc
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/") or not all(
        document.get(name) for name in REQUIRED_ENDPOINTS
    ):
        log.warning("OpenID configuration of %s names another issuer or lacks endpoints", issuer)
        raise ProviderUnavailable(issuer)
    cache.set(key, document, DISCOVERY_SECONDS)
    return document


def enabled_providers():
    """The organisations whose staff may log in through their own provider (the login page)."""
    return SsoProvider.objects.filter(enabled=True).select_related("organisation")


# --- who may come in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why someone who logged in at their provider gets no access here (shown on the page)."""

    reason: str  # unknown | no_role | other_organisation | ambiguous
    organisation: str


def _values(claim) -> set[str]:
    if claim is None:
        return set()
    if isinstance(claim, list | tuple | set):
        return {str(v) for v in claim}
    return {str(claim)}


def admit(provider: SsoProvider, claims: dict):
    """The user these claims are, or a Refusal. Stores the subject at the first login."""
    organisation = provider.organisation
    subject = str(claims.get("sub") or "")
    if not subject:
        return Refusal("unknown", organisation.name)
    if provider.organisation_claim and provider.organisation_claim_value not in _values(
        claims.get(provider.organisation_claim)
    ):
        return Refusal("other_organisation", organisation.name)
    identity = (
        SsoIdentity.objects.filter(provider=provider, subject=subject)
        .select_related("user")
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        email = str(claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return Refusal("unknown", organisation.name)
        users = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
        if len(users) != 1:
            return Refusal("ambiguous" if users else "unknown", organisation.name)
        user = users[0]
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None or not user.is_active:
        return Refusal("no_role", organisation.name)
    if provider.role_claim and membership.role not in _values(claims.get(provider.role_claim)):
        return Refusal("no_role", organisation.name)
    if identity is None:
        if SsoIdentity.objects.filter(provider=provider, user=user).exists():
            return Refusal("ambiguous", organisation.name)  # the user already has another subject
        SsoIdentity.objects.create(provider=provider, subject=subject, user=user)
    return user


def axes_exempt(request, credentials=None) -> bool:
    """settings.AXES_WHITELIST_CALLABLE: the callback of a login through an organisation is not a
    password guess. The person's credentials were checked by their own provider; a refusal here is
    about a role, and must not lock out the colleagues behind the same address (axes would count it
    against the address alone, as there is no username)."""
    return getattr(request, "sso_provider", None) is not None


def mark_session(request, provider: SsoProvider) -> None:
    """After a login through an organisation: the two-factor check exempts this session."""
    request.session[LOGIN_METHOD] = "sso"
    request.session[SESSION_ORGANISATION] = provider.organisation.slug
