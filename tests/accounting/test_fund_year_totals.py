"""A fund's yearly figures are running totals the database keeps per fund and year on every
inserted journal line (accounting.FundYearTotals, migration 0019), so TWO's home page and the fund
overview read a row per year instead of summing the journal (issue 17). They must always be what
the journal's lines sum to: checked here after every kind of booking, against the sums the yearly
figures were computed from before (the journal, summed per account and entry kind)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.test.utils import CaptureQueriesContext
from djmoney.money import Money

from accounting.models import EntryKind, FundYearTotals, JournalLine, SettlementGroup
from accounting.models import SettlementGroupMember as Member
from accounting.selectors.ledger import fund_year_figures, funds_year_figures
from accounting.services.awards import commitment_release, payment_make, refund_receive
from accounting.services.ledger import budget_exchange, entry_reverse
from accounting.services.settlement import settlement_confirm
from accounting.services.spuk import direct_expense_book
from core.roles import Role
from tests.accounting.factories import AwardFactory, committed, funded
from tests.accounting.test_fund_means import _grow
from tests.factories import FundFactory, TrancheFactory, make_user
from tests.migrations import migrate_to
from tests.proposals.factories import ProposalFactory

D = Decimal
K = EntryKind
pytestmark = pytest.mark.django_db

# name: (account, kinds, sign), as the yearly figures counted them from the journal
FROM_THE_JOURNAL = {
    "charged": ("income", [K.CONTRIBUTION_CHARGED], -1),
    "received": ("bank", [K.CONTRIBUTION_RECEIVED], 1),
    "exchanged": ("income", [K.BUDGET_EXCHANGE], -1),
    "committed": ("commitments", [K.AWARD_COMMITTED, K.COMMITMENT_RELEASED], -1),
    "paid": ("bank", [K.PAYMENT_ADVANCE, K.PAYMENT_FINAL], -1),
    "refunded": ("bank", [K.REFUND], 1),
    "direct": ("bank", [K.DIRECT_EXPENSE], -1),
    "settled": ("bank", [K.SETTLEMENT], -1),
}


def _summed_from_the_journal(fund) -> dict[int, dict[str, Decimal]]:
    rows = (
        JournalLine.objects.filter(entry__fund=fund)
        .values("year")
        .order_by("year")
        .annotate(
            **{
                name: Sum(
                    "amount",
                    filter=Q(account__code=account, entry__kind__in=kinds),
                    default=D(0),
                )
                for name, (account, kinds, _) in FROM_THE_JOURNAL.items()
            }
        )
    )
    return {
        row["year"]: {
            name: (sign * row[name]).quantize(D("0.01"))
            for name, (_, _, sign) in FROM_THE_JOURNAL.items()
        }
        for row in rows
    }


def _as_read(fund) -> dict[int, dict[str, Decimal]]:
    return {
        y.year: {name: getattr(y, name) for name in FROM_THE_JOURNAL}
        for y in fund_year_figures(fund)
        if JournalLine.objects.filter(entry__fund=fund, year=y.year).exists()
    }


def _award(fund, year, amount):
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=year,
        amount=Money(D(amount), "EUR"),
    )
    committed(award)
    return award


def test_the_yearly_figures_are_the_journals_sums_after_every_kind_of_booking():
    fund, municipalities = funded(amounts={2016: D("1200000"), 2017: D("3000000")})
    first = _award(fund, 2016, "600000")
    commitment_release(award=first, amount=D("5000.50"), user=None, reason="minder nodig")
    payment_make(award=first, amount=D("250000.25"), final=False, user=None)
    refund_receive(award=first, amount=D("1234.56"), user=None, reason="te veel betaald")
    second = _award(fund, 2017, "70000")
    wrong = payment_make(award=second, amount=D("12345.67"), final=False, user=None)
    entry_reverse(entry=wrong, user=None, reason="verkeerd bedrag")
    direct_expense_book(
        fund=fund, year=2017, amount=D("3000.10"), description="coördinatie", user=None
    )
    budget_exchange(fund=fund, from_year=2017, to_year=2016, amount=D("100000"), user=None)
    _grow(fund, 12)  # a bulk insert of many lines: one statement on PostgreSQL

    figures = _as_read(fund)
    assert figures == _summed_from_the_journal(fund)
    assert figures[2016]["paid"] == D("250000.25") and figures[2017]["paid"] == D("0.00")
    assert figures[2016]["committed"] == D("594999.50")
    assert figures[2016]["exchanged"] == D("100000.00") == -figures[2017]["exchanged"]
    assert FundYearTotals.objects.filter(fund=fund).count() == 2

    group = SettlementGroup.objects.create(
        fund=fund, name="Eindafrekening", settle_after=dt.date(2019, 12, 31)
    )
    for municipality in municipalities:
        Member.objects.create(group=group, municipality=municipality, from_year=2016, to_year=2019)
    payment_make(award=first, amount=D("100000"), final=True, user=None)
    payment_make(award=second, amount=D("70000"), final=True, user=None)
    settlement_confirm(
        group=group, user=make_user("two-years", Role.TWO), today=dt.date(2020, 1, 2)
    )

    figures = _as_read(fund)
    assert figures == _summed_from_the_journal(fund)
    assert sum(figures[y]["settled"] for y in figures) > 0
    total = sum(fund_year_figures(fund), fund_year_figures(fund)[0].__class__(year=0))
    assert total.unspent == 0  # the settlement paid back all the cash that was left


def test_a_fund_without_bookings_has_its_tranches_and_no_totals():
    fund, _ = funded(amounts={2016: D("1000")}, receive=False)
    other = FundFactory()
    TrancheFactory(fund=other, year=2018, amount=Money(D("500"), "EUR"))
    read = funds_year_figures([fund.pk, other.pk])
    assert [(y.year, y.tranche, y.charged, y.received) for y in read[fund.pk]] == [
        (2016, D("1000.00"), D("1000.00"), D("0.00"))
    ]
    assert [(y.year, y.tranche, y.charged) for y in read[other.pk]] == [
        (2018, D("500.00"), D("0.00"))
    ]
    assert not FundYearTotals.objects.filter(fund=other).exists()


@pytest.mark.parametrize("entries", [10, 200])
def test_reading_the_yearly_figures_costs_two_queries_at_any_journal_size(entries):
    fund, _ = funded(amounts={2016: D("1000000")})
    _grow(fund, entries)
    with CaptureQueriesContext(connection) as queries:
        [year] = fund_year_figures(fund)
    assert len(queries) == 2
    assert "accounting_journalline" not in " ".join(q["sql"] for q in queries.captured_queries)
    assert year.charged == _summed_from_the_journal(fund)[2016]["charged"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_totals_from_the_journal_and_keeps_them_after():
    fund, _ = funded(amounts={2016: D("1200000"), 2017: D("300000")})
    award = _award(fund, 2016, "600000")
    payment_make(award=award, amount=D("1000.01"), final=False, user=None)
    migrate_to([("accounting", "0018_trigger_checks_use_indexes")])  # back: no totals, no triggers
    assert "accounting_fundyeartotals" not in connection.introspection.table_names()
    payment_make(award=award, amount=D("2000.02"), final=False, user=None)  # booked meanwhile
    migrate_to()
    assert _as_read(fund) == _summed_from_the_journal(fund)
    assert _as_read(fund)[2016]["paid"] == D("3000.03")
    payment_make(award=award, amount=D("0.97"), final=False, user=None)  # the trigger is back
    assert _as_read(fund) == _summed_from_the_journal(fund)
    assert _as_read(fund)[2016]["paid"] == D("3001.00")
