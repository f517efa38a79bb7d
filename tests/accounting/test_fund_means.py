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
from accounting.services.awards import payment_make
from accounting.services.ledger import entry_reverse, fund_cash_position
from tests.accounting.factories import funded
from tests.accounting.test_journal_limits import _award

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


def _work_of_one_payment(fund, award) -> int:
    """The journal-line rows PostgreSQL reads for one payment with its checks (run at once), or the
    steps SQLite's virtual machine takes for it."""
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
                payment_make(award=award, amount=D("1.00"), final=False, user=None)
                cursor.execute(read)
                work = cursor.fetchone()[0] - before
        else:
            steps = []
            raw = connection.connection
            raw.set_progress_handler(lambda: steps.append(1) and 0, 100)
            try:
                payment_make(award=award, amount=D("1.00"), final=False, user=None)
            finally:
                raw.set_progress_handler(None, 100)
            work = len(steps)
        transaction.set_rollback(True)
    return work


@pytest.mark.django_db
def test_a_payment_reads_no_more_journal_lines_at_2000_lines_than_at_200():
    fund, _ = funded(amounts={2016: D("100000")})
    award = _award(fund, "50000")
    _grow(fund, 100)
    short = _work_of_one_payment(fund, award)
    _grow(fund, 900)
    assert JournalLine.objects.filter(entry__fund=fund).count() > 2000

    long = _work_of_one_payment(fund, award)

    # before the running total the fund check summed every line: ten times the lines, ten times
    # the work; now what grows is at most a level of an index
    assert long <= short * 1.2, (short, long)
