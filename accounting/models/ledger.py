"""The books: accounts, journal entries and their lines, write-once; the database checks that every entry balances."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from djmoney.models.fields import MoneyField

from core.models import Municipality, WriteOnceModel
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
            # partial: most lines (contributions, bookings without an award) have no award or
            # budget request, and SQLite's ANALYZE counts their NULLs as one value, so a full index
            # looks useless to its planner and a booking's checks scanned the whole journal. These
            # hold only the lines that have one, so their statistics are true on both databases.
            models.Index(
                fields=["award", "account"],
                name="journal_line_award_account",
                condition=Q(award__isnull=False),
            ),
            models.Index(
                fields=["budget_request", "account"],
                name="journal_line_grant_account",
                condition=Q(budget_request__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount}"


class FundMeans(models.Model):
    """What a fund received and may still receive, less what it paid out: the running sum of its
    bank and receivable lines. The database keeps it on every inserted journal line (triggers,
    migration 0015), so the rule that a fund never pays out more than its means reads one row,
    however long the journal grows; with what it committed and spent otherwise (migration 0016) the
    check that a new commitment fits in what the fund can still award does too. Nothing else
    writes it."""

    fund = models.OneToOneField(
        Fund, on_delete=models.CASCADE, primary_key=True, related_name="means"
    )
    amount = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    # what the fund can still award (accounting.selectors.ledger.AwardRoom) without summing the
    # journal: commitments minus releases (commitments lines of award_committed and
    # commitment_released entries, negated), and direct costs plus settlements minus refunds (bank
    # lines of those entries, negated). Kept by the same triggers (migration 0016).
    committed = models.DecimalField(max_digits=16, decimal_places=2, default=0, db_default=0)
    spent_otherwise = models.DecimalField(max_digits=16, decimal_places=2, default=0, db_default=0)

    class Meta:
        verbose_name = "middelen van een fonds"
        verbose_name_plural = "middelen van fondsen"

    def __str__(self) -> str:
        return f"{self.fund}: {self.amount}"


def _total(label: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=16, decimal_places=2, default=0, db_default=0)


class FundYearTotals(models.Model):
    """A fund's figures of one budget year as running sums of its journal lines, as the yearly
    figures (accounting.selectors.ledger.YearFigures) count them: each column is the sum of the
    lines of one account and some entry kinds, with the lines' own sign. The database keeps them
    on every inserted journal line (triggers, migration 0019; lines are write-once), so TWO's home
    page and the fund overview read a row per year instead of summing the fund's journal. Nothing
    else writes them."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="year_totals")
    year = models.PositiveSmallIntegerField("begrotingsjaar")
    charged = _total("in rekening gebracht")  # income lines of contribution_charged
    received = _total("ontvangen")  # bank lines of contribution_received
    exchanged = _total("uitgewisseld")  # income lines of budget_exchange
    committed = _total("verplicht")  # commitments lines of award_committed, commitment_released
    paid = _total("betaald")  # bank lines of payment_advance, payment_final
    refunded = _total("terugbetaald")  # bank lines of refund
    direct = _total("directe kosten")  # bank lines of direct_expense
    settled = _total("afgerekend")  # bank lines of settlement

    class Meta:
        verbose_name = "jaarcijfers van een fonds"
        verbose_name_plural = "jaarcijfers van fondsen"
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="fund_year_totals_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}"
