"""The youth-protection norms (seeds 000, 001, 003): counts per area and reference date, the action
plan (uitvoeringsplan) with its traffic lights, and the inspection's assessment per GI.

Counts only: no child is named or numbered anywhere in this app (see the README of the issue note
on how case-level records would be pseudonymised)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from simple_history.models import HistoricalRecords

from core.models import Municipality, Provider, Region, WriteOnceModel

REACTION_MAX = (
    600  # seed 003, the inspection's request to the accounting municipality: "maximaal 600 tekens"
)


class Area(models.Model):
    """Where counts are kept: a youth-care region, or the supra-regional area of several regions
    (Zuid-West = Haaglanden, Midden-Holland, Holland Rijnland, Zuid-Holland Zuid)."""

    class Kind(models.TextChoices):
        REGION = "region", "Jeugdhulpregio"
        SUPRA = "supra", "Bovenregionaal gebied"

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField("soort", max_length=10, choices=Kind.choices)
    region = models.OneToOneField(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_area",
        verbose_name="jeugdhulpregio",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="bovenregionaal gebied",
        limit_choices_to={"kind": "supra"},
    )
    coordinating_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="coördinerende (accounthoudende) gemeente",
    )
    # seed 001 ch. 8: monthly during intensified supervision (six months), quarterly after it
    monitoring_start = models.DateField("monitoring vanaf", null=True, blank=True)
    supervision_start = models.DateField("verscherpt toezicht vanaf", null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["region", "supra"]), name="norm_area_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="region", region__isnull=False)
                | Q(kind="supra", region__isnull=True, parent__isnull=True),
                name="norm_area_region_iff_kind_region",
            ),
            models.CheckConstraint(
                condition=Q(supervision_start__isnull=True) | Q(monitoring_start__isnull=False),
                name="norm_area_supervision_needs_monitoring",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    """A certified institution (gecertificeerde instelling, GI): JB West, WSS, LJ&R, DJGB, JBRA, ..."""

    code = models.CharField("afkorting", max_length=20, unique=True)
    name = models.CharField("naam", max_length=200)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "gecertificeerde instelling"
        verbose_name_plural = "gecertificeerde instellingen"

    def __str__(self) -> str:
        return self.code


class Norm(models.Model):
    """A norm as data with its term (migration 0002 holds the three norms and the related count)."""

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "werkdagen"
        WEEKS = "weeks", "weken"
        MONTHS = "months", "maanden"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=200)
    short_name = models.CharField("korte naam", max_length=60)
    term = models.PositiveSmallIntegerField("termijn")
    unit = models.CharField("eenheid", max_length=20, choices=Unit.choices)
    start_event = models.CharField("termijn loopt vanaf", max_length=200)
    # the three norms are due every period; the related count (waited longer) is kept when known
    monitored = models.BooleanField("maandelijks/per kwartaal uitgevraagd", default=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = "norm"
        verbose_name_plural = "normen"
        constraints = [
            models.CheckConstraint(condition=Q(term__gt=0), name="norm_term_positive"),
            models.CheckConstraint(
                condition=Q(unit__in=["working_days", "weeks", "months"]), name="norm_unit_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def term_text(self) -> str:
        return f"{self.term} {self.get_unit_display()}"


class NormCount(models.Model):
    """The number of children in an area (optionally of one GI) for whom a norm was not met on a
    reference date (peildatum). A correction changes the row; its history is kept."""

    class Source(models.TextChoices):
        GI = "gi", "Gecertificeerde instelling"
        REGION = "region", "Regio"
        INSPECTION = "inspection", "Inspectie"

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="counts", verbose_name="gebied"
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counts",
        verbose_name="GI",
    )
    norm = models.ForeignKey(
        Norm, on_delete=models.PROTECT, related_name="counts", verbose_name="norm"
    )
    reference_date = models.DateField("peildatum")
    count = models.PositiveIntegerField("aantal kinderen")
    source = models.CharField("bron", max_length=20, choices=Source.choices)
    note = models.CharField("toelichting", max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField("ingevoerd op", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "reference_date", "norm__order"]
        verbose_name = "telling"
        verbose_name_plural = "tellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "norm", "reference_date"],
                condition=Q(institution__isnull=True),
                name="norm_count_one_per_area_norm_date",
            ),
            models.UniqueConstraint(
                fields=["area", "institution", "norm", "reference_date"],
                condition=Q(institution__isnull=False),
                name="norm_count_one_per_area_gi_norm_date",
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="norm_count_not_negative"),
            models.CheckConstraint(
                condition=Q(source__in=["gi", "region", "inspection"]),
                name="norm_count_source_valid",
            ),
        ]
        indexes = [models.Index(fields=["area", "reference_date"], name="norm_count_area_date")]

    def __str__(self) -> str:
        return f"{self.area} {self.norm} {self.reference_date}: {self.count}"


class SolutionLine(models.IntegerChoices):
    """Seed 001, 'Uitwerking': the eight solution lines (oplossingsrichtingen)."""

    BREAKTHROUGH = 1, "1. Doorbraakaanpak verder ontwikkelen en borgen"
    OFFER = 2, "2. Knelpunten bij het aanbod oplossen"
    COOPERATION = 3, "3. Bovenregionale samenwerking"
    IMPROVEMENT_PLANS = 4, "4. Verbeterplannen GI's continueren"
    BUREAUCRACY = 5, "5. Bureaucratische belemmeringen wegnemen"
    LABOUR_MARKET = 6, "6. Arbeidsmarktproblematiek aanpakken"
    SYSTEM = 7, "7. Systeemcondities en landelijk op te lossen knelpunten"
    MONITORING = 8, "8. Voortgang bewaken en monitoren"


class ActionPlan(models.Model):
    """An uitvoeringsplan of an area: the actions of its plan of approach (plan van aanpak)."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="plans", verbose_name="gebied"
    )
    title = models.CharField("titel", max_length=200)
    adopted_on = models.DateField("vastgesteld op")

    class Meta:
        ordering = ["area", "-adopted_on"]
        verbose_name = "uitvoeringsplan"
        verbose_name_plural = "uitvoeringsplannen"

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """One action: owner, activity, result, planned date (seed 001 ch. 8), and the money that pays for it."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="actions", verbose_name="uitvoeringsplan"
    )
    solution_line = models.PositiveSmallIntegerField(
        "oplossingsrichting", choices=SolutionLine.choices
    )
    number = models.CharField("nummer", max_length=20)
    owner = models.CharField("eigenaar", max_length=200)
    owner_provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_actions",
        verbose_name="eigenaar is aanbieder",
        help_text="Alleen deze aanbieder ziet de actie.",
    )
    activity = models.TextField("activiteit")
    result = models.TextField("resultaat")
    planned_date = models.DateField("planningsdatum")
    status_notes = models.TextField("stand van zaken", blank=True)
    result_reached_on = models.DateField("resultaat bereikt op", null=True, blank=True)
    at_risk = models.BooleanField("eigenaar meldt risico", default=False)
    # the money that pays for it: at most one of a proposal (a SPUK project too), an award, a PxQ budget
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_actions",
        verbose_name="project (aanvraag)",
    )
    award = models.ForeignKey(
        "proposals.Award",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_actions",
        verbose_name="toekenning",
    )
    budget_request = models.ForeignKey(
        "allocations.BudgetRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_actions",
        verbose_name="PxQ-budget van een aanbieder",
    )
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        ordering = ["plan", "solution_line", "number"]
        verbose_name = "actie"
        verbose_name_plural = "acties"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="norm_action_number_unique_in_plan"
            ),
            models.CheckConstraint(
                condition=Q(solution_line__gte=1, solution_line__lte=8),
                name="norm_action_solution_line_1_8",
            ),
            models.CheckConstraint(
                condition=(
                    Q(proposal__isnull=True, award__isnull=True)
                    | Q(proposal__isnull=True, budget_request__isnull=True)
                    | Q(award__isnull=True, budget_request__isnull=True)
                ),
                name="norm_action_at_most_two_money_links_empty",
            ),
            models.CheckConstraint(
                condition=Q(proposal__isnull=True)
                | Q(award__isnull=True)
                | Q(budget_request__isnull=True),
                name="norm_action_at_most_one_money_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.activity[:60]}"


class ActionChange(WriteOnceModel):
    """Every change of an action: who, when, which field, from, to. Never changed afterwards."""

    write_once_message = (
        "Een wijziging van een actie is vastgelegd en wordt nooit gewijzigd of verwijderd."
    )

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="changes")
    field = models.CharField("veld", max_length=40)
    label = models.CharField("omschrijving", max_length=80)
    old_value = models.TextField("van", blank=True)
    new_value = models.TextField("naar", blank=True)
    changed_at = models.DateTimeField("gewijzigd op", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["action", "changed_at", "pk"]
        verbose_name = "wijziging van een actie"
        verbose_name_plural = "wijzigingen van acties"

    def __str__(self) -> str:
        return f"{self.action_id} {self.field}: {self.old_value} -> {self.new_value}"


class InspectionReport(models.Model):
    """An inspection report on an area (seed 003) and the region's reaction to it."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="inspection_reports", verbose_name="gebied"
    )
    title = models.CharField("titel", max_length=250)
    published_on = models.DateField("verschenen op")
    reaction_proud = models.TextField(
        "Op deze punten uit het rapport zijn we trots", max_length=REACTION_MAX, blank=True
    )
    reaction_actions = models.TextField(
        "Met deze punten uit het rapport gaan we aan de slag", max_length=REACTION_MAX, blank=True
    )
    reaction_noticeable = models.TextField(
        "Wat gaan jeugdigen en ouders hiervan merken?", max_length=REACTION_MAX, blank=True
    )
    reaction_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reaction_at = models.DateTimeField("reactie bijgewerkt op", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on"]
        verbose_name = "inspectierapport"
        verbose_name_plural = "inspectierapporten"
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length(field), REACTION_MAX),
                name=f"inspection_{field}_max_600",
            )
            for field in ("reaction_proud", "reaction_actions", "reaction_noticeable")
        ]

    def __str__(self) -> str:
        return self.title


class InspectionAssessment(models.Model):
    """One line of the inspection's assessment: of a GI (or the report's total when no GI), per norm
    and sub-criterion, how many cases were assessed and how many were in order."""

    report = models.ForeignKey(
        InspectionReport, on_delete=models.CASCADE, related_name="assessments"
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name="GI",
    )
    norm = models.ForeignKey(Norm, on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField("deelcriterium", max_length=60)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    assessed = models.PositiveIntegerField("beoordeeld")
    in_order = models.PositiveIntegerField("op orde")

    class Meta:
        ordering = ["report", "norm__order", "order", "institution__code"]
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(in_order__lte=F("assessed")), name="inspection_in_order_within_assessed"
            ),
            models.UniqueConstraint(
                fields=["report", "institution", "norm", "criterion"],
                name="inspection_assessment_unique",
                condition=Q(institution__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["report", "norm", "criterion"],
                name="inspection_total_unique",
                condition=Q(institution__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution or 'Totaal'} {self.norm} {self.criterion}: {self.in_order}/{self.assessed}"

    @property
    def not_in_order(self) -> int:
        return self.assessed - self.in_order


class Reminder(models.Model):
    """A missing period was reminded to an area's users once (send_norm_reminders runs daily)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField("periode van")
    sent_at = models.DateTimeField("verstuurd op", auto_now_add=True)
    recipients = models.PositiveSmallIntegerField("ontvangers")

    class Meta:
        verbose_name = "herinnering telling"
        verbose_name_plural = "herinneringen tellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period_start"], name="norm_reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.period_start}"
