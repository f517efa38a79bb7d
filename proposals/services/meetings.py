"""Meetings (AO and PHO Maatschappij), their agendas, the weighted vote and the decision that closes an item."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.permissions import is_portfolio_holder, user_municipality_id
from core.templatetags.nl import format_date
from fund.models import Fund
from fund.selectors import municipality_weights
from proposals.exceptions import (
    NotAllowed,
    ProposalError,
)
from proposals.models import (
    AgendaItem,
    Decision,
    Meeting,
    Proposal,
    Vote,
    VoteRecord,
)
from proposals.services.common import S
from proposals.services.screening import proposal_blockers, transition_record
from proposals.signals import meeting_planned
from proposals.voting import fund_basis, tally


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
        transition_record(
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
    closed_at = timezone.now()
    changed = AgendaItem.objects.filter(pk=item.pk, closed_at__isnull=True).update(
        closed_at=closed_at, closed_by=user
    )
    if changed != 1:
        raise ProposalError("De stemming is intussen door iemand anders gesloten.")
    for closed in (item, agenda_item):  # the caller's instance too: it shows the item closed
        closed.closed_at, closed.closed_by = closed_at, user
    outcome = Decision.Outcome.ADOPTED if result.adopted else Decision.Outcome.REJECTED
    proposal = Proposal.objects.select_for_update().get(pk=item.proposal_id)
    transition_record(
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
