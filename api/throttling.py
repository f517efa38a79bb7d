"""Throttling per token (and per address for requests without one).

The rates come from settings.API_THROTTLE_RATES at each request, so a test or an installation can
change them without a restart of the class definitions. The counters live in Django's cache.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class TokenRateThrottle(_SettingsRateThrottle):
    """One bucket a token: two systems of one user do not share a limit."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Requests without a valid token (the schema, the docs, failed attempts): per address."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
