"""An award's number is the fund's prefix, the year and one more than the highest number of that
year, read from the highest numbers only (not every award of the year)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounting.services.awards import award_make
from proposals.models import Award, Proposal
from tests.accounting.factories import AwardFactory, funded
from tests.proposals.factories import ProposalFactory

D = Decimal


def _make(fund) -> Award:
    return award_make(
        user=None,
        proposal=ProposalFactory(fund=fund, status=Proposal.Status.ADOPTED),
        year=2016,
        amount=D("10.00"),
        period_start=dt.date(2016, 7, 1),
        period_end=dt.date(2016, 12, 31),
    )


@pytest.mark.django_db
def test_the_first_award_of_a_year_is_number_001_and_the_next_002():
    fund, _ = funded(amounts={2016: D("100000")})

    assert _make(fund).number == "TF-2016-001"
    assert _make(fund).number == "TF-2016-002"


@pytest.mark.django_db
def test_the_number_after_999_is_1000_and_after_1000_is_1001_whatever_else_the_year_holds():
    fund, _ = funded(amounts={2016: D("100000")})
    for number in ["TF-2016-998", "TF-2016-999", "TF-2016-9x9", "TF-2017-5000", "EK-2016-4000"]:
        AwardFactory(proposal=ProposalFactory(fund=fund), number=number, year=2016)

    assert _make(fund).number == "TF-2016-1000"  # not "TF-2016-9x9" + 1, not a later year's
    assert _make(fund).number == "TF-2016-1001"  # "1000" sorts before "999" as text


@pytest.mark.django_db
def test_numbering_reads_a_few_rows_not_every_award_of_the_year():
    fund, _ = funded(amounts={2016: D("100000")})
    proposal = ProposalFactory(fund=fund)
    for n in range(1, 61):
        AwardFactory(proposal=proposal, number=f"TF-2016-{n:03d}", year=2016)

    with CaptureQueriesContext(connection) as captured:
        award = _make(fund)

    assert award.number == "TF-2016-061"
    numbering = [q["sql"] for q in captured if "LIKE" in q["sql"] and "proposals_award" in q["sql"]]
    assert len(numbering) == 1 and "LIMIT 20" in numbering[0]
