"""A proposal as submitted (seed 002 ch. 3): its matrix cells, requested amounts, goals with their indicators, attachments, and every change of status."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from djmoney.models.fields import MoneyField

from core.models import Provider, Region, WriteOnceModel
from fund.models import MONEY, Fund


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
