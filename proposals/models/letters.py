"""Awards and the letters that announce a decision: the beschikking and the afwijzing, stored as issued."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from djmoney.models.fields import MoneyField

from core.models import WriteOnceModel
from fund.models import MONEY
from proposals.models.meetings import Decision
from proposals.models.proposal import Goal, Proposal


class Award(WriteOnceModel):
    """A toekenning: one amount for one year, tied to goals and indicators by a decision letter."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="awards")
    number = models.CharField("beschikkingsnummer", max_length=30, unique=True)
    year = models.PositiveSmallIntegerField("jaar")
    amount = MoneyField("bedrag", **MONEY)
    period_start = models.DateField("periode van")
    period_end = models.DateField("periode tot en met")
    goals = models.ManyToManyField(Goal, related_name="awards", blank=True, verbose_name="doelen")
    conditions = models.TextField("voorwaarden", blank=True)
    # the payment schedule of the letter: an advance of this share after the decision, the rest
    # after the report is accepted. NULL for awards made before the letter said so.
    advance_percent = models.PositiveSmallIntegerField("voorschot (%)", null=True, blank=True)
    report_due = models.DateField("uiterste datum verantwoording", null=True, blank=True)
    awarded_at = models.DateTimeField("toegekend op", auto_now_add=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        verbose_name = "toekenning"
        verbose_name_plural = "toekenningen"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="award_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(advance_percent__isnull=True) | Q(advance_percent__lte=100),
                name="award_advance_at_most_all",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class IssuedLetter(WriteOnceModel):
    """What every letter has as issued: its version (a correction is a new letter that refers to the
    one it corrects, with the reason), the addressee and signatory, and the PDF bytes with their hash,
    stored once and never changed. The version rule is a constraint of each concrete letter."""

    version = models.PositiveSmallIntegerField(default=1)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)
    addressee = models.CharField("geadresseerde", max_length=255)
    signatory = models.CharField("ondertekenaar", max_length=255)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        abstract = True

    @staticmethod
    def version_constraints(parent: str, name: str) -> list:
        """One letter per version of its parent; version 1 corrects nothing, a later one corrects."""
        return [
            models.UniqueConstraint(fields=[parent, "version"], name=f"{name}_version_unique"),
            models.CheckConstraint(
                condition=Q(version=1, corrects__isnull=True)
                | Q(version__gt=1, corrects__isnull=False),
                name=f"{name}_correction_refers",
            ),
        ]


class DecisionLetter(IssuedLetter):
    """A beschikking as issued: the PDF bytes are stored and never change; a correction is a new letter."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="letters")

    class Meta:
        ordering = ["award", "version"]
        verbose_name = "beschikking"
        verbose_name_plural = "beschikkingen"
        constraints = [
            *IssuedLetter.version_constraints("award", "decision_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.award.number} v{self.version}"


class RejectionLetter(IssuedLetter):
    """An afwijzing: the beschikking that refuses a proposal, with the reason and the objection
    clause (Awb 3:45, 6:7). Stored as issued, like DecisionLetter; a correction is a new letter."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="rejection_letters"
    )
    reason = models.TextField("reden van de afwijzing")

    class Meta:
        ordering = ["decision", "version"]
        verbose_name = "afwijzingsbeschikking"
        verbose_name_plural = "afwijzingsbeschikkingen"
        constraints = [
            *IssuedLetter.version_constraints("decision", "rejection_letter"),
            models.CheckConstraint(condition=~Q(reason=""), name="rejection_letter_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Afwijzing {self.decision.proposal_id} v{self.version}"
