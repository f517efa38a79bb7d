import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from proposals import meeting_selectors as selectors
from proposals.exceptions import NotAllowed, ProposalError
from proposals.models import Decision, Proposal, Vote, VoteRecord
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services
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
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    return two, municipalities, item


def test_vote_changes_until_closed_and_all_are_kept(setting):
    two, (a, b, c), item = setting
    user = pho(a)
    meeting_services.vote_cast(user=user, agenda_item=item, choice="no")
    meeting_services.vote_cast(user=user, agenda_item=item, choice="yes")
    assert Vote.objects.get(agenda_item=item, municipality=a).choice == "yes"
    assert list(
        VoteRecord.objects.filter(agenda_item=item).values_list("previous_choice", "choice")
    ) == [("", "no"), ("no", "yes")]
    assert not item.is_closed
    meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert item.is_closed and item.closed_by == two  # the caller's instance, as stored
    item.refresh_from_db()
    assert item.is_closed and item.closed_by == two
    with pytest.raises(ProposalError, match="gesloten"):
        meeting_services.vote_cast(user=user, agenda_item=item, choice="no")


def test_two_thirds_without_consensus_adopts_with_weights(setting):
    two, (a, b, c), item = setting
    # weights 200:100:150 of 450; yes 200 + 100 = exactly two thirds of all members' weight
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(c), agenda_item=item, choice="no")
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert decision.outcome == "adopted" and decision.rule == "two_thirds"
    assert decision.yes_share == Fraction(2, 3)
    assert (decision.basis, decision.members, decision.voters, decision.turnout_share) == (
        "all_members",
        3,
        3,
        1,
    )
    item.proposal.refresh_from_db()
    assert item.proposal.status == "adopted"
    result = selectors.vote_result(item)
    assert [r.choice_label for r in result.rows] == ["Voor", "Voor", "Tegen"]
    assert result.decided_rule == "two_thirds"


def test_abstaining_and_staying_away_are_no_yes(setting):
    two, (a, b, c), item = setting
    # yes 200 of 450 is less than two thirds of all members, though it is all of the yes + no votes
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(c), agenda_item=item, choice="abstain")
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert (decision.outcome, decision.rule) == ("rejected", "rejected")
    assert decision.yes_share == Fraction(200, 450)
    assert (decision.voters, decision.members) == (2, 3)
    assert decision.turnout_share == Fraction(350, 450)


def test_one_member_voting_alone_decides_nothing(setting):
    two, (a, b, c), item = setting
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert (decision.outcome, decision.rule) == ("rejected", "rejected")


def test_the_decision_is_dated_on_the_meeting_day_and_keeps_its_basis(setting):
    two, municipalities, item = setting
    for m in municipalities:
        meeting_services.vote_cast(user=pho(m), agenda_item=item, choice="yes")
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert decision.rule == "consensus"
    assert decision.decision_date == dt.date(2017, 6, 1) == decision.date
    assert decision.decided_at.date() > dt.date(2017, 6, 1)  # closed long after, in the test


def test_a_fund_counting_votes_cast_needs_its_quorum():
    two = make_user("two-quorum", Role.TWO)
    fund, (a, b, c) = regional_fund_with_municipalities(
        3, weights=[Decimal(200), Decimal(100), Decimal(150)]
    )
    fund.vote_basis, fund.vote_quorum = "cast", Decimal("50")
    fund.save()
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, screened(fund, two), meeting)
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="yes")  # 100 of 450: no quorum
    assert not selectors.vote_result(item).tally.quorum_met
    meeting_services.vote_cast(user=pho(c), agenda_item=item, choice="yes")  # 250 of 450: quorum
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert (decision.outcome, decision.rule) == ("adopted", "consensus")
    assert (decision.basis, decision.quorum) == ("cast", Fraction(1, 2))
    assert "quorum van 50,00%" in decision.basis_label


def test_no_vote_before_the_meeting_day(client_as):
    two = make_user("two-early", Role.TWO)
    fund, (a, b, c) = regional_fund_with_municipalities(3)
    day = timezone.localdate() + dt.timedelta(days=12)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=day
    )
    item = on_pho_agenda(two, screened(fund, two), meeting)
    message = f"Er wordt gestemd in de vergadering van {day.day}-{day.month}-{day.year}; stemmen kan vanaf die dag, niet eerder"
    with pytest.raises(ProposalError, match=message):
        meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    client = client_as(pho(b))
    page = client.get(reverse("proposals:item", args=[item.pk])).content.decode()
    assert f"stemmen en sluiten kan vanaf {day.day}-{day.month}-{day.year}, niet eerder" in page
    assert "Stem uitbrengen" not in page
    response = client.post(
        reverse("proposals:item", args=[item.pk]), {"choice": "yes"}, follow=True
    )
    assert message in response.content.decode()
    assert not Vote.objects.exists() and not VoteRecord.objects.exists()


def test_no_close_before_the_meeting_date(client_as):
    two = make_user("two-early", Role.TWO)
    fund, _ = regional_fund_with_municipalities(3)
    day = timezone.localdate() + dt.timedelta(days=1)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=day
    )
    item = on_pho_agenda(two, screened(fund, two), meeting)
    message = f"De stemming hoort bij de vergadering van {day.day}-{day.month}-{day.year}; sluit haar op of na die dag, niet eerder"
    with pytest.raises(ProposalError, match=message):
        meeting_services.agenda_item_close(user=two, agenda_item=item)
    response = client_as(two).post(reverse("proposals:item_close", args=[item.pk]), follow=True)
    assert message in response.content.decode()
    item.refresh_from_db()
    assert item.closed_at is None and not Decision.objects.exists()
    assert Proposal.objects.get(pk=item.proposal_id).status == "on_agenda"


def test_heavier_no_rejects(setting):
    two, (a, b, c), item = setting
    meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    meeting_services.vote_cast(user=pho(c), agenda_item=item, choice="no")
    decision = meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert (decision.outcome, decision.rule) == ("rejected", "rejected")
    item.proposal.refresh_from_db()
    assert item.proposal.status == "rejected"


def test_only_portfolio_holders_of_participating_municipalities_vote(setting):
    two, (a, b, c), item = setting
    with pytest.raises(NotAllowed, match="Alleen een portefeuillehouder"):
        meeting_services.vote_cast(user=two, agenda_item=item, choice="yes")
    outsider = pho(MunicipalityFactory())
    with pytest.raises(NotAllowed, match="draagt niet bij"):
        meeting_services.vote_cast(user=outsider, agenda_item=item, choice="yes")
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
        meeting_services.agenda_item_close(user=two, agenda_item=item)


def test_no_votes_once_taken_off_the_agenda(setting):
    two, (a, b, c), item = setting
    meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
    proposal = item.proposal
    proposal.refresh_from_db()
    screening_services.proposal_transition(
        user=two, proposal=proposal, to_status="screened", note="Eerst nader overleg"
    )
    with pytest.raises(ProposalError, match="van de agenda gehaald"):
        meeting_services.vote_cast(user=pho(b), agenda_item=item, choice="yes")
    with pytest.raises(ProposalError, match="van de agenda gehaald"):
        meeting_services.agenda_item_close(user=two, agenda_item=item)
