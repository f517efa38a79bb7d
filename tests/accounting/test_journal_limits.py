"""No booking can pay a project more than its award, a provider more than its granted budget, or
make a fund pay out more than it received plus may still receive. The services refuse first
with a message; the database refuses a booking that bypasses them (migration 0008): on
PostgreSQL deferred constraint triggers checked at commit, on SQLite row triggers for the award
and the grant (the fund check is the service's there)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from djmoney.money import Money

from accounting.exceptions import FundOverdrawn, PaymentExceedsAward
from accounting.models import EntryKind, JournalEntry, JournalLine
from accounting.services.awards import budget_payment_make, payment_make
from accounting.services.ledger import Line, _post, award_outstanding, fund_cash_position
from accounting.services.spuk import direct_expense_book
from allocations.models import BudgetRequest
from tests.accounting.factories import AwardFactory, committed, funded
from tests.accounting.test_provider_payments import _funded_world
from tests.proposals.factories import ProposalFactory

D = Decimal
POSTGRES = connection.vendor == "postgresql"


def _award(fund, amount="100000"):
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=2016,
        amount=Money(D(amount), "EUR"),
    )
    committed(award)
    return award


def _bypass(fund, lines, kind=EntryKind.PAYMENT_ADVANCE, check=None):
    """Book balanced lines straight into the journal, past every service check. On PostgreSQL the
    named deferred trigger `check` is made to run now instead of at commit."""
    with transaction.atomic():
        _post(fund=fund, kind=kind, lines=lines, description="buiten de service om", user=None)
        if POSTGRES and check:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {check} IMMEDIATE")


@pytest.mark.django_db
def test_a_payment_beyond_the_award_is_refused_by_the_service_and_by_the_database():
    fund, _ = funded()
    award = _award(fund)
    payment_make(award=award, amount=D("70000"), final=False, user=None)
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 30\.000,00"):
        payment_make(award=award, amount=D("30000.01"), final=False, user=None)
    lines_before = JournalLine.objects.count()
    with pytest.raises(IntegrityError, match="payments and releases exceed"):
        _bypass(
            fund,
            [
                Line("commitments", D("30000.01"), 2016, award=award),
                Line("bank", D("-30000.01"), 2016, award=award),
            ],
            check="journal_payments_within_award",
        )
    assert JournalLine.objects.count() == lines_before
    _bypass(
        fund,
        [
            Line("commitments", D("30000"), 2016, award=award),
            Line("bank", D("-30000"), 2016, award=award),
        ],
        check="journal_payments_within_award",
    )  # exactly what is left still goes through
    assert award_outstanding(award) == 0


@pytest.mark.django_db
def test_a_release_of_more_than_the_award_holds_and_a_payment_without_a_commitment_are_refused_by_the_database():
    fund, _ = funded()
    award = _award(fund, "1000")
    with pytest.raises(IntegrityError, match="payments and releases exceed"):
        _bypass(
            fund,
            [
                Line("commitments", D("1000.01"), 2016, award=award),
                Line("project_costs", D("-1000.01"), 2016, award=award),
            ],
            kind=EntryKind.COMMITMENT_RELEASED,
            check="journal_payments_within_award",
        )
    never_committed = AwardFactory(proposal=ProposalFactory(fund=fund, status="awarded"), year=2016)
    with pytest.raises(IntegrityError, match="payments and releases exceed"):
        _bypass(
            fund,
            [
                Line("commitments", D("1"), 2016, award=never_committed),
                Line("bank", D("-1"), 2016, award=never_committed),
            ],
            check="journal_payments_within_award",
        )


@pytest.mark.django_db
def test_a_payment_beyond_a_providers_grant_is_refused_by_the_service_and_by_the_database():
    world = _funded_world()
    request = BudgetRequest.objects.get(provider=world.provider("aanbieder-a"))  # € 100.000 granted
    budget_payment_make(budget_request=request, amount=D("90000"), final=False, user=world.two)
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 10\.000,00"):
        budget_payment_make(
            budget_request=request, amount=D("10000.01"), final=False, user=world.two
        )
    lines_before = JournalLine.objects.count()
    with pytest.raises(IntegrityError, match="payments and releases exceed"):
        _bypass(
            world.fund,
            [
                Line("commitments", D("10000.01"), 2016, budget_request=request),
                Line("bank", D("-10000.01"), 2016, budget_request=request),
            ],
            check="journal_payments_within_grant",
        )
    assert JournalLine.objects.count() == lines_before


@pytest.mark.django_db
def test_a_payout_beyond_the_funds_means_is_refused_by_the_service_and_on_postgresql_by_the_database():
    fund, _ = funded(
        amounts={2016: D("100000")}, receive=False
    )  # € 100.000 charged, nothing received yet
    with pytest.raises(
        FundOverdrawn, match=r"€ 0,01 meer uitbetalen dan het ontvangen heeft en nog kan ontvangen"
    ):
        direct_expense_book(
            fund=fund, year=2016, amount=D("100000.01"), description="te veel", user=None
        )
    lines_before = JournalLine.objects.count()
    if (
        POSTGRES
    ):  # SQLite checks row by row and cannot wait for the whole entry: the service guards it there
        with pytest.raises(
            IntegrityError, match="would pay out 0.01 more than it received and may still receive"
        ):
            _bypass(
                fund,
                [Line("direct_costs", D("100000.01"), 2016), Line("bank", D("-100000.01"), 2016)],
                kind=EntryKind.DIRECT_EXPENSE,
                check="journal_fund_payout_within_means",
            )
    assert JournalLine.objects.count() == lines_before
    direct_expense_book(fund=fund, year=2016, amount=D("100000"), description="alles", user=None)
    assert fund_cash_position(fund) == 0


@pytest.mark.django_db(transaction=True)
def test_the_database_checks_at_commit_so_a_valid_entry_may_pass_through_an_intermediate_state():
    """On PostgreSQL the check waits for the commit: a final payment books the payment and then the
    release of the rest; a bypassing booking is refused when its transaction commits."""
    fund, _ = funded(amounts={2016: D("100000")})
    award = _award(fund, "50000")
    payment_make(
        award=award, amount=D("40000"), final=True, user=None
    )  # commits: payment + release
    assert award_outstanding(award) == 0
    entries = JournalEntry.objects.count()
    with pytest.raises(IntegrityError, match="payments and releases exceed"), transaction.atomic():
        _post(
            fund=fund,
            kind=EntryKind.PAYMENT_ADVANCE,
            user=None,
            description="buiten de service om",
            lines=[
                Line("commitments", D("1"), 2016, award=award),
                Line("bank", D("-1"), 2016, award=award),
            ],
        )
    if POSTGRES:
        with pytest.raises(IntegrityError, match="more than it received"), transaction.atomic():
            _post(
                fund=fund,
                kind=EntryKind.DIRECT_EXPENSE,
                user=None,
                description="buiten de service om",
                booked_on=dt.date(2016, 12, 31),
                lines=[
                    Line("direct_costs", D("60000.01"), 2016),
                    Line("bank", D("-60000.01"), 2016),
                ],
            )
    assert JournalEntry.objects.count() == entries
