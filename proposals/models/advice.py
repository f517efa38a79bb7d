"""SPUK: the bestuurlijk ambassadeurs' meetings and their advice (seed 004 ch. 6-7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import WriteOnceModel
from fund.models import Fund
from proposals.models.proposal import Proposal


class AmbassadorMeeting(models.Model):
    """seed 004 §5.3, H10: the bestuurlijk ambassadeurs (aldermen of the regions, no mandate) meet
    every three to six months, first on 16-7-2021. Their advice is given at one of these meetings."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ambassador_meetings")
    date = models.DateField("datum")
    attendees = models.CharField("aanwezige ambassadeurs", max_length=400)
    summary = models.TextField("verslag", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fund", "date"]
        verbose_name = "bijeenkomst bestuurlijk ambassadeurs"
        verbose_name_plural = "bijeenkomsten bestuurlijk ambassadeurs"
        constraints = [
            models.UniqueConstraint(fields=["fund", "date"], name="ambassador_meeting_one_per_day"),
            models.CheckConstraint(
                condition=~Q(attendees=""), name="ambassador_meeting_has_attendees"
            ),
        ]

    def __str__(self) -> str:
        return f"Bijeenkomst bestuurlijk ambassadeurs {self.date:%-d-%-m-%Y}"


class AmbassadorAdvice(WriteOnceModel):
    """SPUK: the bestuurlijk ambassadeurs advise, then Rotterdam decides (seed 004 §6.4). The
    advice is given at one of their meetings (AmbassadorMeeting)."""

    class Advice(models.TextChoices):
        POSITIVE = "positive", "Positief"
        NEGATIVE = "negative", "Negatief"

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="ambassador_advice"
    )
    advice = models.CharField("advies", max_length=10, choices=Advice.choices)
    text = models.TextField("toelichting")
    ambassadors = models.CharField("bestuurlijk ambassadeurs", max_length=255)
    # null only for advice recorded before meetings were kept (none in the demo); the service requires it
    meeting = models.ForeignKey(
        AmbassadorMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
        verbose_name="bijeenkomst",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.get_advice_display()
