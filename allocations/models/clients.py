"""The BSNs of clients taken in above budget, encrypted, and the log of every access to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from allocations.models.products import Product
from core.models import Provider, WriteOnceModel
from fund.models import Fund


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
