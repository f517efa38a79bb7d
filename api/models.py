"""API tokens: one a client system, made and revoked by its user; only the key's hash is stored."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q


def hash_key(key: str) -> str:
    """The stored form of a token's key. The key is 256 random bits, so a plain SHA-256 suffices
    (a slow password hash guards against guessing weak secrets; these are not guessable)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="gebruiker",
    )
    name = models.CharField("naam", max_length=100, help_text="Waarvoor de token dient.")
    key_hash = models.CharField("hash van de sleutel", max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        "begin van de sleutel",
        max_length=8,
        editable=False,
        help_text="De eerste tekens, zodat u de token herkent; de sleutel zelf bewaren we niet.",
    )
    created = models.DateTimeField("aangemaakt op", auto_now_add=True)
    last_used = models.DateTimeField("laatst gebruikt", null=True, blank=True)
    revoked = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        constraints = [
            models.CheckConstraint(condition=~Q(key_hash=""), name="apitoken_has_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked is None
