import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import IntegrityError

from core.roles import Role
from proposals import selectors, services
from proposals.exceptions import NotAllowed, ProposalError
from proposals.models import Vote, VoteRecord
from tests.factories import MunicipalityFactory, make_user
from tests.proposals.factories import (
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    two = make_user("two-vote", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(
        3, weights=[Decimal(200), Decimal(100), Decimal(150)]
    )
    proposal = screened(fund, two)
    meeting = services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    return two, municipalities, item


def test_vote_changes_until_closed_and_all_are_kept(setting):
    two, (a, b, c), item = setting
    user = pho(a)
    services.vote_cast(user=user, agenda_item=item, choice="no")
    services.vote_cast(user=user, agenda_item=item, choice="yes")
    assert Vote.objects.get(agenda_item=item, municipality=a).choice == "yes"
    assert list(
        VoteRecord.objects.filter(agenda_item=item).values_list("previous_choice", "choice")
    ) == [("", "no"), ("no", "yes")]
    services.agenda_item_close(user=two, agenda_item=item)
    with pytest.raises(ProposalError, match="gesloten"):
        services.vote_cast(user=user, agenda_item=item, choice="no")


def test_two_thirds_without_consensus_adopts_with_weights(setting):
    two, (a, b, c), item = setting
    # weights 200:100:150; yes 200 vs no 100 = exactly 2/3, c abstains
    services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    services.vote_cast(user=pho(b), agenda_item=item, choice="no")
    services.vote_cast(user=pho(c), agenda_item=item, choice="abstain")
    decision = services.agenda_item_close(user=two, agenda_item=item)
    assert decision.outcome == "adopted" and decision.rule == "two_thirds"
    assert Fraction(decision.yes_weight_numerator, decision.yes_weight_denominator) == Fraction(
        2, 3
    )
    item.proposal.refresh_from_db()
    assert item.proposal.status == "adopted"
    result = selectors.vote_result(item)
    assert [r.choice_label for r in result.rows] == ["Voor", "Tegen", "Onthouding"]
    assert result.decided_rule == "two_thirds"


def test_heavier_no_rejects(setting):
    two, (a, b, c), item = setting
    services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    services.vote_cast(user=pho(c), agenda_item=item, choice="no")
    decision = services.agenda_item_close(user=two, agenda_item=item)
    assert (decision.outcome, decision.rule) == ("rejected", "rejected")
    item.proposal.refresh_from_db()
    assert item.proposal.status == "rejected"


def test_only_portfolio_holders_of_participating_municipalities_vote(setting):
    two, (a, b, c), item = setting
    with pytest.raises(NotAllowed, match="Alleen een portefeuillehouder"):
        services.vote_cast(user=two, agenda_item=item, choice="yes")
    outsider = pho(MunicipalityFactory())
    with pytest.raises(NotAllowed, match="draagt niet bij"):
        services.vote_cast(user=outsider, agenda_item=item, choice="yes")
    assert not Vote.objects.exists()


def test_database_allows_one_vote_per_municipality(setting):
    two, (a, b, c), item = setting
    user = pho(a)
    Vote.objects.create(agenda_item=item, municipality=a, choice="yes", cast_by=user)
    with pytest.raises(IntegrityError):
        Vote.objects.create(agenda_item=item, municipality=a, choice="no", cast_by=user)


def test_closing_without_votes_is_refused(setting):
    two, _, item = setting
    with pytest.raises(ProposalError, match="nog niet gestemd"):
        services.agenda_item_close(user=two, agenda_item=item)


def test_no_votes_once_taken_off_the_agenda(setting):
    two, (a, b, c), item = setting
    services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    proposal = item.proposal
    proposal.refresh_from_db()
    services.proposal_transition(
        user=two, proposal=proposal, to_status="screened", note="Eerst nader overleg"
    )
    with pytest.raises(ProposalError, match="van de agenda gehaald"):
        services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    with pytest.raises(ProposalError, match="van de agenda gehaald"):
        services.agenda_item_close(user=two, agenda_item=item)
