"""The pages of a login through an organisation's provider (core.sso tells the whole story):
start (/accounts/sso/<slug>/), callback (/accounts/oidc/terug/) and logout (/accounts/logout/)."""

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.views.generic import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core import sso
from core.models import SsoProvider

log = logging.getLogger(__name__)

REFUSAL_STATUS = {"invalid": 400, "unknown_organisation": 404, "unavailable": 503}


def refused(request, reason: str, organisation: str = ""):
    """The Dutch page that says why there is no access and who can change that."""
    return render(
        request,
        "registration/sso_refused.html",
        {"reason": reason, "organisation": organisation},
        status=REFUSAL_STATUS.get(reason, 403),
    )


def _provider(**lookup) -> SsoProvider | None:
    return SsoProvider.objects.filter(enabled=True, **lookup).select_related("organisation").first()


@method_decorator(login_not_required, name="dispatch")
class SsoStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the organisation's provider: authorization code flow with PKCE."""

    def __init__(self, *args, **kwargs):
        View.__init__(
            self, *args, **kwargs
        )  # not the library's: it reads one provider from settings
        self.provider = None

    def get_settings(self, attr, *args):
        own = {
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_USE_NONCE": True,
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "sso_callback",
            "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
        }
        if attr in own:
            return own[attr]
        return import_from_settings(attr, *args)

    def get(self, request, slug):
        self.provider = _provider(organisation__slug=slug)
        if self.provider is None:
            return refused(request, "unknown_organisation")
        try:
            document = sso.discovery(self.provider.issuer)
        except sso.ProviderUnavailable:
            return refused(request, "unavailable", self.provider.organisation.name)
        self.OIDC_OP_AUTH_ENDPOINT = document["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        # The state names the organisation: the callback takes that provider, and no other.
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["organisation"] = self.provider.pk
        request.session.modified = True
        return response


@method_decorator(login_not_required, name="dispatch")
class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; the backend decides who this is."""

    def get(self, request):
        state = request.GET.get("state")
        if not state and "error" not in request.GET:
            return redirect(settings.LOGIN_URL)
        entry = request.session.get("oidc_states", {}).get(state) if state else None
        provider = _provider(pk=entry.get("organisation")) if isinstance(entry, dict) else None
        if provider is None:
            return refused(request, "invalid")
        self.provider = request.sso_provider = provider
        if "error" in request.GET:
            request.sso_refusal = sso.Refusal("cancelled", provider.organisation.name)
        return super().get(request)

    def login_failure(self):
        refusal = getattr(self.request, "sso_refusal", None) or sso.Refusal(
            "failed", self.provider.organisation.name
        )
        return refused(self.request, refusal.reason, refusal.organisation)

    def login_success(self):
        id_token = self.request.session.get(sso.SESSION_ID_TOKEN)
        response = super().login_success()
        if id_token:  # kept when login() started a new session (another user was logged in)
            self.request.session[sso.SESSION_ID_TOKEN] = id_token
        sso.mark_session(self.request, self.provider)
        return response


def end_session_url(request) -> str | None:
    """The provider's logout address for this session, or None (not an SSO login, or the provider
    has no end_session_endpoint): RP-initiated logout with id_token_hint and the way back."""
    if request.session.get(sso.LOGIN_METHOD) != "sso":
        return None
    provider = _provider(organisation__slug=request.session.get(sso.SESSION_ORGANISATION))
    if provider is None:
        return None
    try:
        endpoint = sso.discovery(provider.issuer).get("end_session_endpoint")
    except sso.ProviderUnavailable:
        return None
    if not endpoint:
        return None
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(
            resolve_url(settings.LOGOUT_REDIRECT_URL)
        ),
    }
    if request.session.get(sso.SESSION_ID_TOKEN):
        params["id_token_hint"] = request.session[sso.SESSION_ID_TOKEN]
    return f"{endpoint}?{urlencode(params)}"


class LogoutView(auth_views.LogoutView):
    """Django's logout; after an SSO login also at the provider. The way there is a page that
    moves on by itself (a redirect after the logout form would cross the form-action policy)."""

    def post(self, request, *args, **kwargs):
        end_session = end_session_url(request)
        response = super().post(request, *args, **kwargs)
        if end_session is None:
            return response
        return render(request, "registration/sso_logout.html", {"end_session_url": end_session})
