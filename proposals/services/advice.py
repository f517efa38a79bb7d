"""SPUK: the ambassadors' meetings and advice, and the coordinating municipality's decision."""

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.permissions import is_coordinator, is_two, user_municipality_id
from fund.models import Fund
from proposals.exceptions import (
    NotAllowed,
    ProposalError,
)
from proposals.models import (
    AmbassadorAdvice,
    AmbassadorMeeting,
    Decision,
    Proposal,
)
from proposals.services.common import S
from proposals.services.screening import transition_record


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
    transition_record(user=user, proposal=proposal, to_status=outcome, note=note)
    return Decision.objects.create(
        proposal=proposal,
        outcome=outcome,
        rule=Decision.Rule.COORDINATOR,
        decision_date=timezone.localdate(),
        note=note,
        decided_by=user,
    )
