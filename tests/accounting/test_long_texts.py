"""Issue 12 (the bad-input corpus): the accounting forms' free texts take at most 5,000 characters.
A text at the limit is accepted; one character more is refused in Dutch on the re-shown form, and
nothing is saved."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.forms import AdoptForm, IndicatorResultForm, RegionReportForm
from accounting.models import RegionReport
from core.roles import Role
from tests.accounting.factories import AwardFactory
from tests.factories import FundFactory, RegionFactory, make_user
from tests.proposals.factories import ProposalFactory

OVER = "Zorg dat deze waarde niet meer dan 5000 tekens bevat (het zijn er nu 5001)."


@pytest.fixture
def own_project(db):
    fund = FundFactory(spuk=True)
    north = RegionFactory(slug="noord", name="Noord")
    award = AwardFactory(
        proposal=ProposalFactory(
            fund=fund, filing_region=north, title="Eigen project", status="awarded"
        ),
        number="S-1",
        year=2020,
        amount=Money(Decimal("1000"), "EUR"),
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    return award.proposal, make_user("regio-noord", Role.REGION, region=north)


@pytest.mark.parametrize("field", ["results", "conditions"])
def test_a_region_report_text_of_5001_characters_is_refused_and_nothing_saved(
    own_project, client_as, field
):
    proposal, user = own_project
    client = client_as(user)
    data = {"results": "Doelen gehaald", "conditions": "Aanbesteed", field: "x" * 5001}
    response = client.post(f"/boekhouding/verslagen/{proposal.pk}/", data)
    assert response.status_code == 200
    assert OVER in response.content.decode()
    assert not RegionReport.objects.exists()

    response = client.post(
        f"/boekhouding/verslagen/{proposal.pk}/", {**data, field: "x" * 5000}, follow=True
    )
    assert "Het verantwoordingsverslag is ontvangen." in response.content.decode()
    assert len(getattr(RegionReport.objects.get(), field)) == 5000


@pytest.mark.parametrize(
    ("form", "data", "field"),
    [
        (AdoptForm, {}, "deviation_note"),
        (IndicatorResultForm, {"delivered_value": "12,00"}, "assessment"),
        (RegionReportForm, {"results": "a", "conditions": "b"}, "results"),
    ],
)
def test_the_other_texts_take_5000_characters_and_refuse_one_more(form, data, field):
    assert form({**data, field: "x" * 5000}).is_valid()
    refused = form({**data, field: "x" * 5001})
    assert not refused.is_valid()
    assert refused.errors[field] == [OVER]
