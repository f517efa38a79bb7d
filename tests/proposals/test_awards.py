import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from djmoney.money import Money

from accounting.exceptions import FundOverdrawn
from accounting.models import JournalEntry
from accounting.selectors.ledger import fund_award_room
from accounting.services.awards import award_make
from accounting.services.ledger import award_outstanding
from core.roles import Role
from proposals import selectors
from proposals.exceptions import ProposalError
from proposals.models import Award
from proposals.services import meetings as meeting_services
from tests.factories import make_user
from tests.proposals.factories import (
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db


def adopted_proposal(two, fund, municipalities):
    proposal = screened(fund, two)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    for m in municipalities:
        meeting_services.vote_cast(user=pho(m), agenda_item=item, choice="yes")
    meeting_services.agenda_item_close(user=two, agenda_item=item)
    proposal.refresh_from_db()
    return proposal


def award(two, proposal, amount, year=2017):
    return award_make(
        user=two,
        proposal=proposal,
        year=year,
        amount=Decimal(amount),
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )


@pytest.fixture
def two():
    return make_user("two-award", Role.TWO)


def test_award_numbers_follow_fund_and_year_and_move_proposal_to_awarded(two):
    fund, municipalities = (
        regional_fund_with_municipalities(  # 2018: an award's year is a tranche year (issue 12)
            2,
            amounts=(Decimal("1000000"), Decimal("3000000"), Decimal("2000000")),
            years=(2016, 2017, 2018),
        )
    )
    proposal = adopted_proposal(two, fund, municipalities)
    first = award(two, proposal, "100000")
    second = award(two, proposal, "50000", year=2018)
    assert (first.number, second.number) == ("TF-2017-001", "TF-2018-001")
    assert first.report_due == dt.date(2018, 3, 1)
    assert list(first.goals.values_list("description", flat=True)) == [
        "Minder jongeren in residentiële zorg"
    ]
    proposal.refresh_from_db()
    assert proposal.status == "awarded"
    assert selectors.fund_awarded_total(fund) == Decimal("150000")
    assert [a.number for a in selectors.awards_for_fund(fund)] == ["TF-2017-001", "TF-2018-001"]


def test_awards_may_exchange_years_but_not_exceed_the_fund(two):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("1000000"), Decimal("3000000")), years=(2016, 2017)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    award(two, proposal, "3500000", year=2017)  # more than the 2017 tranche: exchange between years
    with pytest.raises(FundOverdrawn, match=r"Het fonds kan nog € 500\.000,00 toekennen"):
        award(two, proposal, "500000.01", year=2017)
    award(two, proposal, "500000.00", year=2017)
    assert fund_award_room(fund).remaining == 0


def test_only_adopted_proposals_are_awarded(two):
    fund, _ = regional_fund_with_municipalities()
    proposal = screened(fund, two)
    with pytest.raises(ProposalError, match="aangenomen"):
        award(two, proposal, "1000")


def test_database_refuses_zero_award(two):
    fund, municipalities = regional_fund_with_municipalities()
    proposal = adopted_proposal(two, fund, municipalities)
    with pytest.raises(IntegrityError):
        Award.objects.create(
            proposal=proposal,
            number="TF-2017-999",
            year=2017,
            amount=Money(0, "EUR"),
            period_start=dt.date(2017, 1, 1),
            period_end=dt.date(2017, 12, 31),
        )


def test_period_outside_fund_term_is_refused(two):
    fund, municipalities = regional_fund_with_municipalities()
    proposal = adopted_proposal(two, fund, municipalities)
    with pytest.raises(ProposalError, match="looptijd"):
        award_make(
            user=two,
            proposal=proposal,
            year=2020,
            amount=Decimal(1000),
            period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2020, 12, 31),
        )


def test_an_award_that_does_not_fit_gets_the_same_message_from_the_form_and_the_service(
    two, client_as
):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("100000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    award(two, proposal, "60000")
    message = (
        "Het fonds kan nog € 40.000,00 toekennen; een toekenning van € 40.000,01 past daar niet in. "
        "Er is niets vastgelegd."
    )
    with pytest.raises(FundOverdrawn) as refused:
        award(two, proposal, "40000.01")
    assert refused.value.message == message
    page = client_as(two).post(
        reverse("accounting:award_make", args=[proposal.pk]),
        {
            "year": "2017",
            "amount": "40000,01",
            "period_start": "2017-01-01",
            "period_end": "2017-12-31",
            "advance_percent": "80",
        },
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert Award.objects.count() == 1
    assert JournalEntry.objects.filter(kind="award_committed").count() == 1
    # the form shows what the fund can still award, from the same rule
    assert (
        "€ 40.000,00"
        in page.content.decode().split('data-testid="award-room"')[1].split("</dl>")[0]
    )


def test_making_an_award_commits_it_in_the_books_at_once(two, client_as):
    fund, municipalities = regional_fund_with_municipalities(
        2, amounts=(Decimal("100000"),), years=(2017,)
    )
    proposal = adopted_proposal(two, fund, municipalities)
    made = award(two, proposal, "60000")
    [entry] = JournalEntry.objects.filter(kind="award_committed")
    assert entry.booked_on == timezone.localdate()
    assert award_outstanding(made) == Decimal("60000.00")
    overview = client_as(two).get(reverse("accounting:overview", args=[fund.slug])).content.decode()
    assert "Nog toe te kennen" in overview and "€ 40.000,00" in overview


def test_an_award_for_a_year_the_fund_has_no_tranche_for_is_refused(two):
    fund, municipalities = regional_fund_with_municipalities(years=(2017,))
    proposal = adopted_proposal(two, fund, municipalities)
    with pytest.raises(
        ProposalError,
        match="Het jaar 2018 hoort niet bij .*kies een van de jaren van het fonds: 2017",
    ):
        award(two, proposal, "1000", year=2018)
    assert not Award.objects.exists()
