"""Project monitoring: region reports, their reminders, and the results per performance indicator."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import Region


class RegionReport(models.Model):
    """seed 004 §6.4 (4.3): after each project, before 1 March of the next year, the region reports."""

    proposal = models.OneToOneField(
        "proposals.Proposal", on_delete=models.PROTECT, related_name="region_report"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    results = models.TextField("behaalde resultaten")
    conditions = models.TextField("voldaan aan de rechtmatigheidsvoorwaarden")
    delivered_at = models.DateTimeField("ontvangen op")
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "verantwoordingsverslag jeugdhulpregio"
        verbose_name_plural = "verantwoordingsverslagen jeugdhulpregio's"
        constraints = [
            models.CheckConstraint(
                condition=~Q(results="") & ~Q(conditions=""), name="region_report_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"Verslag {self.proposal_id}"


class ReportReminder(models.Model):
    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.CASCADE, related_name="report_reminders"
    )
    sent_on = models.DateField("verstuurd op")
    recipients = models.TextField("ontvangers")
    overdue = models.BooleanField("te laat", default=False)

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "sent_on"], name="report_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Herinnering {self.proposal_id} {self.sent_on}"


class IndicatorResult(models.Model):
    """The delivered value of a performance indicator in a year, with a short assessment."""

    class Source(models.TextChoices):
        TWO = "two", "TWO Jeugdhulp"
        PROJECT = "project", "Project"

    indicator = models.ForeignKey(
        "proposals.PerformanceIndicator", on_delete=models.PROTECT, related_name="results"
    )
    year = models.PositiveSmallIntegerField("jaar")
    delivered_value = models.DecimalField("geleverde waarde", max_digits=14, decimal_places=2)
    assessment = models.TextField("beoordeling", blank=True)
    source = models.CharField("ingevoerd door", max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("ingevoerd op", auto_now=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = "geleverde prestatie"
        verbose_name_plural = "geleverde prestaties"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicator_result_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(source__in=["two", "project"]), name="indicator_result_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.delivered_value}"
