"""Meetings (AO, PHO Maatschappij) with their agendas, the weighted votes and the decisions; the fund overview kept with a meeting."""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.models import Municipality, WriteOnceModel
from core.templatetags.nl import format_date
from fund.models import Fund, VoteBasis
from proposals import voting
from proposals.models.proposal import Proposal


class Meeting(models.Model):
    class Kind(models.TextChoices):
        AO_JEUGD = "ao_jeugd", "AO Jeugd"
        PHO_MAATSCHAPPIJ = "pho_maatschappij", "PHO Maatschappij"

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="meetings", verbose_name="fonds"
    )
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    date = models.DateField("datum")
    title = models.CharField("titel", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["ao_jeugd", "pho_maatschappij"]), name="meeting_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.date)}"


class FundOverviewSnapshot(WriteOnceModel):
    """The fund overview that goes with a meeting's agenda, made at that moment and kept unchanged."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="overview")
    data = models.JSONField()
    # the page's tables as they were rendered when the overview was made (a national overview has
    # thousands of cells: the page shows what was kept instead of rebuilding it at every view).
    # NULL for overviews kept before; nullable so that SQLite adds the column in place and keeps
    # the table's write-once trigger (a NOT NULL column would make it rebuild the table)
    html = models.TextField(null=True, blank=True)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "fondsoverzicht"
        verbose_name_plural = "fondsoverzichten"

    def __str__(self) -> str:
        return f"Fondsoverzicht {self.meeting_id}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("volgorde", default=1)
    vote_year = models.PositiveSmallIntegerField("jaar van de stemgewichten", null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal"], name="agenda_item_proposal_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.proposal.reference}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Vote(models.Model):
    """The current vote of one municipality on one agenda item; changes are kept in VoteRecord."""

    class Choice(models.TextChoices):
        YES = "yes", "Voor"
        NO = "no", "Tegen"
        ABSTAIN = "abstain", "Onthouding"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("stem", max_length=10, choices=Choice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # seed 002 §3.2: one vote per municipality
            models.UniqueConstraint(
                fields=["agenda_item", "municipality"], name="vote_one_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["yes", "no", "abstain"]), name="vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.choice}"


class VoteRecord(WriteOnceModel):
    """Every vote and every change of a vote, never updated or deleted."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="vote_records"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Vote.Choice.choices)
    previous_choice = models.CharField(max_length=10, choices=Vote.Choice.choices, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "uitgebrachte stem"
        verbose_name_plural = "uitgebrachte stemmen"

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.previous_choice} -> {self.choice}"


class Decision(WriteOnceModel):
    """How a proposal was decided: by the PHO vote, or (SPUK) by the coordinating municipality."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", "Aangenomen"
        REJECTED = "rejected", "Afgewezen"

    class Rule(models.TextChoices):
        CONSENSUS = "consensus", "Consensus"
        TWO_THIRDS = "two_thirds", "Tweederdemeerderheid"
        NO_MAJORITY = "rejected", "Geen tweederdemeerderheid"
        COORDINATOR = "coordinator", "Besluit coördinerende gemeente"

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    rule = models.CharField(max_length=20, choices=Rule.choices)
    # the yes share of the basis (proposals.voting.Tally.yes_share)
    yes_weight_numerator = models.BigIntegerField(null=True, blank=True)
    yes_weight_denominator = models.BigIntegerField(null=True, blank=True)
    # the basis the vote was counted on, as the fund said then, and its figures (a PHO vote only);
    # all nullable so that SQLite adds the columns in place (see FundOverviewSnapshot.html)
    basis = models.CharField(
        "grondslag", max_length=20, choices=VoteBasis.choices, blank=True, default=""
    )
    quorum_numerator = models.BigIntegerField(null=True, blank=True)
    quorum_denominator = models.BigIntegerField(null=True, blank=True)
    members = models.PositiveIntegerField("leden", null=True, blank=True)
    voters = models.PositiveIntegerField("gestemd", null=True, blank=True)
    turnout_numerator = models.BigIntegerField(null=True, blank=True)
    turnout_denominator = models.BigIntegerField(null=True, blank=True)
    # the day the PHO advised (the meeting date), or the day the coordinator decided
    decision_date = models.DateField("datum besluit", null=True, blank=True)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(outcome="adopted", rule__in=["consensus", "two_thirds", "coordinator"])
                    | Q(outcome="rejected", rule__in=["rejected", "coordinator"])
                ),
                name="decision_rule_matches_outcome",
            ),
            models.CheckConstraint(
                condition=Q(basis__in=["", "all_members"])
                | Q(basis="cast", quorum_numerator__isnull=False, quorum_denominator__gt=0),
                name="decision_cast_basis_has_quorum",
            ),
            models.CheckConstraint(
                condition=Q(voters__isnull=True) | Q(members__gte=F("voters")),
                name="decision_voters_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_rule_display()})"

    @property
    def date(self):
        """The date of the decision: the meeting's (PHO) or the coordinator's day."""
        return self.decision_date or timezone.localdate(self.decided_at)

    @property
    def yes_share(self) -> Fraction | None:
        if self.yes_weight_denominator:
            return Fraction(self.yes_weight_numerator, self.yes_weight_denominator)
        return None

    @property
    def quorum(self) -> Fraction | None:
        if self.quorum_denominator:
            return Fraction(self.quorum_numerator, self.quorum_denominator)
        return None

    @property
    def turnout_share(self) -> Fraction | None:
        if self.turnout_denominator:
            return Fraction(self.turnout_numerator, self.turnout_denominator)
        return None

    @property
    def basis_label(self) -> str:
        return voting.basis_label(self.basis, self.quorum) if self.basis else ""
