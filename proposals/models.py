"""Proposals from intake to decision letter (seed 002 ch. 3, seed 004 ch. 6-7).

Models hold data and invariants only; workflows live in proposals.services.
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from djmoney.models.fields import MoneyField

from core.models import Municipality, Provider, Region, WriteOnceModel
from core.templatetags.nl import format_date
from fund.models import MONEY, Fund, VoteBasis
from proposals import criteria, voting


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Concept"
        SUBMITTED = "submitted", "Ingediend"
        SCREENED = "screened", "Getoetst"
        ON_AGENDA = "on_agenda", "Geagendeerd"
        ADOPTED = "adopted", "Aangenomen"
        REJECTED = "rejected", "Afgewezen"
        AWARDED = "awarded", "Toegekend"
        RUNNING = "running", "In uitvoering"
        COMPLETED = "completed", "Afgerond"
        WITHDRAWN = "withdrawn", "Ingetrokken"

    # a proposal is a project once adopted (the fund overview's projects; a green badge)
    PROJECT_STATUSES = frozenset({Status.ADOPTED, Status.AWARDED, Status.RUNNING, Status.COMPLETED})
    # refused or taken back: it ends here (a red badge)
    ENDED_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN})

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="proposals", verbose_name="fonds"
    )
    reference = models.CharField("nummer", max_length=30, unique=True)
    title = models.CharField("titel", max_length=200)
    summary = models.TextField("samenvatting")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    applicants = models.ManyToManyField(
        Provider, related_name="proposals", blank=True, verbose_name="aanvragers"
    )
    filing_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filed_proposals",
        verbose_name="indienende jeugdhulpregio",
        help_text="Verplicht voor de SPUK: een bestedingsverzoek wordt ingediend door een jeugdhulpregio.",
    )
    work_regions = models.ManyToManyField(
        Region,
        related_name="+",
        blank=True,
        verbose_name="andere regio's waar het werk loopt",
        help_text="SPUK: voor elke andere regio is aantoonbare instemming van die regio nodig.",
    )
    contact = models.CharField("contactpersoon", max_length=200)
    # seed 002 §3.3: never a disguised way to finance waiting lists
    no_waiting_list_declaration = models.BooleanField(
        "verklaring: het geld financiert geen wachtlijsten", default=False
    )
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "voorstel"
        verbose_name_plural = "voorstellen"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "screened",
                        "on_agenda",
                        "adopted",
                        "rejected",
                        "awarded",
                        "running",
                        "completed",
                        "withdrawn",
                    ]
                ),
                name="proposal_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["fund", "status"], name="proposal_fund_status"),
            # the proposal list is newest first, per fund or over all funds, and paginated
            models.Index(fields=["fund", "-created_at", "-id"], name="proposal_fund_newest"),
            models.Index(fields=["-created_at", "-id"], name="proposal_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_spuk(self) -> bool:
        return self.fund.kind == Fund.Kind.SPUK


class MatrixCell(models.Model):
    """One cell of the 3x3 matrix a proposal covers (seed 002 §3.3)."""

    class Row(models.IntegerChoices):
        YOUTH = 1, "Jeugd- en opvoedhulp / gedragsproblematiek"
        MENTAL = 2, "GGZ / psychiatrie"
        LVB = 3, "LVG/VB / licht verstandelijke beperking"

    class Column(models.IntegerChoices):
        AMBULANT = 1, "Ambulant"
        RESIDENTIAL = 2, "Residentieel"
        SAFETY = 3, "Veiligheid"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cells")
    row = models.PositiveSmallIntegerField("rij", choices=Row.choices)
    column = models.PositiveSmallIntegerField("kolom", choices=Column.choices)

    class Meta:
        ordering = ["row", "column"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "row", "column"], name="matrix_cell_unique"
            ),
            models.CheckConstraint(
                condition=Q(row__gte=1, row__lte=3), name="matrix_cell_row_range"
            ),
            models.CheckConstraint(
                condition=Q(column__gte=1, column__lte=3), name="matrix_cell_column_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_row_display()} x {self.get_column_display()}"


class RequestedAmount(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="requested_amounts"
    )
    year = models.PositiveSmallIntegerField("jaar")
    amount = MoneyField("gevraagd bedrag", **MONEY)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "year"], name="requested_amount_one_per_year"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="requested_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Goal(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField("doel")

    class Meta:
        ordering = ["pk"]
        verbose_name = "doel"
        verbose_name_plural = "doelen"

    def __str__(self) -> str:
        return self.description


class PerformanceIndicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField("prestatie-indicator", max_length=255)
    target_value = models.DecimalField("streefwaarde", max_digits=14, decimal_places=2)
    unit = models.CharField("eenheid", max_length=40)
    target_date = models.DateField("datum")

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = "prestatie-indicator"
        verbose_name_plural = "prestatie-indicatoren"

    def __str__(self) -> str:
        return self.indicator


def attachment_path(instance, filename: str) -> str:
    return f"proposals/{instance.proposal_id}/{instance.sha256}{instance.extension}"


class Attachment(models.Model):
    """A project plan or annex: PDF, DOCX or XLSX only, served only to who may see the proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField("bestandsnaam", max_length=255)
    extension = models.CharField(max_length=5)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("grootte")
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension__in=[".pdf", ".docx", ".xlsx"]),
                name="attachment_extension_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class Transition(WriteOnceModel):
    """A row per status change: who, when, from, to, note."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    to_status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")), name="transition_changes_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


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


class AmbassadorMeeting(models.Model):
    """seed 004 §5.3, H10: the bestuurlijk ambassadeurs (aldermen of the regions, no mandate) meet
    every three to six months, first on 16-7-2021. Their advice is given at one of these meetings."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ambassador_meetings")
    date = models.DateField("datum")
    attendees = models.CharField("aanwezige ambassadeurs", max_length=400)
    summary = models.TextField("verslag", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fund", "date"]
        verbose_name = "bijeenkomst bestuurlijk ambassadeurs"
        verbose_name_plural = "bijeenkomsten bestuurlijk ambassadeurs"
        constraints = [
            models.UniqueConstraint(fields=["fund", "date"], name="ambassador_meeting_one_per_day"),
            models.CheckConstraint(
                condition=~Q(attendees=""), name="ambassador_meeting_has_attendees"
            ),
        ]

    def __str__(self) -> str:
        return f"Bijeenkomst bestuurlijk ambassadeurs {self.date:%-d-%-m-%Y}"


class AmbassadorAdvice(WriteOnceModel):
    """SPUK: the bestuurlijk ambassadeurs advise, then Rotterdam decides (seed 004 §6.4). The
    advice is given at one of their meetings (AmbassadorMeeting)."""

    class Advice(models.TextChoices):
        POSITIVE = "positive", "Positief"
        NEGATIVE = "negative", "Negatief"

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="ambassador_advice"
    )
    advice = models.CharField("advies", max_length=10, choices=Advice.choices)
    text = models.TextField("toelichting")
    ambassadors = models.CharField("bestuurlijk ambassadeurs", max_length=255)
    # null only for advice recorded before meetings were kept (none in the demo); the service requires it
    meeting = models.ForeignKey(
        AmbassadorMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
        verbose_name="bijeenkomst",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.get_advice_display()


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
