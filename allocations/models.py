"""Provider budgets: products, tariffs, PxQ requests, granted budgets, monthly forecasts, the
105% intake stop and the BSNs of clients taken in above budget (seed 002 §2.2, DOMAIN.md §2)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from djmoney.models.fields import MoneyField

from allocations.forecast import deviates_strongly, deviation_percent, expected_units_estimate
from core.models import Provider, Region, WriteOnceModel
from fund.models import MONEY, Fund

UNITS_KW = {"max_digits": 14, "decimal_places": 2}


class ProductCategory(models.TextChoices):
    """iJw (Jeugdwet message standard) product categories."""

    PERSONAL_CARE = "40", "40 Persoonlijke verzorging"
    DAY_TREATMENT = "41", "41 Dagbehandeling"
    TRANSPORT = "42", "42 Vervoer"
    RESIDENTIAL_WITH_TREATMENT = "43", "43 Verblijf inclusief behandeling"
    RESIDENTIAL_WITHOUT_TREATMENT = "44", "44 Verblijf exclusief behandeling"
    AMBULATORY = "45", "45 Ambulant"
    CRISIS = "46", "46 Crisis"
    YOUTH_PROBATION = "47", "47 Jeugdreclassering"
    CHILD_PROTECTION = "48", "48 Jeugdbescherming"
    CUSTOM = "50", "50 Maatwerkarrangementen"
    YOUTH_MENTAL_HEALTH = "54", "54 Jeugd-GGZ"
    NATIONAL = "55", "55 Landelijk ingekochte zorg"


class Unit(models.TextChoices):
    """iJw units (the ones a PxQ request counts in)."""

    MINUTE = "01", "minuut"
    HOUR = "04", "uur"
    DAY = "14", "etmaal"
    DAYPART = "16", "dagdeel (4 uur)"
    PIECES = "82", "stuks (output)"


class Trend(models.TextChoices):
    RISING = "rising", "Stijgend"
    STABLE = "stable", "Gelijk"
    FALLING = "falling", "Dalend"


class ForecastStatus(models.TextChoices):
    GREEN = "green", "Binnen budget"
    AMBER = "amber", "100–105%: BSN verplicht"
    RED = "red", "Boven 105%: opnamestop"


class Product(models.Model):
    """One product (function or form of help, not DBC) on a provider's product list."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="products", verbose_name="aanbieder"
    )
    category = models.CharField(
        "iJw-productcategorie", max_length=2, choices=ProductCategory.choices
    )
    code = models.CharField("productcode", max_length=5, help_text="iJw-productcode, bijv. 45A12")
    name = models.CharField("naam", max_length=200)
    unit = models.CharField("eenheid", max_length=2, choices=Unit.choices)

    class Meta:
        ordering = ["provider", "code"]
        verbose_name = "product"
        verbose_name_plural = "producten"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"], name="product_code_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ProductCategory.values), name="product_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="product_unit_valid"),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9A-Z]{5}$"), name="product_code_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Tariff(models.Model):
    """The region's tariff list (tarievenlijst): price per unit per product code and year."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="tariffs", verbose_name="regio"
    )
    year = models.PositiveSmallIntegerField("jaar")
    product_code = models.CharField("productcode", max_length=5)
    unit = models.CharField("eenheid", max_length=2, choices=Unit.choices)
    price = MoneyField("prijs per eenheid", **MONEY)

    class Meta:
        ordering = ["region", "year", "product_code"]
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "product_code"], name="tariff_unique_per_region_year_code"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="tariff_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.product_code}: {self.price}"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Ingediend"
    GRANTED = "granted", "Toegekend"
    PARTLY_GRANTED = "partly_granted", "Gedeeltelijk toegekend"
    REJECTED = "rejected", "Afgewezen"


class BudgetRequest(models.Model):
    """A PxQ request for a one-off budget increase, granted (fully or partly) by TWO."""

    Status = RequestStatus

    TRANSITIONS = {
        Status.SUBMITTED: {Status.GRANTED, Status.PARTLY_GRANTED, Status.REJECTED},
        Status.GRANTED: set(),
        Status.PARTLY_GRANTED: set(),
        Status.REJECTED: set(),
    }

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="budget_requests", verbose_name="aanbieder"
    )
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="budget_requests", verbose_name="fonds"
    )
    year = models.PositiveSmallIntegerField("jaar")
    motivation = models.TextField(
        "toelichting", help_text="Wachtlijst, opnamestop en wat u al deed om af te schalen."
    )
    # seed 002 §2.2 rule 6: the provider states how it contributed to scaling down, referring back and
    # shortening trajectories, and shows that its waiting list comes from higher demand
    scaling_down = models.TextField("bijdrage aan afschaling", default="")
    referring_back = models.TextField("bijdrage aan terugverwijzing", default="")
    shortening = models.TextField("bijdrage aan verkorting van trajecten", default="")
    demand_evidence = models.TextField(
        "aangetoond dat de wachtlijst uit verhoogde vraag komt", default=""
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("ingediend op", auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "PxQ-aanvraag"
        verbose_name_plural = "PxQ-aanvragen"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="budget_request_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(scaling_down="")
                & ~Q(referring_back="")
                & ~Q(shortening="")
                & ~Q(demand_evidence=""),
                name="budget_request_states_rule_6",
            ),
        ]

    def __str__(self) -> str:
        return f"PxQ-aanvraag {self.pk} {self.provider} {self.year}"

    @property
    def requested_total(self) -> Decimal:
        """P x Q summed over the lines, to the cent (prefetch `lines` for a list of requests)."""
        return sum((line.amount.amount for line in self.lines.all()), start=Decimal(0))

    @property
    def granted_total(self) -> Decimal | None:
        """What TWO granted, summed; None while the request waits for a decision."""
        if self.status == RequestStatus.SUBMITTED:
            return None
        return sum((line.granted_amount.amount for line in self.lines.all()), start=Decimal(0))


class BudgetRequestLine(models.Model):
    """Q units of one product at price P (copied from the tariff list, never typed in)."""

    request = models.ForeignKey(BudgetRequest, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="request_lines", verbose_name="product"
    )
    tariff = models.ForeignKey(Tariff, on_delete=models.PROTECT, related_name="request_lines")
    quantity = models.DecimalField("aantal (Q)", **UNITS_KW)
    price = MoneyField("prijs (P)", **MONEY)
    granted_quantity = models.DecimalField("toegekend aantal", null=True, blank=True, **UNITS_KW)

    class Meta:
        ordering = ["product__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "product"], name="request_line_one_per_product"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="request_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(granted_quantity__isnull=True)
                | (Q(granted_quantity__gte=0) & Q(granted_quantity__lte=F("quantity"))),
                name="request_line_granted_within_requested",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} Q={self.quantity}"

    @property
    def amount(self):
        return self.price * self.quantity

    @property
    def granted_amount(self):
        return self.price * (self.granted_quantity or 0)


class BudgetRequestEvent(WriteOnceModel):
    """A row per status transition of a request (who, when, from, to, note)."""

    request = models.ForeignKey(BudgetRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"

    @property
    def from_label(self) -> str:
        return RequestStatus(self.from_status).label if self.from_status else "nieuw"

    @property
    def to_label(self) -> str:
        return RequestStatus(self.to_status).label


class BudgetTransfer(WriteOnceModel):
    """Budget moved between two products of one provider, with TWO's consent (seed 002 §2.2 3)."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="budget_transfers"
    )
    year = models.PositiveSmallIntegerField("jaar")
    from_product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name="van product"
    )
    to_product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name="naar product"
    )
    amount = MoneyField("bedrag", **MONEY)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consented_at = models.DateTimeField("akkoord op", auto_now_add=True)
    reason = models.TextField("reden")

    class Meta:
        ordering = ["-consented_at"]
        verbose_name = "budgetverschuiving"
        verbose_name_plural = "budgetverschuivingen"
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_product=F("to_product")), name="budget_transfer_two_products"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="budget_transfer_amount_positive"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="budget_transfer_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.from_product_id} -> {self.to_product_id}: {self.amount}"


class BudgetLine(WriteOnceModel):
    """A change of a product's granted budget: a grant, or one side of a transfer.

    The granted budget of a product is the SUM of its lines; a transfer writes -x and +x, so the
    provider's total never changes by moving.
    """

    class Kind(models.TextChoices):
        GRANT = "grant", "Toekenning"
        TRANSFER = "transfer", "Verschuiving"

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="budget_lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="budget_lines")
    year = models.PositiveSmallIntegerField("jaar")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="budget_lines")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = MoneyField("bedrag", **MONEY)
    request_line = models.ForeignKey(
        BudgetRequestLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    transfer = models.ForeignKey(
        BudgetTransfer, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="grant", request_line__isnull=False, transfer__isnull=True, amount__gt=0)
                    | Q(kind="transfer", request_line__isnull=True, transfer__isnull=False)
                ),
                name="budget_line_kind_matches_source",
            ),
            models.UniqueConstraint(
                fields=["request_line"], name="budget_line_one_grant_per_request_line"
            ),
        ]
        indexes = [models.Index(fields=["provider", "year"], name="budget_line_provider_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.product_id}: {self.amount}"


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


class ClientRegistration(models.Model):
    """A client taken in above budget (bovenbegrotelijk) while the forecast is in the 100-105%
    band: the BSN is kept encrypted (allocations.bsn), shown masked and removed at settlement."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="client_registrations"
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="client_registrations"
    )
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="client_registrations")
    year = models.PositiveSmallIntegerField("jaar")
    intake_on = models.DateField("opgenomen op")
    bsn_encrypted = models.TextField(blank=True, editable=False)
    bsn_last3 = models.CharField(max_length=3, blank=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    purged_at = models.DateTimeField("BSN verwijderd op", null=True, blank=True)

    class Meta:
        ordering = ["-intake_on", "pk"]
        verbose_name = "bovenbegrotelijke cliënt"
        verbose_name_plural = "bovenbegrotelijke cliënten"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(purged_at__isnull=True)
                    & ~Q(bsn_encrypted="")
                    & Q(bsn_last3__regex=r"^[0-9]{3}$")
                )
                | (Q(purged_at__isnull=False) & Q(bsn_encrypted="") & Q(bsn_last3="")),
                name="client_registration_bsn_or_purged",
            ),
        ]

    def __str__(self) -> str:
        return f"Cliënt {self.masked_bsn}"

    @property
    def masked_bsn(self) -> str:
        return f"******{self.bsn_last3}" if self.bsn_last3 else "(verwijderd)"


class BsnAccessLog(WriteOnceModel):
    """NEN 7513-style log: every full view, export, change and deletion of a BSN."""

    class Event(models.TextChoices):
        READ = "read", "Inzien"
        EXPORT = "export", "Export"
        CHANGE = "change", "Vastleggen"
        DELETE = "delete", "Verwijderen"

    event = models.CharField("gebeurtenis", max_length=10, choices=Event.choices)
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="gebruiker",
    )
    on_behalf_of = models.CharField("namens", max_length=200)
    registration = models.ForeignKey(
        ClientRegistration,
        on_delete=models.PROTECT,
        related_name="access_log",
        verbose_name="cliëntregistratie",
    )
    reason = models.TextField("reden")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "BSN-toegangslog"
        verbose_name_plural = "BSN-toegangslog"
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="bsn_access_log_has_reason"),
            models.CheckConstraint(
                condition=Q(event__in=["read", "export", "change", "delete"]),
                name="bsn_access_log_event_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.at} {self.user_id}"
