"""Making and revoking API tokens. The key is returned once, to show once; only its hash is kept."""

import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, hash_key

KEY_BYTES = 32


@transaction.atomic
def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the token and its key (shown once, never stored)."""
    key = secrets.token_urlsafe(KEY_BYTES)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API-token", key_hash=hash_key(key), prefix=key[:8]
    )
    return token, key


def revoke_token(token: ApiToken) -> None:
    """Revoke a token for good; requests with its key get 401 from now on."""
    ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(revoked=timezone.now())
