"""In-app notifications and each user's e-mail switch per kind (shared infrastructure, beside core)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    VOTE_OPENED = "vote_opened", "Stemming geopend"
    VOTE_CLOSING = "vote_closing", "Stemming sluit bijna"
    PROPOSAL_SUBMITTED = "proposal_submitted", "Voorstel ingediend"
    PROPOSAL_DECIDED = "proposal_decided", "Besluit over een voorstel"
    LETTER_ISSUED = "letter_issued", "Beschikking verzonden"
    FORECAST_CROSSED = "forecast_crossed", "Prognose over 100% of 105%"
    FORECAST_DUE = "forecast_due", "Prognose te leveren of te laat"
    REPORT_DUE = "report_due", "Projectverslag te leveren of te laat"
    RECALCULATION_WAITING = "recalculation_waiting", "Herberekening wacht"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("soort", max_length=30, choices=Kind.choices)
    title = models.CharField("onderwerp", max_length=255)
    body = models.TextField("tekst")
    url = models.CharField("link", max_length=500, blank=True)
    # a reminder that may be made again (daily) carries a key, so that it reaches each user once
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)
    read_at = models.DateTimeField("gelezen op", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_key_once_per_user"
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """A user's e-mail switch for one kind; without a row the e-mail is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField("soort", max_length=30, choices=Kind.choices)
    email = models.BooleanField("per e-mail", default=True)

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_one_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_preference_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'aan' if self.email else 'uit'}"
