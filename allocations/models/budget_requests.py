"""PxQ budget requests, their lines and events, transfers between products, and the budgets granted
from them (seed 002 §2.2 rules 2-6).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from djmoney.models.fields import MoneyField

from allocations.models.products import UNITS_KW, Product, Tariff
from core.models import Provider, WriteOnceModel
from fund.models import MONEY, Fund


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
