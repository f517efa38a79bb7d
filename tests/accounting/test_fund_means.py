"""A fund's means (bank + receivable) are a running total the database keeps on every inserted
journal line (accounting.FundMeans, migration 0015), so a booking reads one row for the rule that a
fund never pays out more than it received and may still receive, and costs the same however long
the journal is: at 2,000 lines as at 200 (issue 17)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from accounting.models import Account, EntryKind, FundMeans, JournalEntry, JournalLine
from accounting.selectors.ledger import AwardRoom, YearFigures, fund_award_room, fund_year_figures
from accounting.services.awards import (
    award_make,
    commitment_release,
    payment_make,
    refund_receive,
)
from accounting.services.ledger import entry_reverse, fund_cash_position
from accounting.services.spuk import direct_expense_book
from proposals.models import Proposal
from tests.accounting.factories import funded
from tests.accounting.test_journal_limits import _award
from tests.proposals.factories import ProposalFactory

D = Decimal
POSTGRES = connection.vendor == "postgresql"


def _sum_of_lines(fund) -> Decimal:
    total = JournalLine.objects.filter(
        entry__fund=fund, account__code__in=["bank", "receivable"]
    ).aggregate(total=Sum("amount"))["total"]
    return (total or D(0)).quantize(D("0.01"))


def _grow(fund, entries: int) -> None:
    """`entries` balanced entries (receivable against income) in one bulk insert, as a load does."""
    receivable, income = (Account.objects.get(code=c) for c in ("receivable", "income"))
    made = JournalEntry.objects.bulk_create(
        JournalEntry(
            fund=fund,
            kind=EntryKind.CONTRIBUTION_CHARGED,
            booked_on=dt.date(2016, 1, 1),
            description=f"groei {n}",
        )
        for n in range(entries)
    )
    JournalLine.objects.bulk_create(
        line
        for n, entry in enumerate(made)
        for line in (
            JournalLine(entry=entry, account=receivable, amount=D("1.10") + n % 7, year=2016),
            JournalLine(entry=entry, account=income, amount=-(D("1.10") + n % 7), year=2016),
        )
    )


@pytest.mark.django_db
def test_the_running_total_is_the_sum_of_the_funds_bank_and_receivable_lines_after_every_kind_of_booking():
    fund, _ = funded(amounts={2016: D("100000")})
    award = _award(fund, "50000")
    payment = payment_make(award=award, amount=D("12345.67"), final=False, user=None)
    entry_reverse(entry=payment, user=None, reason="verkeerd bedrag")
    payment_make(award=award, amount=D("10000.01"), final=False, user=None)
    _grow(fund, 25)

    assert FundMeans.objects.get(fund=fund).amount == _sum_of_lines(fund)
    assert (
        fund_cash_position(fund) == _sum_of_lines(fund) == D("90096.49")
    )  # 100,000 - 10,000.01 + 25 grown entries of 96.50 in all


@pytest.mark.django_db
def test_what_the_fund_can_still_award_is_the_sum_of_its_yearly_figures_after_every_kind_of_booking():
    fund, _ = funded(amounts={2016: D("100000"), 2017: D("50000")})
    award = _award(fund, "50000")
    commitment_release(award=award, amount=D("5000.50"), user=None, reason="minder nodig")
    payment_make(award=award, amount=D("20000"), final=False, user=None)
    refund_receive(award=award, amount=D("1234.56"), user=None, reason="te veel betaald")
    direct_expense_book(
        fund=fund, year=2017, amount=D("3000.10"), description="coördinatie", user=None
    )
    second = _award(fund, "7000")
    entry_reverse(entry=second.journal_lines.first().entry, user=None, reason="verkeerd fonds")
    _grow(fund, 10)

    room = fund_award_room(fund)

    assert room == AwardRoom.of(sum(fund_year_figures(fund), YearFigures(year=0)))
    assert room == AwardRoom(D("150000.00"), D("44999.50"), D("1765.54"))
    assert room.remaining == D("103234.96")


def _work_of(book) -> int:
    """The journal-line rows PostgreSQL reads for one booking with its checks (run at once), or the
    steps SQLite's virtual machine takes for it. Rolled back afterwards."""
    with transaction.atomic():
        if POSTGRES:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                read = (
                    "SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) "
                    "FROM pg_stat_xact_user_tables WHERE relname = 'accounting_journalline'"
                )
                cursor.execute(read)
                before = cursor.fetchone()[0]
                book()
                cursor.execute(read)
                work = cursor.fetchone()[0] - before
        else:
            steps = []
            raw = connection.connection
            raw.set_progress_handler(lambda: steps.append(1) and 0, 10)
            try:
                book()
            finally:
                raw.set_progress_handler(None, 10)
            work = len(steps)
        transaction.set_rollback(True)
    return work


def _work_of_one_payment(fund, award) -> int:
    return _work_of(lambda: payment_make(award=award, amount=D("1.00"), final=False, user=None))


def _work_of_one_commitment(fund) -> int:
    """An award made and committed (award_make: the check that it fits in what the fund can still
    award, then the commitment), for a proposal made in the same rolled-back transaction."""

    def book():
        proposal = ProposalFactory(fund=fund, status=Proposal.Status.ADOPTED)
        award_make(
            user=None,
            proposal=proposal,
            year=2016,
            amount=D("1000.00"),
            period_start=dt.date(2016, 7, 1),
            period_end=dt.date(2016, 12, 31),
        )

    return _work_of(book)


def _work_of_one_reversal(entry) -> int:
    return _work_of(lambda: entry_reverse(entry=entry, user=None, reason="verkeerd"))


# The planner's statistics decide whether a check reads one award's lines or the whole journal, so
# each size is measured under four states of them (a test must not depend on what ANALYZE an
# earlier test on the same worker left behind): none; taken while the journal held only lines
# without an award (SQLite counts those NULLs as one value, and with a full index on the award the
# checks of a payment scanned every line); taken when the journal held only the fund's first 20
# lines and never again (PostgreSQL then planned the checks inside the triggers as scans of the
# whole table, since such a table fits in a page); and taken afresh at each size.
STATISTICS = [
    "none",
    "of a journal without awards",
    "of a journal a hundred times smaller",
    "fresh at each size",
]


def _forget_statistics() -> None:
    if POSTGRES:
        return  # cannot be cleared; see _fresh_at_each_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")  # the planner reloads the (now no) statistics


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _fresh_at_each_size(statistics: str) -> bool:
    """On PostgreSQL "none" is taken afresh at each size too: its statistics cannot be cleared, and
    autovacuum analyses a test database between tests, so "none" meant whatever the data of earlier
    tests left. Under such statistics CI once measured a payment reading 436 journal-line rows at
    200 lines and 4,036 at 2,000. That weakness (the balanced-entry check planned as a scan of the
    whole journal) is the state "of a journal a hundred times smaller" (migration 0018)."""
    return statistics == "fresh at each size" or (POSTGRES and statistics == "none")


def _journal_at_200_lines(fund, statistics: str):
    """The fund with an award of 50,000 and about 200 journal lines, statistics as named."""
    _forget_statistics()
    if statistics == "of a journal a hundred times smaller":
        _analyze()
    if statistics == "of a journal without awards":
        _grow(fund, 100)
        _analyze()
    award = _award(fund, "50000")
    if statistics != "of a journal without awards":
        _grow(fund, 100)
    if _fresh_at_each_size(statistics):
        _analyze()
    return award


def _journal_at_2000_lines(fund, statistics: str) -> None:
    _grow(fund, 900)
    if _fresh_at_each_size(statistics):
        _analyze()
    assert JournalLine.objects.filter(entry__fund=fund).count() > 2000


@pytest.mark.django_db
@pytest.mark.parametrize("statistics", STATISTICS)
def test_a_payment_reads_no_more_journal_lines_at_2000_lines_than_at_200(statistics):
    fund, _ = funded(amounts={2016: D("100000")})
    award = _journal_at_200_lines(fund, statistics)
    short = _work_of_one_payment(fund, award)
    _journal_at_2000_lines(fund, statistics)

    long = _work_of_one_payment(fund, award)

    # before the running total the fund check summed every line: ten times the lines, ten times
    # the work; now what grows is at most a level of an index (on SQLite a few steps per lookup)
    assert long <= short * 1.5, (short, long)


@pytest.mark.django_db
@pytest.mark.parametrize("statistics", STATISTICS)
def test_a_commitment_and_a_reversal_read_no_more_journal_lines_at_2000_lines_than_at_200(
    statistics,
):
    fund, _ = funded(amounts={2016: D("100000")})
    award = _journal_at_200_lines(fund, statistics)
    payment = payment_make(award=award, amount=D("100.00"), final=False, user=None)
    short = _work_of_one_commitment(fund), _work_of_one_reversal(payment)
    _journal_at_2000_lines(fund, statistics)

    long = _work_of_one_commitment(fund), _work_of_one_reversal(payment)

    # before the running totals the award room summed every line of the fund (fund_year_figures)
    for before, after in zip(short, long, strict=True):
        assert after <= before * 1.5, (short, long)
