"""seed 002 §3.2: a regional-fund proposal is discussed in the AO Jeugd before the PHO Maatschappij
votes on it; the SPUK has no PHO (seed 004 §6.4: Rotterdam decides, advised by the ambassadors)."""

import datetime as dt

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.exceptions import ProposalError
from proposals.models import AgendaItem, Proposal, Transition
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services
from tests.factories import make_user
from tests.proposals.factories import regional_fund_with_municipalities, screened

pytestmark = pytest.mark.django_db

PHO_DATE = dt.date(2017, 6, 1)


@pytest.fixture
def setting():
    two = make_user("two-aopho", Role.TWO)
    fund, _ = regional_fund_with_municipalities()
    proposal = screened(fund, two)
    pho = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=PHO_DATE
    )
    return two, fund, proposal, pho


def ao(two, fund, date):
    return meeting_services.meeting_create(user=two, fund=fund, kind="ao_jeugd", date=date)


def assert_nothing_saved(proposal, pho):
    assert not AgendaItem.objects.filter(meeting=pho).exists()
    assert Proposal.objects.get(pk=proposal.pk).status == "screened"
    assert not Transition.objects.filter(proposal=proposal, to_status="on_agenda").exists()


def test_refused_without_an_ao(setting):
    two, _, proposal, pho = setting
    with pytest.raises(
        ProposalError, match="nog niet op de agenda van het AO Jeugd gestaan.*op of vóór 1-6-2017"
    ):
        meeting_services.agenda_item_add(user=two, meeting=pho, proposal=proposal)
    assert_nothing_saved(proposal, pho)


def test_refused_when_the_ao_meets_after_the_pho(setting):
    two, fund, proposal, pho = setting
    meeting_services.agenda_item_add(
        user=two, meeting=ao(two, fund, dt.date(2017, 6, 15)), proposal=proposal
    )
    with pytest.raises(
        ProposalError, match="AO Jeugd van 15-6-2017, na dit PHO Maatschappij van 1-6-2017"
    ):
        meeting_services.agenda_item_add(user=two, meeting=pho, proposal=proposal)
    assert not AgendaItem.objects.filter(meeting=pho).exists()


@pytest.mark.parametrize("ao_date", [dt.date(2017, 5, 18), PHO_DATE])
def test_allowed_after_the_ao_or_on_the_same_day(setting, ao_date):
    two, fund, proposal, pho = setting
    meeting_services.agenda_item_add(user=two, meeting=ao(two, fund, ao_date), proposal=proposal)
    item = meeting_services.agenda_item_add(user=two, meeting=pho, proposal=proposal)
    assert item.meeting == pho and item.proposal == proposal


def test_allowed_when_it_was_on_an_ao_agenda_and_taken_off_again(setting):
    two, fund, proposal, pho = setting
    meeting_services.agenda_item_add(
        user=two, meeting=ao(two, fund, dt.date(2017, 5, 18)), proposal=proposal
    )
    proposal.refresh_from_db()
    screening_services.proposal_transition(
        user=two, proposal=proposal, to_status="screened", note="Eerst nader overleg"
    )
    assert meeting_services.agenda_item_add(user=two, meeting=pho, proposal=proposal).meeting == pho


def test_meeting_page_shows_why_and_saves_nothing(setting, client_as):
    two, _, proposal, pho = setting
    response = client_as(two).post(
        reverse("proposals:meeting", args=[pho.pk]), {"reference": proposal.reference}, follow=True
    )
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Het voorstel heeft nog niet op de agenda van het AO Jeugd gestaan." in page
    assert "is geagendeerd" not in page
    assert_nothing_saved(proposal, pho)
