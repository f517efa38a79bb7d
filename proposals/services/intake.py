"""Intake of a proposal: create and update it, its answers, matrix cells, goals and attachments."""

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from core.models import Provider, Region
from fund.models import Fund
from proposals import criteria
from proposals.exceptions import (
    AttachmentRejected,
    ProposalError,
)
from proposals.models import (
    Attachment,
    CriterionAnswer,
    Goal,
    MatrixCell,
    PerformanceIndicator,
    Proposal,
    RequestedAmount,
)
from proposals.services.common import S, fund_prefix, lock_fund, next_number

ATTACHMENT_MAX_BYTES = getattr(settings, "PROPOSAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class IndicatorInput:
    indicator: str
    target_value: Decimal
    unit: str
    target_date: dt.date


@dataclass
class GoalInput:
    description: str
    indicators: list[IndicatorInput]


@transaction.atomic
def proposal_create(
    *,
    user,
    fund: Fund,
    title: str,
    summary: str,
    contact: str,
    applicants: Iterable[Provider] = (),
    filing_region: Region | None = None,
    work_regions: Iterable[Region] = (),
    cells: Iterable[tuple[int, int]] = (),
    no_waiting_list_declaration: bool = False,
    requested: dict[int, Decimal] | None = None,
    goals: Iterable[GoalInput] = (),
    answers: Mapping[str, str] | None = None,
) -> Proposal:
    """A new draft; its criteria answers may still be incomplete (they are required to submit)."""
    applicants = list(applicants)
    if fund.kind == Fund.Kind.SPUK:
        if filing_region is None:
            raise ProposalError(
                "Een bestedingsverzoek voor de SPUK wordt ingediend door een jeugdhulpregio; kies de regio."
            )
    elif not applicants:
        raise ProposalError("Kies ten minste één aanvragende aanbieder.")
    fund = lock_fund(fund)  # serialises reference numbers per fund
    year = timezone.localdate().year
    prefix = f"V-{fund_prefix(fund)}-{year}"
    reference = next_number(
        prefix,
        Proposal.objects.filter(reference__startswith=prefix + "-").values_list(
            "reference", flat=True
        ),
    )
    proposal = Proposal.objects.create(
        fund=fund,
        reference=reference,
        title=title,
        summary=summary,
        contact=contact,
        filing_region=filing_region,
        no_waiting_list_declaration=no_waiting_list_declaration,
        created_by=user,
    )
    proposal.applicants.set(applicants)
    proposal.work_regions.set([r for r in work_regions if r != filing_region])
    _set_cells(proposal, cells)
    for year_, amount in (requested or {}).items():
        if amount <= 0:
            raise ProposalError(f"Het gevraagde bedrag voor {year_} moet groter zijn dan nul.")
        RequestedAmount.objects.create(proposal=proposal, year=year_, amount=Money(amount, "EUR"))
    for goal in goals:
        goal_add(user=user, proposal=proposal, goal=goal)
    _set_answers(proposal, answers or {}, user=user)
    return proposal


def _editable(proposal: Proposal) -> None:
    if proposal.status not in (S.DRAFT, S.SUBMITTED):
        raise ProposalError(
            f"Het voorstel is {proposal.get_status_display().lower()}; alleen een concept of ingediend voorstel kan worden gewijzigd."
        )


def _set_answers(proposal: Proposal, answers: Mapping[str, str], *, user) -> None:
    """Store the answers to the fund's criteria: a blank answer removes the row. Past the draft
    stage the answers must stay complete (seed 002 §3.3, seed 004 §6.4)."""
    kind = proposal.fund.kind
    allowed = {c.key for c in criteria.criteria_for(kind)}
    unknown = sorted(set(answers) - allowed)
    if unknown:
        raise ProposalError(f"Onbekend criterium voor dit fonds: {', '.join(unknown)}.")
    texts = {key: (text or "").strip() for key, text in answers.items()}
    if proposal.status != S.DRAFT:
        current = dict(proposal.criterion_answers.values_list("criterion", "text"))
        problem = criteria.missing_answers_problem(kind, {**current, **texts})
        if problem:
            raise ProposalError(problem)
    for key, text in texts.items():
        if text:
            CriterionAnswer.objects.update_or_create(
                proposal=proposal, criterion=key, defaults={"text": text, "updated_by": user}
            )
        else:
            CriterionAnswer.objects.filter(proposal=proposal, criterion=key).delete()


def _set_cells(proposal: Proposal, cells: Iterable[tuple[int, int]]) -> None:
    cells = sorted({(int(r), int(c)) for r, c in cells})
    for row, column in cells:
        if not (1 <= row <= 3 and 1 <= column <= 3):
            raise ProposalError("Een matrixcel ligt buiten de matrix van 3 bij 3.")
    MatrixCell.objects.filter(proposal=proposal).delete()
    MatrixCell.objects.bulk_create(
        [MatrixCell(proposal=proposal, row=r, column=c) for r, c in cells]
    )


@transaction.atomic
def proposal_update(
    *,
    user,
    proposal: Proposal,
    title: str,
    summary: str,
    contact: str,
    cells: Iterable[tuple[int, int]],
    no_waiting_list_declaration: bool,
    applicants: Iterable[Provider] | None = None,
    work_regions: Iterable[Region] | None = None,
    requested: dict[int, Decimal] | None = None,
    answers: Mapping[str, str] | None = None,
) -> Proposal:
    """Edit a draft or (fund manager) a submitted proposal; who may is proposals.edit_proposal."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _editable(proposal)
    if answers is not None:
        _set_answers(proposal, answers, user=user)
    proposal.title, proposal.summary, proposal.contact = title, summary, contact
    proposal.no_waiting_list_declaration = no_waiting_list_declaration
    proposal.save()
    if applicants is not None:
        proposal.applicants.set(list(applicants))
    if work_regions is not None:
        proposal.work_regions.set([r for r in work_regions if r.pk != proposal.filing_region_id])
    _set_cells(proposal, cells)
    if requested is not None:
        proposal.requested_amounts.all().delete()
        for year, amount in requested.items():
            if amount <= 0:
                raise ProposalError(f"Het gevraagde bedrag voor {year} moet groter zijn dan nul.")
            RequestedAmount.objects.create(
                proposal=proposal, year=year, amount=Money(amount, "EUR")
            )
    return proposal


@transaction.atomic
def goal_add(*, user, proposal: Proposal, goal: GoalInput) -> Goal:
    _editable(proposal)
    if not goal.description.strip():
        raise ProposalError("Beschrijf het doel.")
    created = Goal.objects.create(proposal=proposal, description=goal.description.strip())
    for ind in goal.indicators:
        PerformanceIndicator.objects.create(
            goal=created,
            indicator=ind.indicator,
            target_value=ind.target_value,
            unit=ind.unit,
            target_date=ind.target_date,
        )
    return created


def _sniff(extension: str, head: bytes, content: bytes) -> bool:
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False

    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except zipfile.BadZipFile:
        return False
    folder = "word/" if extension == ".docx" else "xl/"
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


@transaction.atomic
def attachment_add(*, user, proposal: Proposal, name: str, content: bytes) -> Attachment:
    """A project plan or annex: only PDF, DOCX or XLSX (checked by content too), size-limited."""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise AttachmentRejected(f"{name}: alleen PDF-, DOCX- en XLSX-bestanden zijn toegestaan.")
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise AttachmentRejected(
            f"{name}: het bestand is {len(content) // 1024} kB; de grens is {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB."
        )
    if not content or not _sniff(extension, content[:8], content):
        raise AttachmentRejected(
            f"{name}: de inhoud is geen geldig {extension[1:].upper()}-bestand."
        )
    if proposal.status in (S.REJECTED, S.COMPLETED, S.WITHDRAWN):
        raise ProposalError(
            "Bij een afgesloten voorstel kunnen geen bijlagen meer worden toegevoegd."
        )
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        proposal=proposal,
        original_name=name[:255],
        extension=extension,
        content_type=ATTACHMENT_TYPES[extension],
        size=len(content),
        sha256=digest,
        uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
