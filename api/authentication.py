"""Token authentication: `Authorization: Token <key>`. The key is looked up by its hash."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from api.models import ApiToken, hash_key
from core.permissions import prime_access

# last_used is written at most this often a token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)

INVALID = "Ongeldige of ingetrokken token."


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Ongeldige Authorization-header: verwacht 'Token <sleutel>'."
            )
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        token = (
            ApiToken.objects.select_related("user", "user__profile")
            .filter(key_hash=hash_key(key), revoked__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        prime_access(token.user)  # the roles' query, with the staff organisations in it
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
