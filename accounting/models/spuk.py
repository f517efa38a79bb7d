"""The SPUK: the yearly division over the budget parts and lines, the explanations for the verantwoording, and vacatiegeld."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from djmoney.models.fields import MoneyField

from accounting.models.ledger import JournalEntry
from core.models import Region, WriteOnceModel
from fund.models import MONEY, Fund


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
