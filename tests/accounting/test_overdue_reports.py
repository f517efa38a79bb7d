"""overdue_reports (the home page's "Projectverslagen te laat") is region_report_rows' OVERDUE rows
in SQL: the same projects in the same order on every peildatum, around 1 March, an award's own
earlier due date, a project with two awards, and a report received late in the evening (Dutch time)
or just after midnight."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from djmoney.money import Money

from accounting.rules import ReportState
from accounting.selectors.monitoring import (
    overdue_reports,
    region_report_rows,
    report_deadline_of,
)
from accounting.services.monitoring import region_report_deliver
from core.roles import Role
from proposals.models import Proposal
from tests.accounting.factories import AwardFactory
from tests.factories import FundFactory, RegionFactory, make_user
from tests.proposals.factories import ProposalFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _project(fund, region, title, *awards):
    proposal = ProposalFactory(fund=fund, filing_region=region, title=title, status="awarded")
    for end, due in awards:
        AwardFactory(
            proposal=proposal,
            year=end.year,
            amount=Money(Decimal("1000"), "EUR"),
            period_start=dt.date(end.year, 1, 1),
            period_end=end,
            report_due=due,
        )
    return proposal


def _deliver(proposal, at: dt.datetime):
    region_report_deliver(
        proposal=proposal,
        results="Doelen gehaald",
        conditions="Aanbesteed",
        user=make_user(f"regio-{proposal.pk}", Role.REGION, region=proposal.filing_region),
        delivered_at=at,
    )


@pytest.fixture
def projects(db):
    fund = FundFactory(spuk=True)
    region = RegionFactory(slug="west", name="West")
    plain = _project(fund, region, "Gewoon", (dt.date(2020, 12, 31), None))
    _project(fund, region, "Vroeg te leveren", (dt.date(2021, 6, 30), dt.date(2021, 9, 1)))
    _project(
        fund, region, "Twee jaren", (dt.date(2020, 12, 31), None), (dt.date(2021, 12, 31), None)
    )
    _project(fund, region, "Loopt nog", (dt.date(2023, 12, 31), None))
    evening = _project(fund, region, "Avondlevering", (dt.date(2020, 6, 30), None))
    _deliver(evening, dt.datetime(2021, 3, 10, 23, 30, tzinfo=AMSTERDAM))
    night = _project(fund, region, "Na middernacht", (dt.date(2020, 6, 30), None))
    _deliver(night, dt.datetime(2021, 3, 11, 0, 30, tzinfo=AMSTERDAM))
    _deliver(plain, dt.datetime(2022, 1, 5, 12, 0, tzinfo=AMSTERDAM))
    # a project of another fund kind and one without a filing region never have a report
    _project(FundFactory(), region, "Regionaal fonds", (dt.date(2019, 12, 31), None))
    _project(fund, None, "Zonder regio", (dt.date(2019, 12, 31), None))
    return fund


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2021, 2, 28),
        dt.date(2021, 3, 1),
        dt.date(2021, 3, 10),
        dt.date(2021, 3, 11),
        dt.date(2021, 8, 31),
        dt.date(2021, 9, 1),
        dt.date(2022, 1, 4),
        dt.date(2022, 1, 5),
        dt.date(2022, 2, 28),
        dt.date(2022, 3, 1),
        dt.date(2025, 3, 1),
    ],
)
def test_the_same_projects_in_the_same_order_as_the_overview(projects, today):
    expected = [
        (row.proposal.title, row.deadline)
        for row in region_report_rows(today=today)
        if row.state == ReportState.OVERDUE
    ]
    found = [
        (p.title, report_deadline_of(p))
        for p in overdue_reports(among=Proposal.objects.all(), today=today)
    ]
    assert found == expected


def test_what_the_overview_says_on_a_few_days(projects):
    def titles(day):
        return [p.title for p in overdue_reports(among=Proposal.objects.all(), today=day)]

    assert titles(dt.date(2021, 2, 28)) == []
    assert titles(dt.date(2021, 3, 1)) == ["Avondlevering", "Na middernacht", "Gewoon"]
    assert titles(dt.date(2021, 3, 11)) == ["Gewoon"]  # both received by the end of 11 March
    assert titles(dt.date(2021, 9, 1)) == ["Gewoon", "Vroeg te leveren"]


def test_only_among_the_given_proposals(projects):
    among = Proposal.objects.filter(title="Gewoon")
    assert [p.title for p in overdue_reports(among=among, today=dt.date(2021, 3, 1))] == ["Gewoon"]
