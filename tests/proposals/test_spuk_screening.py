import datetime as dt

import pytest

from core.roles import Role
from proposals.exceptions import NotAllowed, ProposalError
from proposals.models import ScreeningItem
from proposals.rules import SCREENING_CRITERIA
from proposals.services import advice as advice_services
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services
from tests.factories import RegionFactory, make_user
from tests.proposals.factories import make_proposal, spuk_fund

pytestmark = pytest.mark.django_db


def screen_all(proposal, user, verdict="met"):
    for criterion in SCREENING_CRITERIA:
        screening_services.screening_record(
            user=user,
            proposal=proposal,
            criterion=criterion,
            verdict=verdict,
            motivation="Onderbouwd in het plan.",
            assessor_name="A. de Vries" if criterion.startswith("content") else "B. Jansen",
            # seed 004 §6.4 step 5: AO members and expert-team chairs both assess
            assessor_capacity="expert_chair" if criterion.startswith("content") else "ao_member",
        )


def test_spuk_proposal_needs_filing_region():
    fund = spuk_fund()
    with pytest.raises(ProposalError, match="jeugdhulpregio"):
        make_proposal(fund, filing_region=None)


def test_incomplete_screening_blocks_with_reasons():
    fund = spuk_fund()
    user = make_user("rdam", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    proposal = make_proposal(fund, user=user)
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    screening_services.screening_record(
        user=user,
        proposal=proposal,
        criterion="content_1",
        verdict="met",
        motivation="Ja.",
        assessor_name="B. Bakker",
        assessor_capacity="ao_member",
    )
    with pytest.raises(ProposalError, match="Nog niet beoordeeld: Inhoudelijk 2"):
        screening_services.proposal_transition(user=user, proposal=proposal, to_status="screened")


def test_other_region_needs_recorded_consent():
    fund = spuk_fund()
    user = make_user("rdam", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    other = RegionFactory(name="Haaglanden", slug="haaglanden")
    proposal = make_proposal(fund, user=user, work_regions=[other])
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    screen_all(proposal, user)
    with pytest.raises(ProposalError, match="Instemming van regio Haaglanden ontbreekt"):
        screening_services.proposal_transition(user=user, proposal=proposal, to_status="screened")
    screening_services.consent_record(
        user=user,
        proposal=proposal,
        region=other,
        given_by="Regiomanager Haaglanden",
        given_on=dt.date(2020, 3, 1),
    )
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="screened")
    assert proposal.status == "screened"


def test_not_met_blocks_and_motivation_and_assessor_are_required():
    fund = spuk_fund()
    user = make_user("rdam", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    proposal = make_proposal(fund, user=user)
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    with pytest.raises(ProposalError, match="motivering"):
        screening_services.screening_record(
            user=user,
            proposal=proposal,
            criterion="lawful_1",
            verdict="met",
            motivation=" ",
            assessor_name="X",
            assessor_capacity="ao_member",
        )
    screen_all(proposal, user, verdict="not_met")
    with pytest.raises(ProposalError, match="Voldoet niet: Rechtmatig 4"):
        screening_services.proposal_transition(user=user, proposal=proposal, to_status="screened")


def test_database_refuses_screening_without_motivation():
    from django.db import IntegrityError

    fund = spuk_fund()
    user = make_user("rdam", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    proposal = make_proposal(fund, user=user)
    with pytest.raises(IntegrityError):
        ScreeningItem.objects.create(
            proposal=proposal,
            criterion="content_1",
            verdict="met",
            motivation="",
            assessor_name="X",
            assessor_capacity="ao_member",
            recorded_by=user,
        )


def test_spuk_decision_needs_advice_and_the_coordinator():
    fund = spuk_fund()
    coordinator = make_user("rdam", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    proposal = make_proposal(fund, user=coordinator)
    screening_services.proposal_transition(
        user=coordinator, proposal=proposal, to_status="submitted"
    )
    screen_all(proposal, coordinator)
    screening_services.proposal_transition(
        user=coordinator, proposal=proposal, to_status="screened"
    )
    meeting = meeting_services.meeting_create(
        user=coordinator, fund=fund, kind="ao_jeugd", date=dt.date(2020, 5, 1)
    )
    meeting_services.agenda_item_add(user=coordinator, meeting=meeting, proposal=proposal)
    # once the ambassadors have met, Rotterdam decides after their advice (seed 004 §5.3)
    held = advice_services.ambassador_meeting_record(
        user=coordinator, fund=fund, date=dt.date(2020, 4, 20), attendees="Wethouders X en Y"
    )
    with pytest.raises(ProposalError, match="advies van de bestuurlijk ambassadeurs"):
        advice_services.spuk_decide(
            user=coordinator,
            proposal=proposal,
            outcome="adopted",
            note="Past in de ontwikkelagenda.",
        )
    with pytest.raises(ProposalError, match="Kies de bijeenkomst"):
        advice_services.advice_record(
            user=coordinator,
            proposal=proposal,
            advice="positive",
            text="Positief.",
            ambassadors="Wethouders X en Y",
        )
    advice_services.advice_record(
        user=coordinator,
        proposal=proposal,
        advice="positive",
        text="Positief.",
        ambassadors="Wethouders X en Y",
        meeting=held,
    )
    two = make_user("two-spuk", Role.TWO)
    with pytest.raises(NotAllowed, match="coördinerende gemeente"):
        advice_services.spuk_decide(user=two, proposal=proposal, outcome="adopted", note="x")
    decision = advice_services.spuk_decide(
        user=coordinator, proposal=proposal, outcome="adopted", note="Past in de ontwikkelagenda."
    )
    assert decision.get_rule_display() == "Besluit coördinerende gemeente"
    proposal.refresh_from_db()
    assert proposal.status == "adopted"


def test_no_pho_vote_on_spuk():
    fund = spuk_fund()
    with pytest.raises(ProposalError, match="stemt het PHO niet"):
        meeting_services.meeting_create(
            user=None, fund=fund, kind="pho_maatschappij", date=dt.date(2020, 5, 1)
        )


def test_before_the_ambassadors_first_meet_rotterdam_decides_alone_and_says_so(client_as):
    """seed 004 H10: the ambassadors first meet on 16-7-2021; a decision before that has no advice
    and its record says that Rotterdam decided alone. A meeting still to come takes no advice."""
    fund = spuk_fund()
    coordinator = make_user(
        "rdam-alone", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    first = advice_services.ambassador_meeting_record(
        user=coordinator,
        fund=fund,
        date=dt.date.today() + dt.timedelta(days=30),
        attendees="Wethouders X en Y",
    )
    proposal = make_proposal(fund, user=coordinator)
    screening_services.proposal_transition(
        user=coordinator, proposal=proposal, to_status="submitted"
    )
    screen_all(proposal, coordinator)
    screening_services.proposal_transition(
        user=coordinator, proposal=proposal, to_status="screened"
    )
    meeting = meeting_services.meeting_create(
        user=coordinator, fund=fund, kind="ao_jeugd", date=dt.date.today()
    )
    meeting_services.agenda_item_add(user=coordinator, meeting=meeting, proposal=proposal)
    with pytest.raises(ProposalError, match="nog niet plaatsgevonden"):
        advice_services.advice_record(
            user=coordinator,
            proposal=proposal,
            advice="positive",
            text="Positief.",
            ambassadors="Wethouders X en Y",
            meeting=first,
        )
    decision = advice_services.spuk_decide(
        user=coordinator, proposal=proposal, outcome="adopted", note="Past in de agenda."
    )
    page = client_as(coordinator).get(f"/voorstellen/{proposal.pk}/").content.decode()
    expected = (
        f"Besluit van de gemeente {fund.coordinating_municipality} alleen: de bestuurlijk ambassadeurs waren nog "
        f"niet bijeengekomen (eerste bijeenkomst op {first.date:%-d-%-m-%Y}); er is geen advies. Past in de agenda."
    )
    assert decision.note == expected
    assert expected in page
