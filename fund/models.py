"""Funds, their yearly tranches and what each municipality contributes (seed 002 ch. 3)."""

from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from djmoney.models.fields import MoneyField
from simple_history.models import HistoricalRecords

from core.exceptions import WriteOnceError
from core.models import Municipality, Organisation, Region, WriteOnceModel

MONEY = {
    "max_digits": 16,
    "decimal_places": 2,
    "default_currency": "EUR",
    "currency_choices": [("EUR", "EUR")],
}


class BudgetDomain(models.Model):
    """A part of a municipality's youth-care budget (e.g. Veiligheid), so rules can count parts."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField("naam", max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = "begrotingsdomein"
        verbose_name_plural = "begrotingsdomeinen"

    def __str__(self) -> str:
        return self.name


class BudgetCircular(models.Model):
    """A May circular (meicirculaire): the youth-care budget per municipality, year and domain."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    published_year = models.PositiveSmallIntegerField("jaar van uitgave")
    loaded_at = models.DateTimeField("ingelezen op", auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_name = models.CharField("bronbestand", max_length=255, blank=True)

    class Meta:
        ordering = ["-published_year", "name"]
        verbose_name = "budgetcirculaire"
        verbose_name_plural = "budgetcirculaires"

    def __str__(self) -> str:
        return self.name


class BudgetAmount(models.Model):
    circular = models.ForeignKey(BudgetCircular, on_delete=models.CASCADE, related_name="amounts")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="budget_amounts"
    )
    budget_year = models.PositiveSmallIntegerField("begrotingsjaar")
    domain = models.ForeignKey(BudgetDomain, on_delete=models.PROTECT, related_name="amounts")
    amount = MoneyField("bedrag", **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jeugdhulpbudget"
        verbose_name_plural = "jeugdhulpbudgetten"
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "municipality", "budget_year", "domain"],
                name="budget_amount_unique_cell",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["circular", "budget_year"], name="budget_amount_circ_year")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.budget_year} {self.domain_id}: {self.amount}"


class VoteBasis(models.TextChoices):
    """Of what two thirds is counted (proposals.voting)."""

    ALL_MEMBERS = "all_members", "Stemgewicht van alle leden"
    CAST = "cast", "Uitgebrachte stemmen, met quorum"


class Fund(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", "Regionaal fonds"
        ONE_OFF = "one_off", "Eenmalige bijdrage"
        SPUK = "spuk", "Specifieke uitkering (SPUK)"

    name = models.CharField("naam", max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="funds",
        null=True,
        blank=True,
        verbose_name="regio",
        help_text="De regio waarvan de gemeenten het fonds vullen.",
    )
    landsdeel = models.CharField(
        "landsdeel", max_length=120, blank=True, help_text="Voor een SPUK: het landsdeel."
    )
    coordinating_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_funds",
        verbose_name="coördinerende gemeente",
    )
    managed_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funds",
        verbose_name="beheerd door",
        help_text="De organisatie die het fonds beheert: het regionale bureau of de coördinerende gemeente. "
        "Alleen haar medewerkers zien en beheren het fonds en alles wat erbij hoort.",
    )
    term_start = models.DateField("looptijd van")
    term_end = models.DateField("looptijd tot en met")
    description = models.TextField("omschrijving", blank=True)
    sisa_code = models.CharField(
        "uitkeringscode (SiSa)",
        max_length=10,
        blank=True,
        help_text="Voor een SPUK: de code van de uitkering in de SiSa-bijlage op maat (bijv. H4); "
        "de indicatoren heten dan H4/01, H4/02, ...",
    )
    # seed 002 §3.2: consensus, else two thirds of the weighted votes. The seed does not say of
    # what; the fund says it (DOMAIN.md §1), and every decision keeps the basis it was taken on.
    vote_basis = models.CharField(
        "grondslag tweederdemeerderheid",
        max_length=20,
        choices=VoteBasis.choices,
        default=VoteBasis.ALL_MEMBERS,
        help_text="Van het stemgewicht van alle leden (wie wegblijft, telt niet als voor), of van de uitgebrachte "
        "voor- en tegenstemmen bij een quorum.",
    )
    vote_quorum = models.DecimalField(
        "quorum (% van het stemgewicht)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Alleen bij de grondslag 'uitgebrachte stemmen': het deel van het stemgewicht dat moet meestemmen.",
    )
    # the decision letter (beschikking, Awb): who decides, where to object, on what legal ground
    letterhead_name = models.CharField(
        "afzender beschikking",
        max_length=200,
        blank=True,
        help_text="De organisatie die de beschikking afgeeft, bijv. 'Holland Rijnland, TWO Jeugdhulp'.",
    )
    deciding_body = models.CharField(
        "bestuursorgaan",
        max_length=200,
        blank=True,
        help_text="Het bestuursorgaan dat besluit en bij wie bezwaar wordt gemaakt, bijv. 'het college van "
        "burgemeester en wethouders van Rotterdam'.",
    )
    letterhead_address = models.TextField(
        "adres",
        blank=True,
        help_text="Het adres van het bestuursorgaan (ook voor bezwaarschriften).",
    )
    legal_ground = models.TextField(
        "wettelijke grondslag",
        blank=True,
        help_text="De regeling waarop de beschikking berust, zoals die in de beschikking staat.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["term_start", "name"]
        verbose_name = "fonds"
        verbose_name_plural = "fondsen"
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")), name="fund_term_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(kind="spuk") | Q(coordinating_municipality__isnull=False),
                name="fund_spuk_has_coordinator",
            ),
            models.CheckConstraint(
                condition=Q(kind="spuk") | Q(region__isnull=False),
                name="fund_filled_by_region_has_region",
            ),
            models.CheckConstraint(
                condition=Q(vote_basis="all_members", vote_quorum__isnull=True)
                | Q(
                    vote_basis="cast",
                    vote_quorum__isnull=False,
                    vote_quorum__gt=0,
                    vote_quorum__lte=100,
                ),
                name="fund_vote_basis_with_quorum",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quorum(self) -> Fraction | None:
        """The quorum as a share (0.5 for 50%), or None on the default basis."""
        return Fraction(self.vote_quorum) / 100 if self.vote_quorum is not None else None

    @property
    def is_spuk(self) -> bool:
        return self.kind == self.Kind.SPUK

    @property
    def has_municipal_contributions(self) -> bool:
        """A SPUK is paid by the state; the other kinds are filled by the municipalities."""
        return self.kind != self.Kind.SPUK


class ParticipationRule(models.Model):
    """From `from_year` on, only these budget domains of the municipality count for the fund.

    Without a rule a municipality of the fund's region counts with its whole budget. Seed 002
    Bijlage 3: Alphen aan den Rijn and Kaag en Braassem count only their regional part, and from
    2017 only Veiligheid.
    """

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="participation_rules")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="participation_rules"
    )
    from_year = models.PositiveSmallIntegerField("vanaf jaar")
    domains = models.ManyToManyField(
        BudgetDomain, related_name="+", verbose_name="meetellende domeinen"
    )
    note = models.CharField("toelichting", max_length=255, blank=True)
    history = HistoricalRecords(m2m_fields=[domains])

    class Meta:
        ordering = ["municipality__name", "from_year"]
        verbose_name = "deelnameregel"
        verbose_name_plural = "deelnameregels"
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "municipality", "from_year"], name="participation_rule_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} vanaf {self.from_year}"


class Tranche(models.Model):
    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Voorlopig"
        DEFINITIVE = "definitive", "Definitief"

    class Unit(models.TextChoices):
        EURO = "1", "Hele euro's"
        CENT = "0.01", "Centen"

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="tranches")
    year = models.PositiveSmallIntegerField("jaar")
    amount = MoneyField("bedrag", **MONEY)
    basis = models.ForeignKey(
        BudgetCircular,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tranches",
        verbose_name="grondslag",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PROVISIONAL
    )
    rounding_unit = models.CharField(
        "afronding", max_length=5, choices=Unit.choices, default=Unit.EURO
    )
    # A SPUK's yearly grant is a decision (beschikking) of the ministry; the SiSa appendix
    # accounts for it with one row per decision, keyed by its number.
    grant_decision_number = models.CharField(
        "beschikkingsnummer",
        max_length=60,
        blank=True,
        help_text="Het kenmerk van de beschikking van het Rijk (SPUK).",
    )
    grant_decision_date = models.DateField("datum beschikking", null=True, blank=True)
    # seed 004 H7: a SPUK's yearly grant is composed of a fixed part and a part by the number of
    # young people up to 23 in the landsdeel (2021: 75% fixed, 25% by 964,582 young people)
    fixed_percentage = models.PositiveSmallIntegerField("vast deel (%)", null=True, blank=True)
    young_people = models.PositiveIntegerField("aantal jongeren tot 23 jaar", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "year"]
        verbose_name = "tranche"
        verbose_name_plural = "tranches"
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="tranche_one_per_fund_year"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
            models.CheckConstraint(
                condition=Q(rounding_unit__in=["1", "0.01"]), name="tranche_rounding_unit_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["provisional", "definitive"]), name="tranche_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(grant_decision_number="", grant_decision_date__isnull=True)
                | (~Q(grant_decision_number="") & Q(grant_decision_date__isnull=False)),
                name="tranche_decision_number_and_date_together",
            ),
            models.UniqueConstraint(
                fields=["fund", "grant_decision_number"],
                condition=~Q(grant_decision_number=""),
                name="tranche_decision_number_unique_per_fund",
            ),
            models.CheckConstraint(
                condition=Q(fixed_percentage__isnull=True, young_people__isnull=True)
                | Q(
                    fixed_percentage__isnull=False,
                    fixed_percentage__lte=100,
                    young_people__isnull=False,
                ),
                name="tranche_composition_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}"

    # A definitive tranche is final (issue 12, hole 2): these stay as they were made definitive.
    # The SPUK grant decision's number and date may still be recorded (fund.services).
    FINAL_FIELDS = (
        "fund_id",
        "year",
        "amount",
        "amount_currency",
        "basis_id",
        "status",
        "rounding_unit",
    )

    def save(self, *args, **kwargs):
        if self.pk and not self._state.adding:
            stored = Tranche.objects.filter(pk=self.pk).values(*self.FINAL_FIELDS).first()
            if stored and stored["status"] == self.Status.DEFINITIVE:
                mine = {
                    "amount": self.amount.amount if self.amount is not None else None,
                    "amount_currency": str(getattr(self.amount, "currency", "")) or None,
                }
                if any(mine.get(f, getattr(self, f)) != stored[f] for f in self.FINAL_FIELDS):
                    raise WriteOnceError(self.final_message())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Tranche.objects.filter(pk=self.pk, status=self.Status.DEFINITIVE).exists():
            raise WriteOnceError(self.final_message())
        return super().delete(*args, **kwargs)

    def final_message(self) -> str:
        return (
            f"De tranche {self.year} van {self.fund} is definitief: het bedrag, de grondslag en de bijdragen "
            "liggen vast en worden niet gewijzigd of verwijderd."
        )

    @property
    def unit(self) -> Decimal:
        return Decimal(self.rounding_unit)

    @property
    def is_definitive(self) -> bool:
        return self.status == self.Status.DEFINITIVE

    @property
    def variable_percentage(self) -> int | None:
        return None if self.fixed_percentage is None else 100 - self.fixed_percentage

    @property
    def composition(self) -> tuple[Decimal, Decimal] | None:
        """The fixed part and the part by young people, in euros (the second is the rest, so the
        two add up to the amount exactly)."""
        if self.fixed_percentage is None:
            return None
        fixed = (self.amount.amount * self.fixed_percentage / 100).quantize(self.unit)
        return fixed, self.amount.amount - fixed


class Contribution(models.Model):
    """What one municipality is charged for one tranche, with the counted budget it rests on."""

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="contributions")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="contributions"
    )
    counted_budget = MoneyField("meetellend budget", **MONEY)
    amount = MoneyField("bijdrage", **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = "bijdrage"
        verbose_name_plural = "bijdragen"
        constraints = [
            models.UniqueConstraint(
                fields=["tranche", "municipality"], name="contribution_one_per_municipality"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="contribution_not_negative"),
            models.CheckConstraint(
                condition=Q(counted_budget__gte=0), name="contribution_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.amount}"

    def save(self, *args, **kwargs):
        if self.tranche_id and self._tranche_is_definitive():  # issue 12, hole 2
            raise WriteOnceError(self.tranche.final_message())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._tranche_is_definitive():
            raise WriteOnceError(self.tranche.final_message())
        return super().delete(*args, **kwargs)

    def _tranche_is_definitive(self) -> bool:
        return Tranche.objects.filter(pk=self.tranche_id, status=Tranche.Status.DEFINITIVE).exists()


class TrancheEvent(WriteOnceModel):
    """Every computation, recalculation and status change of a tranche: who, when, from, to."""

    class Kind(models.TextChoices):
        COMPUTED = "computed", "Berekend"
        REBASED = "rebased", "Herberekend op nieuwe grondslag"
        MADE_DEFINITIVE = "made_definitive", "Definitief gemaakt"

    # PROTECT: deleting a tranche never takes its write-once history with it (issue 12, hole 2)
    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    old_basis = models.ForeignKey(
        BudgetCircular, on_delete=models.PROTECT, null=True, related_name="+"
    )
    new_basis = models.ForeignKey(
        BudgetCircular, on_delete=models.PROTECT, null=True, related_name="+"
    )
    old_status = models.CharField(max_length=20, blank=True)
    new_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


@receiver(pre_delete, sender=Tranche)
@receiver(pre_delete, sender=Contribution)
def _refuse_deleting_a_definitive_tranche(sender, instance, **kwargs):
    """A cascade (deleting a fund) does not call delete() on each row; it sends this signal."""
    tranche_id = instance.pk if sender is Tranche else instance.tranche_id
    if Tranche.objects.filter(pk=tranche_id, status=Tranche.Status.DEFINITIVE).exists():
        tranche = instance if sender is Tranche else instance.tranche
        raise WriteOnceError(tranche.final_message())
