"""Every write of the proposals app: intake, screening, the state machine, meetings, voting,
decisions, awards and decision letters. Keyword-only arguments and a named actor (`user=`).
"""

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from djmoney.money import Money

from core.models import Provider, Region
from core.permissions import is_coordinator, is_portfolio_holder, is_two, user_municipality_id
from core.templatetags.nl import format_date
from fund.models import Fund
from fund.selectors import municipality_weights
from proposals import criteria, rules
from proposals.exceptions import (
    AttachmentRejected,
    NotAllowed,
    ProposalError,
    ProposalTransitionNotAllowed,
)
from proposals.exports import decision_letter_pdf, rejection_letter_pdf
from proposals.models import (
    AgendaItem,
    AmbassadorAdvice,
    AmbassadorMeeting,
    Attachment,
    Award,
    CriterionAnswer,
    Decision,
    DecisionLetter,
    Goal,
    MatrixCell,
    Meeting,
    PerformanceIndicator,
    Proposal,
    RegionConsent,
    RejectionLetter,
    RequestedAmount,
    ScreeningItem,
    Transition,
    Vote,
    VoteRecord,
)
from proposals.signals import meeting_planned
from proposals.voting import fund_basis, tally

S = Proposal.Status
ATTACHMENT_MAX_BYTES = getattr(settings, "PROPOSAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def fund_prefix(fund: Fund) -> str:
    """TF for the Tijdelijk Fonds (and other regional funds), EK for one-off, SPUK for a SPUK."""
    return {Fund.Kind.REGIONAL: "TF", Fund.Kind.ONE_OFF: "EK", Fund.Kind.SPUK: "SPUK"}[fund.kind]


def _lock_fund(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _next_number(prefix: str, existing: Iterable[str]) -> str:
    highest = 0
    for number in existing:
        tail = number.rsplit("-", 1)[-1]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}-{highest + 1:03d}"


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


# ---------------------------------------------------------------- intake


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
    fund = _lock_fund(fund)  # serialises reference numbers per fund
    year = timezone.localdate().year
    prefix = f"V-{fund_prefix(fund)}-{year}"
    reference = _next_number(
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


# ---------------------------------------------------------------- screening


@transaction.atomic
def screening_record(
    *,
    user,
    proposal: Proposal,
    criterion: str,
    verdict: str,
    motivation: str,
    assessor_name: str,
    assessor_capacity: str,
) -> ScreeningItem:
    if not proposal.is_spuk:
        raise ProposalError(
            "De toetsing aan de SPUK-criteria geldt alleen voor SPUK-bestedingsverzoeken."
        )
    if proposal.status != S.SUBMITTED:
        raise ProposalError("Alleen een ingediend verzoek kan worden getoetst.")
    if (
        criterion not in ScreeningItem.Criterion.values
        or verdict not in ScreeningItem.Verdict.values
    ):
        raise ProposalError("Onbekend criterium of oordeel.")
    if assessor_capacity not in ScreeningItem.Capacity.values:
        raise ProposalError("De beoordelaar is lid van het AO of voorzitter van een expertteam.")
    if not motivation.strip() or not assessor_name.strip():
        raise ProposalError("Elk oordeel heeft een motivering en een beoordelaar met naam.")
    item, _ = ScreeningItem.objects.update_or_create(
        proposal=proposal,
        criterion=criterion,
        defaults={
            "verdict": verdict,
            "motivation": motivation.strip(),
            "assessor_name": assessor_name.strip(),
            "assessor_capacity": assessor_capacity,
            "recorded_by": user,
        },
    )
    return item


@transaction.atomic
def consent_record(
    *, user, proposal: Proposal, region: Region, given_by: str, given_on: dt.date, note: str = ""
) -> RegionConsent:
    if not proposal.work_regions.filter(pk=region.pk).exists():
        raise ProposalError(
            f"Het werk loopt niet in regio {region}; daar is geen instemming voor nodig."
        )
    if not given_by.strip():
        raise ProposalError("Vermeld wie namens de regio instemde.")
    consent, _ = RegionConsent.objects.update_or_create(
        proposal=proposal,
        region=region,
        defaults={
            "given_by": given_by.strip(),
            "given_on": given_on,
            "note": note,
            "recorded_by": user,
        },
    )
    return consent


def screening_problems_for(proposal: Proposal) -> list[str]:
    items = list(proposal.screening_items.values_list("criterion", "verdict", "assessor_capacity"))
    return rules.screening_problems(
        {criterion: verdict for criterion, verdict, _ in items},
        capacities=[capacity for _, _, capacity in items],
        work_regions=[r.name for r in proposal.work_regions.all()],
        consented_regions=[
            c.region.name for c in proposal.region_consents.select_related("region")
        ],
        labels=dict(ScreeningItem.Criterion.choices),
    )


def proposal_blockers(proposal: Proposal, to_status: str) -> list[str]:
    """What keeps the proposal from moving to `to_status`, as sentences; empty when nothing does."""
    problems = []
    cells = [(c.row, c.column) for c in proposal.cells.all()]
    if to_status == S.SUBMITTED:
        if not proposal.goals.exists():
            problems.append("Het voorstel heeft nog geen doelen met prestatie-indicatoren.")
        elif PerformanceIndicator.objects.filter(goal__proposal=proposal).count() == 0:
            problems.append(
                "Geef bij de doelen prestatie-indicatoren (indicator, streefwaarde, datum)."
            )
        if not proposal.requested_amounts.exists():
            problems.append("Vermeld het gevraagde bedrag per jaar.")
        if proposal.is_spuk and proposal.filing_region_id is None:
            problems.append("Een SPUK-verzoek wordt ingediend door een jeugdhulpregio.")
        problem = criteria.missing_answers_problem(
            proposal.fund.kind, {a.criterion: a.text for a in proposal.criterion_answers.all()}
        )
        if problem:
            problems.append(problem)
    if to_status in (S.SCREENED, S.ON_AGENDA):
        if proposal.is_spuk:
            problems += screening_problems_for(proposal)
        else:
            problem = rules.matrix_rule_problem(cells)
            if problem:
                problems.append(problem)
            if not proposal.no_waiting_list_declaration:
                problems.append(
                    "De verklaring dat het geld geen wachtlijsten financiert ontbreekt."
                )
    return problems


# ---------------------------------------------------------------- state machine


def _transition(*, user, proposal: Proposal, to_status: str, note: str = "") -> Proposal:
    """Move the proposal if the table allows it and nobody moved it meanwhile; record a row."""
    from_status = proposal.status
    if not rules.transition_allowed(from_status, to_status):
        raise ProposalTransitionNotAllowed(
            f"Van '{S(from_status).label}' naar '{S(to_status).label}' is geen toegestane stap."
        )
    changed = Proposal.objects.filter(pk=proposal.pk, status=from_status).update(
        status=to_status, updated_at=timezone.now()
    )
    if changed != 1:
        current = Proposal.objects.filter(pk=proposal.pk).values_list("status", flat=True).first()
        raise ProposalTransitionNotAllowed(
            f"Het voorstel is intussen door iemand anders gewijzigd (nu '{S(current).label if current else '?'}'); "
            "laad de pagina opnieuw."
        )
    Transition.objects.create(
        proposal=proposal, from_status=from_status, to_status=to_status, user=user, note=note
    )
    proposal.status = to_status
    return proposal


@transaction.atomic
def proposal_transition(*, user, proposal: Proposal, to_status: str, note: str = "") -> Proposal:
    """The manual steps: submit, screen, return to draft, withdraw, start, complete.

    Deciding (adopted/rejected) goes through the vote or the SPUK decision, placing on an agenda
    through agenda_item_add, awarding through award_create.
    """
    if to_status in (S.ADOPTED, S.REJECTED, S.AWARDED, S.ON_AGENDA):
        raise ProposalTransitionNotAllowed(
            "Deze stap volgt uit de agenda, de stemming, het besluit of de toekenning, niet uit een losse statuswijziging."
        )
    if to_status == S.SCREENED and proposal.status == S.ON_AGENDA:
        pass  # taking it off the agenda needs no new screening
    else:
        problems = proposal_blockers(proposal, to_status)
        if problems:
            raise ProposalError(" ".join(problems))
    return _transition(user=user, proposal=proposal, to_status=to_status, note=note)


# ---------------------------------------------------------------- meetings


@transaction.atomic
def meeting_create(*, user, fund: Fund, kind: str, date: dt.date, title: str = "") -> Meeting:
    if kind not in Meeting.Kind.values:
        raise ProposalError("Kies AO Jeugd of PHO Maatschappij.")
    if kind == Meeting.Kind.PHO_MAATSCHAPPIJ and fund.kind == Fund.Kind.SPUK:
        raise ProposalError("Over de SPUK stemt het PHO niet; plan een AO Jeugd voor het advies.")
    meeting = Meeting.objects.create(fund=fund, kind=kind, date=date, title=title, created_by=user)
    meeting_planned.send(
        sender=Meeting, meeting=meeting, user=user
    )  # the books keep the fund overview with it
    return meeting


def _require_ao_before_pho(proposal: Proposal, pho: Meeting) -> None:
    """seed 002 §3.2: a proposal goes to the AO Jeugd, then the PHO Maatschappij decides. So it is on
    (or was on) the agenda of an AO Jeugd of the fund dated no later than the PHO meeting."""
    ao_dates = sorted(
        AgendaItem.objects.filter(
            proposal=proposal, meeting__kind=Meeting.Kind.AO_JEUGD
        ).values_list("meeting__date", flat=True)
    )
    if any(date <= pho.date for date in ao_dates):
        return
    if ao_dates:
        raise ProposalError(
            f"Het voorstel staat pas op de agenda van het AO Jeugd van {format_date(ao_dates[0])}, na dit PHO Maatschappij "
            f"van {format_date(pho.date)}. Het AO Jeugd bespreekt een voorstel vóór het PHO; agendeer het voor een later PHO."
        )
    raise ProposalError(
        "Het voorstel heeft nog niet op de agenda van het AO Jeugd gestaan. Het AO Jeugd bespreekt een voorstel vóór "
        f"het PHO Maatschappij; agendeer het eerst in een AO Jeugd op of vóór {format_date(pho.date)}."
    )


@transaction.atomic
def agenda_item_add(*, user, meeting: Meeting, proposal: Proposal) -> AgendaItem:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.fund_id != meeting.fund_id:
        raise ProposalError("Het voorstel hoort bij een ander fonds dan de vergadering.")
    if proposal.status not in (S.SCREENED, S.ON_AGENDA):
        raise ProposalError(
            f"Alleen een getoetst voorstel kan worden geagendeerd; dit voorstel is {proposal.get_status_display().lower()}."
        )
    problems = proposal_blockers(proposal, S.ON_AGENDA)
    if problems:
        raise ProposalError("Het voorstel kan niet worden geagendeerd. " + " ".join(problems))
    if meeting.items.filter(proposal=proposal).exists():
        raise ProposalError("Het voorstel staat al op de agenda van deze vergadering.")
    if meeting.kind == Meeting.Kind.PHO_MAATSCHAPPIJ and proposal.fund.kind == Fund.Kind.REGIONAL:
        _require_ao_before_pho(proposal, meeting)
    years = sorted(proposal.requested_amounts.values_list("year", flat=True))
    item = AgendaItem.objects.create(
        meeting=meeting,
        proposal=proposal,
        position=meeting.items.count() + 1,
        vote_year=years[0] if years else meeting.date.year,
    )
    if proposal.status == S.SCREENED:
        _transition(
            user=user, proposal=proposal, to_status=S.ON_AGENDA, note=f"Geagendeerd: {meeting}"
        )
    return item


# ---------------------------------------------------------------- voting (PHO Maatschappij)


def vote_weights(agenda_item: AgendaItem) -> dict:
    return municipality_weights(
        fund=agenda_item.meeting.fund, year=agenda_item.vote_year or agenda_item.meeting.date.year
    )


@transaction.atomic
def vote_cast(*, user, agenda_item: AgendaItem, choice: str) -> Vote:
    """A portefeuillehouder votes (or changes the vote) for their own municipality."""
    if not is_portfolio_holder(user):
        raise NotAllowed("Alleen een portefeuillehouder stemt, voor de eigen gemeente.")
    municipality_id = user_municipality_id(user)
    item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting__fund", "proposal")
        .get(pk=agenda_item.pk)
    )
    if item.meeting.kind != Meeting.Kind.PHO_MAATSCHAPPIJ:
        raise ProposalError("Er wordt alleen gestemd in het PHO Maatschappij.")
    if item.is_closed:
        raise ProposalError(
            "De stemming over dit agendapunt is gesloten; uw stem kan niet meer worden gewijzigd."
        )
    if item.proposal.status != S.ON_AGENDA:
        raise ProposalError(
            "Het voorstel is van de agenda gehaald; er kan niet meer over worden gestemd."
        )
    if choice not in Vote.Choice.values:
        raise ProposalError("Kies voor, tegen of onthouding.")
    today = timezone.localdate()
    if today < item.meeting.date:
        raise ProposalError(
            f"Er wordt gestemd in de vergadering van {format_date(item.meeting.date)}; stemmen kan vanaf die dag, "
            f"niet eerder (vandaag is het {format_date(today)})."
        )
    if municipality_id not in vote_weights(item):
        raise NotAllowed("Uw gemeente draagt niet bij aan dit fonds en stemt daarom niet mee.")
    existing = Vote.objects.filter(agenda_item=item, municipality_id=municipality_id).first()
    previous = existing.choice if existing else ""
    if existing:
        existing.choice, existing.cast_by = choice, user
        existing.save()
        vote = existing
    else:
        vote = Vote.objects.create(
            agenda_item=item, municipality_id=municipality_id, choice=choice, cast_by=user
        )
    VoteRecord.objects.create(
        agenda_item=item,
        municipality_id=municipality_id,
        choice=choice,
        previous_choice=previous,
        user=user,
    )
    return vote


@transaction.atomic
def agenda_item_close(*, user, agenda_item: AgendaItem, note: str = "") -> Decision:
    """Close the vote: consensus, else two thirds of the weighted yes + no votes (seed 002 §3.2)."""
    item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting__fund", "proposal")
        .get(pk=agenda_item.pk)
    )
    if item.meeting.kind != Meeting.Kind.PHO_MAATSCHAPPIJ:
        raise ProposalError("Alleen een stemming in het PHO Maatschappij kan worden gesloten.")
    if item.is_closed:
        raise ProposalError("De stemming over dit agendapunt is al gesloten.")
    today = timezone.localdate()
    if today < item.meeting.date:
        raise ProposalError(
            f"De stemming hoort bij de vergadering van {format_date(item.meeting.date)}; sluit haar op of na die dag, "
            f"niet eerder (vandaag is het {format_date(today)})."
        )
    votes = dict(item.votes.values_list("municipality_id", "choice"))
    if not votes:
        raise ProposalError("Er is nog niet gestemd; sluit de stemming pas als er stemmen zijn.")
    if item.proposal.status != S.ON_AGENDA:
        raise ProposalError(
            "Het voorstel is van de agenda gehaald; de stemming kan niet tot een besluit leiden."
        )
    fund = item.meeting.fund
    result = tally(votes, vote_weights(item), **fund_basis(fund))
    changed = AgendaItem.objects.filter(pk=item.pk, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=user
    )
    if changed != 1:
        raise ProposalError("De stemming is intussen door iemand anders gesloten.")
    outcome = Decision.Outcome.ADOPTED if result.adopted else Decision.Outcome.REJECTED
    proposal = Proposal.objects.select_for_update().get(pk=item.proposal_id)
    _transition(
        user=user,
        proposal=proposal,
        to_status=outcome,
        note=f"Stemming {item.meeting}: {Decision.Rule(result.rule).label.lower()}",
    )
    return Decision.objects.create(
        proposal=proposal,
        agenda_item=item,
        outcome=outcome,
        rule=result.rule,
        yes_weight_numerator=result.yes_share.numerator,
        yes_weight_denominator=result.yes_share.denominator,
        basis=result.basis,
        quorum_numerator=result.quorum.numerator if result.quorum is not None else None,
        quorum_denominator=result.quorum.denominator if result.quorum is not None else None,
        members=result.members,
        voters=result.votes_cast,
        turnout_numerator=result.turnout_share.numerator,
        turnout_denominator=result.turnout_share.denominator,
        decision_date=item.meeting.date,  # the PHO advised on the day of its meeting
        note=note,
        decided_by=user,
    )


# ---------------------------------------------------------------- SPUK: advice and decision


def _coordinates(user, fund: Fund) -> bool:
    return (
        is_coordinator(user)
        and fund.coordinating_municipality_id is not None
        and (fund.coordinating_municipality_id == user_municipality_id(user))
    )


@transaction.atomic
def ambassador_meeting_record(
    *, user, fund: Fund, date: dt.date, attendees: str, summary: str = ""
) -> AmbassadorMeeting:
    """seed 004 §5.3: a meeting of the bestuurlijk ambassadeurs of a SPUK's network."""
    if fund.kind != Fund.Kind.SPUK:
        raise ProposalError("De bestuurlijk ambassadeurs horen bij een SPUK-netwerk.")
    if not (is_two(user) or _coordinates(user, fund)):
        raise NotAllowed(
            "Alleen de coördinerende gemeente (of TWO) legt de bijeenkomsten van de ambassadeurs vast."
        )
    if not attendees.strip():
        raise ProposalError("Noem de aanwezige ambassadeurs.")
    if AmbassadorMeeting.objects.filter(fund=fund, date=date).exists():
        raise ProposalError(f"Er is al een bijeenkomst van de ambassadeurs op {date:%-d-%-m-%Y}.")
    return AmbassadorMeeting.objects.create(
        fund=fund, date=date, attendees=attendees.strip(), summary=summary.strip(), recorded_by=user
    )


def ambassador_meetings_held(fund: Fund, *, until: dt.date) -> QuerySet[AmbassadorMeeting]:
    return AmbassadorMeeting.objects.filter(fund=fund, date__lte=until)


@transaction.atomic
def advice_record(
    *,
    user,
    proposal: Proposal,
    advice: str,
    text: str,
    ambassadors: str,
    meeting: AmbassadorMeeting | None = None,
) -> AmbassadorAdvice:
    """The ambassadors' advice on a request, given at one of their meetings (seed 004 §5.3): a
    meeting of this fund that has taken place. Before their first meeting there is no advice."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_spuk:
        raise ProposalError("Het advies van de bestuurlijk ambassadeurs hoort bij de SPUK.")
    if proposal.status != S.ON_AGENDA:
        raise ProposalError("Het advies wordt vastgelegd als het verzoek geagendeerd is.")
    if advice not in AmbassadorAdvice.Advice.values or not text.strip() or not ambassadors.strip():
        raise ProposalError("Leg het advies vast met toelichting en de namen van de ambassadeurs.")
    if meeting is None or meeting.fund_id != proposal.fund_id:
        raise ProposalError(
            "Kies de bijeenkomst van de bestuurlijk ambassadeurs waarop het advies is gegeven."
        )
    if meeting.date > timezone.localdate():
        raise ProposalError(
            f"De bijeenkomst van {meeting.date:%-d-%-m-%Y} heeft nog niet plaatsgevonden."
        )
    if AmbassadorAdvice.objects.filter(proposal=proposal).exists():
        raise ProposalError("Het advies van de ambassadeurs is al vastgelegd.")
    return AmbassadorAdvice.objects.create(
        proposal=proposal,
        advice=advice,
        text=text.strip(),
        ambassadors=ambassadors.strip(),
        meeting=meeting,
        recorded_by=user,
    )


def decided_alone_note(fund: Fund, today: dt.date) -> str:
    """What a decision made before the ambassadors first met says about itself."""
    first = AmbassadorMeeting.objects.filter(fund=fund, date__gt=today).order_by("date").first()
    when = f" (eerste bijeenkomst op {first.date:%-d-%-m-%Y})" if first else ""
    return (
        f"Besluit van de gemeente {fund.coordinating_municipality} alleen: de bestuurlijk ambassadeurs waren nog "
        f"niet bijeengekomen{when}; er is geen advies."
    )


@transaction.atomic
def spuk_decide(*, user, proposal: Proposal, outcome: str, note: str) -> Decision:
    """seed 004 §6.4: Rotterdam decides, advised by the bestuurlijk ambassadeurs; no vote."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_spuk:
        raise ProposalError("Over dit voorstel beslist het PHO Maatschappij met een stemming.")
    if not _coordinates(user, proposal.fund):
        raise NotAllowed(
            "Alleen de coördinerende gemeente van het fonds besluit over een SPUK-verzoek."
        )
    # seed 004 §5.3, §6.4 step 8: once the ambassadors meet, Rotterdam decides after their advice;
    # before their first meeting Rotterdam decides alone, and the decision says so
    today = timezone.localdate()
    advised = AmbassadorAdvice.objects.filter(proposal=proposal).exists()
    if not advised and ambassador_meetings_held(proposal.fund, until=today).exists():
        raise ProposalError("Leg eerst het advies van de bestuurlijk ambassadeurs vast.")
    if outcome not in Decision.Outcome.values:
        raise ProposalError("Kies aangenomen of afgewezen.")
    if not note.strip():
        raise ProposalError("Motiveer het besluit.")
    note = note.strip() if advised else f"{decided_alone_note(proposal.fund, today)} {note.strip()}"
    _transition(user=user, proposal=proposal, to_status=outcome, note=note)
    return Decision.objects.create(
        proposal=proposal,
        outcome=outcome,
        rule=Decision.Rule.COORDINATOR,
        decision_date=timezone.localdate(),
        note=note,
        decided_by=user,
    )


# ---------------------------------------------------------------- awards and letters


@transaction.atomic
def award_create(
    *,
    user,
    proposal: Proposal,
    year: int,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    goals: Iterable[Goal] | None = None,
    conditions: str = "",
    report_due: dt.date | None = None,
    advance_percent: int | None = None,
) -> Award:
    """Record an award. Only through accounting.services.awards.award_make, which checks it against what
    the fund can still award and commits it in the books in the same transaction (the books are
    on the floor above); never on its own."""
    fund = _lock_fund(proposal.fund)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (S.ADOPTED, S.AWARDED, S.RUNNING):
        raise ProposalError("Alleen een aangenomen voorstel krijgt een toekenning.")
    if amount <= 0:
        raise ProposalError("Het bedrag van een toekenning is groter dan nul.")
    if period_end < period_start:
        raise ProposalError("De periode eindigt vóór het begin.")
    if not (fund.term_start <= period_start and period_end <= fund.term_end):
        raise ProposalError(
            f"De periode valt buiten de looptijd van het fonds ({format_date(fund.term_start)} t/m {format_date(fund.term_end)})."
        )
    years = sorted(fund.tranches.values_list("year", flat=True))
    if year not in years:  # issue 12, hole 3: an award belongs to one of the fund's years
        raise ProposalError(
            f"Het jaar {year} hoort niet bij {fund}; kies een van de jaren van het fonds: "
            f"{', '.join(str(y) for y in years) or 'nog geen'}."
        )
    if advance_percent is not None and not 0 <= advance_percent <= 100:
        raise ProposalError("Het voorschot is een percentage van 0 tot en met 100.")
    prefix = f"{fund_prefix(fund)}-{year}"
    number = _next_number(
        prefix,
        Award.objects.filter(number__startswith=prefix + "-").values_list("number", flat=True),
    )
    try:
        with transaction.atomic():
            award = Award.objects.create(
                proposal=proposal,
                number=number,
                year=year,
                amount=Money(amount, "EUR"),
                period_start=period_start,
                period_end=period_end,
                conditions=conditions,
                advance_percent=advance_percent,
                report_due=report_due or _default_report_due(period_end),
                awarded_by=user,
            )
    except IntegrityError as exc:
        raise ProposalError(
            f"Beschikkingsnummer {number} is al in gebruik; probeer het opnieuw."
        ) from exc
    award.goals.set(list(goals) if goals is not None else list(proposal.goals.all()))
    if proposal.status == S.ADOPTED:
        _transition(user=user, proposal=proposal, to_status=S.AWARDED, note=f"Toekenning {number}")
    return award


def _default_report_due(period_end: dt.date) -> dt.date:
    # seed 004 §6.4 lawfulness 3: report at the latest before 1 March of the next year
    return dt.date(period_end.year + 1, 3, 1)


def _check_letter_may_be_made(proposal: Proposal) -> None:
    """A beschikking names who decides, where to object and on what ground (Awb 3:45, 6:7), and
    is dated the day it is made: never before the decision."""
    fund = proposal.fund
    missing = [
        label
        for label, value in (
            ("de afzender", fund.letterhead_name),
            ("het bestuursorgaan", fund.deciding_body),
            ("het adres", fund.letterhead_address),
            ("de wettelijke grondslag", fund.legal_ground),
        )
        if not value.strip()
    ]
    if missing:
        raise ProposalError(
            f"Bij {fund} ontbreekt {', '.join(missing)} voor de beschikking; zonder die gegevens kan niemand "
            "bezwaar maken zoals de Awb vraagt. Vul ze in bij het fonds."
        )
    decision = getattr(proposal, "decision", None)
    today = timezone.localdate()
    if decision is not None and today < decision.date:
        raise ProposalError(
            f"Het besluit is van {format_date(decision.date)}; een beschikking wordt gedateerd op de dag dat zij wordt "
            f"opgemaakt en kan niet vóór het besluit liggen (vandaag is het {format_date(today)})."
        )


@transaction.atomic
def letter_issue(
    *,
    user,
    award: Award,
    addressee: str,
    signatory: str,
    corrects: DecisionLetter | None = None,
    reason: str = "",
) -> DecisionLetter:
    """Make the decision letter PDF once and store it; a correction is a new letter referring to the old."""
    award = Award.objects.select_for_update().select_related("proposal__fund").get(pk=award.pk)
    latest = award.letters.order_by("-version").first()
    if corrects is None and latest is not None:
        raise ProposalError(
            f"Voor {award.number} is al een beschikking verstuurd; maak een correctie die naar de vorige verwijst."
        )
    if corrects is not None:
        if latest is None or corrects.pk != latest.pk:
            raise ProposalError("Een correctie verwijst naar de laatst verstuurde beschikking.")
        if not reason.strip():
            raise ProposalError("Vermeld de reden van de correctie.")
    if not addressee.strip() or not signatory.strip():
        raise ProposalError("Vermeld de geadresseerde en de ondertekenaar.")
    _check_letter_may_be_made(award.proposal)
    letter = DecisionLetter(
        award=award,
        version=(latest.version + 1) if latest else 1,
        corrects=corrects,
        correction_reason=reason.strip(),
        addressee=addressee.strip(),
        signatory=signatory.strip(),
        issued_by=user,
        issued_at=timezone.now(),
    )
    pdf = decision_letter_pdf(letter)
    letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    letter.save()
    return letter


@transaction.atomic
def rejection_letter_issue(
    *,
    user,
    proposal: Proposal,
    reason: str,
    addressee: str,
    signatory: str,
    corrects: RejectionLetter | None = None,
    correction_reason: str = "",
) -> RejectionLetter:
    """The afwijzing of a rejected proposal, with the reason and the objection clause; made once
    and stored, a correction is a new letter referring to the old."""
    proposal = Proposal.objects.select_for_update().select_related("fund").get(pk=proposal.pk)
    decision = Decision.objects.filter(proposal=proposal).first()
    if decision is None or decision.outcome != Decision.Outcome.REJECTED:
        raise ProposalError("Een afwijzingsbeschikking hoort bij een afgewezen voorstel.")
    latest = decision.rejection_letters.order_by("-version").first()
    if corrects is None and latest is not None:
        raise ProposalError(
            "Voor dit voorstel is al een afwijzing verstuurd; maak een correctie die naar de vorige verwijst."
        )
    if corrects is not None:
        if latest is None or corrects.pk != latest.pk:
            raise ProposalError("Een correctie verwijst naar de laatst verstuurde afwijzing.")
        if not correction_reason.strip():
            raise ProposalError("Vermeld de reden van de correctie.")
    if not reason.strip():
        raise ProposalError("Vermeld de reden van de afwijzing.")
    if not addressee.strip() or not signatory.strip():
        raise ProposalError("Vermeld de geadresseerde en de ondertekenaar.")
    _check_letter_may_be_made(proposal)
    letter = RejectionLetter(
        decision=decision,
        version=(latest.version + 1) if latest else 1,
        corrects=corrects,
        correction_reason=correction_reason.strip(),
        reason=reason.strip(),
        addressee=addressee.strip(),
        signatory=signatory.strip(),
        issued_by=user,
        issued_at=timezone.now(),
    )
    pdf = rejection_letter_pdf(letter)
    letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    letter.save()
    return letter
