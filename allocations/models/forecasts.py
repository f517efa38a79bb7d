"""Monthly forecasts of a provider's budget use, their lines, and the 105% intake stop (seed 002
§2.2 (5)).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from djmoney.models.fields import MoneyField

from allocations.forecast import deviates_strongly, deviation_percent, expected_units_estimate
from allocations.models.products import UNITS_KW, Product
from core.models import Provider
from fund.models import MONEY, Fund


class Trend(models.TextChoices):
    RISING = "rising", "Stijgend"
    STABLE = "stable", "Gelijk"
    FALLING = "falling", "Dalend"


class ForecastStatus(models.TextChoices):
    GREEN = "green", "Binnen budget"
    AMBER = "amber", "100–105%: BSN verplicht"
    RED = "red", "Boven 105%: opnamestop"


class ForecastSubmission(models.Model):
    """One monthly forecast of a provider for the year; a new upload of the same month replaces
    the current version, the earlier stays as history (is_current=False)."""

    class Source(models.TextChoices):
        WEB = "web", "Formulier"
        XLSX = "xlsx", "XLSX-bestand"
        API = "api", "API"

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="forecasts", verbose_name="aanbieder"
    )
    # the budget it forecasts against: a provider that works in two regions forecasts each region's
    # budget apart, and only that fund's organisation sees it (issue 13)
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="forecasts", verbose_name="fonds"
    )
    year = models.PositiveSmallIntegerField("jaar")
    month = models.PositiveSmallIntegerField("maand")
    version = models.PositiveIntegerField("versie")
    is_current = models.BooleanField("geldend", default=True)
    source = models.CharField("bron", max_length=10, choices=Source.choices)
    explanation = models.TextField(
        "toelichting",
        blank=True,
        help_text="Hoe u bijdroeg aan afschaling, terugverwijzing en kortere trajecten, en dat de wachtlijst uit hogere vraag komt.",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("ingediend op", auto_now_add=True)
    # The sum of its lines' cost, kept by the database on every insert, update or delete of a line
    # (allocations 0009), so that the region dashboard reads one row per forecast, not every line.
    total_cost = models.DecimalField(
        "geprognosticeerde kosten (totaal)",
        max_digits=16,
        decimal_places=2,
        default=0,
        db_default=0,
        editable=False,
    )

    class Meta:
        ordering = ["provider", "year", "month", "fund", "-version"]
        verbose_name = "prognose"
        verbose_name_plural = "prognoses"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "fund", "year", "month", "version"],
                name="forecast_version_unique",
            ),
            models.UniqueConstraint(
                fields=["provider", "fund", "year", "month"],
                condition=Q(is_current=True),
                name="forecast_one_current_per_month",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="forecast_month_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "month", "is_current"], name="forecast_year_month_current")
        ]

    def __str__(self) -> str:
        return f"Prognose {self.provider} {self.year}-{self.month:02d} v{self.version}"


class ForecastLine(models.Model):
    """The forecast of one product: units so far, expected units to 31-12 and the waiting list."""

    submission = models.ForeignKey(
        ForecastSubmission, on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="forecast_lines")
    units_delivered = models.DecimalField("geleverd t/m maand", **UNITS_KW)
    clients_in_care = models.PositiveIntegerField("cliënten in zorg")
    average_duration_weeks = models.DecimalField(
        "gemiddelde doorlooptijd (weken)", max_digits=8, decimal_places=2
    )
    expected_outflow = models.PositiveIntegerField("verwachte uitstroom (cliënten)")
    expected_units = models.DecimalField("verwachte eenheden tot 31-12", **UNITS_KW)
    expected_units_estimated = models.BooleanField(
        "verwachte eenheden geschat",
        default=False,
        help_text="De aanbieder liet het veld leeg; de schatting uit cliënten, doorlooptijd en uitstroom is opgeslagen.",
    )
    waiting_list = models.PositiveIntegerField("wachtlijst (cliënten)")
    waiting_weeks = models.DecimalField("wachttijd (weken)", max_digits=6, decimal_places=1)
    trend = models.CharField("trend wachttijd", max_length=10, choices=Trend.choices)
    regional_use_percent = models.DecimalField(
        "benutting regio (%)", max_digits=5, decimal_places=1
    )
    price = MoneyField("prijs (P)", **MONEY)
    cost = MoneyField("geprognosticeerde kosten", **MONEY)

    class Meta:
        ordering = ["product__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "product"], name="forecast_line_one_per_product"
            ),
            models.CheckConstraint(
                condition=Q(
                    units_delivered__gte=0,
                    expected_units__gte=0,
                    average_duration_weeks__gte=0,
                    waiting_weeks__gte=0,
                ),
                name="forecast_line_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(regional_use_percent__gte=0, regional_use_percent__lte=100),
                name="forecast_line_use_percent",
            ),
            models.CheckConstraint(
                condition=Q(trend__in=Trend.values), name="forecast_line_trend_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.cost}"

    @property
    def total_units(self):
        return self.units_delivered + self.expected_units

    @cached_property
    def estimate(self):
        """The expected units up to 31-12 as allocations.forecast estimates them from this line's
        clients in care, doorlooptijd and outflow (None when there is no rate to go on)."""
        return expected_units_estimate(
            units_delivered=self.units_delivered,
            clients_in_care=self.clients_in_care,
            average_duration_weeks=self.average_duration_weeks,
            expected_outflow=self.expected_outflow,
            month=self.submission.month,
            year=self.submission.year,
        )

    @property
    def deviates_from_estimate(self) -> bool:
        """The provider's own figure differs from the estimate by more than 25%: TWO may ask why."""
        return not self.expected_units_estimated and deviates_strongly(
            self.expected_units, self.estimate
        )

    @property
    def estimate_deviation_percent(self):
        return deviation_percent(self.expected_units, self.estimate)


class IntakeStop(models.Model):
    """The general intake stop that applies while a provider's forecast of one fund's budget is above
    105%: intake for that budget stops; a budget of another region is another matter."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="intake_stops")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="intake_stops")
    year = models.PositiveSmallIntegerField("jaar")
    started_on = models.DateField("opnamestop sinds")
    started_by = models.ForeignKey(ForecastSubmission, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField("opgeheven op", null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "fund", "year"],
                condition=Q(ended_on__isnull=True),
                name="intake_stop_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="intake_stop_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Opnamestop {self.provider_id} sinds {self.started_on}"
