"""Screening (the matrix rule and the criteria), regional consent, and the proposal's state machine."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.models import Region
from proposals import criteria, rules
from proposals.exceptions import (
    ProposalError,
    ProposalTransitionNotAllowed,
)
from proposals.models import (
    PerformanceIndicator,
    Proposal,
    RegionConsent,
    ScreeningItem,
    Transition,
)
from proposals.services.common import S


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


def transition_record(*, user, proposal: Proposal, to_status: str, note: str = "") -> Proposal:
    """Move the proposal if the table allows it and nobody moved it meanwhile; record a row. The
    services that move a proposal as part of their own step (the agenda, a decision, a letter) call
    this; proposal_transition adds the checks of the manual steps."""
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
    return transition_record(user=user, proposal=proposal, to_status=to_status, note=note)
