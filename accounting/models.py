"""The fund's books: a double-entry journal, settlements, the SPUK budget division, region
reports, yearly evaluation results and report snapshots (seed 002 §3.2, seed 004 ch. 6-7).

Journal entries and their lines are written once and never changed: a mistake is corrected by
a reversing entry. Balances are SUMs over the lines, never stored.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from djmoney.models.fields import MoneyField

from core.models import Municipality, Region, WriteOnceModel
from fund.models import MONEY, Fund


class ImmutableModel(WriteOnceModel):
    """A journal row: never changed or deleted; a mistake is corrected by a reversing entry."""

    write_once_message = "Boekingen worden nooit gewijzigd of verwijderd; boek een tegenboeking."

    class Meta:
        abstract = True


class Account(models.Model):
    """The chart of accounts, shared by all funds (the fund is a dimension of every entry)."""

    class Code(models.TextChoices):
        BANK = "bank", "Liquide middelen"
        RECEIVABLE = "receivable", "Te ontvangen bijdragen"
        INCOME = "income", "Bijdragen en uitkeringen"
        COMMITMENTS = "commitments", "Aangegane verplichtingen projecten"
        PROJECT_COSTS = "project_costs", "Projectlasten"
        DIRECT_COSTS = "direct_costs", "Proces- en coördinatiekosten"

    class Kind(models.TextChoices):
        ASSET = "asset", "Activa"
        LIABILITY = "liability", "Passiva"
        INCOME = "income", "Baten"
        EXPENSE = "expense", "Lasten"

    code = models.CharField("code", max_length=20, choices=Code.choices, unique=True)
    name = models.CharField("naam", max_length=120)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = "grootboekrekening"
        verbose_name_plural = "grootboekrekeningen"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["asset", "liability", "income", "expense"]),
                name="account_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    CONTRIBUTION_CHARGED = "contribution_charged", "Bijdrage in rekening gebracht"
    CONTRIBUTION_RECEIVED = "contribution_received", "Bijdrage ontvangen"
    BUDGET_EXCHANGE = "budget_exchange", "Budgetuitwisseling tussen jaren"
    AWARD_COMMITTED = "award_committed", "Toekenning verplicht"
    COMMITMENT_RELEASED = "commitment_released", "Verplichting vrijgevallen"
    PAYMENT_ADVANCE = "payment_advance", "Voorschot aan project"
    PAYMENT_FINAL = "payment_final", "Eindbetaling aan project"
    REFUND = "refund", "Terugbetaling door project"
    DIRECT_EXPENSE = "direct_expense", "Proces-/coördinatiekosten"
    SETTLEMENT = "settlement", "Afrekening met gemeenten"


PAYMENT_KINDS = (EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL)


class JournalEntry(ImmutableModel):
    """One booking. Its lines sum to zero. A reversal has the same kind and points at the original."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="journal_entries")
    kind = models.CharField("soort", max_length=30, choices=EntryKind.choices)
    booked_on = models.DateField("boekdatum")
    description = models.CharField("omschrijving", max_length=255)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name="tegenboeking van",
    )
    created_at = models.DateTimeField("geboekt op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["booked_on", "pk"]
        verbose_name = "journaalpost"
        verbose_name_plural = "journaalposten"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="journal_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reverses=F("pk")),
                name="journal_entry_not_self_reversal",
            ),
        ]
        indexes = [models.Index(fields=["fund", "kind"], name="journal_entry_fund_kind")]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.get_kind_display()}: {self.description}"


class JournalLine(ImmutableModel):
    """Debit is positive, credit negative. `year` is the budget year of the fund the line belongs to."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    amount = MoneyField("bedrag", **MONEY)
    year = models.PositiveSmallIntegerField("begrotingsjaar")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    award = models.ForeignKey(
        "proposals.Award",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_lines",
    )
    budget_line = models.ForeignKey(
        "accounting.SpukBudgetLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_lines",
    )
    # a provider's PxQ budget granted by TWO (seed 002 §2.2): committed like an award, named by its request
    budget_request = models.ForeignKey(
        "allocations.BudgetRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_lines",
        verbose_name="PxQ-aanvraag",
    )

    class Meta:
        ordering = ["entry_id", "pk"]
        verbose_name = "journaalregel"
        verbose_name_plural = "journaalregels"
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="journal_line_not_zero"),
            models.CheckConstraint(condition=Q(amount_currency="EUR"), name="journal_line_in_euro"),
        ]
        indexes = [
            models.Index(fields=["account", "year"], name="journal_line_account_year"),
            models.Index(fields=["award", "account"], name="journal_line_award_account"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount}"


class SettlementGroup(models.Model):
    """Which municipalities settle which budget years, and from when (seed 002 §3.2.6-3.2.7)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="settlement_groups")
    name = models.CharField("naam", max_length=160)
    settle_after = models.DateField("af te rekenen na")
    note = models.CharField("toelichting", max_length=255, blank=True)

    class Meta:
        ordering = ["fund", "settle_after", "name"]
        verbose_name = "afrekengroep"
        verbose_name_plural = "afrekengroepen"
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="settlement_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SettlementGroupMember(models.Model):
    group = models.ForeignKey(SettlementGroup, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    from_year = models.PositiveSmallIntegerField("van jaar")
    to_year = models.PositiveSmallIntegerField("tot en met jaar")

    class Meta:
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "municipality"], name="settlement_member_once_per_group"
            ),
            models.CheckConstraint(
                condition=Q(to_year__gte=F("from_year")), name="settlement_member_years_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.from_year}-{self.to_year}"


class Settlement(WriteOnceModel):
    """A confirmed settlement: booked and final. Drafts are computed, never stored."""

    write_once_message = "Een vastgestelde afrekening is definitief."

    group = models.OneToOneField(
        SettlementGroup, on_delete=models.PROTECT, related_name="settlement"
    )
    entry = models.OneToOneField(
        JournalEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settlement",
        help_text="Leeg alleen als er niets terug te betalen was.",
    )
    confirmed_at = models.DateTimeField("vastgesteld op", auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    total = MoneyField("terug te betalen", **MONEY)

    class Meta:
        verbose_name = "afrekening"
        verbose_name_plural = "afrekeningen"
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="settlement_total_not_negative"),
            models.CheckConstraint(
                condition=Q(total=0) | Q(entry__isnull=False),
                name="settlement_booked_when_money_returns",
            ),
        ]

    def __str__(self) -> str:
        return f"Afrekening {self.group_id}"


class SettlementLine(WriteOnceModel):
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="lines")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("jaar")
    contributed = MoneyField("werkelijke bijdrage", **MONEY)
    unspent_year = MoneyField("niet besteed in het jaar", **MONEY)
    amount = MoneyField("terug", **MONEY)

    class Meta:
        ordering = ["municipality__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "municipality", "year"], name="settlement_line_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="settlement_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}: {self.amount}"


class BudgetPart(models.TextChoices):
    """seed 004 §6.4: the parts the BREN money is divided over."""

    PROCESS_COORDINATION = (
        "1",
        "1. Proceskosten: coördinatie (uren voorzitters expertteams, projectleiding en -ondersteuning)",
    )
    PROCESS_LEADER = "1a", "1a. Proceskosten: projectleider"
    PROCESS_CHAIRS = "1b", "1b. Proceskosten: uren voorzitters expertteams"
    PROCESS_BUILDING_TEAMS = "1c", "1c. Proceskosten: uren deelnemers bouwteams"
    PROCESS_EXPERTS = "1d", "1d. Proceskosten: uren experts (vacatiegeld)"
    PROCESS_COMMUNICATION = "1e", "1e. Proceskosten: communicatie"
    THEME = "2", "2. Thema's"
    THEME_UNFORESEEN = "2o", "2. Thema's: onvoorzien (10%, niet toebedeeld)"
    LEARNING = "3", "3. Leren en ontwikkelen"
    UNFORESEEN = "4", "4. Onvoorzien (10%)"


class SpukBudgetDivision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Concept"
        ADOPTED = "adopted", "Vastgesteld"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="spuk_divisions")
    year = models.PositiveSmallIntegerField("jaar")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    deviation_note = models.TextField(
        "toelichting op afwijking van de 10%-regels",
        blank=True,
    )
    adopted_at = models.DateTimeField("vastgesteld op", null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["fund", "year"]
        verbose_name = "SPUK-begrotingsverdeling"
        verbose_name_plural = "SPUK-begrotingsverdelingen"
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="spuk_division_one_per_year"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "adopted"]), name="spuk_division_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_at__isnull=False, adopted_by__isnull=False),
                name="spuk_division_adopted_has_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"Begrotingsverdeling {self.fund} {self.year}"


class SpukBudgetLine(models.Model):
    division = models.ForeignKey(SpukBudgetDivision, on_delete=models.CASCADE, related_name="lines")
    part = models.CharField("onderdeel", max_length=3, choices=BudgetPart.choices)
    label = models.CharField("omschrijving", max_length=255)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="jeugdhulpregio",
        related_name="+",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spuk_budget_lines",
        verbose_name="project",
    )
    amount = MoneyField("budget", **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["division", "position", "pk"]
        verbose_name = "SPUK-begrotingsregel"
        verbose_name_plural = "SPUK-begrotingsregels"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="spuk_line_not_negative"),
            models.CheckConstraint(
                condition=Q(part__in=BudgetPart.values), name="spuk_line_part_valid"
            ),
            models.UniqueConstraint(fields=["division", "label"], name="spuk_line_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label


class SpukExplanation(models.Model):
    """SiSa: the coordinator explains a line whose spending deviates more than 10% from budget."""

    line = models.ForeignKey(SpukBudgetLine, on_delete=models.CASCADE, related_name="explanations")
    year = models.PositiveSmallIntegerField("verantwoordingsjaar")
    text = models.TextField("toelichting")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="spuk_explanation_once_a_year"),
            models.CheckConstraint(condition=~Q(text=""), name="spuk_explanation_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Toelichting {self.line_id} {self.year}"


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


class ReportJob(models.Model):
    """A report made in the background (django-q2); the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "In de wachtrij"
        RUNNING = "running", "Bezig"
        DONE = "done", "Klaar"
        FAILED = "failed", "Mislukt"

    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    result = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker picked it up

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_job_progress_max_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="report_job_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status}"

    def not_started(self, now: dt.datetime | None = None) -> bool:
        """Still queued JOB_START_WAIT after it was asked for: no worker picked it up (issue 12, hole 8)."""
        return (
            self.status == self.Status.QUEUED
            and (now or timezone.now()) - self.created_at > JOB_START_WAIT
        )

    def stalled(self, now: dt.datetime | None = None) -> bool:
        """Running longer than a worker lets a task run: the worker stopped it or died with it."""
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and (now or timezone.now()) - self.started_at > job_run_limit()
        )

    def notice(self, now: dt.datetime | None = None) -> str:
        """What the page says when the job will not finish by itself, or ''."""
        if self.not_started(now):
            return JOB_NOT_STARTED_MESSAGE
        if self.stalled(now):
            return JOB_STALLED_MESSAGE
        return ""


# issue 12, hole 8: a job waits, and its page polls, for a bounded time; a user has few jobs waiting
JOB_START_WAIT = dt.timedelta(minutes=2)
JOB_POLL_SECONDS = 600  # static/js/job.js: the page stops asking after this many seconds
MAX_WAITING_JOBS = (
    3  # per user: queued or running reports; another waits until one of these is done
)
JOB_NOT_STARTED_MESSAGE = (
    "Dit rapport is na twee minuten nog niet gestart: de achtergrondverwerking draait nu niet. "
    "De pagina wacht niet langer. Probeer het later opnieuw, of vraag de beheerder de achtergrondverwerking "
    "(manage.py qcluster) te starten; het rapport wordt dan alsnog gemaakt en u vindt het via deze pagina."
)
JOB_STALLED_MESSAGE = (
    "Het maken van dit rapport is gestopt voordat het klaar was. De pagina wacht niet langer. "
    "Vraag het rapport opnieuw aan; lukt het weer niet, meld het dan aan de beheerder."
)


def job_run_limit() -> dt.timedelta:
    """How long a worker lets one task run (Q_CLUSTER timeout), plus a minute for saving."""
    return dt.timedelta(seconds=settings.Q_CLUSTER.get("timeout") or 600) + dt.timedelta(minutes=1)


class VacationFee(WriteOnceModel):
    """seed 004 §6.4 step 6 and part 1d: an expert's hours at a meeting, paid at a rate
    (vacatiegeld) from the year's line 1d of the division, and booked in the journal."""

    write_once_message = (
        "Een betaald vacatiegeld is geboekt en wordt nooit gewijzigd; boek een tegenboeking."
    )

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="vacation_fees")
    year = models.PositiveSmallIntegerField("begrotingsjaar")
    expert = models.CharField("expert", max_length=200)
    meeting = models.CharField("bijeenkomst", max_length=255)
    meeting_date = models.DateField("datum bijeenkomst")
    building_team = models.ForeignKey(
        "bren.BuildingTeam",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacation_fees",
        verbose_name="bouwteam",
    )
    hours = models.DecimalField("uren", max_digits=6, decimal_places=2)
    rate = MoneyField("tarief per uur", **MONEY)
    amount = MoneyField("bedrag", **MONEY)
    budget_line = models.ForeignKey(
        SpukBudgetLine, on_delete=models.PROTECT, related_name="vacation_fees"
    )
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, related_name="vacation_fee"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_date", "pk"]
        verbose_name = "vacatiegeld"
        verbose_name_plural = "vacatiegelden"
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="vacation_fee_hours_positive"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="vacation_fee_rate_positive"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="vacation_fee_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Vacatiegeld {self.expert} {self.meeting_date}"
