"""The process of the supra-regional expertise network BREN (seed 004 §6.4), as records: the
yearly red-threads analysis, the themes it prioritises, a building team per theme, the assessments
of the teams' plans, and the yearly development agenda. (The ambassadors' meetings and advice are
in proposals; vacatiegeld payments in accounting, which books them.)"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from djmoney.models.fields import MoneyField

from core.models import Region, WriteOnceModel
from fund.models import MONEY, Fund
from proposals.models import Proposal


class RedThreadsAnalysis(models.Model):
    """seed 004 §6.4 step 1: yearly, by the (chairs of the) regional expert teams and the regions."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="red_threads_analyses")
    year = models.PositiveSmallIntegerField("jaar")
    made_on = models.DateField("vastgesteld op")
    made_by = models.CharField("opgesteld door", max_length=255)
    findings = models.TextField("rode draden")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["fund", "year"]
        verbose_name = "rode-dradenanalyse"
        verbose_name_plural = "rode-dradenanalyses"
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="red_threads_one_per_year"),
            models.CheckConstraint(condition=~Q(findings=""), name="red_threads_has_findings"),
        ]

    def __str__(self) -> str:
        return f"Rode-dradenanalyse {self.year}"


class Theme(models.Model):
    """seed 004 §6.4 step 2: a prioritised supra-regional theme, chosen by the expert teams and the AO."""

    analysis = models.ForeignKey(
        RedThreadsAnalysis, on_delete=models.PROTECT, related_name="themes"
    )
    priority = models.PositiveSmallIntegerField("prioriteit")
    title = models.CharField("thema", max_length=255)
    question = models.TextField("de vraag van de jeugdige", blank=True)
    chosen_by = models.CharField("gekozen door", max_length=255)

    class Meta:
        ordering = ["analysis", "priority"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        constraints = [
            models.UniqueConstraint(fields=["analysis", "priority"], name="theme_unique_priority"),
            models.CheckConstraint(condition=~Q(chosen_by=""), name="theme_chosen_by_given"),
        ]

    def __str__(self) -> str:
        return f"Thema {self.priority}: {self.title}"


class BuildingTeam(models.Model):
    """seed 004 §6.4 step 3: the square of jeugdhulpregio, expert team, client perspective and
    research works a theme out, with a kartrekker in touch with Rotterdam and an indicative budget."""

    theme = models.OneToOneField(Theme, on_delete=models.PROTECT, related_name="building_team")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name="jeugdhulpregio"
    )
    expert_team = models.CharField("expertteam", max_length=255)
    client_perspective = models.CharField("cliëntperspectief", max_length=255)
    research = models.CharField("onderzoek/wetenschap", max_length=255)
    kartrekker = models.CharField("kartrekker", max_length=255)
    indicative_budget = MoneyField("richtinggevend budget", **MONEY)
    plan = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bestedingsverzoek",
    )
    plan_summary = models.TextField("plan", blank=True)
    formed_on = models.DateField("gevormd op")

    class Meta:
        ordering = ["theme"]
        verbose_name = "bouwteam"
        verbose_name_plural = "bouwteams"
        constraints = [
            models.CheckConstraint(
                condition=~Q(expert_team="")
                & ~Q(client_perspective="")
                & ~Q(research="")
                & ~Q(kartrekker=""),
                name="building_team_square_and_kartrekker",
            ),
            models.CheckConstraint(
                condition=Q(indicative_budget__gt=0), name="building_team_budget_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Bouwteam {self.theme.title}"


class PlanAssessment(WriteOnceModel):
    """seed 004 §6.4 step 5: a building team's plans are assessed by AO members and expert-team
    chairs; the assessment is complete only when both kinds have given their verdict."""

    class Capacity(models.TextChoices):
        AO_MEMBER = "ao_member", "Lid AO"
        EXPERT_CHAIR = "expert_chair", "Voorzitter expertteam"

    class Verdict(models.TextChoices):
        APPROVED = "approved", "Goedgekeurd"
        NOT_APPROVED = "not_approved", "Niet goedgekeurd"

    building_team = models.ForeignKey(
        BuildingTeam, on_delete=models.PROTECT, related_name="assessments"
    )
    assessor_name = models.CharField("beoordelaar", max_length=200)
    capacity = models.CharField("hoedanigheid", max_length=20, choices=Capacity.choices)
    verdict = models.CharField("oordeel", max_length=20, choices=Verdict.choices)
    motivation = models.TextField("motivering")
    assessed_on = models.DateField("beoordeeld op")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["building_team", "assessed_on", "pk"]
        verbose_name = "beoordeling plan bouwteam"
        verbose_name_plural = "beoordelingen plannen bouwteams"
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__in=["ao_member", "expert_chair"]),
                name="plan_assessment_capacity_valid",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=["approved", "not_approved"]),
                name="plan_assessment_verdict_valid",
            ),
            models.CheckConstraint(
                condition=~Q(motivation="") & ~Q(assessor_name=""), name="plan_assessment_motivated"
            ),
            models.UniqueConstraint(
                fields=["building_team", "assessor_name"], name="plan_assessment_once_per_assessor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor_name}: {self.get_verdict_display()}"


class DevelopmentAgenda(models.Model):
    """seed 004 §6.4 step 7: yearly, the AO's development agenda: which themes, which building
    teams, which budget (the teams' indicative budgets)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="development_agendas")
    year = models.PositiveSmallIntegerField("jaar")
    adopted_on = models.DateField("vastgesteld door het AO op")
    themes = models.ManyToManyField(Theme, related_name="agendas", verbose_name="thema's")
    national_developments = models.TextField("landelijke ontwikkelingen", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["fund", "year"]
        verbose_name = "ontwikkelagenda"
        verbose_name_plural = "ontwikkelagenda's"
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="development_agenda_one_per_year")
        ]

    def __str__(self) -> str:
        return f"Ontwikkelagenda {self.year}"
