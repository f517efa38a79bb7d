"""Screening a proposal: the criteria's verdicts, the provider's answers to the criteria, and a region's consent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import Region
from proposals import criteria
from proposals.models.proposal import Proposal


class ScreeningItem(models.Model):
    """SPUK screening: content criteria 1-3 and lawfulness conditions 1-4 (seed 004 §6.4)."""

    # the SPUK criteria are defined once, in proposals.criteria; the applicant answers the same list
    Criterion = models.TextChoices(
        "Criterion",
        [(c.key.upper(), (c.key, c.label)) for c in criteria.SPUK_CRITERIA],
        module=__name__,
        qualname="ScreeningItem.Criterion",
    )

    class Verdict(models.TextChoices):
        MET = "met", "Voldoet"
        NOT_MET = "not_met", "Voldoet niet"

    class Capacity(models.TextChoices):
        AO_MEMBER = "ao_member", "Lid AO"
        EXPERT_CHAIR = "expert_chair", "Voorzitter expertteam"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="screening_items")
    criterion = models.CharField("criterium", max_length=20, choices=Criterion.choices)
    verdict = models.CharField("oordeel", max_length=10, choices=Verdict.choices)
    motivation = models.TextField("motivering")
    assessor_name = models.CharField("beoordelaar", max_length=200)
    assessor_capacity = models.CharField("hoedanigheid", max_length=20, choices=Capacity.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="screening_item_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=~Q(motivation=""), name="screening_item_has_motivation"
            ),
            models.CheckConstraint(
                condition=~Q(assessor_name=""), name="screening_item_has_assessor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.get_verdict_display()}"


class CriterionAnswer(models.Model):
    """The applicant's answer to one criterion of its fund (proposals.criteria): seed 002 §3.3 for
    the regional fund, seed 004 §6.4 for the SPUK. A criterion without an answer has no row."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="criterion_answers"
    )
    criterion = models.CharField(
        "criterium", max_length=30, choices=criteria.choices(criteria.ALL_CRITERIA)
    )
    text = models.TextField("antwoord")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "antwoord op een criterium"
        verbose_name_plural = "antwoorden op de criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="criterion_answer_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=[c.key for c in criteria.ALL_CRITERIA]),
                name="criterion_answer_known_criterion",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="criterion_answer_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.criterion}"


class RegionConsent(models.Model):
    """Seed 004 §6.4 lawfulness 1: work in another Zuid-West region needs its shown consent."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="region_consents")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name="regio"
    )
    given_by = models.CharField("instemming gegeven door", max_length=200)
    given_on = models.DateField("datum instemming")
    note = models.TextField("toelichting", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "region"], name="region_consent_one_per_region"
            ),
        ]

    def __str__(self) -> str:
        return f"Instemming {self.region_id}"
