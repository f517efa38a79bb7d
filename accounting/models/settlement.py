"""Settlement at the end of a fund's term: groups of municipalities, the settlement and its lines per municipality."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from djmoney.models.fields import MoneyField

from accounting.models.ledger import JournalEntry
from core.models import Municipality, WriteOnceModel
from fund.models import MONEY, Fund


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
